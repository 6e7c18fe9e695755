"""A tokenizer for all served languages, including Chinese, which has no spaces.

Rasa's WhitespaceTokenizer refuses Chinese and would turn a whole Chinese sentence into one
token. Here every Han character is a token and every other run of letters, marks and digits is a
token, so Bengali vowel signs stay inside their word. Each token's lemma is its case- and
accent-folded form: residents type "informacion" as often as "información", and the featurizers
(``use_lemma: true``) then see one word.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.language.scripts import fold

_TOKEN = regex.compile(r"\p{Han}|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualTokenizer(Tokenizer):
    """Splits on anything that is not a letter, mark or digit, and between Han characters."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        return None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MultilingualTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        tokens = [
            Token(match.group(), match.start(), lemma=fold(match.group()))
            for match in _TOKEN.finditer(text)
        ]
        if not tokens:
            # Rasa needs at least one token; an emoji-only text becomes one opaque token.
            tokens = [Token(text, 0, lemma=text)]
        return self._apply_token_pattern(tokens)
