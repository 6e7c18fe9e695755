"""Small shared key-value state for the channel layer: offered buttons, webhook de-duplication.

Embedded default: a bounded in-process dictionary, enough for one server process. Production
(``CITYBOT_REDIS_URL`` set): Redis, so several Rasa processes behind a load balancer agree.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from functools import lru_cache
from typing import Optional, Protocol, Tuple


class Store(Protocol):
    async def get(self, key: str) -> Optional[str]:
        """Return the value, or ``None`` when missing or expired."""

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        """Store a value that expires after ``ttl_seconds``."""

    async def add(self, key: str, value: str, ttl_seconds: int) -> bool:
        """Store a value only if the key is absent; ``False`` if it was there (Redis SET NX)."""

    async def pop(self, key: str) -> Optional[str]:
        """Return and delete a value."""


class MemoryStore:
    """An LRU dictionary with expiry; the oldest entries go first when it is full."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._items: "OrderedDict[str, Tuple[float, str]]" = OrderedDict()
        self._max_entries = max_entries

    async def get(self, key: str) -> Optional[str]:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return value

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        self._items[key] = (time.monotonic() + ttl_seconds, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max_entries:
            self._items.popitem(last=False)

    async def add(self, key: str, value: str, ttl_seconds: int) -> bool:
        if await self.get(key) is not None:
            return False
        await self.set(key, value, ttl_seconds)
        return True

    async def pop(self, key: str) -> Optional[str]:
        value = await self.get(key)
        self._items.pop(key, None)
        return value


class RedisStore:
    """Redis through ``redis.asyncio``; keys are namespaced so a shared Redis stays tidy."""

    def __init__(self, url: str, prefix: str = "citybot") -> None:
        import redis.asyncio as redis

        self._redis = redis.Redis.from_url(url, decode_responses=True)
        self._prefix = prefix

    async def get(self, key: str) -> Optional[str]:
        return await self._redis.get(f"{self._prefix}:{key}")

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        await self._redis.set(f"{self._prefix}:{key}", value, ex=ttl_seconds)

    async def add(self, key: str, value: str, ttl_seconds: int) -> bool:
        return bool(await self._redis.set(f"{self._prefix}:{key}", value, ex=ttl_seconds, nx=True))

    async def pop(self, key: str) -> Optional[str]:
        return await self._redis.getdel(f"{self._prefix}:{key}")


@lru_cache(maxsize=None)
def get_store() -> Store:
    """The process-wide store chosen by configuration."""
    url = os.environ.get("CITYBOT_REDIS_URL")
    if url:
        return RedisStore(url, os.environ.get("CITYBOT_REDIS_PREFIX", "citybot"))
    return MemoryStore()
