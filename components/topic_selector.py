"""The response selector for knowledge-base topics, backed by ``bot.topic_model``.

It stands where Rasa's ``ResponseSelector`` would: it learns from the ``faq/<topic>`` retrieval
intents of the training data and writes its pick into the message in the same shape
(``response_selector.faq.response.intent_response_key`` / ``confidence`` and a ``ranking``),
so Rasa's processor, ``rasa test``, ``TopicConfidenceGate`` and the actions read it as they would
read Rasa's own. It replaces it because it trains in seconds instead of minutes and is more
accurate on these short multilingual questions (README, "Service questions").
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.kb import RETRIEVAL_INTENT
from bot.topic_model import TopicModel

MODEL_FILE = "topic_model.joblib"
RANKING_LENGTH = 10


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TopicSelector(GraphComponent, IntentClassifier):
    """Picks the knowledge-base topic of a message, with a probability."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"regularisation": 0.5}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[TopicModel] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TopicSelector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TopicSelector":
        try:
            with model_storage.read_from(resource) as directory:
                model = TopicModel.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):  # trained without any topic
            model = None
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        texts, topics = [], []
        for message in training_data.intent_examples:
            key = message.get(INTENT_RESPONSE_KEY) or ""
            if message.get(INTENT) == RETRIEVAL_INTENT and "/" in key:
                texts.append(message.get(TEXT))
                topics.append(key)
        if len(set(topics)) >= 2:
            self._model = TopicModel(self._config["regularisation"]).fit(texts, topics)
            with self._model_storage.write_to(self._resource) as directory:
                self._model.save(directory / MODEL_FILE)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None:
            return messages
        for message in messages:
            if not message.get(TEXT):
                continue
            ranking = self._model.rank(message.get(TEXT), top=RANKING_LENGTH)
            key, confidence = ranking[0]
            prediction = {
                "response": {"intent_response_key": key, "confidence": confidence,
                             "utter_action": f"utter_{key}", "responses": None},
                "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
            }
            selector = dict(message.get("response_selector") or {})
            selector["all_retrieval_intents"] = [RETRIEVAL_INTENT]
            selector[RETRIEVAL_INTENT] = prediction
            message.set("response_selector", selector, add_to_output=True)
        return messages
