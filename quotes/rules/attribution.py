"""Q1xx: who said it. Unattributed quotes, anonymous sources, conflicting and unresolved speakers.

In: attributed quotes and variant groups. Out: hits. Knows nothing of how speakers were found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

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


@rule("Q101", "unattributed-quote", "warning", "speech quote has no speaker: “{excerpt}”", scope="document")
def unattributed(ctx: Context) -> Iterator[Hit]:
    """A speech quote that nobody is credited with.

    Okay: “We will rebuild the bridge,” Mayor Ana Ruiz said on Monday.
    Q101: The council met on Monday. “We will rebuild the bridge by spring, whatever it costs.”
    """
    for q in _top_speech(ctx):
        if q.attribution.speaker is None and unresolved_mention(q) is None:
            yield Hit.at_quote(q)


@rule("Q102", "anonymous-source", "warning", "quote credited to an anonymous source ({speaker}): “{excerpt}”",
      scope="document")
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
    # A group of m members makes m² pairs, and groups grow with the archive: members that share
    # text and speaker are one class, everything asked of a pair is asked of a pair of classes,
    # and only what depends on the quotes themselves (nesting) is asked of their members.
    named_person = _Memo(_named_person, lambda q: q.attribution)
    same_person = _Memo2(_same_person, _speaker_of)
    shared = _SharedRuns()
    plans: list[tuple[list[Quote], list[list[int]], dict[tuple[int, int], tuple[str, ...]]]] = []
    for group in ctx.groups:
        members = [quotes[m.quote] for m in group.members if m.quote in quotes]
        named = [q for q in members if named_person(q)]
        if len({_person_key(q) for q in named}) < 2:
            continue
        by_class: dict[tuple[str, tuple[str, str | None]], list[int]] = {}
        for n, q in enumerate(named):
            by_class.setdefault((q.text, _speaker_of(q)), []).append(n)
        classes = list(by_class.values())
        runs: dict[tuple[int, int], tuple[str, ...]] = {}
        for x, cx in enumerate(classes):
            for y, cy in enumerate(classes):
                a, b = named[cx[0]], named[cy[0]]
                if not same_person(a, b) and (run := shared.run(a, b)):
                    runs[(x, y)] = run
        plans.append((named, classes, runs))
    # Two passes: first the runs pairs share, then which quotes hold those runs (postings of
    # only stretches of them, and each run's holders found once: a rescan of a growing posting
    # list for every pair made the rule superlinear over a large archive).
    holders = _Holders(ctx, {run for _, _, runs in plans for run in runs.values()}, same_person)
    for named, classes, runs in plans:
        rivals_of: dict[int, list[int]] = {}
        for (x, y), run in runs.items():
            if not holders.alone_speakers(run, named[classes[x][0]], named[classes[y][0]]):
                continue
            parents = holders.parents(run)  # a member the run is nested in quotes it from another
            rivals = [m for m in classes[y] if named[m].id not in parents]
            for n in classes[x]:
                if rivals and named[n].id not in parents:
                    rivals_of.setdefault(n, []).extend(rivals)
        for n in sorted(rivals_of):
            q, rival = named[n], [named[m] for m in sorted(rivals_of[n])]
            others_text = "; ".join(f"{name} in {where}" for name, where in sorted(
                {(str(o.attribution.speaker), f"{o.source}:{o.line}") for o in rival}))
            yield Hit.at_quote(q, [o.id for o in rival], speaker=q.attribution.speaker, others=others_text)


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


def _shared_runs(ka: list[str], kb: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`_shared_run(ka, kb)` and `_shared_run(kb, ka)` from one pass (they differ only on ties)."""
    where: dict[str, list[int]] = {}
    for j, k in enumerate(kb):
        if not is_special(k):
            where.setdefault(k, []).append(j)
    best, end, end_b = 0, 0, 0
    prev: dict[int, int] = {}
    for i, k in enumerate(ka):
        cur = {j: prev.get(j - 1, 0) + 1 for j in where.get(k, ())}
        for j, n in cur.items():
            if n > best:
                best, end, end_b = n, i + 1, j + 1
            elif n == best and j + 1 < end_b:
                end_b = j + 1  # from b's side, the tie that ends first in b
        prev = cur
    return tuple(ka[end - best:end]), tuple(kb[end_b - best:end_b])


def _joined(ks: Sequence[str]) -> str:
    return "\x1f" + "\x1f".join(ks) + "\x1f"


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(Generic[_K, _V]):
    """`func(q)`, remembered by `key(q)` (what the answer depends on)."""

    def __init__(self, func: Callable[[Quote], _V], key: Callable[[Quote], _K]) -> None:
        self.func, self.key, self.seen = func, key, dict[_K, _V]()

    def __call__(self, q: Quote) -> _V:
        k = self.key(q)
        if k not in self.seen:
            self.seen[k] = self.func(q)
        return self.seen[k]


class _Memo2(Generic[_K, _V]):
    """`func(a, b)`, remembered by `(key(a), key(b))`."""

    def __init__(self, func: Callable[[Quote, Quote], _V], key: Callable[[Quote], _K]) -> None:
        self.func, self.key, self.seen = func, key, dict[tuple[_K, _K], _V]()

    def __call__(self, a: Quote, b: Quote) -> _V:
        k = (self.key(a), self.key(b))
        if k not in self.seen:
            self.seen[k] = self.func(a, b)
        return self.seen[k]


def _speaker_of(q: Quote) -> tuple[str, str | None]:
    """What `_same_person` reads of a quote: its person key and its speaker's name."""
    return _person_key(q), q.attribution.speaker


class _SharedRuns:
    """The distinctive run two quotes share, by their texts: copies of a statement ask once."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[list[str], int]] = {}
        self.runs: dict[tuple[str, str], tuple[str, ...] | None] = {}

    def _keys(self, text: str) -> tuple[list[str], int]:
        got = self.keys.get(text)
        if got is None:
            ks = keys(text)
            got = self.keys[text] = (ks, sum(not is_special(k) for k in ks))
        return got

    def run(self, a: Quote, b: Quote) -> tuple[str, ...] | None:
        """The long, distinctive run of words a and b share, or None."""
        pair = (a.text, b.text)
        if pair not in self.runs:
            (ka, na), (kb, nb) = self._keys(a.text), self._keys(b.text)
            if nb == len(kb) and _joined(kb) in _joined(ka):
                ab = ba = tuple(kb)  # b whole inside a (a fragment, a copy): the longest run is all of b
            else:
                ab, ba = _shared_runs(ka, kb)
            self.runs[pair] = self._check(ab, na, nb)
            self.runs[(b.text, a.text)] = self._check(ba, nb, na)
        return self.runs[pair]

    @staticmethod
    def _check(run: tuple[str, ...], na: int, nb: int) -> tuple[str, ...] | None:
        """The run, when it is long and distinctive enough to be one statement; else None."""
        # Long enough, or the whole of the shorter quote repeated word for word.
        if len(run) < _CONFLICT_RUN and len(run) != min(na, nb):
            return None
        stock = stock_words(run)
        if len({k for i, k in enumerate(run) if k not in FUNCTION_WORDS and i not in stock}) < _CONFLICT_CONTENT:
            return None
        return run


# Stretches of this many words index the runs: every run has at least _CONFLICT_CONTENT words,
# so none is shorter than a stretch.
_GRAM = 3
assert _GRAM <= _CONFLICT_CONTENT


def _grams(run: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The run's stretches of `_GRAM` consecutive words."""
    return [run[i:i + _GRAM] for i in range(len(run) - _GRAM + 1)]


class _Holders:
    """The speech quotes that hold each of the given runs of words."""

    def __init__(self, ctx: Context, runs: set[tuple[str, ...]],
                 same_person: Callable[[Quote, Quote], bool] = lambda a, b: _same_person(a, b)) -> None:
        self.ctx = ctx
        self.runs = runs
        self.same_person = same_person
        self._facts: dict[tuple[str, ...], tuple[set[str], list[Quote]]] = {}
        self._postings: dict[tuple[str, ...], list[str]] | None = None
        self._joined: dict[str, str] = {}

    def _index(self) -> dict[tuple[str, ...], list[str]]:
        """Which speech quotes hold each three-word stretch of the runs (no other stretch is kept).

        Words alone were not enough: the rarest word of a run is still in thousands of quotes of
        a large archive, and reading them for every run grew with the square of the archive.
        """
        if self._postings is None:
            wanted = {g for run in self.runs for g in _grams(run)}
            firsts = {g[0] for g in wanted}
            postings: dict[tuple[str, ...], list[str]] = {}
            self._postings = postings
            for q in self.ctx.quotes.values():
                if not q.speech:
                    continue
                ks = keys(q.text)
                for i in range(len(ks) - _GRAM + 1):
                    if ks[i] in firsts:
                        g = tuple(ks[i:i + _GRAM])
                        if g in wanted:
                            held = postings.setdefault(g, [])
                            if not held or held[-1] != q.id:
                                held.append(q.id)
        return self._postings

    def holders(self, run: tuple[str, ...]) -> Iterator[Quote]:
        """The speech quotes whose words contain the run."""
        postings = self._index()
        # A quote holding the run holds each of its stretches: read those of the rarest one.
        rarest = min(_grams(run), key=lambda g: len(postings.get(g, ())))
        needle = _joined(run)
        for qid in postings.get(rarest, ()):
            text = self._joined.get(qid)
            if text is None:
                text = self._joined[qid] = _joined(keys(self.ctx.quotes[qid].text))
            if needle in text:
                yield self.ctx.quotes[qid]

    def alone(self, run: tuple[str, ...], a: Quote, b: Quote) -> bool:
        """Neither quote quotes the run from another (nested in it), and no third speaker says it.

        Not when the run is inside a quote nested in either (the speaker quotes someone else: “…
        her team ‘were extremely careless’…”), nor when quotes of a third speaker say it too (a
        stock phrase: "to be the next president of the United States").
        """
        parents = self.parents(run)
        if a.id in parents or b.id in parents:
            return False  # nested in one of them: quoted from someone else
        return self.alone_speakers(run, a, b)

    def parents(self, run: tuple[str, ...]) -> set[str]:
        """The quotes that hold the run in a quote nested in them."""
        return self._facts_of(run)[0]

    def alone_speakers(self, run: tuple[str, ...], a: Quote, b: Quote) -> bool:
        """No speaker but a's and b's says the run (reads only the speakers of a and b)."""
        voices = self._facts_of(run)[1]
        speakers = {_person_key(a), _person_key(b)}
        same = self.same_person
        # A third speaker says it too.
        return not any(_person_key(q) not in speakers and not same(q, a) and not same(q, b) for q in voices)

    def _facts_of(self, run: tuple[str, ...]) -> tuple[set[str], list[Quote]]:
        """The quotes the holders of a run are nested in, and one holder per speaker saying it."""
        got = self._facts.get(run)
        if got is None:
            parents: set[str] = set()
            voices: dict[tuple[str, str | None], Quote] = {}
            for q in self.holders(run):
                if q.parent is not None:
                    parents.add(q.parent)
                elif q.attribution.speaker:
                    voices.setdefault(_speaker_of(q), q)  # the check reads only the speaker
            got = self._facts[run] = (parents, list(voices.values()))
        return got


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


@rule("Q104", "unresolved-speaker", "warning", "speaker '{speaker}' could not be resolved to a named person: “{excerpt}”",
      scope="document")
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
