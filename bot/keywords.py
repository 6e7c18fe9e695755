"""Whole-message SMS keywords (STOP, START, HELP and their equivalents in every language) and
the texts the channel answers them with. Data: ``data/sms_keywords.yml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import DATA_DIR
from bot.language.scripts import fold

KEYWORDS_FILE = DATA_DIR / "sms_keywords.yml"
KINDS = ("stop", "start", "help")
TEXTS = ("help_text", "stopped_text", "started_text", "unreadable_text")
# Twilio confirms these itself on long codes; confirming too would send the resident two messages.
TWILIO_HANDLED = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout",
                            "start", "yes", "unstop"})

_TRAILING = re.compile(r"[\s.!?¡¿。！？،؟۔]+$")


@dataclass(frozen=True)
class Keyword:
    kind: str  # "stop", "start" or "help"
    language: str
    handled_by_twilio: bool


def _key(text: str) -> str:
    return _TRAILING.sub("", fold(text.strip()))


@lru_cache(maxsize=None)
def _load(path: Path = KEYWORDS_FILE) -> Tuple[Dict[str, Tuple[str, str]], Dict[str, Dict[str, str]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["languages"]
    index: Dict[str, Tuple[str, str]] = {}
    texts: Dict[str, Dict[str, str]] = {}
    for language, entry in raw.items():
        texts[language] = {name: entry[name] for name in TEXTS}
        for kind in KINDS:
            for word in entry.get(kind) or []:
                key = _key(str(word))
                if index.setdefault(key, (kind, language)) != (kind, language):
                    raise ValueError(f"{path.name}: {word!r} is listed twice")
    return index, texts


def match(text: str) -> Optional[Keyword]:
    """The keyword a whole message is, or ``None`` ("stop the noise" is not STOP)."""
    key = _key(text or "")
    found = _load()[0].get(key)
    return Keyword(found[0], found[1], key in TWILIO_HANDLED) if found else None


def text(name: str, language: str) -> str:
    """One of the channel's own texts (``help_text``…) in a language, English if not served."""
    texts = _load()[1]
    return texts.get(language, texts["en"])[name]
