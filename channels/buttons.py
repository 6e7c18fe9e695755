"""What a resident's reply means, given the buttons we last offered them.

Any text that starts with "/" is parsed by Rasa as an intent ("/restart", "/greet{...}"), so a
resident could steer the bot by typing one. Only a payload we actually offered may pass; every
other leading "/" is removed. A reply of "2" or of a button's title means that button: on SMS
there is nothing to click.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence

from bot.store import Store

TTL_SECONDS = 24 * 3600


def _key(sender_id: str) -> str:
    return f"buttons:{sender_id}"


async def offer(store: Store, sender_id: str, buttons: Sequence[Dict[str, Any]]) -> None:
    """Remember the buttons just shown; they are valid for the resident's next message only."""
    kept = [{"title": b["title"], "payload": b["payload"]} for b in buttons]
    await store.set(_key(sender_id), json.dumps(kept), TTL_SECONDS)


async def offer_last(store: Store, sender_id: str, messages: Sequence[Dict[str, Any]]) -> None:
    """Offer the buttons of the last message of a turn that has any."""
    for message in reversed(messages):
        if message.get("buttons"):
            await offer(store, sender_id, message["buttons"])
            return


async def resolve(store: Store, sender_id: str, text: str) -> str:
    """Turn a resident's text into what Rasa should see, using up the offered buttons."""
    raw = await store.pop(_key(sender_id))
    offered: List[Dict[str, str]] = json.loads(raw) if raw else []
    chosen = _match(offered, text.strip())
    if chosen is not None:
        return chosen
    return text.lstrip().lstrip("/").lstrip() if text.lstrip().startswith("/") else text


def _match(offered: List[Dict[str, str]], text: str) -> Optional[str]:
    for button in offered:
        if text == button["payload"]:
            return button["payload"]
    if text.isdigit() and 1 <= int(text) <= len(offered):
        return offered[int(text) - 1]["payload"]
    folded = text.casefold()
    for button in offered:
        if folded and folded == button["title"].casefold():
            return button["payload"]
    return None
