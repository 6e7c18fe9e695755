"""Expected bot texts, read from the domain so tests follow the curated content."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict

import yaml

from bot import PROJECT_ROOT


@lru_cache(maxsize=None)
def _responses() -> Dict[str, Dict[str, str]]:
    raw = {}
    for path in sorted((PROJECT_ROOT / "domain").glob("*.yml")):
        raw.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return {name: {v["condition"][0]["value"]: v["text"] for v in variations} for name, variations in raw.items()}


def text(name: str, language: str) -> str:
    return _responses()[name][language]


def which(reply: str) -> set:
    """The (response, language) pairs whose text the reply contains."""
    return {(name, lang) for name, by_lang in _responses().items() for lang, t in by_lang.items() if t in reply}
