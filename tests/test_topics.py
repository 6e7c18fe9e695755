"""City-service questions through the running assistant: curated answers in the resident's
language, follow-ups, the honest fallback, and crisis messages."""

from __future__ import annotations

import pytest
import requests

from bot.kb import load_topics
from tests.conftest import Chat
from tests.responses import text, which

QUESTIONS = {  # one question per language (from the topic's training examples), and its topic
    "en": ("how do i apply for food stamps", "snap_food_stamps"),
    "es": ("no hay agua caliente en mi apartamento", "heat_hot_water"),
    "zh": ("纽约市民卡怎么申请", "idnyc"),
    "ru": ("как получить свидетельство о рождении", "birth_certificate"),
    "bn": ("উচ্ছেদের নোটিশ পেয়েছি", "eviction_help"),
    "ht": ("kijan pou m aplike pou wic", "wic"),
    "ko": ("재활용 수거일 언제", "trash_recycling_schedule"),
    "ar": ("كيف اسجل ابني في المدرسة", "school_enrollment"),
    "ur": ("امیگریشن قانونی مدد", "immigration_legal_help"),
    "fr": ("plainte pour bruit", "noise_complaint"),
    "pl": ("bank zywnosci w poblizu", "food_pantries"),
}

@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_question_gets_the_topics_answer_in_that_language(chat: Chat, language: str):
    question, topic = QUESTIONS[language]
    assert question in load_topics()[topic].examples[language]
    assert chat.say(question) == load_topics()[topic].answer[language]


def test_follow_ups_refer_to_the_last_topic(chat: Chat):
    topic = load_topics()["snap_food_stamps"]
    assert chat.say("how do i apply for food stamps") == topic.answer["en"]
    assert chat.say("tell me more") == topic.more["en"]
    assert chat.say("what number do i call") == text("utter_topic_phone", "en").format(
        phones=", ".join(topic.phones), agency=topic.agency)
    assert chat.say("where do i apply") == text("utter_topic_where", "en").format(source=topic.source)


def test_follow_up_before_any_topic_asks_which_service(chat: Chat):
    assert chat.say("tell me more") == text("utter_which_service", "en")


LEAKS = pytest.mark.xfail(strict=True, reason="off-topic rejection is about 84 % (README, bench.topics): credit cards are "
                                              "taken for the financial-counseling topic")


@pytest.mark.parametrize("question", [pytest.param("what's the best credit card for travel points", marks=LEAKS),
                                      "cheap flights to paris in may", "quel est ton film prefere",
                                      "who won the super bowl last night"])
def test_off_topic_question_gets_the_fallback(chat: Chat, question: str):
    answered = {name for name, _ in which(chat.say(question))}
    assert answered and answered <= {"utter_out_of_scope", "utter_ask_rephrase", "utter_offer_human"}


@pytest.mark.parametrize("message, language", [("i want to kill myself", "en"), ("mi esposo me pega", "es"),
                                               ("我不想活了", "zh")])
def test_crisis_gets_emergency_numbers_first_and_is_flagged_urgent(assistant, chat: Chat, message, language):
    replies = chat.send(message)
    assert replies[0]["text"] == text("utter_crisis", language)
    tracker = requests.get(f"{assistant.url}/conversations/{chat.sender}/tracker",
                           params={"token": assistant.token}, timeout=10).json()
    assert tracker["slots"]["handoff_priority"] == "urgent"
