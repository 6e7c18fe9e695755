"""Shared fixtures: one trained model and one running assistant per test session.

Training and server start-up take about a minute together, so they happen once; every test that
talks to the assistant uses real HTTP against the real Rasa server and action server.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests

from bot import runtime

TEST_PORT = 5105
TEST_ACTION_PORT = 5155


@pytest.fixture(scope="session")
def model() -> Path:
    return runtime.ensure_model()


@pytest.fixture(scope="session")
def assistant(model: Path, tmp_path_factory: pytest.TempPathFactory):
    """The assistant on the embedded profile (SQLite tracker store), as `scripts/start` runs it."""
    var_dir = tmp_path_factory.mktemp("embedded")
    server = runtime.Assistant(model, port=TEST_PORT, action_port=TEST_ACTION_PORT, var_dir=var_dir,
                               token="test-token", log_dir=var_dir / "logs")
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
