"""The knowledge base as data: complete in every language, sourced, and split for the benchmark."""

from __future__ import annotations

import subprocess
import sys

import yaml

from bot import PROJECT_ROOT, kb
from bot.language import load_catalog

CODES = load_catalog().codes


def test_knowledge_base_is_complete():
    assert kb.problems() == []


def test_at_least_sixty_topics_across_the_service_areas():
    topics = kb.load_topics()
    assert len(topics) >= 60
    assert {"tenants", "housing", "food", "money", "health", "documents", "immigration", "sanitation",
            "quality_of_life", "transport", "schools_jobs", "emergencies"} == {t.area for t in topics.values()}


def test_held_out_examples_are_never_trained_on():
    data = kb.training_data()
    trained = {line[2:] for block in data["nlu"] for line in block["examples"].splitlines()}
    for topic in kb.load_topics().values():
        for code in CODES:
            held_out = topic.held_out_examples(code)
            assert held_out and not {kb._escape(e) for e in held_out} & trained, (topic.id, code)
            assert len(held_out) + len(topic.training_examples(code)) == len(topic.examples[code])


def test_training_data_is_rasa_retrieval_intents_with_responses():
    data = kb.training_data()
    ids = set(kb.load_topics())
    assert {block["intent"] for block in data["nlu"]} == {f"faq/{topic}" for topic in ids}
    assert set(data["responses"]) == {f"utter_faq/{topic}" for topic in ids}


def test_validate_command_reports_what_is_missing(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "bot.kb", "validate"], cwd=PROJECT_ROOT, capture_output=True,
                        text=True, timeout=60)
    assert ok.returncode == 0 and "OK" in ok.stdout
    broken = yaml.safe_load((PROJECT_ROOT / "data" / "kb" / "food.yml").read_text(encoding="utf-8"))
    del broken["topics"][0]["answer"]["ht"]
    broken["topics"][0]["source"] = "nyc.gov"
    (tmp_path / "food.yml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    found = kb.problems(tmp_path)
    topic = broken["topics"][0]["id"]
    assert f"food/{topic}: no answer in ht" in found
    assert f"food/{topic}: source must be an https:// page" in found


def test_selected_topic_reads_rasas_response_selector_output():
    parse = {"response_selector": {"faq": {"response": {"intent_response_key": "faq/wic", "confidence": 0.83}}}}
    assert kb.selected_topic(parse) == ("wic", 0.83)
    assert kb.selected_topic({"intent": {"name": "greet"}}) == ("", 0.0)


def test_topic_confidence_gate_turns_an_unsure_topic_into_a_fallback():
    from rasa.shared.nlu.training_data.message import Message

    from components.topic_gate import TopicConfidenceGate

    def parsed(confidence: float) -> Message:
        message = Message(data={"text": "x", "intent": {"name": "faq", "confidence": 0.9}})
        message.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/wic",
                                                                "confidence": confidence}}})
        return message

    gate = TopicConfidenceGate({"min_confidence": 0.5})
    sure, unsure = gate.process([parsed(0.5), parsed(0.49)])
    assert sure.get("intent")["name"] == "faq"
    assert unsure.get("intent")["name"] == "nlu_fallback"
    assert unsure.get("intent_ranking")[0]["name"] == "nlu_fallback"


def test_topic_model_learns_topics_across_scripts_and_survives_a_round_trip(tmp_path):
    from bot.topic_model import TopicModel, normalise

    assert normalise("¿Dónde  está el WIC?") == "donde esta el wic"
    assert normalise("申请食品券") == "申 请 食 品 券"
    texts = ["no heat in my apartment", "no tengo calefaccion", "没有暖气", "нет отопления",
             "where do i get food stamps", "cupones de alimentos", "食品券怎么申请", "талоны на еду",
             "bulk pickup for a mattress", "recoger un colchon", "大件垃圾", "вывоз мебели"]
    topics = ["heat"] * 4 + ["snap"] * 4 + ["bulk"] * 4
    model = TopicModel().fit(texts * 3, topics * 3)
    model.save(tmp_path / "model.joblib")
    loaded = TopicModel.load(tmp_path / "model.joblib")
    for text, topic in [("no heat apartment", "heat"), ("calefaccion", "heat"), ("申请食品券", "snap"),
                        ("мебель вывоз", "bulk")]:
        ranking = loaded.rank(text, top=3)
        assert ranking[0][0] == topic, (text, ranking)
        assert [t for t, _ in ranking] == [t for t, _ in model.rank(text, top=3)]
        assert abs(sum(p for _, p in loaded.rank(text, top=3)) - 1.0) < 1e-6


def test_crisis_bias_prefers_a_possible_crisis_over_any_other_reading():
    from rasa.shared.nlu.training_data.message import Message

    from components.crisis_bias import CrisisBias

    def parsed(intent: str, crisis: float) -> Message:
        ranking = [{"name": intent, "confidence": 1.0}, {"name": "faq", "confidence": 0.6},
                   {"name": "crisis", "confidence": crisis}]
        return Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})

    bias = CrisisBias({"min_confidence": 0.25})
    fallback, guess, calm = bias.process([parsed("nlu_fallback", 0.3), parsed("faq", 0.25), parsed("faq", 0.2)])
    assert fallback.get("intent")["name"] == "crisis"
    assert guess.get("intent")["name"] == "crisis"
    assert calm.get("intent")["name"] == "faq"
