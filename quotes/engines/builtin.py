"""The built-in attribution engine: the rule sieve of `quotes.attribute`, no model needed.

In: Documents whose quotes are found and classified. Out: the same Documents with every speech
quote attributed (`quotes.attribute`), configured aliases applied, and speakers linked across all
sources with a stable `speaker_id` (`quotes.speakers.link_speakers`). This module refuses to
know how attribution works; it only strings the steps together.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from quotes.attribute import attribute_document
from quotes.lexicon import speech_verb_forms
from quotes.model import Document
from quotes.ranker import Ranker
from quotes.speakers import fold, link_speakers


class BuiltinEngine:
    """Rule-based attribution: ordered sieve per source, then cross-source speaker linking."""

    name = "builtin"

    def __init__(self, extra_verbs: tuple[str, ...] = (), aliases: dict[str, str] | None = None,
                 ranker: bool = True) -> None:
        self.verbs = speech_verb_forms(tuple(extra_verbs))
        self.aliases = {fold(k): v for k, v in (aliases or {}).items()}
        # The learned chooser among the sieve's candidates (scripts/train_ranker.py): on PolNeAR
        # holdout it beat the rules' first answer; off with ranker=False.
        self.chooser = Ranker.load() if ranker else None

    def attribute(self, docs: Sequence[Document]) -> list[Document]:
        """Return the documents with every speech quote's attribution and speaker_id filled."""
        done = [attribute_document(doc, self.verbs, self.chooser) for doc in docs]
        if self.aliases:
            done = [self._alias(doc) for doc in done]
        return link_speakers(done)

    def _alias(self, doc: Document) -> Document:
        """Replace speaker names that the configuration maps to another canonical name."""
        quotes = []
        for q in doc.quotes:
            a = q.attribution
            if a.speaker is not None and fold(a.speaker) in self.aliases:
                q = attrs.evolve(q, attribution=attrs.evolve(a, speaker=self.aliases[fold(a.speaker)]))
            quotes.append(q)
        return attrs.evolve(doc, quotes=tuple(quotes))
