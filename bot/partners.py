"""Partners who embed the web chat: who they are, where their pages live, which language first.

Read from ``data/partners.yml`` (or ``CITYBOT_PARTNERS_FILE``). The origins decide which pages may
open a chat connection in a partner's name; the partner id travels with every message, so staff
can see which partner's readers came in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import DATA_DIR
from bot.language import load_catalog

PARTNERS_FILE = DATA_DIR / "partners.yml"


@dataclass(frozen=True)
class Partner:
    id: str
    display_name: str
    allowed_origins: Tuple[str, ...]
    default_language: str

    def allows(self, origin: Optional[str]) -> bool:
        return bool(origin) and origin.rstrip("/").lower() in self.allowed_origins


def partners_file() -> Path:
    return Path(os.environ.get("CITYBOT_PARTNERS_FILE") or PARTNERS_FILE)


@lru_cache(maxsize=None)
def load_partners(path: Optional[Path] = None) -> Dict[str, Partner]:
    raw = yaml.safe_load((path or partners_file()).read_text(encoding="utf-8")) or {}
    served = load_catalog().codes
    partners = {}
    for partner_id, entry in (raw.get("partners") or {}).items():
        language = entry.get("default_language", "en")
        if language not in served:
            raise ValueError(f"partner {partner_id}: default_language {language!r} is not served")
        partners[str(partner_id)] = Partner(
            id=str(partner_id),
            display_name=str(entry.get("display_name") or partner_id),
            allowed_origins=tuple(origin.rstrip("/").lower() for origin in entry.get("allowed_origins") or ()),
            default_language=language,
        )
    return partners


def find(partner_id: Optional[str]) -> Optional[Partner]:
    return load_partners().get(partner_id or "")


def all_origins() -> Tuple[str, ...]:
    return tuple(sorted({origin for partner in load_partners().values() for origin in partner.allowed_origins}))
