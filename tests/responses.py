"""Expected bot texts, read from the domain so tests follow the curated content."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List

import yaml

from bot import PROJECT_ROOT


@lru_cache(maxsize=None)
def domain_parts() -> List[Dict]:
    """Every file of ``domain/``, parsed."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((PROJECT_ROOT / "domain").glob("*.yml"))]


def domain_responses() -> Dict[str, List[Dict]]:
    """Every response of the domain with its variations, as written."""
    return {name: variations for part in domain_parts() for name, variations in (part.get("responses") or {}).items()}


@lru_cache(maxsize=None)
def _responses() -> Dict[str, Dict[str, str]]:
    return {name: {v["condition"][0]["value"]: v["text"] for v in variations}
            for name, variations in domain_responses().items()}


def text(name: str, language: str) -> str:
    return _responses()[name][language]


def which(reply: str) -> set:
    """The (response, language) pairs whose text the reply contains."""
    return {(name, lang) for name, by_lang in _responses().items() for lang, t in by_lang.items() if t in reply}
