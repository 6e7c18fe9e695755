"""Residents' channel addresses, behind pseudonymous conversation ids, and their opt-outs.

A phone number must never become a conversation id: ids appear in API URLs, logs and exports.
The first message from an address creates a contact with a random ``sender_id`` ("sms-3f9a…");
Rasa only ever sees that id. The address stays here, because replies (including a case
manager's, days later) must reach it. Opt-outs live here too, so every outbound message can be
checked in one place.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import Column, DateTime, Integer, String, UniqueConstraint, select

from bot import db


class Contact(db.Base):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_contacts_channel_address"),)

    id = Column(Integer, primary_key=True)
    channel = Column(String(16), nullable=False)
    address = Column(String(128), nullable=False)
    sender_id = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False)
    last_inbound_at = Column(DateTime)
    opted_out_at = Column(DateTime)


@dataclass(frozen=True)
class ContactInfo:
    channel: str
    address: str
    sender_id: str
    last_inbound_at: Optional[dt.datetime]
    opted_out: bool


def _info(contact: Contact) -> ContactInfo:
    return ContactInfo(contact.channel, contact.address, contact.sender_id, contact.last_inbound_at,
                       contact.opted_out_at is not None)


def mask(address: str) -> str:
    """An address fit for logs: "+1******0100", "whatsapp:+1******0100"."""
    prefix, _, number = address.rpartition(":")
    visible = number[:2] + "*" * max(len(number) - 6, 0) + number[-4:] if len(number) > 6 else "*" * len(number)
    return f"{prefix}:{visible}" if prefix else visible


def record_inbound(channel: str, address: str) -> ContactInfo:
    """The contact for an incoming message, created on first contact; notes when they last wrote."""
    with db.session() as session:
        contact = session.execute(
            select(Contact).where(Contact.channel == channel, Contact.address == address)
        ).scalar_one_or_none()
        if contact is None:
            contact = Contact(channel=channel, address=address, sender_id=f"{channel}-{uuid.uuid4().hex[:20]}",
                              created_at=db.utcnow())
            session.add(contact)
        contact.last_inbound_at = db.utcnow()
        session.flush()
        return _info(contact)


def by_sender(sender_id: str) -> Optional[ContactInfo]:
    with db.session() as session:
        contact = session.execute(select(Contact).where(Contact.sender_id == sender_id)).scalar_one_or_none()
        return _info(contact) if contact else None


def by_address(channel: str, address: str) -> Optional[ContactInfo]:
    with db.session() as session:
        contact = session.execute(
            select(Contact).where(Contact.channel == channel, Contact.address == address)
        ).scalar_one_or_none()
        return _info(contact) if contact else None


def set_opted_out(channel: str, address: str, opted_out: bool) -> None:
    """Record STOP (``True``) or START (``False``) for an address, creating the contact if needed."""
    record_inbound(channel, address)
    with db.session() as session:
        contact = session.execute(
            select(Contact).where(Contact.channel == channel, Contact.address == address)
        ).scalar_one()
        contact.opted_out_at = db.utcnow() if opted_out else None
