"""Never answer a city-service question with the closest topic when the selector is unsure.

The ``faq`` intent says *that* a message is a service question; the response selector then
picks *which* topic, and always picks one. When its confidence is below ``min_confidence`` the
message is turned into ``nlu_fallback``, so the resident is asked to rephrase and then offered a
person, exactly as for any other message the assistant did not understand. Deciding this in the
NLU pipeline keeps one threshold for the conversation, ``/model/parse`` and ``bench/topics.py``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from bot.kb import RETRIEVAL_INTENT, selected_topic
from components.fallback import fall_back


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TopicConfidenceGate(GraphComponent, IntentClassifier):
    """Replaces ``faq`` by ``nlu_fallback`` when the topic is picked with low confidence."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_confidence": 0.3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TopicConfidenceGate":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != RETRIEVAL_INTENT:
                continue
            if selected_topic(message.as_dict())[1] >= self._config["min_confidence"]:
                continue
            fall_back(message)
        return messages
