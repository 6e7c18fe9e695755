"""Rasa input channels. Each adapter turns a wire request into a ``UserMessage`` and back."""
