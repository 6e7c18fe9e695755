"""Undelivered messages, kept for staff (WhatsApp's closed 24-hour window, provider refusals).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "undelivered_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("sender_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("resolved_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_undelivered_messages_sender_id", "undelivered_messages", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_undelivered_messages_sender_id", "undelivered_messages")
    op.drop_table("undelivered_messages")
