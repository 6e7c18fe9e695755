"""The languages the assistant serves, read from ``data/languages.yml``.

Adding a language is a data change: an entry in that file, its responses and its NLU examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import DATA_DIR
from bot.language.scripts import fold

LANGUAGES_FILE = DATA_DIR / "languages.yml"


@dataclass(frozen=True)
class Language:
    """One served language: its code, its own name for menus, and the words that name it."""

    code: str
    name: str
    english_name: str
    direction: str
    aliases: Tuple[str, ...]

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


@dataclass(frozen=True)
class Catalog:
    """All served languages, in menu order."""

    languages: Tuple[Language, ...]

    @property
    def codes(self) -> Tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def get(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def named_in(self, text: str) -> Optional[str]:
        """Return the language a text explicitly names ("español", "in Chinese", "po polsku").

        The longest alias wins, so "po polsku" beats a shorter alias inside it. Latin aliases
        must match whole words; aliases in other scripts match as substrings because Chinese
        and Korean attach particles to the name ("说中文", "영어로").
        """
        folded = fold(text)
        best: Optional[Tuple[int, str]] = None
        for alias, code in _alias_index(self).items():
            if _contains(folded, alias) and (best is None or len(alias) > best[0]):
                best = (len(alias), code)
        return best[1] if best else None


def _contains(folded_text: str, alias: str) -> bool:
    if alias.isascii():
        return re.search(rf"(?<![\w]){re.escape(alias)}(?![\w])", folded_text) is not None
    return alias in folded_text


@lru_cache(maxsize=None)
def _alias_index(catalog: Catalog) -> Dict[str, str]:
    index: Dict[str, str] = {}
    for language in catalog.languages:
        for alias in (language.name, language.english_name, *language.aliases):
            index[fold(alias)] = language.code
    return index


@lru_cache(maxsize=None)
def load_catalog(path: Path = LANGUAGES_FILE) -> Catalog:
    """Read the language list once per process."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Catalog(
        tuple(
            Language(
                code=entry["code"],
                name=entry["name"],
                english_name=entry["english_name"],
                direction=entry.get("direction", "ltr"),
                aliases=tuple(str(alias) for alias in entry.get("aliases", ())),
            )
            for entry in raw["languages"]
        )
    )
