"""Small helpers the messaging adapters share."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Coroutine, Set

logger = logging.getLogger(__name__)


async def conversation_language(agent: Any, sender_id: str) -> str:
    """The conversation's language from Rasa's tracker, for texts a channel sends by itself."""
    tracker = await agent.tracker_store.retrieve(sender_id)
    return (tracker.get_slot("language") if tracker else None) or "en"


_running: Set["asyncio.Task[None]"] = set()  # the event loop keeps only weak references


def in_background(work: Coroutine[Any, Any, None], what: str) -> None:
    """Run a webhook's work after its HTTP answer; a failure is logged, never lost."""
    task = asyncio.create_task(work)
    _running.add(task)

    def done(finished: "asyncio.Task[None]") -> None:
        _running.discard(finished)
        if not finished.cancelled() and finished.exception():
            logger.error("%s failed", what, exc_info=finished.exception())

    task.add_done_callback(done)
