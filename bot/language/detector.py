"""Language identification of one resident message.

Residents write short, misspelled, mixed-language texts. Layers, cheapest and surest first:

1. no letters (emoji, digits, "?") → unknown;
2. the writing system: Hangul → ko, Bengali → bn, Han → zh, Cyrillic → ru, Arabic script → ar
   or ur by the letters only one of them uses; scripts of languages we do not serve (Hebrew,
   Devanagari, Kana, Thai…) → *unsupported*, so the caller can offer the language menu;
3. Latin script: a short text known from our own NLU examples ("hola", "mesi") → that language;
   then words that only one Latin-script language uses ("mwen", "necesito"; ``data/language_words.yml``),
   English loan words counting half, so "necesito ayuda with my EBT card" stays Spanish;
4. a statistical backend, restricted to the candidates the script allows.

A result below ``threshold`` is reported as unknown: the caller keeps the conversation's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from bot.language import lexicon
from bot.language.backends import BACKENDS, Backend
from bot.language.catalog import load_catalog
from bot.language.scripts import script_counts, urdu_arabic_cues

DEFAULT_BACKEND = "py3langid"
DEFAULT_THRESHOLD = 0.7
MAX_CHARS = 1000  # a language is clear long before this; keeps detection cheap on huge texts

SERVED_SCRIPT = {"Hangul": "ko", "Bengali": "bn", "Han": "zh", "Cyrillic": "ru"}
LATIN_LANGUAGES = ("en", "es", "fr", "ht", "pl")
UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
RULE_SOURCES = ("script", "lexicon", "words")  # decided without statistics

# Web addresses, e-mail, @handles and upper-case program names (SNAP, EBT, IDNYC) say nothing
# about the writer's language; removing them stops "mi tarjeta EBT" from looking English.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|@\w+|\b[A-Z]{2,6}\b")


@dataclass(frozen=True)
class Detection:
    """What the detector concluded about one text.

    ``language`` is a served language code or ``None``; ``unsupported`` names the script of a
    language we do not serve; ``source`` says which layer decided (for tests and debugging).
    """

    language: Optional[str]
    confidence: float
    source: str
    unsupported: Optional[str] = None


class LanguageDetector:
    """Script rules and a short-text lexicon in front of one statistical backend."""

    def __init__(
        self,
        backend: Optional[Backend] = None,
        threshold: float = DEFAULT_THRESHOLD,
        use_rules: bool = True,
    ) -> None:
        self.backend = backend or BACKENDS[DEFAULT_BACKEND]()
        self.threshold = threshold
        self.use_rules = use_rules
        self.served = load_catalog().codes

    def detect(self, text: str) -> Detection:
        text = (text or "")[:MAX_CHARS]
        if not self.use_rules:
            return self._statistical(text, self.served)
        cleaned = _NOISE.sub(" ", text)
        counts = script_counts(cleaned)
        letters = sum(counts.values())
        script, count = max(counts.items(), key=lambda item: item[1]) if counts else (None, 0)
        if letters < 2 and script not in ("Han", "Hangul"):
            return Detection(None, 0.0, "no-letters")
        if script == "Latin" and letters - count >= letters / 4:
            # A few non-Latin letters among English program names still name the writer's script.
            script = max((s for s in counts if s != "Latin"), key=counts.get)
        if "Kana" in counts:
            return Detection(None, 1.0, "script", unsupported="Kana")
        if script == "Latin":
            return self._latin(cleaned)
        if script == "Cyrillic" and any(char in UKRAINIAN_LETTERS for char in cleaned):
            return Detection(None, 1.0, "script", unsupported="Ukrainian")
        if script in SERVED_SCRIPT:
            return Detection(SERVED_SCRIPT[script], 1.0, "script")
        if script == "Arabic":
            urdu, arabic = urdu_arabic_cues(cleaned)
            if urdu != arabic:
                return Detection("ur" if urdu > arabic else "ar", 1.0, "script")
            return self._statistical(cleaned, ("ar", "ur"))
        return Detection(None, 1.0, "script", unsupported=script)

    def _latin(self, text: str) -> Detection:
        """Latin script: a known short text, then distinctive words, then statistics."""
        known = lexicon.lookup(text)
        if known in self.served:
            return Detection(known, 1.0, "lexicon")
        statistical = self._statistical(text, LATIN_LANGUAGES)
        votes = lexicon.word_votes(text)
        scores = lexicon.weighted(votes)
        if not scores:
            return statistical
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        top, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if best <= runner_up:
            return statistical
        if top == statistical.language:
            return Detection(top, statistical.confidence, "words")  # words and statistics agree
        # Words of one language outvote the statistics when there are two of them, or when
        # they are the only evidence of any language in the text.
        if votes[top] >= 2 or len(votes) == 1:
            return Detection(top, best / (best + runner_up), "words")
        return statistical

    def _statistical(self, text: str, candidates: Sequence[str]) -> Detection:
        language, confidence = self.backend.guess(text, candidates)
        if language is None or confidence < self.threshold:
            return Detection(None, confidence, "low-confidence")
        return Detection(language, confidence, self.backend.name)
