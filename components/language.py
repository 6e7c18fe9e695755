"""Puts the conversation-language decision into the parse result.

Runs after intent classification, because a language *name* only switches the language when
the resident asks to change language. The decision (``bot.language.decide``) becomes a
``language`` entity, which fills the ``language`` slot through its ``from_entity`` mapping; no
entity means "keep the conversation's language". A message in the script of a language we do not
serve is re-labelled ``choose_language`` so the resident gets the language menu.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import decide
from bot.language.conversation import CHOOSE_LANGUAGE_INTENT

ENTITY = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageIdentifier(GraphComponent):
    """Adds a ``language`` entity when a message sets or changes the conversation language."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageIdentifier":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                self._annotate(message, text)
        return messages

    @staticmethod
    def _annotate(message: Message, text: str) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        decision = decide(text, intent)
        if decision.offer_menu:
            forced = {"name": CHOOSE_LANGUAGE_INTENT, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced], add_to_output=True)
        if decision.language:
            entity = {
                "entity": ENTITY,
                "value": decision.language,
                "start": 0,
                "end": len(text),
                "confidence_entity": decision.confidence,
                "extractor": "LanguageIdentifier",
            }
            message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
