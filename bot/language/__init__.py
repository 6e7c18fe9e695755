"""Language identification and the conversation-language policy.

``detect(text)`` identifies one message; ``decide(text, intent)`` says whether it changes the
conversation's language. The statistical backend is chosen by ``CITYBOT_LANGID_BACKEND``
(default in ``detector.DEFAULT_BACKEND``, picked by ``bench/langid.py``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Optional

from bot.language import conversation
from bot.language.backends import BACKENDS
from bot.language.catalog import Catalog, Language, load_catalog
from bot.language.conversation import LanguageDecision
from bot.language.detector import DEFAULT_BACKEND, Detection, LanguageDetector

__all__ = [
    "Catalog",
    "Detection",
    "Language",
    "LanguageDecision",
    "LanguageDetector",
    "decide",
    "detect",
    "get_detector",
    "load_catalog",
]


@lru_cache(maxsize=None)
def get_detector() -> LanguageDetector:
    """The process-wide detector, built once (loading a model takes tens of milliseconds)."""
    backend = os.environ.get("CITYBOT_LANGID_BACKEND", DEFAULT_BACKEND)
    if backend not in BACKENDS:
        raise ValueError(f"CITYBOT_LANGID_BACKEND={backend!r}; choose one of {sorted(BACKENDS)}")
    return LanguageDetector(BACKENDS[backend]())


def detect(text: str) -> Detection:
    """Identify the language of one message with the process-wide detector."""
    return get_detector().detect(text)


def decide(text: str, intent: Optional[str] = None) -> LanguageDecision:
    """Decide whether one message changes the conversation language."""
    return conversation.decide(text, intent, get_detector())
