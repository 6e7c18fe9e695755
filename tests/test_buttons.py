"""Replies to buttons, and "/intent" injection, in the shared channel layer."""

from __future__ import annotations

import asyncio

from bot.store import MemoryStore
from channels import buttons

MENU = [{"text": "Which language?", "buttons": [
    {"title": "English", "payload": '/choose_language{"language":"en"}'},
    {"title": "Español", "payload": '/choose_language{"language":"es"}'},
]}]


def run(coroutine):
    return asyncio.run(coroutine)


def resolve_after(messages, text):
    async def scenario():
        store = MemoryStore()
        await buttons.offer_last(store, "s1", messages)
        return await buttons.resolve(store, "s1", text)
    return run(scenario())


def test_number_title_and_payload_of_an_offered_button_pass():
    assert resolve_after(MENU, "2") == '/choose_language{"language":"es"}'
    assert resolve_after(MENU, " 1 ") == '/choose_language{"language":"en"}'
    assert resolve_after(MENU, "español") == '/choose_language{"language":"es"}'
    assert resolve_after(MENU, '/choose_language{"language":"es"}') == '/choose_language{"language":"es"}'


def test_typed_intents_are_never_passed_to_rasa():
    assert resolve_after(MENU, "/restart") == "restart"
    assert resolve_after(MENU, '/choose_language{"language":"zh"}') == 'choose_language{"language":"zh"}'
    assert resolve_after([], "//greet") == "greet"
    assert resolve_after([], "  /affirm") == "affirm"


def test_numbers_without_offered_buttons_stay_text():
    assert resolve_after(MENU, "3") == "3"
    assert resolve_after([{"text": "no buttons"}], "1") == "1"


def test_offered_buttons_answer_only_the_next_message():
    async def scenario():
        store = MemoryStore()
        await buttons.offer_last(store, "s1", MENU)
        first = await buttons.resolve(store, "s1", "hello")
        return first, await buttons.resolve(store, "s1", "2")
    assert run(scenario()) == ("hello", "2")


def test_store_add_is_set_if_absent():
    async def scenario():
        store = MemoryStore()
        return [await store.add("sid", "1", 60), await store.add("sid", "1", 60), await store.pop("sid"),
                await store.add("sid", "1", 60)]
    assert run(scenario()) == [True, False, "1", True]


def test_memory_expires():
    async def scenario():
        store = MemoryStore()
        await store.set("k", "v", ttl_seconds=-1)
        return await store.get("k")
    assert run(scenario()) is None


def test_memory_is_bounded():
    async def scenario():
        store = MemoryStore(max_entries=3)
        for i in range(5):
            await store.set(str(i), "v", 60)
        return [await store.get(str(i)) for i in range(5)]
    assert run(scenario()) == [None, None, "v", "v", "v"]
