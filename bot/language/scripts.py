"""Writing-system analysis of a message.

Statistical detectors are weakest exactly where the script alone already answers: a text in
Hangul is Korean, a text in Bengali script is Bengali. Counting letters per script first makes
those cases certain, catches scripts of languages we do not serve (Hebrew-script Yiddish,
Devanagari, Thai…), and tells us when a message has no letters at all (emoji, digits, "?").
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Dict, Optional

# (first, last, script) — code-point ranges of the scripts residents actually use.
_RANGES = (
    (0x0041, 0x024F, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0DFF, "Indic"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"),
    (0x3040, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xF900, 0xFAFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0x20000, 0x2FA1F, "Han"),
)

# Letters that occur in Urdu but not in Arabic, and the reverse. Both write in Arabic script,
# so these are the cheapest reliable cue between the two.
URDU_LETTERS = frozenset("ٹڈڑںےۓھہۃگچپژکی")
ARABIC_LETTERS = frozenset("ةيكىأإؤ")


def script_of(char: str) -> Optional[str]:
    """Return the script of one letter, or ``None`` for anything that is not a letter."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    code = ord(char)
    for first, last, script in _RANGES:
        if first <= code <= last:
            return script
    return "Other"


def script_counts(text: str) -> Dict[str, int]:
    """Count letters per script. Han characters and Hangul syllables count double: each is about a word."""
    counts: Counter = Counter()
    for char in text:
        script = script_of(char)
        if script is None or unicodedata.category(char).startswith("M") and script == "Latin":
            continue
        counts[script] += 2 if script in ("Han", "Hangul") else 1
    return dict(counts)


def urdu_arabic_cues(text: str) -> tuple:
    """Return (Urdu-only letters, Arabic-only letters) found in the text."""
    urdu = sum(1 for char in text if char in URDU_LETTERS)
    arabic = sum(1 for char in text if char in ARABIC_LETTERS)
    return urdu, arabic


def fold(text: str) -> str:
    """Lower-case and strip Latin accents, keeping every other script intact.

    Residents on basic phones often cannot type accents ("informacion", "dziekuje"). Only
    combining marks on Latin letters are removed: in Bengali or Hindi the vowel signs are
    combining marks too, and removing them would destroy the word.
    """
    out = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(char) == "Mn" and out and script_of(out[-1]) == "Latin":
            continue
        out.append(char)
    folded = unicodedata.normalize("NFC", "".join(out))
    return folded.replace("ł", "l").replace("ß", "ss")
