"""Q1xx: who said it. Unattributed quotes, anonymous sources, conflicting and unresolved speakers.

In: attributed quotes and variant groups. Out: hits. Knows nothing of how speakers were found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from quotes.function_words import NON_NAME_WORDS
from quotes.lexicon import (
    ANONYMOUS_HEADS,
    COMPANY_NOUNS,
    DEMONYMS,
    GOVERNMENT_HEADS,
    ORG_HEADS,
    ORG_TAILS,
    PLACE_HEADS,
    ROLE_WORDS,
    given_name_gender,
)
from quotes.model import Quote
from quotes.rules import Context, Hit, rule
from quotes.salience import FUNCTION_WORDS, stock_words
from quotes.tokens import is_special, keys

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
    "the same words are credited to {speaker} here but to {others}: “{excerpt}”",
)
def conflicting(ctx: Context) -> Iterator[Hit]:
    """The same words credited to different named people in different sources.

    Only when the shared words are too many and too distinctive for both to have said them, and
    both speakers are named people: a stock phrase ("boots on the ground"), a role ("the
    spokesman") or a headline fragment taken for a name is no conflict. A short sentence (fewer
    than four content words) conflicts only between two reports of one event, articles that
    quote someone in common; across unrelated stories it is an idiom two people both used.

    Okay: “We will not raise taxes this year,” Mayor Ana Ruiz said. || “We will not raise taxes this year,” Ruiz told reporters.
    Q103: “We will not raise property taxes this year,” Mayor Ana Ruiz said. || “We will not raise property taxes this year,” Councillor Tom Hale said.
    Q103: “We will not raise taxes this year,” Mayor Ana Ruiz said. “The vote is Monday,” Clerk Jo Tan said. || “We will not raise taxes this year,” Councillor Tom Hale said. “The vote is Monday,” Clerk Jo Tan said.
    Okay: “We will not raise taxes this year,” Mayor Ana Ruiz said. || “We will not raise taxes this year,” Coach Tom Hale said after the game.
    Okay: “We need boots on the ground,” Mayor Ana Ruiz said. || “Boots on the ground, that is all,” Councillor Tom Hale said.
    Okay: “We will not raise taxes this year,” Mayor Ana Ruiz said. || “We will not raise taxes this year,” the councillor said.
    """
    quotes = ctx.quotes
    pairs: list[tuple[Quote, list[Quote]]] = []
    for group in ctx.groups:
        members = [quotes[m.quote] for m in group.members if m.quote in quotes]
        named = [q for q in members if _named_person(q)]
        if len({_person_key(q) for q in named}) < 2:
            continue
        pairs.extend((q, [o for o in named if not _same_person(q, o)]) for q in named)
    # Two passes: first the runs each pair shares, then which quotes hold those runs (postings of
    # only the words in them, and each run's holders found once: a rescan of a growing posting
    # list for every pair made the rule superlinear over a large archive).
    shared = _SharedRuns()
    runs = [[shared.run(q, o) for o in others] for q, others in pairs]
    holders = _Holders(ctx, {run for row in runs for run in row if run})
    for (q, others), row in zip(pairs, runs, strict=True):
        rivals = [o for o, run in zip(others, row, strict=True) if run and holders.alone(run, q, o)]
        if not rivals:
            continue
        others_text = "; ".join(f"{name} in {where}" for name, where in sorted(
            {(str(o.attribution.speaker), f"{o.source}:{o.line}") for o in rivals}))
        yield Hit.at_quote(q, [o.id for o in rivals], speaker=q.attribution.speaker, others=others_text)


# A shared stretch this long, with this many content words, is one statement: two people do not
# both say it ("we will not raise taxes this year"), while "boots on the ground" is anyone's.
_CONFLICT_RUN = 6
_CONFLICT_CONTENT = 3


def _shared_run(ka: list[str], kb: list[str]) -> tuple[str, ...]:
    """The longest run of consecutive words the two key lists share (specials never match)."""
    where: dict[str, list[int]] = {}
    for j, k in enumerate(kb):
        if not is_special(k):
            where.setdefault(k, []).append(j)
    best, end = 0, 0
    prev: dict[int, int] = {}
    for i, k in enumerate(ka):
        cur = {j: prev.get(j - 1, 0) + 1 for j in where.get(k, ())}
        for n in cur.values():
            if n > best:
                best, end = n, i + 1
        prev = cur
    return tuple(ka[end - best:end])


def _joined(ks: Sequence[str]) -> str:
    return "\x1f" + "\x1f".join(ks) + "\x1f"


class _SharedRuns:
    """The distinctive run two quotes share, with each quote's keys computed once."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[list[str], int]] = {}

    def _keys(self, q: Quote) -> tuple[list[str], int]:
        got = self.keys.get(q.id)
        if got is None:
            ks = keys(q.text)
            got = self.keys[q.id] = (ks, sum(not is_special(k) for k in ks))
        return got

    def run(self, a: Quote, b: Quote) -> tuple[str, ...] | None:
        """The long, distinctive run of words a and b share, or None."""
        (ka, na), (kb, nb) = self._keys(a), self._keys(b)
        run = _shared_run(ka, kb)
        # Long enough, or the whole of the shorter quote repeated word for word.
        if len(run) < _CONFLICT_RUN and len(run) != min(na, nb):
            return None
        stock = stock_words(run)
        if len({k for i, k in enumerate(run) if k not in FUNCTION_WORDS and i not in stock}) < _CONFLICT_CONTENT:
            return None
        return run


class _Holders:
    """The speech quotes that hold each of the given runs of words."""

    def __init__(self, ctx: Context, runs: set[tuple[str, ...]]) -> None:
        self.ctx = ctx
        self.runs = runs
        self._holders: dict[tuple[str, ...], list[Quote]] = {}
        self._postings: dict[str, list[str]] | None = None
        self._joined: dict[str, str] = {}

    def _index(self) -> dict[str, list[str]]:
        """Which speech quotes hold each word of the runs (every other word is left out)."""
        if self._postings is None:
            wanted = {k for run in self.runs for k in run}
            postings: dict[str, list[str]] = {}
            self._postings = postings
            for q in self.ctx.quotes.values():
                if q.speech:
                    for k in set(keys(q.text)) & wanted:
                        postings.setdefault(k, []).append(q.id)
        return self._postings

    def holders(self, run: tuple[str, ...]) -> list[Quote]:
        """The speech quotes whose words contain the run."""
        got = self._holders.get(run)
        if got is None:
            postings = self._index()
            # Only the quotes holding the run's rarest word can hold the run.
            rarest = min(run, key=lambda k: len(postings.get(k, ())))
            needle = _joined(run)
            got = []
            for qid in postings.get(rarest, ()):
                text = self._joined.get(qid)
                if text is None:
                    text = self._joined[qid] = _joined(keys(self.ctx.quotes[qid].text))
                if needle in text:
                    got.append(self.ctx.quotes[qid])
            self._holders[run] = got
        return got

    def alone(self, run: tuple[str, ...], a: Quote, b: Quote) -> bool:
        """Neither quote quotes the run from another (nested in it), and no third speaker says it.

        Not when the run is inside a quote nested in either (the speaker quotes someone else: “…
        her team ‘were extremely careless’…”), nor when quotes of a third speaker say it too (a
        stock phrase: "to be the next president of the United States").
        """
        speakers = {_person_key(a), _person_key(b)}
        for q in self.holders(run):
            if q.parent in (a.id, b.id):
                return False  # nested in one of them: quoted from someone else
            if q.parent is None and q.attribution.speaker and _person_key(q) not in speakers and \
                    not any(_same_person(q, o) for o in (a, b)):
                return False  # a third speaker says it too
        return True


def _person_key(q: Quote) -> str:
    return str(q.attribution.speaker_id or q.attribution.speaker)


def _name_tokens(q: Quote) -> list[str]:
    return [t.strip(".,").casefold() for t in str(q.attribution.speaker).split()]


def _same_person(a: Quote, b: Quote) -> bool:
    """One linked speaker, or one name inside the other ("Republican Donald Trump", "Donald Trump")."""
    if _person_key(a) == _person_key(b):
        return True
    ta, tb = _name_tokens(a), _name_tokens(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[len(long_) - len(short):] == short


# Words that make a speaker string something other than a person's name: sentence openers and
# other capitalised non-names ("Ever", "Instead", "On Trump"), roles, organisations and places
# ("New Hampshire Democrat", "Trump International Hotel", "Smithsonian Institution").
_NOT_NAME_WORDS = NON_NAME_WORDS | ROLE_WORDS | ORG_HEADS | ORG_TAILS | PLACE_HEADS | GOVERNMENT_HEADS \
    | COMPANY_NOUNS | DEMONYMS | FUNCTION_WORDS | frozenset((
        # Party members and institutions that the lexicon's lists do not hold.
        "democrat", "democrats", "republican", "republicans", "institution", "institute", "hotel",
        "hotels", "museum"))


def _named_person(q: Quote) -> bool:
    """A named person: two to four capitalised words, none of them a role, place or non-name word."""
    a = q.attribution
    if not a.speaker or a.anonymous or _UNRESOLVED.match(a.speaker):
        return False
    words = a.speaker.split()
    if not 2 <= len(words) <= 4 or any(not w[:1].isupper() for w in words):
        return False
    folded = [w.strip(".,").casefold() for w in words]
    # A party or role written before the name is no part of it ("Republican Wade Ellerby").
    while len(folded) > 2 and folded[0] in _NOT_NAME_WORDS:
        folded = folded[1:]
    if given_name_gender(folded[0]) is not None:
        return True
    return not any(w in _NOT_NAME_WORDS or w.endswith(("'s", "’s")) for w in folded)


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
