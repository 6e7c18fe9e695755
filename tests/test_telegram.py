"""Telegram: updates built with python-telegram-bot's own types, posted to the running server;
the bot's calls caught by the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random

import pytest
import requests
from telegram import Bot, CallbackQuery, Chat, Message, Update, User

from bot import contacts
from tests.conftest import TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.fakes import wait_until
from tests.responses import text

_update_ids = itertools.count(random.randint(10_000, 90_000) * 1000)


class TelegramUser:
    """A resident in a private Telegram chat with the bot."""

    def __init__(self, assistant, telegram, language_code: str = "en") -> None:
        self.assistant, self.telegram = assistant, telegram
        self.chat_id = random.randint(10_000_000, 99_999_999)
        self.user = User(self.chat_id, first_name="Resident", is_bot=False, language_code=language_code)
        self.chat = Chat(self.chat_id, Chat.PRIVATE)

    def message_update(self, text: str | None = None, **kwargs) -> Update:
        message = Message(next(_update_ids) % 100000, dt.datetime.now(dt.timezone.utc), self.chat,
                          from_user=self.user, text=text, **kwargs)
        return Update(next(_update_ids), message=message)

    def post(self, update: Update, secret: str | None = TELEGRAM_SECRET) -> requests.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return requests.post(f"{self.assistant.url}/webhooks/telegram/webhook", json=update.to_dict(),
                             headers=headers, timeout=10)

    def says(self, update_or_text, replies: int = 1) -> list:
        update = update_or_text if isinstance(update_or_text, Update) else self.message_update(update_or_text)
        before = len(self.telegram.sent(self.chat_id))
        assert self.post(update).ok
        sent = wait_until(lambda: self.telegram.sent(self.chat_id), lambda s: len(s) >= before + replies, 20)
        return sent[before:]

    def silence(self, seconds: float = 3.0) -> list:
        before = len(self.telegram.sent(self.chat_id))
        return wait_until(lambda: self.telegram.sent(self.chat_id)[before:], bool, seconds)

    def contact(self):
        return contacts.by_address("telegram", str(self.chat_id))


@pytest.fixture
def resident(assistant, telegram) -> TelegramUser:
    return TelegramUser(assistant, telegram)


def texts(calls) -> list:
    return [call["text"] for call in calls]


def test_message_is_answered(resident: TelegramUser):
    assert texts(resident.says("hola")) == [text("utter_greet", "es")]


def test_start_command_greets_in_the_users_telegram_language(assistant, telegram):
    resident = TelegramUser(assistant, telegram, language_code="ko")
    assert texts(resident.says("/start")) == [text("utter_greet", "ko")]


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
def test_updates_without_the_secret_token_are_refused(resident: TelegramUser, secret):
    reply = resident.post(resident.message_update("hola"), secret=secret)
    assert reply.status_code == 403
    assert resident.contact() is None
    assert resident.silence(2) == []


def test_repeated_update_id_is_handled_once(resident: TelegramUser, assistant):
    update = resident.message_update("bonjour")
    assert resident.post(update).ok and resident.post(update).ok
    assert texts(resident.says(resident.message_update("merci"), replies=2)) == [
        text("utter_greet", "fr"), text("utter_you_are_welcome", "fr")]
    tracker = requests.get(f"{assistant.url}/conversations/{resident.contact().sender_id}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["bonjour", "merci"]


def test_button_press_is_handled_and_answered(resident: TelegramUser, telegram):
    [menu] = resident.says("language")
    keyboard = menu["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard][:2] == ["English", "Español"]
    assert all(len(row[0]["callback_data"].encode()) <= 64 for row in keyboard)
    spanish = keyboard[1][0]["callback_data"]
    message = Message(menu.get("message_id", 1), dt.datetime.now(dt.timezone.utc), resident.chat, text=menu["text"])
    press = Update(next(_update_ids), callback_query=CallbackQuery(f"cq{next(_update_ids)}", resident.user,
                                                                   chat_instance="ci", message=message,
                                                                   data=spanish))
    answered_before = len(telegram.answered())
    assert texts(resident.says(press)) == [text("utter_language_set", "es")]
    assert len(telegram.answered()) == answered_before + 1


def test_typed_intent_is_text_not_a_command(resident: TelegramUser, assistant):
    resident.says("hola")
    resident.says("/restart")
    tracker = requests.get(f"{assistant.url}/conversations/{resident.contact().sender_id}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    assert not any(e["event"] == "restart" for e in tracker["events"])


def test_edited_messages_are_ignored_and_photos_get_a_helpful_reply(resident: TelegramUser):
    from bot import keywords
    from telegram import PhotoSize

    resident.says("dzień dobry")
    edited = resident.message_update("zmieniony tekst")
    edited_update = Update(next(_update_ids), edited_message=edited.message)
    assert resident.post(edited_update).ok
    assert resident.silence(2) == []
    photo = resident.message_update(photo=[PhotoSize("file-id", "unique-id", 90, 90)])
    assert texts(resident.says(photo)) == [keywords.text("unreadable_text", "pl")]


def test_unprompted_message_reaches_the_chat(resident: TelegramUser, assistant, telegram):
    resident.says("hello")
    before = len(telegram.sent(resident.chat_id))
    reply = requests.post(f"{assistant.url}/conversations/{resident.contact().sender_id}/tracker/events",
                          params={"token": assistant.token, "output_channel": "latest",
                                  "execute_side_effects": "true"},
                          json={"event": "bot", "text": "A case manager will write to you here."}, timeout=10)
    assert reply.ok
    sent = wait_until(lambda: telegram.sent(resident.chat_id), lambda s: len(s) > before, 10)
    assert sent[-1]["text"] == "A case manager will write to you here."


def test_blocked_bot_marks_the_chat_opted_out(resident: TelegramUser, assistant, telegram):
    resident.says("hello")
    telegram.blocked_chats.add(resident.chat_id)
    requests.post(f"{assistant.url}/conversations/{resident.contact().sender_id}/tracker/events",
                  params={"token": assistant.token, "output_channel": "latest", "execute_side_effects": "true"},
                  json={"event": "bot", "text": "Are you there?"}, timeout=10)
    assert wait_until(lambda: resident.contact().opted_out, bool, 10)


def test_fake_bot_api_speaks_telegrams_wire_format(telegram):
    """python-telegram-bot itself talks to the fake and parses its answers."""
    async def scenario():
        async with Bot(TELEGRAM_TOKEN, base_url=f"{telegram.url}/bot") as bot:
            message = await bot.send_message(4242, "wire check")
            return bot.username, message.text, message.chat.id, await bot.answer_callback_query("cq-1")
    assert asyncio.run(scenario()) == ("nyc_assistant_bot", "wire check", 4242, True)
