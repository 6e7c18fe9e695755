"""How one message changes the conversation's language.

The language is detected on the first real message and then sticks: it changes only when the
resident explicitly asks for another language, or writes a message that is confidently in
another served language. Anything uncertain ("ok", "SNAP", "👍", "123") keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.language.catalog import load_catalog
from bot.language.detector import RULE_SOURCES, Detection, LanguageDetector

CHOOSE_LANGUAGE_INTENT = "choose_language"
FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class LanguageDecision:
    """``language`` is the new conversation language, or ``None`` to keep the current one."""

    language: Optional[str]
    source: str  # "explicit", "detected" or "kept"
    confidence: float
    offer_menu: bool = False  # written in a script of a language we do not serve


def decide(text: str, intent: Optional[str], detector: LanguageDetector) -> LanguageDecision:
    """Decide the conversation language after one message whose intent is already known.

    A language *name* only counts when the resident is asking to change language: "the Chinese
    New Year parade" must not switch anyone to Chinese.
    """
    if intent == CHOOSE_LANGUAGE_INTENT:
        # "español" picks Spanish; "idioma" or "language" asks for the menu and changes nothing yet.
        named = load_catalog().named_in(text)
        if named:
            return LanguageDecision(named, "explicit", 1.0)
        return LanguageDecision(None, "kept", 1.0)
    detection: Detection = detector.detect(text)
    if detection.unsupported:
        return LanguageDecision(None, "kept", detection.confidence, offer_menu=True)
    if detection.language and (intent != FALLBACK_INTENT or detection.source in RULE_SOURCES):
        # Statistics alone find a "language" in gibberish too; a message nobody understood
        # changes the language only on firmer evidence (script, known text, known words).
        return LanguageDecision(detection.language, "detected", detection.confidence)
    return LanguageDecision(None, "kept", detection.confidence)


def session_language(requested: Optional[str], chosen_before: Optional[str]) -> Optional[str]:
    """The language a new session starts in: the resident's earlier choice wins over the
    language a partner page asks for; an unknown requested code is ignored."""
    if chosen_before:
        return chosen_before
    if requested and requested in load_catalog().codes:
        return requested
    return None
