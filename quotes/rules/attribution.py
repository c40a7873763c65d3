"""Q1xx: who said it. Unattributed quotes, anonymous sources, conflicting and unresolved speakers.

In: attributed quotes and variant groups. Out: hits. Knows nothing of how speakers were found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from quotes.lexicon import ANONYMOUS_HEADS, ROLE_WORDS
from quotes.model import Quote
from quotes.rules import Context, Hit, rule

# A speaker made only of lower-case words ("he", "the mayor") was never resolved to a name.
_UNRESOLVED = re.compile(r"^(?:(?:the|a|an|he|she|they|his|her|their|its|it|we|i)\b\s*)+[a-z\s.'’-]*$")
# "the mayor", "the judge": a definite role names one person whose name the story never gave.
_DEFINITE_ROLE = re.compile(r"^the\s+(?:[a-z.'’-]+\s+){0,3}([a-z.'’-]+)$")


def unresolved_mention(q: Quote) -> str | None:
    """The pronoun or role standing for the speaker when it could not be resolved to a name, else None."""
    a = q.attribution
    if a.speaker is None and a.speaker_mention is not None:
        return a.speaker_mention.text
    if a.speaker:
        role = _DEFINITE_ROLE.match(a.speaker)
        # "said the mayor" with no mayor named; "the spokesperson" of an unnamed source is Q102's.
        if role and role.group(1) in ROLE_WORDS and not (a.anonymous and role.group(1) in ANONYMOUS_HEADS):
            return a.speaker
        if not a.anonymous and _UNRESOLVED.match(a.speaker):
            return a.speaker
    return None


def _top_speech(ctx: Context) -> Iterator[Quote]:
    for doc in ctx.docs:
        for q in doc.quotes:
            # Nested quotes are the outer speaker's own quotation; the outer quote carries the source.
            if q.speech and q.parent is None:
                yield q


@rule("Q101", "unattributed-quote", "warning", "speech quote has no speaker: “{excerpt}”")
def unattributed(ctx: Context) -> Iterator[Hit]:
    """A speech quote that nobody is credited with.

    Okay: “We will rebuild the bridge,” Mayor Ana Ruiz said on Monday.
    Q101: The council met on Monday. “We will rebuild the bridge by spring, whatever it costs.”
    """
    for q in _top_speech(ctx):
        if q.attribution.speaker is None and unresolved_mention(q) is None:
            yield Hit.at_quote(q)


@rule("Q102", "anonymous-source", "warning", "quote credited to an anonymous source ({speaker}): “{excerpt}”")
def anonymous(ctx: Context) -> Iterator[Hit]:
    """A speech quote credited only to a description, not to a named person or body.

    Okay: “The money is there,” Finance Minister Ana Ruiz told reporters.
    Q102: “The money is there,” a senior official said on condition of anonymity.
    Q102: A Quillpath spokesperson declined to comment further. “We are listening,” the spokesperson said.
    """
    for q in _top_speech(ctx):
        if q.attribution.anonymous and unresolved_mention(q) is None:
            yield Hit.at_quote(q, speaker=q.attribution.speaker or "unnamed")


@rule(
    "Q103",
    "conflicting-attribution",
    "error",
    "the same words are credited to {speaker} here but to {others} elsewhere: “{excerpt}”",
)
def conflicting(ctx: Context) -> Iterator[Hit]:
    """The same words credited to different speakers in different sources.

    Okay: “We will not raise taxes this year,” Mayor Ana Ruiz said. || “We will not raise taxes this year,” Ruiz told reporters.
    Q103: “We will not raise taxes this year,” Mayor Ana Ruiz said. || “We will not raise taxes this year,” Councillor Tom Hale said.
    """
    quotes = ctx.quotes
    for group in ctx.groups:
        members = [quotes[m.quote] for m in group.members if m.quote in quotes]
        named = [
            q for q in members
            if q.attribution.speaker and not q.attribution.anonymous and not _UNRESOLVED.match(q.attribution.speaker)
        ]
        ids = Counter(q.attribution.speaker_id or q.attribution.speaker for q in named)
        if len(ids) < 2:
            continue
        names = {q.attribution.speaker_id or q.attribution.speaker: q.attribution.speaker for q in named}
        for q in named:
            mine = q.attribution.speaker_id or q.attribution.speaker
            others = sorted({str(names[k]) for k in ids if k != mine})
            related = [o.id for o in named if (o.attribution.speaker_id or o.attribution.speaker) != mine]
            yield Hit.at_quote(q, related, speaker=q.attribution.speaker, others=", ".join(others))


@rule("Q104", "unresolved-speaker", "warning", "speaker '{speaker}' could not be resolved to a named person: “{excerpt}”")
def unresolved(ctx: Context) -> Iterator[Hit]:
    """A speaker that is only a pronoun or a role, with no named person it could stand for.

    Okay: Mayor Ana Ruiz spoke first. “We will rebuild the bridge,” she said.
    Q104: “We will rebuild the bridge by the spring,” she said.
    Okay: Mayor Ana Ruiz was elected in May. “We will rebuild the bridge,” said the mayor.
    Q104: “We will rebuild the bridge by the spring,” said the mayor.
    """
    for q in _top_speech(ctx):
        mention = unresolved_mention(q)
        if mention is not None:
            yield Hit.at_quote(q, speaker=mention)
