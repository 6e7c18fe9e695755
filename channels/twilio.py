"""SMS and WhatsApp through Twilio: one adapter, two channel names (``sms``, ``whatsapp``).

Inbound (``POST /webhooks/sms/webhook``, ``/webhooks/whatsapp/webhook``):

1. the ``X-Twilio-Signature`` must match the configured public URL (we may sit behind a TLS
   proxy, so the URL the app sees is not the one Twilio signed) — otherwise 403, body not logged;
2. a redelivered ``MessageSid`` is acknowledged and dropped, so each message is handled once;
3. Twilio gets an empty TwiML answer at once; the message is handled in the background and
   replies go out through Twilio's REST API with an async client.

Outbound, every message — a bot reply now or a case manager's reply days later — passes through
``TwilioSender.send``, which refuses opted-out numbers, and keeps for staff (``bot.undelivered``)
what WhatsApp's closed 24-hour window or Twilio itself refuses.
Rasa only ever sees a pseudonymous sender id; the phone number stays in ``bot.contacts``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse

from bot import contacts, db, keywords, sms, undelivered
from bot.store import get_store
from channels import buttons
from channels.common import conversation_language, in_background

logger = logging.getLogger(__name__)
logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # it logs request bodies at INFO

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
DEDUPLICATION_SECONDS = 48 * 3600
WHATSAPP_WINDOW = dt.timedelta(hours=24)


class TwilioSender:
    """The one place SMS and WhatsApp messages leave from."""

    def __init__(self, channel: str, account_sid: str, auth_token: str, from_number: str, api_url: str,
                 max_segments: int = sms.DEFAULT_MAX_SEGMENTS) -> None:
        self.channel = channel
        self.from_number = from_number
        self.max_segments = max_segments
        self._credentials = (account_sid, auth_token)
        self._api_url = api_url.rstrip("/")
        self._client = None

    def _rest(self):
        """Twilio's client with its aiohttp session, made inside the running event loop."""
        if self._client is None:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            self._client = Client(*self._credentials, http_client=AsyncTwilioHttpClient())
            if self._api_url:
                self._client.api.base_url = self._api_url
        return self._client

    async def send(self, address: str, text: str) -> bool:
        """Send a text, split into SMS-sized messages; ``False`` (and a log line without the text)
        when it may not go out."""
        contact = await asyncio.to_thread(contacts.by_address, self.channel, address)
        if contact and contact.opted_out:
            logger.info("Not sending to %s: opted out", contacts.mask(address))
            return False
        if self.channel == "whatsapp" and not _within_whatsapp_window(contact):
            # Free text outside the window fails (Twilio error 63016); it needs an approved template.
            logger.warning("Not sending to %s: outside WhatsApp's 24-hour window; kept for staff",
                           contacts.mask(address))
            await self._keep(contact, undelivered.WINDOW_CLOSED, text)
            return False
        for body in sms.split(text, self.max_segments):
            try:
                await self._rest().messages.create_async(to=address, from_=self.from_number, body=body)
            except Exception as error:  # noqa: BLE001 - a failed send must not break the conversation
                logger.error("Twilio refused a message to %s: %s", contacts.mask(address),
                             getattr(error, "msg", error))
                await self._keep(contact, undelivered.PROVIDER_REFUSED, body)
                return False
        return True

    async def _keep(self, contact: Optional[contacts.ContactInfo], reason: str, text: str) -> None:
        if contact:
            await asyncio.to_thread(undelivered.record, self.channel, contact.sender_id, reason, text)


def _within_whatsapp_window(contact: Optional[contacts.ContactInfo]) -> bool:
    if contact is None or contact.last_inbound_at is None:
        return False
    return db.utcnow() - contact.last_inbound_at < WHATSAPP_WINDOW


class TwilioOutput(OutputChannel):
    """Replies as SMS, buttons as a numbered list."""

    def __init__(self, channel: str, sender: TwilioSender) -> None:
        self._channel = channel
        self._sender = sender

    def name(self) -> Text:
        return self._channel

    async def _deliver(self, recipient_id: Text, text: Text) -> None:
        contact = await asyncio.to_thread(contacts.by_sender, recipient_id)
        if contact is None:
            logger.error("No %s address for conversation %s", self._channel, recipient_id)
            return
        await self._sender.send(contact.address, text)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._deliver(recipient_id, text)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons_: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await buttons.offer(get_store(), recipient_id, buttons_)
        await self._deliver(recipient_id, sms.with_numbered_buttons(text, buttons_))


class SmsInput(InputChannel):
    """Twilio Programmable Messaging webhook for SMS."""

    channel = "sms"

    @classmethod
    def name(cls) -> Text:
        return cls.channel

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SmsInput":
        credentials = credentials or {}
        return cls(**{key: str(credentials.get(key) or "") for key in
                      ("account_sid", "auth_token", "from_number", "public_url", "api_url")},
                   max_segments=int(credentials.get("max_segments") or sms.DEFAULT_MAX_SEGMENTS))

    def __init__(self, account_sid: str, auth_token: str, from_number: str, public_url: str, api_url: str = "",
                 max_segments: int = sms.DEFAULT_MAX_SEGMENTS) -> None:
        self.auth_token = auth_token
        self.public_url = public_url.rstrip("/")
        self.configured = bool(account_sid and auth_token and from_number and public_url)
        self.sender = TwilioSender(self.channel, account_sid, auth_token, from_number, api_url, max_segments) \
            if self.configured else None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return TwilioOutput(self.channel, self.sender) if self.sender else None

    def _signed(self, request: Request, form: RequestParameters) -> bool:
        from twilio.request_validator import RequestValidator

        signature = request.headers.get("X-Twilio-Signature", "")
        url = self.public_url + request.path + (f"?{request.query_string}" if request.query_string else "")
        return bool(signature) and RequestValidator(self.auth_token).validate(url, form, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"twilio_{self.channel}", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json({"error": f"The {self.channel} channel is not configured."}, status=503)
            # Twilio signs empty fields too ("Body" of a photo), which Sanic's request.form drops.
            fields = RequestParameters(parse_qs((request.body or b"").decode("utf-8", "replace"), keep_blank_values=True))
            if not self._signed(request, fields):
                logger.warning("Rejected an unsigned or mis-signed %s webhook", self.channel)
                return response.json({"error": "Invalid Twilio signature."}, status=403)
            form = {key: values[0] for key, values in fields.items()}
            sid, address = form.get("MessageSid"), form.get("From")
            if not sid or not address:
                return response.json({"error": "MessageSid and From are required."}, status=400)
            if await get_store().add(f"twilio:{sid}", "1", DEDUPLICATION_SECONDS):
                in_background(self._handle(form, on_new_message, request.app.ctx.agent),
                              "Handling a Twilio message")
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return hook

    async def _handle(self, form: Dict[str, str], on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      agent: Any) -> None:
        address = form["From"]
        contact = await asyncio.to_thread(contacts.record_inbound, self.channel, address)
        text = (form.get("Body") or "").strip()
        keyword = keywords.match(text)
        if keyword:
            await self._keyword(keyword, address)
            return
        if contact.opted_out:
            return  # Twilio blocks sends anyway; a resident who wrote STOP hears nothing from the bot
        if not text:  # a photo, voice note or location
            language = await conversation_language(agent, contact.sender_id)
            await self.sender.send(address, keywords.text("unreadable_text", language))
            return
        resolved = await buttons.resolve(get_store(), contact.sender_id, text[:4000])
        await on_new_message(UserMessage(resolved, self.get_output_channel(), contact.sender_id,
                                         input_channel=self.channel, message_id=form["MessageSid"]))

    async def _keyword(self, keyword: keywords.Keyword, address: str) -> None:
        """STOP and START change the opt-out; Twilio itself confirms its own English ones."""
        if keyword.kind == "stop":
            if not keyword.handled_by_twilio:
                await self.sender.send(address, keywords.text("stopped_text", keyword.language))
            await asyncio.to_thread(contacts.set_opted_out, self.channel, address, True)
            return
        if keyword.kind == "start":
            await asyncio.to_thread(contacts.set_opted_out, self.channel, address, False)
            if not keyword.handled_by_twilio:
                await self.sender.send(address, keywords.text("started_text", keyword.language))
            return
        # HELP is always answered: ours says what the assistant does, in the resident's language.
        await self.sender.send(address, keywords.text("help_text", keyword.language))


class WhatsAppInput(SmsInput):
    """The same adapter for WhatsApp senders (``whatsapp:+1…``)."""

    channel = "whatsapp"


