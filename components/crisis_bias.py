"""When a message may be a crisis, treat it as one.

Missing a crisis costs far more than a false alarm: a resident who only asked about a
domestic-violence hotline and also gets 911 and 988 loses a few seconds; a resident in danger
who gets "could you rephrase that?" may not write again. So when the intent classifier gives
``crisis`` at least ``min_confidence`` — even if another intent ranks higher, or a fallback
took over — the message is classified as ``crisis``. It runs after every other classifier.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

CRISIS = "crisis"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisBias(GraphComponent, IntentClassifier):
    """Makes ``crisis`` the intent when the classifier gave it ``min_confidence`` or more."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_confidence": 0.25}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CrisisBias":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") == CRISIS:
                continue
            crisis = next((entry for entry in message.get(INTENT_RANKING_KEY) or []
                           if entry.get("name") == CRISIS), None)
            if crisis and crisis.get("confidence", 0.0) >= self._config["min_confidence"]:
                message.set(INTENT, {"name": CRISIS, "confidence": crisis["confidence"]}, add_to_output=True)
        return messages
