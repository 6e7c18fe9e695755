"""Short texts whose language is known from the project's own NLU examples.

Statistics cannot judge a one-word text ("hola", "mesi", "dziekuje"), but our training data
already says which language each short greeting, thanks, yes or no belongs to. A text that
appears in exactly one language's examples is settled by that; a text that appears in several
("ok", "no") stays unknown, which keeps the conversation's language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Optional, Set, Tuple

import yaml

from bot import DATA_DIR
from bot.language.scripts import fold

NLU_DIR = DATA_DIR / "nlu"
MAX_WORDS = 3

_PUNCTUATION = re.compile(r"[^\w\s'-]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold case and accents, drop punctuation and collapse spaces."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def examples_by_language(nlu_dir: Path = NLU_DIR) -> Iterable[Tuple[str, str]]:
    """Yield ``(language, example)`` for every NLU example whose block names its language."""
    for path in sorted(nlu_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu", []):
            language = (block.get("metadata") or {}).get("language")
            if not language or "examples" not in block:
                continue
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield language, line[2:]


@lru_cache(maxsize=None)
def short_text_lexicon(nlu_dir: Path = NLU_DIR) -> Dict[str, str]:
    """Map each short normalised example to its language, keeping only unambiguous ones."""
    seen: Dict[str, Set[str]] = defaultdict(set)
    for language, example in examples_by_language(nlu_dir):
        key = normalise(example)
        if key and len(key.split()) <= MAX_WORDS:
            seen[key].add(language)
    return {key: next(iter(langs)) for key, langs in seen.items() if len(langs) == 1}


def lookup(text: str, nlu_dir: Path = NLU_DIR) -> Optional[str]:
    """Return the language of a short text known from the examples, or ``None``."""
    return short_text_lexicon(nlu_dir).get(normalise(text))


WORDS_FILE = DATA_DIR / "language_words.yml"
# NYC residents mix English words into their own language far more often than the reverse, so an
# English word counts half when it competes with words of another language.
ENGLISH_WEIGHT = 0.5


@lru_cache(maxsize=None)
def distinctive_words(path: Path = WORDS_FILE) -> Dict[str, str]:
    """Map each listed word (folded) to its one language; a word listed twice is an error."""
    index: Dict[str, str] = {}
    for language, words in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
        for word in words:
            key = normalise(str(word))
            if key in index and index[key] != language:
                raise ValueError(f"{path.name}: {key!r} is listed under {index[key]} and {language}")
            index[key] = language
    return index


def word_votes(text: str, path: Path = WORDS_FILE) -> Dict[str, int]:
    """Count, per language, the words of the text that only that language uses."""
    index = distinctive_words(path)
    votes: Dict[str, int] = defaultdict(int)
    for word in normalise(text).replace("'", " ").split():
        if word in index:
            votes[index[word]] += 1
    return dict(votes)


def weighted(votes: Dict[str, int]) -> Dict[str, float]:
    return {lang: count * (ENGLISH_WEIGHT if lang == "en" else 1.0) for lang, count in votes.items()}
