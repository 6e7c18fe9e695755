"""Fitting replies into SMS: encodings, segments, splitting, and buttons as numbered lists.

An SMS segment holds 160 GSM-7 characters, or 153 when a message is split (the rest is the
concatenation header). Any character outside GSM-7 — every non-Latin script, emoji, many
accents — makes the whole message UCS-2: 70 characters, 67 per segment when split. Twilio
refuses bodies over 1600 characters. Long replies are split at paragraph, then sentence, then
word boundaries so each message stays within ``max_segments`` segments.
"""

from __future__ import annotations

import re
from typing import Dict, List, Sequence, Tuple

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")  # each takes two septets
MAX_BODY = 1600
DEFAULT_MAX_SEGMENTS = 4  # per message; multi-segment messages arrive as one on the phone

_SENTENCE_END = re.compile(r"(?<=[.!?。！？।۔؟])\s+|(?<=[。！？])")


def is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENDED for char in text)


def length_units(text: str) -> int:
    """Length in the units segments are counted in: septets for GSM-7, UTF-16 code units for UCS-2."""
    if is_gsm7(text):
        return sum(2 if char in GSM7_EXTENDED else 1 for char in text)
    return len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    """How many SMS segments a message takes."""
    units = length_units(text)
    single, multi = (160, 153) if is_gsm7(text) else (70, 67)
    return 1 if units <= single else -(-units // multi)


def _fits(text: str, max_segments: int, max_chars: int) -> bool:
    return len(text) <= max_chars and segments(text) <= max_segments


def _pieces(text: str) -> Tuple[List[str], str]:
    """Paragraphs, then sentences, then words — the coarsest split that breaks the text — and
    the separator to put back between pieces."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) > 1:
        return paragraphs, "\n\n"
    sentences = [p for p in _SENTENCE_END.split(text) if p.strip()]
    if len(sentences) > 1:
        return sentences, " " if re.search(r"\s", text) else ""
    return text.split(), " "


def split(text: str, max_segments: int = DEFAULT_MAX_SEGMENTS, max_chars: int = MAX_BODY) -> List[str]:
    """Split a reply into messages of at most ``max_segments`` segments and ``max_chars``
    characters (other channels pass their own character limit and no segment limit)."""
    text = text.strip()
    if not text:
        return []
    if _fits(text, max_segments, max_chars):
        return [text]
    parts, joiner = _pieces(text)
    if len(parts) <= 1:  # one unbreakable word: cut it in half
        cut = len(text) // 2
        return split(text[:cut], max_segments, max_chars) + split(text[cut:], max_segments, max_chars)
    messages: List[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{joiner}{part}" if current else part
        if _fits(candidate, max_segments, max_chars):
            current = candidate
            continue
        if current:
            messages.append(current)
        *complete, current = split(part, max_segments, max_chars)
        messages.extend(complete)
    if current:
        messages.append(current)
    return messages


def with_numbered_buttons(text: str, buttons: Sequence[Dict[str, str]]) -> str:
    """Render buttons as a numbered list under the text; the payloads are never shown.

    The resident answers with the number (or the title); ``channels.buttons`` maps it back.
    """
    if not buttons:
        return text
    options = "\n".join(f"{index}. {button['title']}" for index, button in enumerate(buttons, 1))
    return f"{text}\n{options}"
