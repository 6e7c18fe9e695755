"""Every response and every core intent exists in every served language."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot import DATA_DIR, PROJECT_ROOT
from bot.language import load_catalog
from tests.responses import domain_parts, domain_responses

CODES = load_catalog().codes
RESPONSES = domain_responses()
CORE = yaml.safe_load((PROJECT_ROOT / "domain" / "core.yml").read_text(encoding="utf-8"))
# Every intent of the domain has its examples in data/nlu/ (the knowledge base's `faq` is not listed in the domain:
# Rasa adds it from the retrieval intents, and bot.kb checks its examples).
NLU_INTENTS = [intent for part in domain_parts() for intent in part.get("intents") or []]


def _language(variation):
    conditions = variation.get("condition") or []
    values = [c["value"] for c in conditions if c.get("type") == "slot" and c.get("name") == "language"]
    return values[0] if len(values) == 1 else None


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_has_exactly_one_text_per_language(name):
    languages = [_language(variation) for variation in RESPONSES[name]]
    assert sorted(languages) == sorted(CODES), f"{name}: missing {set(CODES) - set(languages)}"
    for variation in RESPONSES[name]:
        assert variation.get("text", "").strip(), f"{name}/{_language(variation)} has no text"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_buttons_have_the_same_payloads_in_every_language(name):
    payloads = {tuple(b["payload"] for b in variation.get("buttons", [])) for variation in RESPONSES[name]}
    assert len(payloads) == 1, name
    for variation in RESPONSES[name]:
        assert all(b["title"].strip() for b in variation.get("buttons", []))


def test_translations_are_not_copies_of_english():
    for name, variations in RESPONSES.items():
        english = next(v["text"] for v in variations if _language(v) == "en")
        for variation in variations:
            if _language(variation) != "en" and name != "utter_language_menu":
                assert variation["text"] != english, f"{name}/{_language(variation)} is the English text"


def test_language_slot_values_match_the_catalog():
    assert CORE["slots"]["language"]["values"] == list(CODES)


def test_every_language_has_nlu_examples_for_every_intent():
    examples = defaultdict(lambda: defaultdict(int))
    for path in sorted((DATA_DIR / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            language = (block.get("metadata") or {}).get("language")
            assert language in CODES, f"{path.name}: block {block.get('intent')} says {language}"
            examples[language][block["intent"]] += block["examples"].count("\n- ") + 1
    for code in CODES:
        for intent in NLU_INTENTS:
            assert examples[code][intent] >= 10, f"{code}/{intent} has {examples[code][intent]} examples"


def test_no_training_example_starts_with_a_slash():
    for path in (DATA_DIR / "nlu").glob("*.yml"):
        assert "\n    - /" not in path.read_text(encoding="utf-8"), path.name


def test_sms_keywords_and_texts_exist_for_every_language():
    from bot import keywords

    raw = yaml.safe_load((DATA_DIR / "sms_keywords.yml").read_text(encoding="utf-8"))["languages"]
    assert list(raw) == list(CODES)
    for code in CODES:
        assert raw[code]["stop"] and raw[code]["help"], code
        for name in keywords.TEXTS:
            assert raw[code][name].strip(), f"{code}/{name}"
        assert "STOP" in raw[code]["help_text"] and "911" in raw[code]["help_text"], code
    assert keywords.match("STOP").kind == "stop" and keywords.match("arrêt").language == "fr"
    assert keywords.match("stop the noise") is None and keywords.match("") is None
