"""Turning a message into ``nlu_fallback``, the one way every guard in the pipeline does it."""

from __future__ import annotations

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def fall_back(message: Message) -> None:
    """Make ``nlu_fallback`` the message's intent, ahead of the ranking the classifiers gave, so
    the reading it replaced stays visible in ``/model/parse`` and the tracker."""
    fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
    message.set(INTENT, fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
