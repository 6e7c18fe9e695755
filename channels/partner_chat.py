"""The partner web chat: a Socket.IO channel that speaks the open-source rasa-webchat protocol,
and the small embeddable script partners paste into their pages.

Protocol (as Rasa's ``socketio`` channel and the ``rasa-webchat`` widget): connect to
``/socket.io/?partner=<id>``; ``session_request {session_id}`` → ``session_confirm``;
``user_uttered {message, session_id, customData}`` → ``bot_uttered {text, quick_replies?}``.

What we add: a connection must name a partner from ``data/partners.yml`` and come from one of
that partner's origins, otherwise it is refused; the partner id is attached to every message by
the server (never taken from the page), so staff can see which partner's readers came in; the
page's ``customData.language`` (or the partner's default) only chooses the first language;
``/intent`` text is guarded as on every channel.

``GET /webhooks/partner/embed.js`` is the script; see README, "Partner web chat".
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot import partners
from bot.language import load_catalog
from bot.store import get_store
from channels import buttons

logger = logging.getLogger(__name__)

SOCKETIO_PATH = "/socket.io"
EMBED_SCRIPT = Path(__file__).parent / "static" / "embed.js"
MAX_MESSAGE_CHARS = 4000
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class PartnerChatOutput(OutputChannel):
    """Emits ``bot_uttered`` to the session's room, so every tab of that reader sees it."""

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio

    @classmethod
    def name(cls) -> Text:
        return PartnerChatInput.name()

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.sio.emit("bot_uttered", {"text": text}, room=recipient_id)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons_: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await buttons.offer(get_store(), recipient_id, buttons_)
        replies = [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons_]
        await self.sio.emit("bot_uttered", {"text": text, "quick_replies": replies}, room=recipient_id)


class PartnerChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "partner"

    def __init__(self) -> None:
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return PartnerChatOutput(self.sio) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Engine.IO refuses the handshake from any origin no partner lists; `connect` then checks
        # the origin against the partner the page names.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=list(partners.all_origins()))
        self.sio = sio
        hook = SocketBlueprint(sio, SOCKETIO_PATH, "partner_chat", __name__)
        script = EMBED_SCRIPT.read_text(encoding="utf-8")

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/embed.js", methods=["GET"])
        async def embed(request: Request) -> HTTPResponse:
            return response.text(script, content_type="application/javascript; charset=utf-8",
                                 headers={"Cache-Control": "public, max-age=300"})

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            partner_id = (parse_qs(environ.get("QUERY_STRING", "")).get("partner") or [""])[0]
            partner = partners.find(partner_id)
            origin = environ.get("HTTP_ORIGIN")
            if partner is None or not partner.allows(origin):
                logger.warning("Refused a web chat connection for partner %r from origin %r", partner_id[:40], origin)
                return False
            await sio.save_session(sid, {"partner": partner.id})
            return True

        @sio.on("session_request")
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            requested = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = requested if isinstance(requested, str) and SESSION_ID.match(requested) else uuid.uuid4().hex
            await sio.enter_room(sid, session_id)
            async with sio.session(sid) as session:
                session["session_id"] = session_id
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid: Text, data: Optional[Dict] = None) -> None:
            session = await sio.get_session(sid)
            session_id = session.get("session_id")
            text = (data or {}).get("message") if isinstance(data, dict) else None
            if not session_id or not isinstance(text, str) or not text.strip():
                return
            await on_new_message(UserMessage(
                await buttons.resolve(get_store(), session_id, text[:MAX_MESSAGE_CHARS]), PartnerChatOutput(sio),
                session_id,
                input_channel=self.name(), metadata=_metadata(session["partner"], data.get("customData")),
            ))

        return hook


def _metadata(partner_id: str, custom: Any) -> Dict[str, str]:
    """The partner from the server's own record; the language the page asks for, if served."""
    partner = partners.find(partner_id)
    language = custom.get("language") if isinstance(custom, dict) else None
    if language not in load_catalog().codes:
        language = partner.default_language
    return {"partner": partner.id, "language": language}
