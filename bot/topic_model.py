"""Which knowledge-base topic a service question is about: a linear model on character n-grams.

Residents' questions are short, misspelled, unaccented, romanized or mixed with English, and each
topic has only a few dozen examples per language. A linear support-vector machine over character
n-grams (within words) and words copes with all of that and trains in seconds on two cores;
calibrating it (sigmoid, 3-fold) gives probabilities the assistant can refuse on ("not sure which
topic" → ask again). Rasa's ``ResponseSelector`` was measured on the same split and was both
slower (minutes per training) and less accurate; see the README.

The model knows nothing about Rasa: ``components/topic_selector.py`` adapts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Sequence, Tuple

import joblib
import numpy
import regex
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import LinearSVC
from sklearn.pipeline import Pipeline, make_union

from bot.language.scripts import fold

_TOKEN = regex.compile(r"\p{Han}|[\p{L}\p{M}\p{N}]+")


def normalise(text: str) -> str:
    """Folded words separated by single spaces; each Han character is a word of its own."""
    return " ".join(_TOKEN.findall(fold(text)))


class TopicModel:
    """Ranks topics for a text. ``fit`` on (text, topic) pairs, then ``rank``."""

    def __init__(self, regularisation: float = 0.5) -> None:
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", token_pattern=r"\S+", sublinear_tf=True),
        )
        self._pipeline = Pipeline([("features", features),
                                   ("classifier", CalibratedClassifierCV(LinearSVC(C=regularisation), cv=3))])

    def fit(self, texts: Sequence[str], topics: Sequence[str]) -> "TopicModel":
        if len(set(topics)) < 2:
            raise ValueError("a topic model needs examples of at least two topics")
        self._pipeline.fit([normalise(text) for text in texts], numpy.asarray(topics))
        return self

    def rank(self, text: str, top: int = 10) -> List[Tuple[str, float]]:
        """The ``top`` most likely topics with their probabilities, most likely first."""
        probabilities = self._pipeline.predict_proba([normalise(text)])[0]
        classes = self._pipeline.classes_
        order = probabilities.argsort()[::-1][:top]
        return [(str(classes[i]), float(probabilities[i])) for i in order]

    def save(self, path: Path) -> None:
        joblib.dump(self._pipeline, path)

    @classmethod
    def load(cls, path: Path) -> "TopicModel":
        model = cls()
        model._pipeline = joblib.load(path)
        return model
