"""The knowledge base of city-service answers: curated topics as data (``data/kb/*.yml``).

Each topic carries its official source, agency, phone numbers, a short answer and a longer one
for "more", in every served language, and the questions residents write, in every language.
The assistant answers only from here. ``python -m bot.kb validate`` checks that every topic is
complete; ``training_data`` turns the examples into Rasa NLU training data for the ``faq``
retrieval intent, keeping a fixed fifth of them out of training for ``bench/topics.py``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

from bot import DATA_DIR, sms
from bot.language import load_catalog

KB_DIR = DATA_DIR / "kb"
RETRIEVAL_INTENT = "faq"
MAX_ANSWER = 320  # about 2 SMS segments in Latin scripts (2 × 153 GSM-7 characters)
MAX_MORE = 700
MIN_EXAMPLES = 5
HELD_OUT_EVERY = 5  # examples 5, 10, … of each topic and language are never trained on
_SENTENCE_END = re.compile(r"(?<=[.!?。？！؟۔])\s*")


@dataclass(frozen=True)
class Topic:
    id: str
    area: str
    title: str
    agency: str
    source: str
    phones: Tuple[str, ...]
    answer: Dict[str, str]
    more: Dict[str, str]
    examples: Dict[str, Tuple[str, ...]]
    crisis: bool = False  # a question about it may come from someone in danger: emergency numbers first

    def training_examples(self, language: str) -> Tuple[str, ...]:
        return tuple(e for i, e in enumerate(self.examples.get(language, ()), 1) if i % HELD_OUT_EVERY)

    def training_texts(self, language: str) -> Tuple[str, ...]:
        """What the classifier learns the topic from: the training examples, and the sentences of
        the answer and "more" — they carry the topic's own vocabulary in that language."""
        sentences = (s for text in (self.answer.get(language, ""), self.more.get(language, ""))
                     for s in _SENTENCE_END.split(text) if len(s.strip()) > 3)
        return self.training_examples(language) + tuple(s.strip() for s in sentences)

    def held_out_examples(self, language: str) -> Tuple[str, ...]:
        return tuple(e for i, e in enumerate(self.examples.get(language, ()), 1) if not i % HELD_OUT_EVERY)


@lru_cache(maxsize=None)
def load_topics(kb_dir: Path = KB_DIR) -> Dict[str, Topic]:
    topics: Dict[str, Topic] = {}
    for path in sorted(kb_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in document.get("topics") or []:
            topic = Topic(
                id=str(entry["id"]), area=str(document.get("area", path.stem)), title=str(entry.get("title", "")),
                agency=str(entry.get("agency", "")), source=str(entry.get("source", "")),
                phones=tuple(str(p) for p in entry.get("phones") or ()),
                answer={k: str(v) for k, v in (entry.get("answer") or {}).items()},
                more={k: str(v) for k, v in (entry.get("more") or {}).items()},
                examples={k: tuple(str(e) for e in v or ()) for k, v in (entry.get("examples") or {}).items()},
                crisis=bool(entry.get("crisis", False)),
            )
            if topic.id in topics:
                raise ValueError(f"{path.name}: topic {topic.id!r} is defined twice")
            topics[topic.id] = topic
    return topics


def selected_topic(parse: Mapping[str, Any]) -> Tuple[str, float]:
    """The topic id the response selector picked in a parse result, and its confidence
    (``("", 0.0)`` when it picked none). Rasa names it ``faq/<topic id>``."""
    response = ((parse.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("response") or {}
    key = str(response.get("intent_response_key") or "")
    return key.partition("/")[2], float(response.get("confidence") or 0.0)


def _nlu_examples(nlu_dir: Path) -> Dict[str, str]:
    """Every example of ``data/nlu`` (normalised) and its intent."""
    examples: Dict[str, str] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                if line.startswith("- "):
                    examples[" ".join(line[2:].lower().split())] = str(block.get("intent"))
    return examples


def problems(kb_dir: Path = KB_DIR, nlu_dir: Path = DATA_DIR / "nlu") -> List[str]:
    """Everything that keeps the knowledge base from being complete; empty when it is."""
    found: List[str] = []
    codes = load_catalog().codes
    seen: Dict[str, str] = dict(_nlu_examples(nlu_dir))  # an example of another intent cannot be a topic's too
    for topic in load_topics(kb_dir).values():
        where = f"{topic.area}/{topic.id}"
        if not topic.source.startswith("https://"):
            found.append(f"{where}: source must be an https:// page")
        if not topic.agency:
            found.append(f"{where}: no agency")
        for code in codes:
            if not topic.answer.get(code, "").strip():
                found.append(f"{where}: no answer in {code}")
            elif len(topic.answer[code]) > MAX_ANSWER:
                found.append(f"{where}: answer in {code} is over {MAX_ANSWER} characters")
            if not topic.more.get(code, "").strip():
                found.append(f"{where}: no 'more' in {code}")
            elif len(topic.more[code]) > MAX_MORE:
                found.append(f"{where}: 'more' in {code} is over {MAX_MORE} characters")
            examples = topic.examples.get(code, ())
            if len(examples) < MIN_EXAMPLES:
                found.append(f"{where}: {len(examples)} examples in {code}, at least {MIN_EXAMPLES} needed")
            for example in examples:
                key = " ".join(example.lower().split())
                if key.startswith("/"):
                    found.append(f"{where}: example {example!r} starts with '/'")
                if seen.setdefault(key, topic.id) != topic.id:
                    found.append(f"{where}: example {example!r} is also an example of {seen[key]}")
    return found


def training_data(kb_dir: Path = KB_DIR) -> Dict:
    """Rasa NLU training data: one ``faq/<topic>`` retrieval intent per topic (its training texts,
    held-out examples left out), and the response Rasa expects for each retrieval intent (the
    topic's English title; the answer itself comes from the knowledge base in the conversation
    language)."""
    codes = load_catalog().codes
    nlu, responses = [], {}
    for topic in load_topics(kb_dir).values():
        lines = list(dict.fromkeys(text for code in codes for text in topic.training_texts(code)))
        nlu.append({"intent": f"{RETRIEVAL_INTENT}/{topic.id}",
                    "examples": "".join(f"- {_escape(line)}\n" for line in lines)})
        responses[f"utter_{RETRIEVAL_INTENT}/{topic.id}"] = [{"text": topic.title}]
    return {"version": "3.1", "nlu": nlu, "responses": responses}


def _escape(example: str) -> str:
    # Rasa reads [text](entity) and {…} annotations inside examples; these are plain text.
    return " ".join(example.replace("[", "(").replace("]", ")").replace("{", "(").replace("}", ")").split())


def write_training_data(path: Path, kb_dir: Path = KB_DIR) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Generated from data/kb by bot.kb.write_training_data — do not edit.\n"
    text += yaml.safe_dump(training_data(kb_dir), allow_unicode=True, sort_keys=False, width=1000)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv: List[str]) -> int:
    if argv != ["validate"]:
        print("usage: python -m bot.kb validate", file=sys.stderr)
        return 2
    found = problems()
    for problem in found:
        print(problem)
    topics = load_topics()
    print("SMS segments per answer (the channel splits longer texts):")
    for code in load_catalog().codes:
        counts = sorted(sms.segments(t.answer[code]) for t in topics.values() if t.answer.get(code))
        if counts:
            print(f"  {code}: median {counts[len(counts) // 2]}, most {counts[-1]}")
    print(f"{len(topics)} topics in {len({t.area for t in topics.values()})} areas: "
          f"{'OK' if not found else f'{len(found)} problems'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
