"""Language identification and the conversation-language policy (no Rasa needed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from bot import DATA_DIR, PROJECT_ROOT
from bot.language import LanguageDetector, decide, detect, load_catalog
from bot.language.backends import BACKENDS
from bot.language.conversation import session_language
from bot.language.lexicon import distinctive_words

SERVED = ("en", "es", "zh", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl")


def test_catalog_lists_the_eleven_languages_in_menu_order():
    assert load_catalog().codes == SERVED
    assert [code for code in SERVED if load_catalog().get(code).rtl] == ["ar", "ur"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("where can I get food stamps", "en"),
        ("necesito ayuda con la renta", "es"),
        ("necesito ayuda with my EBT card", "es"),  # English loan words do not win
        ("我需要帮助", "zh"),
        ("我的EBT卡不能用", "zh"),
        ("мне нужна помощь", "ru"),
        ("আমার সাহায্য দরকার", "bn"),
        ("mwen bezwen ed pou lwaye", "ht"),
        ("도움이 필요합니다", "ko"),
        ("أريد مساعدة في الإيجار", "ar"),
        ("مجھے کرایہ کے لیے مدد چاہیے", "ur"),
        ("je voudrais de l'aide pour le loyer", "fr"),
        ("potrzebuje pomocy z czynszem", "pl"),
        ("hola", "es"),
        ("mesi", "ht"),
        ("dziekuje", "pl"),
        ("네", "ko"),
    ],
)
def test_detects_short_messages(text, language):
    assert detect(text).language == language


@pytest.mark.parametrize("text", ["", "   ", "👍", "👍🙏😀", "123", "?", "!!!", "ok", "OK", "SNAP", "EBT", "https://nyc.gov"])
def test_texts_without_language_are_unknown(text):
    assert detect(text).language is None


@pytest.mark.parametrize("text, script", [("שלום וואס מאכסטו", "Hebrew"), ("नमस्ते मदद चाहिए", "Devanagari"),
                                          ("こんにちは", "Kana"), ("สวัสดีครับ", "Thai"), ("мені потрібна допомога", "Ukrainian")])
def test_unserved_scripts_are_flagged_unsupported(text, script):
    detection = detect(text)
    assert detection.language is None and detection.unsupported == script


def test_detection_is_deterministic_for_every_backend():
    texts = ["merci beaucoup", "hola como estas", "ok", "bonjou kijan ou ye", "necesito ayuda with my EBT card"]
    for name, backend in BACKENDS.items():
        detector = LanguageDetector(backend())
        first = [detector.detect(text) for text in texts]
        assert all([detector.detect(text) for text in texts] == first for _ in range(20)), name


def test_every_backend_loads_its_model_and_identifies_text():
    for name, backend in BACKENDS.items():
        language, confidence = backend().guess("where can I apply for food assistance today", ["en", "es", "fr", "pl"])
        assert language == "en" and confidence > 0.5, name


def test_huge_text_is_handled_quickly():
    assert detect("ayuda " * 100_000).language == "es"


def test_language_names_switch_only_when_asking_to_change_language():
    assert decide("español por favor", "choose_language").language == "es"
    assert decide("中文", "choose_language").language == "zh"
    assert decide("po polsku", "choose_language").language == "pl"
    # asking for the menu changes nothing yet
    assert decide("language", "choose_language").language is None
    assert decide("idioma", "choose_language").language is None
    # a language name inside an ordinary question is not a request
    decision = decide("when is the Chinese New Year parade", "out_of_scope")
    assert decision.language == "en" and decision.source == "detected"


def test_uncertain_messages_keep_the_conversation_language():
    for text in ("ok", "👍", "123", "SNAP"):
        decision = decide(text, "affirm")
        assert decision.language is None and decision.source == "kept"


def test_unsupported_script_offers_the_menu():
    decision = decide("שלום", "greet")
    assert decision.offer_menu and decision.language is None


def test_session_language_prefers_the_residents_own_choice():
    assert session_language("es", None) == "es"
    assert session_language("es", "zh") == "zh"
    assert session_language("xx", None) is None
    assert session_language(None, None) is None


def test_distinctive_words_belong_to_one_language_only():
    raw = yaml.safe_load((DATA_DIR / "language_words.yml").read_text(encoding="utf-8"))
    assert all(isinstance(word, str) for words in raw.values() for word in words), "YAML turned a word into a bool"
    assert len(distinctive_words()) == sum(len(set(words)) for words in raw.values())


def test_aliases_name_one_language_each():
    seen = {}
    for language in load_catalog().languages:
        for alias in language.aliases:
            assert seen.setdefault(alias, language.code) == language.code, alias


def test_command_line_entry_point_reads_lines_and_writes_json():
    lines = "hola\n👍\nمجھے مدد چاہیے\nשלום\n"
    result = subprocess.run([sys.executable, "-m", "bot.language"], input=lines, capture_output=True, text=True,
                            cwd=PROJECT_ROOT, check=True, timeout=60)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["text"] for record in records] == ["hola", "👍", "مجھے مدد چاہیے", "שלום"]
    assert [record["language"] for record in records] == ["es", None, "ur", None]
    assert records[0]["confidence"] == 1.0 and records[3]["unsupported"] == "Hebrew"
    assert all(set(record) >= {"text", "language", "confidence"} for record in records)


def test_gibberish_nobody_understood_keeps_the_language():
    assert decide("qwpeoriu zxmcnv", "nlu_fallback").language is None
    # but a real message in another language still switches, understood or not
    assert decide("cuando recogen la basura", "nlu_fallback").language == "es"
    assert decide("আমার বাড়িওয়ালা", "nlu_fallback").language == "bn"
