"""Shared fixtures: one trained model and one running assistant per test session.

Training and server start-up take about a minute together, so they happen once; every test that
talks to the assistant uses real HTTP against the real Rasa server and action server.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests

from bot import runtime
from tests.fakes import FakeTelegram, FakeTwilio

TEST_PORT = 5105
TEST_ACTION_PORT = 5155


@pytest.fixture(scope="session")
def model() -> Path:
    return runtime.ensure_model()


TWILIO_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
TWILIO_AUTH_TOKEN = "test-twilio-auth-token"
TWILIO_SMS_NUMBER = "+12125550000"
TWILIO_WHATSAPP_NUMBER = "whatsapp:+14155238886"
PUBLIC_URL = "https://assistant.example.org"  # what Twilio calls; the app itself listens on 127.0.0.1
FAKE_TWILIO_PORT = 5699
TELEGRAM_TOKEN = "123456:TEST-telegram-token"
TELEGRAM_SECRET = "test-telegram-secret_1"
FAKE_TELEGRAM_PORT = 5698
PARTNER_PAGES_PORT = 5611   # a partner's site; 5612 plays a site the partner did not list
PARTNER_ID = "test-news"


@pytest.fixture(scope="session")
def twilio() -> FakeTwilio:
    fake = FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, FAKE_TWILIO_PORT).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def telegram() -> FakeTelegram:
    fake = FakeTelegram(TELEGRAM_TOKEN, FAKE_TELEGRAM_PORT).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def assistant(model: Path, twilio: FakeTwilio, telegram: FakeTelegram, tmp_path_factory: pytest.TempPathFactory):
    """The assistant on the embedded profile (SQLite), as `scripts/start` runs it, with SMS and
    WhatsApp pointed at the fake Twilio and Telegram at the fake Bot API. The test process
    shares its project database."""
    var_dir = tmp_path_factory.mktemp("embedded")
    database_url = f"sqlite:///{var_dir / 'citybot.db'}"
    partners_file = var_dir / "partners.yml"
    partners_file.write_text(
        f"partners:\n  {PARTNER_ID}:\n    display_name: Test News\n    default_language: es\n"
        f"    allowed_origins: [http://127.0.0.1:{PARTNER_PAGES_PORT}]\n", encoding="utf-8")
    os.environ["CITYBOT_DATABASE_URL"] = database_url
    server = runtime.Assistant(model, port=TEST_PORT, action_port=TEST_ACTION_PORT, var_dir=var_dir,
                               token="test-token", log_dir=var_dir / "logs", extra_env={
                                   "CITYBOT_DATABASE_URL": database_url,
                                   "CITYBOT_PARTNERS_FILE": str(partners_file),
                                   "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
                                   "TWILIO_SMS_NUMBER": TWILIO_SMS_NUMBER,
                                   "TWILIO_WHATSAPP_NUMBER": TWILIO_WHATSAPP_NUMBER,
                                   "TWILIO_API_URL": twilio.url, "CITYBOT_PUBLIC_URL": PUBLIC_URL,
                                   "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
                                   "TELEGRAM_API_URL": telegram.url})
    server.start()
    yield server
    server.stop()


class Chat:
    """One resident talking to the web channel, with a fresh random sender id."""

    def __init__(self, base_url: str, sender: Optional[str] = None) -> None:
        self.url = f"{base_url}/webhooks/web/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:16]}"

    def send(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        body: Dict[str, Any] = {"sender": self.sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        reply = requests.post(self.url, json=body, timeout=30)
        reply.raise_for_status()
        return reply.json()

    def say(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> str:
        """Send a message and return the bot's texts joined, for simple assertions."""
        return "\n".join(message.get("text", "") for message in self.send(text, metadata))


@pytest.fixture
def chat(assistant: runtime.Assistant) -> Chat:
    return Chat(assistant.url)


CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium; Playwright's own browser download is not used
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: Playwright's sync API holds an event loop on this thread
    while it runs, so it must be gone before tests that use asyncio themselves."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
