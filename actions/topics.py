"""Answers to city-service questions, from the knowledge base only."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.kb import load_topics, selected_topic


class ActionAnswerTopic(Action):
    """Sends the curated answer of the topic the question is about, in the conversation language.

    A topic picked with low confidence never gets here: the NLU pipeline's
    ``TopicConfidenceGate`` turns it into ``nlu_fallback`` first."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        topic = load_topics().get(selected_topic(tracker.latest_message)[0])
        if topic is None:  # a model trained on other content than this action server's
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        events: List[EventType] = [SlotSet("last_topic", topic.id)]
        if topic.crisis:  # "my husband hits me" may be a question about help, or a cry for it
            dispatcher.utter_message(response="utter_crisis")
            events.append(SlotSet("handoff_priority", "urgent"))
        dispatcher.utter_message(text=topic.answer[tracker.get_slot("language") or "en"])
        return events


class ActionTopicFollowup(Action):
    """Answers "more", "phone number?" and "where?" about the topic answered last."""

    def name(self) -> Text:
        return "action_topic_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        topic = load_topics().get(tracker.get_slot("last_topic") or "")
        if topic is None:
            dispatcher.utter_message(response="utter_which_service")
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "ask_phone":
            dispatcher.utter_message(response="utter_topic_phone", phones=", ".join(topic.phones or ("311",)),
                                     agency=topic.agency)
        elif intent == "ask_where":
            dispatcher.utter_message(response="utter_topic_where", source=topic.source)
        else:
            dispatcher.utter_message(text=topic.more[tracker.get_slot("language") or "en"])
        return []


class ActionFlagCrisis(Action):
    """Marks the conversation urgent for the handoff to a case manager."""

    def name(self) -> Text:
        return "action_flag_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        return [SlotSet("handoff_priority", "urgent")]
