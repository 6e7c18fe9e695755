"""Never guess on words the assistant has never seen.

An intent classifier always picks *some* intent, and on gibberish or on a topic it was never
taught it is often confidently wrong ("asdf" → affirm). This component remembers every word of
the training examples and turns a message into ``nlu_fallback`` when fewer than
``min_known_ratio`` of its words are known. The resident is then asked to rephrase, or offered
a person — never given the closest guess.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.fallback import fall_back

VOCABULARY_FILE = "vocabulary.json"


def _words(message: Message) -> List[str]:
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return [token.lemma or token.text for token in tokens if not (token.text or "").isdigit()]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class KnownWordsFallback(GraphComponent, IntentClassifier):
    """Replaces the intent by ``nlu_fallback`` when too few of the message's words are known."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_known_ratio": 0.5}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Optional[Set[str]] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary: Set[str] = vocabulary or set()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KnownWordsFallback":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "KnownWordsFallback":
        with model_storage.read_from(resource) as directory:
            vocabulary = set(json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")))
        return cls(config, model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        self.vocabulary = {word for message in training_data.intent_examples for word in _words(message)}
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary), ensure_ascii=False),
                                                     encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            words = _words(message)
            intent = (message.get(INTENT) or {}).get("name")
            if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME or not message.get(TEXT):
                continue
            known = sum(word in self.vocabulary for word in words)
            if not words or known / len(words) < self._config["min_known_ratio"]:
                fall_back(message)
        return messages
