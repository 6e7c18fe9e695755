"""Latency of the full stack against bare Rasa, on the same model and the same server.

Sends the same messages (all 11 languages, from ``bench/data/langid_messages.tsv``) one at a
time, interleaved, to Rasa's own REST channel ("bare Rasa") and to our web channel ("full stack": request
validation, button memory, ``/`` guard), in conversations of 8 messages, and prints p50/p99
latency, messages per second and the full/bare ratio. Both paths run the same NLU pipeline and
policies, so the ratio is the cost of our channel layer.

    .venv/bin/python -m bench.latency [--messages 352] [--profile embedded|production]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List

import requests

from bench.langid import load_messages
from bot import runtime

CONVERSATION_LENGTH = 8


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(paths: Dict[str, Callable[[str, str], None]], texts: List[str]) -> Dict[str, Dict[str, float]]:
    """Send every text to every path, interleaved, so both see the same machine conditions."""
    latencies: Dict[str, List[float]] = {name: [] for name in paths}
    busy: Dict[str, float] = {name: 0.0 for name in paths}
    senders: Dict[str, str] = {}
    for index, text in enumerate(texts):
        if index % CONVERSATION_LENGTH == 0:
            senders = {name: f"bench-{uuid.uuid4().hex[:12]}" for name in paths}
        for name, send in paths.items():
            began = time.perf_counter()
            send(senders[name], text)
            elapsed = time.perf_counter() - began
            latencies[name].append(elapsed * 1000)
            busy[name] += elapsed
    return {
        name: {"p50": statistics.median(values), "p99": percentile(values, 0.99), "rate": len(values) / busy[name]}
        for name, values in latencies.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=352)
    parser.add_argument("--profile", default="embedded", choices=sorted(runtime.PROFILES))
    args = parser.parse_args()
    texts = [text for _, text in load_messages()]
    texts = (texts * (args.messages // len(texts) + 1))[: args.messages]

    with tempfile.TemporaryDirectory() as var_dir:
        assistant = runtime.Assistant(runtime.ensure_model(), profile=args.profile, port=5405, action_port=5455,
                                      var_dir=Path(var_dir), credentials="bench/credentials.yml",
                                      log_dir=Path(var_dir) / "logs")
        assistant.start()
        try:
            session = requests.Session()

            def post(path: str) -> Callable[[str, str], None]:
                def send(sender: str, text: str) -> None:
                    reply = session.post(f"{assistant.url}{path}", json={"sender": sender, "message": text}, timeout=30)
                    reply.raise_for_status()
                return send

            paths = {"bare Rasa (rest channel)": post("/webhooks/rest/webhook"),
                     "full stack (web channel)": post("/webhooks/web/webhook")}
            measure(paths, texts[:24])  # warm-up: first-call costs are not what we measure
            results = measure(paths, texts)
        finally:
            assistant.stop()

    print(f"{len(texts)} messages per path, sequential, {args.profile} profile, conversations of {CONVERSATION_LENGTH}")
    print("| path | p50 ms | p99 ms | messages/s |")
    print("|---|---|---|---|")
    for name, result in results.items():
        print(f"| {name} | {result['p50']:.1f} | {result['p99']:.1f} | {result['rate']:.1f} |")
    bare_result, full_result = results.values()
    print(f"full/bare: p50 ×{full_result['p50'] / bare_result['p50']:.2f}, "
          f"p99 ×{full_result['p99'] / bare_result['p99']:.2f}, throughput ×{full_result['rate'] / bare_result['rate']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
