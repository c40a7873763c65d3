"""Which words of a quote carry its content, and how much of one quote another one repeats.

In: the word keys of every speech quote of a run (from `quotes.tokens`). Out: `Weights` (a word's
weight is its inverse document frequency over the run's quotes; function words weigh nothing) and,
for two key sequences, a `Shared` measure: the content weight of the shorter that the longer
repeats in order, within one stretch (not scattered). Two different statements share common
phrases ("the American people", "I don't think", "going to be"); one statement quoted twice shares
its *content*. This is what `align` uses to tell them apart. This module refuses to know about
quotes, speakers or groups: only words and counts.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

import attrs
from rapidfuzz.distance import Indel

from quotes.tokens import is_special, keys

# Word tables read best as whitespace-separated text (as in function_words.py).
# ruff: noqa: SIM905

# Function words and fillers of spoken English: what two different statements share by chance
# ("I think it's going to be…", "the people of this country"). Contractions are one key each.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each either even ever every few for from further had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself just let let's me more most much
    must mustn't my myself neither no nor not now of off on once only or other ought our ours
    ourselves out over own same shall shan't she she'd she'll she's should shouldn't so some such
    than that that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those though through to too under until up upon us very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's whether which while
    who who's whom whose why why's will with won't would wouldn't yes yet you you'd you'll you're
    you've your yours yourself yourselves also going gonna get gets got go goes gone going said
    say says saying like well really think thinking know thing things lot lots want wanted way
    something anything everything nothing someone anyone everyone one ones make made
    okay ok oh mean look see right sure kind sort maybe actually
    """.split()
)


# Pseudo-quotes that hold no word: in a run of a handful of quotes, the words two variants share
# are in every quote, and unsmoothed idf would weigh them below the one word that changed.
_PRIOR = 100


# Set phrases of spoken news English: clichés of coaches, politicians and spokespeople. Said by
# anyone about anything, so their words are no evidence that two quotes are one statement, however
# verbatim ("We're going to take it one game at a time" from two coaches of two teams).
STOCK_PHRASES: tuple[str, ...] = (
    "one game at a time", "one day at a time", "one step at a time", "at the end of the day",
    "on the table", "off the table", "thoughts and prayers", "110 percent", "moving forward",
    "going forward", "move forward", "the american people", "the bottom line", "level playing field",
    "do better", "keep working", "no comment", "it is what it is", "back to the drawing board",
    "time will tell", "the right thing to do", "the right direction", "the wrong direction",
    "working families", "hard-working", "boots on the ground", "president of the united states",
    "the united states of america", "god bless", "thank you very much", "each and every",
    "first and foremost", "at this point in time", "the fact of the matter", "to be honest",
    "quite frankly", "let me be clear", "make no mistake", "the good news is", "our thoughts are with",
    "best interests of", "best interest of", "take this very seriously", "take this seriously",
    "looking into it", "cooperate fully", "fully cooperate", "a lot of work to do", "more work to do",
    "work to do", "give credit to", "hats off to", "we played hard", "we came out flat",
    "hard work", "proud of", "on the same page", "behind closed doors", "the first place",
    "the long run", "in the long term", "at this stage", "at this time", "a long way to go",
    "long way to go", "the big picture", "win-win", "game changer", "the next level", "step up",
    "stay focused", "control what we can control", "what we can control", "it's a process",
    "learn from it", "learn from this", "we'll see", "wait and see", "in the coming days",
    "in the coming weeks", "the people of", "the voters", "the taxpayers", "the middle class",
    "common sense", "common-sense", "bring people together", "come together", "the whole team",
    "a team effort", "full confidence", "every single day", "day in and day out",
)


# Words are compared by their first letters: "relations" repeats "relationship", "negotiating"
# repeats "negotiate". Six letters keep "states" and "statement" apart.
_STEM = 6


def stem(key: str) -> str:
    """A crude stem of a word key: its first six characters."""
    return key[:_STEM]


@functools.lru_cache(maxsize=1)
def _stock_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Stock phrases as key tuples, by their first key."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in STOCK_PHRASES:
        ks = tuple(keys(phrase))
        index.setdefault(ks[0], []).append(ks)
    return {k: tuple(v) for k, v in index.items()}


def stock_words(ks: Sequence[str]) -> set[int]:
    """Positions of the keys that belong to a stock phrase."""
    index = _stock_index()
    out: set[int] = set()
    for i, k in enumerate(ks):
        for phrase in index.get(k, ()):
            if tuple(ks[i:i + len(phrase)]) == phrase:
                out.update(range(i, i + len(phrase)))
    return out


@attrs.frozen
class Weights:
    """Inverse document frequencies of the run's word keys; function words weigh nothing."""

    df: dict[str, int]
    n: int

    def weight(self, key: str) -> float:
        """Content weight of one key: 0 for function words and specials, else its idf."""
        if key in FUNCTION_WORDS or is_special(key) or not key[:1].isalnum():
            return 0.0
        return math.log((self.n + _PRIOR) / (self.df.get(stem(key), 0) + 0.5))

    def phrase_df(self, key: str) -> int:
        """How many quotes of the run hold this key (by its stem)."""
        return self.df.get(stem(key), 0)

    def weight_at(self, df: float) -> float:
        """The weight of a content word held by `df` quotes of the run."""
        return math.log((self.n + _PRIOR) / (df + 0.5))


def weights_for(quotes_keys: Iterable[Collection[str]]) -> Weights:
    """Document frequencies over the quotes (each quote counts a word once)."""
    df: Counter[str] = Counter()
    n = 0
    for ks in quotes_keys:
        n += 1
        df.update({stem(k) for k in ks})
    return Weights(dict(df), n)


@attrs.frozen
class Shared:
    """How much of the shorter sequence the longer repeats in order, within one stretch."""

    matched: float  # content weight of the shorter's words matched in the best stretch
    total: float  # content weight of all the shorter's words
    words: int  # content words matched
    content: int  # content words of the shorter
    spanned: float = 0.0  # content weight of the shorter that faces words of the longer
    outside: int = 0  # content words of the shorter beyond the longer's first or last word
    peak: float = 0.0  # the highest weight among the matched words: the rarest word repeated
    orphan: int = 0  # content words of the shorter in stretches between ellipses that match nothing

    @property
    def share(self) -> float:
        """Share of the shorter's content weight that the other repeats (0 when it has none)."""
        return self.matched / self.total if self.total else 0.0

    @property
    def aligned(self) -> float:
        """Share of the shorter's content weight aligned with the other (changed or not)."""
        return self.spanned / self.total if self.total else 0.0


# Matched words further apart in the longer quote than in the shorter by more than this start a
# new stretch: "better … American … people" scattered over a long speech is no repetition.
_STRETCH_GAP = 4


def shared(short: Sequence[str], full: Sequence[str], weights: Weights) -> Shared:
    """Content of `short` that `full` repeats, in order, in its best single stretch."""
    stock = stock_words(short)
    gaps = [is_special(k) for k in short]
    w = [0.0 if i in stock else weights.weight(k) for i, k in enumerate(short)]
    total = sum(w)
    content = sum(1 for x in w if x > 0)
    if not total:
        return Shared(0.0, 0.0, 0, 0)
    # In-order matches (LCS) of the word keys; specials never match each other.
    pairs: list[tuple[int, int]] = []
    for block in Indel.opcodes([stem(k) for k in short], [stem(k) for k in full]).as_matching_blocks():
        pairs.extend((block.a + d, block.b + d) for d in range(block.size))
    best: tuple[float, int, int, int, int, int] = (0.0, 0, -1, -1, -1, -1)
    best_peak = 0.0
    cur, cur_n, first = 0.0, 0, (-1, -1)
    peak = 0.0
    prev: tuple[int, int] | None = None
    for i, j in pairs:
        if w[i] <= 0:
            continue
        # An ellipsis in the shorter between two matches stands for any number of words left out.
        if prev is not None and (j - prev[1]) - (i - prev[0]) > _STRETCH_GAP and \
                not any(gaps[prev[0]:i]):
            if (cur, cur_n) > best[:2]:
                best, best_peak = (cur, cur_n, *first, *prev), peak
            cur, cur_n, first, peak = 0.0, 0, (-1, -1), 0.0
        if first[0] < 0:
            first = (i, j)
        cur += w[i]
        cur_n += 1
        peak = max(peak, w[i])
        prev = (i, j)
    if prev is not None and (cur, cur_n) > best[:2]:
        best, best_peak = (cur, cur_n, *first, *prev), peak
    matched, n, lo, jlo, hi, jhi = best
    if lo < 0:
        return Shared(0.0, total, 0, content, 0.0, content)
    # Words of the shorter beyond the other's edge (it starts or ends first) dangle: an overlap.
    # Words facing other words of the longer are substitutions inside the alignment.
    before = max(0, lo - jlo)
    after = max(0, (len(short) - 1 - hi) - (len(full) - 1 - jhi))
    edge = {*range(before), *range(len(short) - after, len(short))}
    # A stretch between ellipses with none of its words repeated is another statement's words
    # ("He was the MVP. … He was the founder."): it dangles too.
    matched_at = {i for i, _ in pairs if lo <= i <= hi}
    start, orphan = 0, 0
    for end in [*(k for k, g in enumerate(gaps) if g), len(short)]:
        seg = range(start, end)
        if any(gaps) and not any(i in matched_at for i in seg):
            edge.update(seg)
            orphan += sum(1 for i in seg if w[i] > 0)
        start = end + 1
    dangling = [w[i] for i in sorted(edge) if w[i] > 0]
    spanned = total - sum(dangling)
    outside = len(dangling)
    return Shared(matched, total, n, content, spanned, outside, best_peak, orphan)
