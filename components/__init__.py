"""Rasa NLU graph components: thin adapters that let Rasa call the domain code in ``bot/``.

Referenced from ``config.yml`` by module path. Nothing here holds logic of its own.
"""
