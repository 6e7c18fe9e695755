"""Service questions: topic accuracy per language on held-out examples, and off-topic rejection.

Trains (or reuses) the model, starts the assistant and sends through ``/model/parse``:

* the held-out fifth of every knowledge-base topic's examples (never trained on): a question
  counts as answered right only when the ``faq`` intent survives the fallbacks (including the
  topic-confidence gate) and the response selector picks that exact topic;
* ``bench/data/off_topic.tsv`` (banking, travel, trivia, small talk… never trained on): rejected
  when the result is ``out_of_scope`` or ``nlu_fallback`` — anything else would be a guess.

The false-rejection rate is the share of held-out service questions that were rejected.

    .venv/bin/python -m bench.topics
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import requests

from bot import runtime
from bot.kb import HELD_OUT_EVERY, RETRIEVAL_INTENT, load_topics, selected_topic
from bot.language import load_catalog

OFF_TOPIC = Path(__file__).parent / "data" / "off_topic.tsv"
REJECTED = {"out_of_scope", "nlu_fallback"}


def judge(parse: Dict) -> Tuple[str, str]:
    """(what happened, topic): "topic" with the topic answered, "rejected", or "other" intent."""
    intent = parse["intent"]["name"]
    if intent in REJECTED:
        return "rejected", ""
    if intent != RETRIEVAL_INTENT:
        return "other", intent
    return "topic", selected_topic(parse)[0]


def main() -> int:
    codes = load_catalog().codes
    topics = load_topics()
    with open(OFF_TOPIC, encoding="utf-8") as handle:
        off_topic = [(row["language"], row["text"]) for row in csv.DictReader(handle, delimiter="\t")]
    with tempfile.TemporaryDirectory() as var_dir:
        assistant = runtime.Assistant(runtime.ensure_model(), port=5405, action_port=5455, var_dir=Path(var_dir),
                                      log_dir=Path(var_dir) / "logs")
        assistant.start()
        session = requests.Session()

        def parse(text: str) -> Dict:
            reply = session.post(f"{assistant.url}/model/parse", params={"token": assistant.token},
                                 json={"text": text}, timeout=30)
            reply.raise_for_status()
            return reply.json()

        try:
            right, asked, rejected_service = Counter(), Counter(), Counter()
            for topic in topics.values():
                for code in codes:
                    for example in topic.held_out_examples(code):
                        outcome, chosen = judge(parse(example))
                        asked[code] += 1
                        right[code] += outcome == "topic" and chosen == topic.id
                        rejected_service[code] += outcome == "rejected"
            rejected_off, asked_off = Counter(), Counter()
            for code, text in off_topic:
                asked_off[code] += 1
                rejected_off[code] += judge(parse(text))[0] == "rejected"
        finally:
            assistant.stop()

    rows: List[List[str]] = []
    for code in codes:
        rows.append([code, str(asked[code]), f"{right[code] / asked[code]:.1%}",
                     f"{rejected_service[code] / asked[code]:.1%}", str(asked_off[code]),
                     f"{rejected_off[code] / max(asked_off[code], 1):.1%}"])
    total, total_off = sum(asked.values()), sum(asked_off.values())
    rows.append(["all", str(total), f"{sum(right.values()) / total:.1%}",
                 f"{sum(rejected_service.values()) / total:.1%}", str(total_off),
                 f"{sum(rejected_off.values()) / total_off:.1%}"])
    print(f"{len(topics)} topics; every {HELD_OUT_EVERY}th example of each topic and language held out; targets: topic accuracy "
          f"≥ 90 % per language, off-topic rejection ≥ 95 %")
    print("| language | held-out questions | topic accuracy | false rejection | off-topic questions | off-topic rejected |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
