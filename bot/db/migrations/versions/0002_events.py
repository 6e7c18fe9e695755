"""Conversation archive: the table Rasa's SQL event broker writes every event to.

Created here rather than by Rasa so that several Rasa processes starting at once do not race to
create it (each broker runs ``create_all`` at start-up). Same columns as
``rasa.core.brokers.sql.SQLEventBroker.SQLBrokerEvent``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("data", sa.Text),
    )
    op.create_index("ix_events_sender_id", "events", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_events_sender_id", "events")
    op.drop_table("events")
