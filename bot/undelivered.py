"""Messages that could not go out, kept for staff instead of being lost.

A WhatsApp reply more than 24 hours after the resident's last message cannot be free text (it
needs an approved template), and a provider can refuse a message. Each such message is recorded
here with the reason, for a template send or a follow-up by staff. Opt-outs are not recorded:
not writing to someone who said STOP is the intended outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List

from sqlalchemy import Column, DateTime, Integer, String, Text, select

from bot import db

WINDOW_CLOSED = "whatsapp_window_closed"
PROVIDER_REFUSED = "provider_refused"


class UndeliveredMessage(db.Base):
    __tablename__ = "undelivered_messages"

    id = Column(Integer, primary_key=True)
    channel = Column(String(16), nullable=False)
    sender_id = Column(String(64), nullable=False, index=True)
    reason = Column(String(32), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)
    resolved_at = Column(DateTime)


@dataclass(frozen=True)
class Undelivered:
    id: int
    channel: str
    sender_id: str
    reason: str
    text: str
    created_at: dt.datetime


def record(channel: str, sender_id: str, reason: str, text: str) -> None:
    with db.session() as session:
        session.add(UndeliveredMessage(channel=channel, sender_id=sender_id, reason=reason, text=text,
                                       created_at=db.utcnow()))


def pending() -> List[Undelivered]:
    """Unresolved messages, oldest first."""
    with db.session() as session:
        rows = session.execute(select(UndeliveredMessage).where(UndeliveredMessage.resolved_at.is_(None))
                               .order_by(UndeliveredMessage.id)).scalars()
        return [Undelivered(r.id, r.channel, r.sender_id, r.reason, r.text, r.created_at) for r in rows]
