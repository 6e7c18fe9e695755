"""Local stand-ins for the internet services the assistant talks to (Twilio, Telegram), speaking
their wire format; tests check them with the real client libraries.

``FakeTwilio`` answers ``POST /2010-04-01/Accounts/{sid}/Messages.json`` as Twilio's REST API
does: HTTP Basic auth with the account SID and auth token, form fields ``To``, ``From``, ``Body``,
and a 201 JSON message resource. Tests read what the assistant sent from ``messages``.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, TypeVar
from urllib.parse import parse_qs

MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\.json$")


Server = TypeVar("Server", bound="_FakeServer")


class _FakeServer:
    """A local HTTP server on ``port`` in a daemon thread, standing in for an API on the internet."""

    port: int

    def _listen(self, handler: type) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self: Server) -> Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class FakeTwilio(_FakeServer):
    def __init__(self, account_sid: str, auth_token: str, port: int) -> None:
        self.account_sid, self.auth_token, self.port = account_sid, auth_token, port
        self.messages: List[Dict[str, str]] = []
        self.rejected = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):  # noqa: N802 - http.server's naming
                match = MESSAGES_PATH.match(self.path)
                expected = "Basic " + base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode()
                if not match or match.group(1) != fake.account_sid or self.headers.get("Authorization") != expected:
                    with fake._lock:
                        fake.rejected += 1
                    return self._reply(401, {"code": 20003, "message": "Authenticate", "status": 401})
                length = int(self.headers.get("Content-Length", 0))
                form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
                if not form.get("To") or not (form.get("From") or form.get("MessagingServiceSid")):
                    return self._reply(400, {"code": 21604, "message": "A 'To' phone number is required.", "status": 400})
                sid = "SM" + uuid.uuid4().hex
                with fake._lock:
                    fake.messages.append(form)
                self._reply(201, {
                    "sid": sid, "account_sid": fake.account_sid, "to": form["To"], "from": form.get("From"),
                    "body": form.get("Body", ""), "status": "queued", "num_segments": "1", "num_media": "0",
                    "direction": "outbound-api", "api_version": "2010-04-01", "price": None, "error_code": None,
                    "uri": f"/2010-04-01/Accounts/{fake.account_sid}/Messages/{sid}.json",
                    "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
                })

            def _reply(self, status: int, body: Dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._listen(Handler)

    def sent_to(self, address: str) -> List[str]:
        with self._lock:
            return [m["Body"] for m in self.messages if m["To"] == address]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20.0) -> List[str]:
        """Wait until ``count`` messages reached ``address``; return them all."""
        return wait_until(lambda: self.sent_to(address), lambda bodies: len(bodies) >= count, timeout)


def wait_until(read: Callable, done: Callable, timeout: float):
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


class FakeTelegram(_FakeServer):
    """Telegram's Bot API at ``/bot<token>/<method>``: JSON or form parameters in, ``{"ok", "result"}`` out.

    Implements what the assistant calls: ``getMe``, ``sendMessage``, ``answerCallbackQuery``,
    ``setWebhook``. ``calls`` records every call as ``(method, parameters)``.
    """

    def __init__(self, token: str, port: int) -> None:
        self.token, self.port = token, port
        self.calls: List[tuple] = []
        self.blocked_chats: set = set()
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                prefix = f"/bot{fake.token}/"
                if not self.path.startswith(prefix):
                    return self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                method = self.path[len(prefix):]
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(body or "{}")
                else:
                    params = {key: values[0] for key, values in parse_qs(body).items()}
                for key in ("reply_markup", "allowed_updates"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                with fake._lock:
                    fake.calls.append((method, params))
                self._reply(*fake._answer(method, params))

            def _reply(self, status: int, body: Dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._listen(Handler)

    def _answer(self, method: str, params: Dict) -> tuple:
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": 777000, "is_bot": True, "first_name": "NYC assistant",
                                                "username": "nyc_assistant_bot", "can_join_groups": False,
                                                "can_read_all_group_messages": False,
                                                "supports_inline_queries": False}}
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            if chat_id in self.blocked_chats:
                return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            return 200, {"ok": True, "result": {"message_id": next(self._message_ids), "date": int(time.time()),
                                                "chat": {"id": chat_id, "type": "private"},
                                                "from": {"id": 777000, "is_bot": True, "first_name": "NYC assistant"},
                                                "text": params["text"]}}
        if method in ("answerCallbackQuery", "setWebhook"):
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def sent(self, chat_id: int) -> List[Dict]:
        with self._lock:
            return [p for m, p in self.calls if m == "sendMessage" and int(p["chat_id"]) == chat_id]

    def answered(self) -> List[Dict]:
        with self._lock:
            return [p for m, p in self.calls if m == "answerCallbackQuery"]
