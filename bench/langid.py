"""Language identification on short resident messages: accuracy and speed of every backend.

Prints, per backend, accuracy per language and overall on ``bench/data/langid_messages.tsv``
(32 short messages per language: one-word texts, typos, missing accents, English mixed in),
and milliseconds per message. "raw" is the backend alone over all served languages; "rules" is
the backend behind the detector's script rules and short-text lexicon (what the assistant runs).
A message counts as correct only when the detector names its language; "unknown" is wrong.

    .venv/bin/python -m bench.langid
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

from bot.language.backends import BACKENDS
from bot.language.catalog import load_catalog
from bot.language.detector import DEFAULT_BACKEND, DEFAULT_THRESHOLD, LanguageDetector

DATA = Path(__file__).parent / "data" / "langid_messages.tsv"


def load_messages(path: Path = DATA) -> List[Tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["language"], row["text"]) for row in csv.DictReader(handle, delimiter="\t")]


def evaluate(detector: LanguageDetector, messages: List[Tuple[str, str]]) -> Tuple[Dict[str, float], float, float]:
    correct: Counter = Counter()
    total: Counter = Counter()
    start = time.perf_counter()
    for language, text in messages:
        total[language] += 1
        correct[language] += detector.detect(text).language == language
    elapsed_ms = (time.perf_counter() - start) * 1000 / len(messages)
    per_language = {code: correct[code] / total[code] for code in total}
    return per_language, sum(correct.values()) / len(messages), elapsed_ms


def main() -> int:
    messages = load_messages()
    codes = load_catalog().codes
    header = ["backend", "mode", *codes, "overall", "ms/msg"]
    rows = []
    for name, backend_class in BACKENDS.items():
        backend = backend_class()
        for mode, detector in (
            ("raw", LanguageDetector(backend, threshold=0.0, use_rules=False)),
            ("rules", LanguageDetector(backend, threshold=DEFAULT_THRESHOLD)),
        ):
            detector.detect("warm-up")
            per_language, overall, ms = evaluate(detector, messages)
            rows.append(
                [name, mode, *(f"{per_language[c]:.0%}" for c in codes), f"{overall:.1%}", f"{ms:.2f}"]
            )
    print(f"{len(messages)} messages, {len(codes)} languages; default backend: {DEFAULT_BACKEND}, "
          f"threshold {DEFAULT_THRESHOLD}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
