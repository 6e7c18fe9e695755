"""Telegram through python-telegram-bot, fed by our own webhook route.

``POST /webhooks/telegram/webhook``: Telegram sends ``X-Telegram-Bot-Api-Secret-Token`` (set
with ``setWebhook(secret_token=…)``) on every update; anything else gets 403. A repeated
``update_id`` is acknowledged and dropped; Telegram gets 200 at once and the update is handled
in the background. Buttons are inline keyboards whose ``callback_data`` is the button's number
(payloads can exceed Telegram's 64 bytes); every button press is answered with
``answerCallbackQuery`` so the resident's spinner stops. Sending needs only a ``Bot``, so a
message with no update in flight — a case manager's reply hours later — reaches the chat.

Register the webhook once: ``python -m channels.telegram set-webhook`` (reads the same variables).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import sys
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import contacts, keywords, sms
from bot.store import get_store
from channels import buttons
from channels.common import conversation_language, in_background

logger = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry request URLs, which hold the bot token

MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one message
DEDUPLICATION_SECONDS = 48 * 3600
START_COMMAND = "/start"
GREETING_PAYLOAD = "/greet"  # Telegram's /start is the resident saying hello


def _bot(token: str, api_url: str):
    from telegram import Bot

    return Bot(token, base_url=f"{api_url.rstrip('/')}/bot" if api_url else "https://api.telegram.org/bot")


class TelegramSender:
    """The one place Telegram messages leave from: opted-out chats are refused; a chat that
    blocked the bot is marked opted out."""

    def __init__(self, token: str, api_url: str) -> None:
        self._bot = _bot(token, api_url)
        self._ready = asyncio.Lock()

    async def bot(self):
        async with self._ready:
            await self._bot.initialize()
        return self._bot

    async def send(self, chat_id: str, text: str, buttons_: Optional[List[Dict[str, Any]]] = None) -> bool:
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup
        from telegram.error import Forbidden, TelegramError

        contact = await asyncio.to_thread(contacts.by_address, "telegram", chat_id)
        if contact and contact.opted_out:
            logger.info("Not sending to Telegram chat %s: opted out", contacts.mask(chat_id))
            return False
        parts = sms.split(text, max_segments=sys.maxsize, max_chars=MAX_MESSAGE_CHARS) or [text]
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(b["title"], callback_data=str(i))]
                                       for i, b in enumerate(buttons_ or [], 1)]) if buttons_ else None
        bot = await self.bot()
        try:
            for index, part in enumerate(parts):
                await bot.send_message(int(chat_id), part, reply_markup=markup if index == len(parts) - 1 else None)
        except Forbidden:
            logger.info("Telegram chat %s blocked the bot; marking it opted out", contacts.mask(chat_id))
            await asyncio.to_thread(contacts.set_opted_out, "telegram", chat_id, True)
            return False
        except TelegramError as error:
            logger.error("Telegram refused a message to %s: %s", contacts.mask(chat_id), error)
            return False
        return True


class TelegramOutput(OutputChannel):
    def __init__(self, sender: TelegramSender) -> None:
        self._sender = sender

    @classmethod
    def name(cls) -> Text:
        return TelegramInput.name()

    async def _chat(self, recipient_id: Text) -> Optional[str]:
        contact = await asyncio.to_thread(contacts.by_sender, recipient_id)
        if contact is None:
            logger.error("No Telegram chat for conversation %s", recipient_id)
        return contact.address if contact else None

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        chat = await self._chat(recipient_id)
        if chat:
            await self._sender.send(chat, text)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons_: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        chat = await self._chat(recipient_id)
        if chat:
            await buttons.offer(get_store(), recipient_id, buttons_)
            await self._sender.send(chat, text, buttons_)


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        credentials = credentials or {}
        return cls(**{key: str(credentials.get(key) or "") for key in ("token", "secret_token", "api_url")})

    def __init__(self, token: str, secret_token: str, api_url: str = "") -> None:
        self.secret_token = secret_token
        self.configured = bool(token and secret_token)
        self.sender = TelegramSender(token, api_url) if self.configured else None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return TelegramOutput(self.sender) if self.sender else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("telegram_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json({"error": "The telegram channel is not configured."}, status=503)
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                logger.warning("Rejected a Telegram update without the secret token")
                return response.json({"error": "Invalid secret token."}, status=403)
            try:
                data = request.json
            except Exception:  # Sanic raises on malformed JSON
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return response.json({"error": "Not a Telegram update."}, status=400)
            if await get_store().add(f"telegram:{data['update_id']}", "1", DEDUPLICATION_SECONDS):
                in_background(self._handle(data, on_new_message, request.app.ctx.agent),
                              "Handling a Telegram update")
            return response.json({"ok": True})

        return hook

    async def _handle(self, data: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      agent: Any) -> None:
        from telegram import Update

        bot = await self.sender.bot()
        update = Update.de_json(data, bot)
        if update.callback_query:
            query = update.callback_query
            await query.answer()  # always: it stops the spinner on the resident's button
            chat, user, text = query.message.chat if query.message else None, query.from_user, query.data or ""
        elif update.message:  # edited messages, channel posts and the like are ignored
            chat, user, text = update.message.chat, update.message.from_user, update.message.text
        else:
            return
        if chat is None:
            return
        contact = await asyncio.to_thread(contacts.record_inbound, "telegram", str(chat.id))
        if contact.opted_out:
            await asyncio.to_thread(contacts.set_opted_out, "telegram", str(chat.id), False)  # wrote again
        metadata = {"language": user.language_code.split("-")[0]} if user and user.language_code else None
        if text is None:  # photo, sticker, voice, location
            language = await conversation_language(agent, contact.sender_id)
            await self.sender.send(str(chat.id), keywords.text("unreadable_text", language))
            return
        if text.strip().split("@")[0].split(" ")[0] == START_COMMAND:
            resolved = GREETING_PAYLOAD
        else:
            resolved = await buttons.resolve(get_store(), contact.sender_id, text[:4000])
        await on_new_message(UserMessage(resolved, self.get_output_channel(), contact.sender_id,
                                         input_channel=self.name(), metadata=metadata,
                                         message_id=str(data["update_id"])))




async def set_webhook() -> None:
    """Point the bot at ``$CITYBOT_PUBLIC_URL/webhooks/telegram/webhook`` with our secret token."""
    bot = _bot(os.environ["TELEGRAM_BOT_TOKEN"], os.environ.get("TELEGRAM_API_URL", ""))
    async with bot:
        url = os.environ["CITYBOT_PUBLIC_URL"].rstrip("/") + "/webhooks/telegram/webhook"
        await bot.set_webhook(url, secret_token=os.environ["TELEGRAM_SECRET_TOKEN"],
                              allowed_updates=["message", "callback_query"])
        print(f"Telegram will send updates to {url}")


if __name__ == "__main__":
    if sys.argv[1:] != ["set-webhook"]:
        sys.exit("usage: python -m channels.telegram set-webhook")
    asyncio.run(set_webhook())
