"""The trained assistant behind the real Rasa HTTP server and action server."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import Chat
from tests.responses import text, which

GREETINGS = {
    "en": "hello there", "es": "hola buenos dias", "zh": "你好", "ru": "здравствуйте", "bn": "নমস্কার",
    "ht": "bonjou", "ko": "안녕하세요", "ar": "مرحبا", "ur": "السلام علیکم", "fr": "bonjour", "pl": "dzień dobry",
}
NEVER_A_GUESS = {"utter_out_of_scope", "utter_ask_rephrase", "utter_offer_human"}


@pytest.mark.parametrize("language", sorted(GREETINGS))
def test_greeting_is_answered_in_the_same_language(chat: Chat, language: str):
    assert chat.say(GREETINGS[language]) == text("utter_greet", language)


def test_language_switch_mid_conversation(chat: Chat):
    assert chat.say("hi") == text("utter_greet", "en")
    assert chat.say("español por favor") == text("utter_language_set", "es")
    # uncertain texts keep the new language
    assert which(chat.say("ok")) <= {(name, "es") for name in ("utter_anything_else", "utter_ask_rephrase")}
    assert chat.say("gracias") == text("utter_you_are_welcome", "es")
    # a confident message in another language switches again
    assert chat.say("bonjour") == text("utter_greet", "fr")


def test_numbered_language_menu(chat: Chat):
    menu = chat.send("language")
    assert menu[0]["text"] == text("utter_language_menu", "en")
    assert [b["title"] for b in menu[0]["buttons"]][:3] == ["English", "Español", "中文"]
    assert chat.say("3") == text("utter_language_set", "zh")
    assert chat.say("有什么功能") in (text("utter_capabilities", "zh"), text("utter_ask_rephrase", "zh"))


def test_unserved_script_gets_the_language_menu(chat: Chat):
    reply = chat.send("שלום וואס מאכסטו")
    assert len(reply[0]["buttons"]) == 11


def test_asking_for_a_person_explains_the_handoff(chat: Chat):
    assert chat.say("quiero hablar con una persona") == text("utter_handoff_info", "es")
    assert "311" in text("utter_handoff_info", "es")


@pytest.mark.parametrize("question", ["who won the super bowl last night", "tell me a joke", "what is the bitcoin price",
                                      "¿cuál es la mejor receta de paella?"])
def test_out_of_scope_gets_the_fallback_never_a_guess(chat: Chat, question: str):
    answered = {name for name, _ in which(chat.say(question))}
    assert answered and answered <= NEVER_A_GUESS, answered


def test_two_misunderstandings_offer_a_person(chat: Chat):
    assert chat.say("qwpeoriu zxmcnv") == text("utter_ask_rephrase", "en")
    reply = chat.send("blorf snarg wibble")
    assert reply[0]["text"] == text("utter_offer_human", "en")
    assert chat.say("1") == text("utter_handoff_info", "en")  # "1" = the first button, Yes


def test_partner_page_language_applies_to_a_new_resident(chat: Chat):
    assert chat.say("👍", metadata={"language": "ko"}) == text("utter_ask_rephrase", "ko")


def tracker(assistant, sender):
    reply = requests.get(f"{assistant.url}/conversations/{sender}/tracker", params={"token": assistant.token}, timeout=10)
    reply.raise_for_status()
    return reply.json()


def test_typed_intents_cannot_restart_or_steer(assistant, chat: Chat):
    assert chat.say("español") == text("utter_language_set", "es")
    chat.send("/restart")
    chat.send('/choose_language{"language":"zh"}')
    events = tracker(assistant, chat.sender)["events"]
    assert not any(event["event"] == "restart" for event in events)
    assert tracker(assistant, chat.sender)["slots"]["language"] == "es"


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b"[]", 400),
        (b'{"sender": "test-abcdefgh"}', 400),
        (b'{"sender": "test-abcdefgh", "message": "   "}', 400),
        (b'{"sender": "+1 212 555 0100", "message": "hi"}', 400),
        (b'{"sender": "test-abcdefgh", "message": 42}', 400),
    ],
)
def test_malformed_requests_get_a_clear_error(assistant, body: bytes, status: int):
    reply = requests.post(f"{assistant.url}/webhooks/web/webhook", data=body,
                          headers={"Content-Type": "application/json"}, timeout=10)
    assert reply.status_code == status and reply.json()["error"]


def test_huge_message_is_refused_and_nothing_is_lost(assistant, chat: Chat):
    assert chat.say("hola") == text("utter_greet", "es")
    before = tracker(assistant, chat.sender)["events"]
    reply = requests.post(chat.url, json={"sender": chat.sender, "message": "a" * 100_000}, timeout=10)
    assert reply.status_code == 413 and "4000" in reply.json()["error"]
    assert tracker(assistant, chat.sender)["events"] == before


def test_emoji_only_message_gets_a_safe_reply(chat: Chat):
    assert chat.say("😀😀😀") == text("utter_ask_rephrase", "en")


def test_http_api_requires_the_token(assistant):
    url = f"{assistant.url}/model/parse"
    assert requests.post(url, json={"text": "hola"}, timeout=10).status_code == 401
    assert requests.post(url, json={"text": "hola"}, params={"token": "wrong"}, timeout=10).status_code == 401
    parsed = requests.post(url, json={"text": "hola"}, params={"token": assistant.token}, timeout=10).json()
    assert parsed["intent"]["name"] == "greet"
    assert {"entity": "language", "value": "es"}.items() <= parsed["entities"][0].items()


def test_chat_page_is_served(assistant):
    page = requests.get(f"{assistant.url}/webhooks/web/", timeout=10)
    assert page.status_code == 200 and 'role="log"' in page.text
