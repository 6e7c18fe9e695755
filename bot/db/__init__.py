"""The project's own database: SQLite by default, PostgreSQL in production.

``CITYBOT_DATABASE_URL`` chooses it (an SQLAlchemy URL). The schema is owned by Alembic
migrations in ``migrations/``; ``python -m bot.db upgrade`` (run by ``bot.runtime`` before the
servers start) brings any database to the latest version.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot import PROJECT_ROOT

Base = declarative_base()
MIGRATIONS = Path(__file__).parent / "migrations"


def utcnow() -> dt.datetime:
    """The current time as every ``DateTime`` column here stores it: UTC, without a zone
    (SQLite keeps no zone, and one convention keeps the two databases comparable)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def database_url() -> str:
    return os.environ.get("CITYBOT_DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'citybot.db'}"


@lru_cache(maxsize=None)
def engine(url: Optional[str] = None) -> Engine:
    """One engine per URL and process (it pools connections)."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


@contextmanager
def session(url: Optional[str] = None) -> Iterator[Session]:
    """A transaction: committed when the block ends normally, rolled back otherwise."""
    with sessionmaker(engine(url), future=True, expire_on_commit=False).begin() as transaction:
        yield transaction


_UPGRADING = threading.Lock()  # Alembic's `context` is process-global: one upgrade at a time


def upgrade(url: Optional[str] = None) -> None:
    """Apply every pending migration. Safe to call from several processes at once: on PostgreSQL
    the migration environment holds an advisory lock (see migrations/env.py)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    with _UPGRADING:
        command.upgrade(config, "head")
