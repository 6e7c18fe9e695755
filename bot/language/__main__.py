"""``python -m bot.language``: one text per line on stdin, one JSON object per line on stdout.

Each output line is ``{"text", "language", "confidence"}``; ``language`` is ``null`` when the
text is too short or uncertain to tell, and ``unsupported`` names a script we do not serve.
"""

from __future__ import annotations

import json
import sys

from bot.language import detect


def main() -> int:
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        detection = detect(text)
        record = {"text": text, "language": detection.language, "confidence": round(detection.confidence, 4)}
        if detection.unsupported:
            record["unsupported"] = detection.unsupported
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
