"""Session start: carry the conversation language over, or take the partner page's language."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.language.conversation import session_language


class ActionSessionStart(Action):
    """Starts a session keeping the language a resident already chose.

    A partner's web chat sends its configured language (``data-language``) as session metadata;
    it applies only to a resident who has not written to us before.
    """

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        metadata = tracker.get_slot("session_started_metadata") or {}
        chosen_before = next(
            (
                event.get("value")
                for event in reversed(tracker.events)
                if event.get("event") == "slot" and event.get("name") == "language"
            ),
            None,
        )
        events: List[EventType] = [SessionStarted()]
        language = session_language(metadata.get("language"), chosen_before)
        if language:
            events.append(SlotSet("language", language))
        events.append(ActionExecuted("action_listen"))
        return events
