"""Statistical language-identification backends behind one small interface.

Each backend answers one question: among these candidate languages, which one is this text in,
and how sure are you? Rules that do not need statistics (scripts, empty texts) live in
``detector.py`` and are shared by every backend, so backends stay swappable and comparable.
The default is chosen by ``bench/langid.py``; its figures are in the README.
"""

from __future__ import annotations

import threading
from typing import Dict, Optional, Protocol, Sequence, Tuple

Guess = Tuple[Optional[str], float]

# Codes some detectors use for our languages.
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "zh-Latn": None, "iw": "he", "ji": "yi"}


def _normalise(code: str) -> Optional[str]:
    code = _ALIASES.get(code, code)
    return code.split("-")[0] if code else None


class Backend(Protocol):
    """A language identifier restricted to a set of candidate languages."""

    name: str

    def guess(self, text: str, candidates: Sequence[str]) -> Guess:
        """Return the most likely candidate and its probability, or ``(None, 0.0)``."""


class LangdetectBackend:
    """``langdetect`` (a port of Google's language-detection), seeded so results repeat.

    It has no Haitian Creole profile, and on one-word texts it is often wrong ("hola" → cy).
    """

    name = "langdetect"

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.seed = 0  # langdetect samples randomly; a fixed seed makes it deterministic

    def guess(self, text: str, candidates: Sequence[str]) -> Guess:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            probabilities = detector.get_probabilities()
        except LangDetectException:
            return None, 0.0
        for result in probabilities:
            code = _normalise(result.lang)
            if code in candidates:
                return code, float(result.prob)
        return None, 0.0


class Py3langidBackend:
    """``py3langid`` (langid.py) with its output restricted to the candidates, probabilities normalised."""

    name = "py3langid"

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._load = lambda: LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        self._by_candidates: Dict[Tuple[str, ...], object] = {}
        self._lock = threading.Lock()

    def _identifier(self, candidates: Sequence[str]):
        key = tuple(sorted(candidates))
        with self._lock:
            if key not in self._by_candidates:
                identifier = self._load()
                identifier.set_languages(list(key))
                self._by_candidates[key] = identifier
            return self._by_candidates[key]

    def guess(self, text: str, candidates: Sequence[str]) -> Guess:
        code, probability = self._identifier(candidates).classify(text)
        return code, float(probability)


class Cld3Backend:
    """Google's CLD3 neural model (``cld3-py``), top results filtered to the candidates."""

    name = "cld3"

    def __init__(self) -> None:
        import gcld3

        self._identifier = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

    def guess(self, text: str, candidates: Sequence[str]) -> Guess:
        for result in self._identifier.FindTopNMostFreqLangs(text, num_langs=8):
            code = _normalise(result.language)
            if code in candidates:
                return code, float(result.probability)
        return None, 0.0


BACKENDS = {
    LangdetectBackend.name: LangdetectBackend,
    Py3langidBackend.name: Py3langidBackend,
    Cld3Backend.name: Cld3Backend,
}
