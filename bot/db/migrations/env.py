"""Alembic environment: runs migrations against the URL ``bot.db.upgrade`` passes in."""

from alembic import context
from sqlalchemy import create_engine, text

import bot.contacts  # noqa: F401 - registers the models on Base.metadata
import bot.undelivered  # noqa: F401
from bot.db import Base

url = context.config.get_main_option("sqlalchemy.url")
with create_engine(url, future=True).connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several servers may start together; the first migrates, the others wait and find it done.
            connection.execute(text("SELECT pg_advisory_xact_lock(7201)"))
        context.run_migrations()
