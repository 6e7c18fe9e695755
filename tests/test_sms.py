"""SMS encodings, segment counts and splitting."""

from __future__ import annotations

import random

import pytest

from bot import sms


@pytest.mark.parametrize("text, gsm, count", [
    ("a" * 160, True, 1), ("a" * 161, True, 2), ("a" * 306, True, 2), ("a" * 307, True, 3),
    ("€" * 80, True, 1), ("€" * 81, True, 2),          # extended characters take two septets
    ("é" * 160, True, 1), ("ê" * 70, False, 1), ("ê" * 71, False, 2),
    ("你" * 70, False, 1), ("你" * 71, False, 2), ("你" * 134, False, 2), ("你" * 135, False, 3),
    ("😀" * 35, False, 1), ("😀" * 36, False, 2),         # an emoji is two UTF-16 units
])
def test_segments(text, gsm, count):
    assert sms.is_gsm7(text) is gsm
    assert sms.segments(text) == count


def test_split_keeps_every_word_in_order_and_respects_limits():
    rng = random.Random(7)
    vocabulary = ["apply", "SNAP", "benefits", "información", "你好。", "помощь.", "সাহায্য", "kijan?", "😀", "\n\n"]
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 400)))
        limit = rng.randint(1, 10)
        parts = sms.split(text, limit)
        assert all(sms.segments(part) <= limit and len(part) <= sms.MAX_BODY for part in parts)
        assert "".join("".join(parts).split()) == "".join(text.split())


def test_split_prefers_sentence_boundaries():
    text = "First sentence here. " * 20 + "Last one."
    parts = sms.split(text, 1)
    assert all(part.endswith(".") for part in parts)


def test_short_text_is_one_message_and_empty_is_none():
    assert sms.split("  hello  ") == ["hello"]
    assert sms.split("   ") == []


def test_buttons_render_as_a_numbered_list_without_payloads():
    rendered = sms.with_numbered_buttons("Talk to a person?", [{"title": "Yes", "payload": "/affirm"},
                                                              {"title": "No", "payload": "/deny"}])
    assert rendered == "Talk to a person?\n1. Yes\n2. No"
