"""The web chat: a page a person opens in a browser, and the JSON endpoint it talks to.

``GET /webhooks/web/`` serves the chat page; ``POST /webhooks/web/webhook`` takes
``{"sender", "message", "metadata"?}`` and answers with the bot's messages as a JSON list, the
same shape as Rasa's REST channel. The sender is a random id the page keeps in the browser,
never a name or phone number.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.language import load_catalog
from bot.store import get_store
from channels import buttons

PAGE = Path(__file__).parent / "static" / "chat.html"
MAX_MESSAGE_CHARS = 4000
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ALLOWED_METADATA = ("language",)


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class WebInput(InputChannel):
    """Thin adapter: validate the request, resolve buttons, hand the text to Rasa."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = (request.json or {}).get("metadata") or {}
        if not isinstance(metadata, dict):
            return None
        kept = {key: metadata[key] for key in ALLOWED_METADATA if isinstance(metadata.get(key), str)}
        if kept.get("language") not in load_catalog().codes:
            kept.pop("language", None)
        return kept or None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("web_chat", __name__)
        page = PAGE.read_text(encoding="utf-8")

        @web.route("/", methods=["GET"])
        async def chat_page(request: Request) -> HTTPResponse:
            return response.html(page)

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # Sanic raises on malformed JSON
                return _error(400, "The request body must be JSON.")
            if not isinstance(body, dict):
                return _error(400, "The request body must be a JSON object.")
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not SENDER.match(sender):
                return _error(400, "'sender' must be 8-64 letters, digits, '-' or '_'.")
            if not isinstance(text, str) or not text.strip():
                return _error(400, "'message' must be non-empty text.")
            if len(text) > MAX_MESSAGE_CHARS:
                return _error(413, f"Messages are limited to {MAX_MESSAGE_CHARS} characters.")
            store = get_store()
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    await buttons.resolve(store, sender, text),
                    collector,
                    sender,
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                )
            )
            await buttons.offer_last(store, sender, collector.messages)
            return response.json(collector.messages)

        return web
