"""Rasa SDK custom actions (run with ``rasa run actions``). Thin: logic lives in ``bot/``."""
