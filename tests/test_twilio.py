"""SMS and WhatsApp through the Twilio channel: real signed HTTP requests to the running server,
replies caught by the fake Twilio REST API."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
import requests
from sqlalchemy import update
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot import contacts, db, sms, undelivered
from tests.conftest import PUBLIC_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_NUMBER
from tests.fakes import wait_until
from tests.responses import text

_sids = itertools.count(1)


def new_number() -> str:
    return f"+1718{random.randint(2000000, 9999999)}"


class Phone:
    """A resident's phone texting the assistant through Twilio."""

    def __init__(self, assistant, twilio, channel: str = "sms", address: str = "") -> None:
        self.assistant, self.twilio, self.channel = assistant, twilio, channel
        number = address or new_number()
        self.address = f"whatsapp:{number}" if channel == "whatsapp" and not number.startswith("whatsapp:") else number

    @property
    def path(self) -> str:
        return f"/webhooks/{self.channel}/webhook"

    def form(self, body: str, **extra: str) -> dict:
        return {"MessageSid": f"SM{next(_sids):032x}", "AccountSid": TWILIO_ACCOUNT_SID, "From": self.address,
                "To": TWILIO_SMS_NUMBER, "Body": body, "NumMedia": "0", **extra}

    def post(self, form: dict, signature: str | None = None) -> requests.Response:
        if signature is None:
            signature = RequestValidator(TWILIO_AUTH_TOKEN).compute_signature(PUBLIC_URL + self.path, form)
        headers = {"X-Twilio-Signature": signature} if signature else {}
        return requests.post(self.assistant.url + self.path, data=form, headers=headers, timeout=10)

    def text(self, body: str, replies: int = 1, **extra: str) -> list:
        """Send a signed message and wait for this many more messages; return the new ones."""
        before = len(self.twilio.sent_to(self.address))
        reply = self.post(self.form(body, **extra))
        assert reply.status_code == 200 and "<Response>" in reply.text
        return self.twilio.wait_for(self.address, before + replies)[before:]

    def sends_back(self, body: str, reply: str, **extra: str) -> bool:
        """Send a message; True when the answer is ``reply``, as the SMS parts it is split into."""
        expected = sms.split(reply)
        return self.text(body, replies=len(expected), **extra) == expected

    def says(self, body: str, response: str, language: str, **extra: str) -> bool:
        """Send a message; True when the answer is that curated response."""
        return self.sends_back(body, text(response, language), **extra)

    def silence(self, seconds: float = 3.0) -> list:
        """What arrives within a few seconds when nothing should."""
        before = len(self.twilio.sent_to(self.address))
        return wait_until(lambda: self.twilio.sent_to(self.address)[before:], lambda new: bool(new), seconds)

    def contact(self):
        return contacts.by_address(self.channel, self.address)


@pytest.fixture
def phone(assistant, twilio) -> Phone:
    return Phone(assistant, twilio)


def test_signed_message_is_answered_by_sms(phone: Phone, twilio):
    assert phone.says("hola", "utter_greet", "es")
    sent = [m for m in twilio.messages if m["To"] == phone.address][0]
    assert sent["From"] == TWILIO_SMS_NUMBER


def test_conversation_id_is_not_the_phone_number(phone: Phone, assistant):
    phone.says("hello", "utter_greet", "en")
    sender_id = phone.contact().sender_id
    assert sender_id.startswith("sms-") and phone.address[2:] not in sender_id
    tracker = requests.get(f"{assistant.url}/conversations/{sender_id}/tracker", params={"token": assistant.token},
                           timeout=10).json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hello"]


@pytest.mark.parametrize("tamper", ["forged", "altered body", "unsigned", "other url"])
def test_unauthentic_webhooks_are_refused_and_nothing_is_stored(phone: Phone, tamper: str):
    form = phone.form("hola")
    validator = RequestValidator(TWILIO_AUTH_TOKEN)
    signature = {
        "forged": RequestValidator("not-the-token").compute_signature(PUBLIC_URL + phone.path, form),
        "altered body": validator.compute_signature(PUBLIC_URL + phone.path, {**form, "Body": "hi"}),
        "unsigned": "",
        "other url": validator.compute_signature("https://evil.example.com" + phone.path, form),
    }[tamper]
    reply = phone.post(form, signature=signature)
    assert reply.status_code == 403
    assert phone.contact() is None
    assert phone.silence(2) == []


def test_redelivered_message_sid_is_handled_once(phone: Phone, assistant):
    form = phone.form("bonjour")
    assert phone.post(form).status_code == 200
    assert phone.post(form).status_code == 200
    expected = sms.split(text("utter_greet", "fr"))
    assert phone.twilio.wait_for(phone.address, len(expected)) == expected
    assert phone.silence(3) == []
    tracker = requests.get(f"{assistant.url}/conversations/{phone.contact().sender_id}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["bonjour"]


def test_long_replies_are_split_within_the_segment_limit(phone: Phone):
    phone.says("bonjour", "utter_greet", "fr")
    expected = text("utter_capabilities", "fr")
    parts = sms.split(expected)
    assert len(parts) > 1
    received = phone.text("que pouvez-vous faire", replies=len(parts))
    assert received == parts
    assert all(sms.segments(part) <= sms.DEFAULT_MAX_SEGMENTS and len(part) <= 1600 for part in received)
    assert " ".join(received).split() == expected.split()


def test_buttons_become_a_numbered_list_and_numbers_choose(phone: Phone):
    phone.says("hello", "utter_greet", "en")
    [menu] = phone.text("language")
    assert menu.startswith(text("utter_language_menu", "en"))
    assert "1. English" in menu and "2. Español" in menu and "11. Polski" in menu
    assert "/choose_language" not in menu and "payload" not in menu
    assert phone.says("2", "utter_language_set", "es")


def test_typed_intent_is_text_not_a_command(phone: Phone, assistant):
    phone.says("hola", "utter_greet", "es")
    phone.text("/restart")
    tracker = requests.get(f"{assistant.url}/conversations/{phone.contact().sender_id}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    assert not any(e["event"] == "restart" for e in tracker["events"])
    assert tracker["slots"]["language"] == "es"


def test_stop_silences_the_bot_and_start_resumes(phone: Phone):
    phone.says("hello", "utter_greet", "en")
    phone.post(phone.form("STOP"))
    assert phone.silence(2) == []  # Twilio itself confirms STOP; the bot says nothing
    assert wait_until(lambda: phone.contact().opted_out, bool, 5)
    phone.post(phone.form("hello again"))
    assert phone.silence(3) == []
    phone.post(phone.form("START"))
    assert wait_until(lambda: not phone.contact().opted_out, bool, 5)
    assert phone.says("hola", "utter_greet", "es")


@pytest.mark.parametrize("stop, start, language", [("PARAR", "EMPEZAR", "es"), ("停止", "开始", "zh"),
                                                   ("sispann", "KOMANSE", "ht"), ("إلغاء", "ابدأ", "ar")])
def test_stop_in_other_languages_is_confirmed_in_that_language(assistant, twilio, stop, start, language):
    from bot import keywords

    phone = Phone(assistant, twilio)
    assert phone.sends_back(stop, keywords.text("stopped_text", language))
    assert phone.contact().opted_out
    phone.post(phone.form("hola"))
    assert phone.silence(3) == []
    assert phone.sends_back(start, keywords.text("started_text", language))


def test_help_is_answered_in_the_keywords_language(phone: Phone):
    from bot import keywords

    assert phone.sends_back("AYUDA", keywords.text("help_text", "es"))
    assert phone.sends_back("help", keywords.text("help_text", "en"))


def test_media_only_message_gets_a_helpful_reply_in_the_conversation_language(phone: Phone):
    from bot import keywords

    phone.says("dzień dobry", "utter_greet", "pl")
    media = {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/ME1", "MediaContentType0": "image/jpeg"}
    assert phone.sends_back("", keywords.text("unreadable_text", "pl"), **media)
    location = {"Latitude": "40.7128", "Longitude": "-74.0060"}
    assert phone.sends_back("", keywords.text("unreadable_text", "pl"), **location)


def agent_says(assistant, sender_id: str, message: str) -> requests.Response:
    """An unprompted message into a conversation, as a case manager's reply will be sent."""
    return requests.post(f"{assistant.url}/conversations/{sender_id}/tracker/events",
                         params={"token": assistant.token, "output_channel": "latest", "execute_side_effects": "true"},
                         json={"event": "bot", "text": message}, timeout=10)


def test_unprompted_message_reaches_the_phone_unless_opted_out(phone: Phone):
    phone.says("hello", "utter_greet", "en")
    sender_id = phone.contact().sender_id
    before = len(phone.twilio.sent_to(phone.address))
    assert agent_says(phone.assistant, sender_id, "A case manager will call you tomorrow.").ok
    assert phone.twilio.wait_for(phone.address, before + 1)[before:] == ["A case manager will call you tomorrow."]
    phone.post(phone.form("STOP"))
    assert wait_until(lambda: phone.contact().opted_out, bool, 5)
    assert agent_says(phone.assistant, sender_id, "Are you still there?").ok
    assert phone.silence(3) == []


def test_whatsapp_replies_within_24_hours_and_not_after(assistant, twilio):
    phone = Phone(assistant, twilio, channel="whatsapp")
    assert phone.says("hello", "utter_greet", "en")
    with db.session() as session:
        session.execute(update(contacts.Contact).where(contacts.Contact.address == phone.address)
                        .values(last_inbound_at=dt.datetime.utcnow() - dt.timedelta(hours=25)))
    assert agent_says(assistant, phone.contact().sender_id, "Following up on your request.").ok
    assert phone.silence(3) == []
    kept = [m for m in undelivered.pending() if m.sender_id == phone.contact().sender_id]
    assert [(m.channel, m.reason, m.text) for m in kept] == [
        ("whatsapp", undelivered.WINDOW_CLOSED, "Following up on your request.")]


def test_fake_twilio_speaks_twilios_wire_format(twilio):
    """The real twilio client library sends to the fake and parses its answer."""
    client = Client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
    client.api.base_url = twilio.url
    message = client.messages.create(to="+17185550123", from_=TWILIO_SMS_NUMBER, body="wire check")
    assert message.sid.startswith("SM") and message.status == "queued" and message.body == "wire check"
    wrong = Client(TWILIO_ACCOUNT_SID, "wrong-token")
    wrong.api.base_url = twilio.url
    with pytest.raises(Exception):
        wrong.messages.create(to="+17185550123", from_=TWILIO_SMS_NUMBER, body="x")
