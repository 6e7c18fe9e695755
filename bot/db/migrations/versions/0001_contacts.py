"""Contacts: how to reach a resident on a channel, and whether they opted out.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(128), nullable=False),
        sa.Column("sender_id", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_inbound_at", sa.DateTime, nullable=True),
        sa.Column("opted_out_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("channel", "address", name="uq_contacts_channel_address"),
    )


def downgrade() -> None:
    op.drop_table("contacts")
