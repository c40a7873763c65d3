"""Speech quotes across sources → variant groups (blocking, then rapidfuzz alignment).

In: quotes (any number of sources; only `speech` ones are aligned), an `AlignConfig`, and
optionally `references` (article quote id → id of the primary-record quote it was found in,
that record quote being among the quotes). Out: `Group`s of two or more quotes, one per
statement: quotes are aligned sentence by sentence, so a long quote is a member of the group of
each of its sentences that others quote too. Each member has its relation to the group's
reference (reference|exact|partial|fuzzy) and its `Drift` from `diff.compare`. Candidates come
from an inverted index of word shingles (too-frequent shingles are dropped), so no step compares
all pairs. Sentences are prepared and measured in `quotes.pieces`. This module refuses to know
how quotes were found or attributed, and what the lint rules make of a group.
"""

from __future__ import annotations

import gc
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import groupby

import attrs
from rapidfuzz.distance import Indel

from quotes.diff import compare
from quotes.model import DiffOp, Drift, Group, Member, Quote
from quotes.pieces import (
    Piece,
    agree,
    contained,
    longest_run,
    nested,
    partial_score,
    prepare,
    sentence_pieces,
)
from quotes.salience import Shared, Weights, shared, weights_for
from quotes.tokens import keys


@attrs.frozen
class AlignConfig:
    """Thresholds of the alignment; every default is a reason written beside it."""

    # Token-level partial alignment score (0-100) for a fuzzy variant: one changed word in seven.
    fuzzy_threshold: float = 85.0
    # Score at which a shorter member counts as a fragment (partial) rather than a fuzzy variant.
    partial_threshold: float = 90.0
    # Quotes of this many words or fewer ("war of aggression") join only when the speaker agrees.
    min_words: int = 3
    # Word n-gram size of the blocking index.
    shingle: int = 3
    # Shingles found in more quotes than this are stop-shingles ("in the world"): not a block.
    max_bucket: int = 100
    # A shared run of this many words (half the shorter quote or more) joins same-speaker quotes
    # that overlap without one containing the other ("no matter what else is happening…").
    overlap_words: int = 5
    # In a bigger block, a piece is paired only with this many of the block's fullest pieces.
    bucket_pairs: int = 16
    # Share of the shorter quote's content (idf-weighted words, function words weigh nothing) the
    # other must repeat in order: "a serious proposal" and "war of aggression" share none.
    content_share: float = 0.6
    # The content share needed when the two quotes are credited to different people.
    other_speaker_share: float = 0.85
    # A shorter quote with fewer content words than this joins only when all of them are repeated,
    # one is rare in the run, and the speakers do not disagree ("That has no place in a political
    # campaign" is said by many; "I don't think so" never links).
    content_words: int = 4
    # A short quote credited to another speaker still links when this many words (or all of it)
    # repeat verbatim: that is a misattribution to report, not a stock phrase.
    verbatim_words: int = 6
    # A word is rare for a short quote when at most this share of the run's quotes hold it (at
    # least 5: in a run of a hundred quotes, counts below that say nothing).
    rare_share: float = 0.002
    # A longer match must repeat one word held by at most this many times √(quotes in the run):
    # "to be President of the United States" is a stock phrase however much of a quote it is.
    distinct_root: float = 2.0
    # A member stays in a group only when it repeats this share of the reference's content (or
    # the reference of it): chains of partial overlaps (A~B, B~C) are split, not merged.
    member_share: float = 0.5
    # A shorter member whose aligned stretch holds less than this share of its content (two or
    # more content words outside it) overlaps the reference at an edge: never drift.
    drift_share: float = 0.8


class _Union:
    """Union-find with sizes; the smaller root index wins, so results do not depend on order."""

    def __init__(self, n: int) -> None:
        # Flat arrays: a list holds an int object a slot (memory, a million pieces).
        self.parent = array("q", range(n))
        self.size = array("q", [1]) * n

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            a, b = min(a, b), max(a, b)
            self.parent[b] = a
            self.size[a] += self.size[b]


def _shingles(q: Piece, k: int) -> list[int]:
    """Hashes of the piece's word k-grams in order of first appearance (two-word pieces whole)."""
    out: list[int] = []
    for seg in q.segs:
        if len(seg) < k:
            if len(seg) >= 2:
                out.append(hash(seg))  # a two-word piece between ellipses still blocks
            continue
        out.extend(hash(seg[i:i + k]) for i in range(len(seg) - k + 1))
    return list(dict.fromkeys(out))


def _candidates(items: Sequence[Piece], reps: Iterable[int], config: AlignConfig) -> list[tuple[int, int]]:
    """Pairs of pieces that share one of the rarer shingles of either (prefix filtering).

    Each piece probes the index only with its `shingle + 2` rarest shared shingles: a fragment
    or a one-word variant still shares some of them, while common phrases never make a block.
    """
    reps = list(reps)
    # Every representative's shingles, hashed once, in one flat array (`at[n]:at[n + 1]` are the
    # n-th representative's): counting and probing read them again (time; a list a piece: memory).
    flat, at = array("q"), array("q", [0])
    for i in reps:
        flat.extend(_shingles(items[i], config.shingle))
        at.append(len(flat))
    counts = _shared_counts(flat, sum(items[i].words for i in reps))
    probes = config.shingle + 2
    index: dict[int, list[int]] = defaultdict(list)
    # Each probing piece, and its rarest shingles in order, in flat arrays: a list of tuples a
    # piece took more memory than the pieces' keys (memory).
    probing, ends, probes_of = array("q"), array("q"), array("q")
    for n, i in enumerate(reps):
        shs = flat[at[n]:at[n + 1]]
        # Shingles no other piece has pair with nothing: probe the rarest shared ones.
        # Ties go to the earlier shingle (hash values differ between runs; positions do not).
        rare = sorted((counts[sh], m, sh) for m, sh in enumerate(shs) if sh in counts)
        if not rare:
            continue
        probing.append(i)
        probes_of.extend(sh for _, _, sh in rare[:probes])
        ends.append(len(probes_of))
        for c, _, sh in rare:
            if c <= config.max_bucket:  # a stop-shingle's bucket is never read: only its size
                index[sh].append(i)
    del flat, at
    fullest: dict[int, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    start = 0
    for i, end in zip(probing, ends, strict=True):
        hits: dict[int, int] = defaultdict(int)
        used = 0
        for sh in probes_of[start:end]:
            c = counts[sh]
            if c > config.max_bucket:
                break  # sorted by frequency: the rest are stop-shingles too
            used += 1
            bucket = index[sh]
            if c > config.bucket_pairs:
                # A big family: its fullest pieces contain the others, and one link joins a group.
                if sh not in fullest:
                    fullest[sh] = sorted(bucket, key=lambda j: (-items[j].words, j))[:config.bucket_pairs]
                bucket = fullest[sh]
            for j in bucket:
                if j != i:
                    hits[j] += 1
        # Two shared rare shingles, not one: a chance three-word collision is not a variant.
        need = min(2, used)
        pairs.update((i, j) if i < j else (j, i) for j, n in hits.items() if n >= need)
        start = end
    return sorted(pairs)


def _shared_counts(flat: Sequence[int], words: int) -> dict[int, int]:
    """How many pieces hold each shingle, for the shingles two or more pieces hold.

    `flat`: each piece's distinct shingles, one piece after another; `words`: the pieces' words.
    Most shingles of an archive occur once; counting all of them exactly took more memory than
    the pieces. A byte sketch (two slots a shingle, counts capped at 2) rules most singles out
    first, and only the shingles it cannot rule out are counted exactly (memory).
    """
    size = 1 << max(16, (4 * words).bit_length())
    mask = size - 1
    sketch = bytearray(size)
    for sh in flat:
        a, b = sh & mask, (sh >> 32) & mask
        if sketch[a] < 2:
            sketch[a] += 1
        if sketch[b] < 2:
            sketch[b] += 1
    counts: dict[int, int] = defaultdict(int)
    for sh in flat:
        if sketch[sh & mask] > 1 and sketch[(sh >> 32) & mask] > 1:
            counts[sh] += 1
    del sketch
    return {sh: c for sh, c in counts.items() if c > 1}


def _disagree(p: Piece, q: Piece) -> bool:
    """Both quotes have a speaker, and they are not the same person."""
    return bool(_speaker_keys(p)) and bool(_speaker_keys(q)) and not agree(p, q)


def _rare(s: Piece, weights: Weights, config: AlignConfig) -> bool:
    """One content word of `s` is rare in the run: a distinctive fragment, not a stock phrase."""
    limit = max(5, int(config.rare_share * weights.n))
    return any(0 < weights.phrase_df(k) <= limit for k in s.keys if weights.weight(k) > 0)


def _cast(items: Sequence[Piece]) -> dict[str, frozenset[str]]:
    """Each source's quoted speakers (ids and surnames): who the article reports."""
    out: dict[str, set[str]] = defaultdict(set)
    for it in items:
        out[it.quote.source].update(_speaker_keys(it))
    return {k: frozenset(v) for k, v in out.items()}


def _related(p: Piece, q: Piece, cast: Mapping[str, frozenset[str]]) -> bool:
    """The two quotes' articles quote someone in common: they report one event."""
    return p.quote.source == q.quote.source or bool(
        cast.get(p.quote.source, frozenset()) & cast.get(q.quote.source, frozenset()))


def _all_disagree(items: Sequence[Piece], i: int, j: int, copies: Mapping[int, Sequence[int]]) -> bool:
    """No copy of `i`'s words has the speaker of a copy of `j`'s words (exact copies are one)."""
    return all(_disagree(items[a], items[b]) for a in copies.get(i, (i,)) for b in copies.get(j, (j,)))


def _same_content(s: Piece, full: Piece, sh: Shared, weights: Weights, config: AlignConfig,
                  disagree: bool | None = None, related: bool = True) -> bool:
    """Whether `full` repeats enough of `s`'s content, in order, for one statement.

    `disagree`: the two are credited to different people (by default, judged from the two), or
    come from one article, which repeats a quote near-verbatim or quotes two statements.
    `related`: the two articles quote someone in common (they report one event).
    """
    if disagree is None:
        disagree = _disagree(s, full)
    if sh.content < config.content_words:
        # Few content words ("welfare as we know it"): all of them, one rare, and no other speaker
        # unless two or more content words are repeated whole in two reports of one event (a
        # short sentence misattributed). Across events it is an idiom: two people said "we'll
        # cross that bridge when we come to it".
        return (sh.content > 0 and sh.words == sh.content and _rare(s, weights, config)
                and (not disagree or (related and sh.content >= 2
                     and longest_run(s.keys, full.keys) >= min(config.verbatim_words, s.words))))
    distinct = weights.weight_at(max(5.0, config.distinct_root * weights.n ** 0.5))
    # Credited to someone else: only near-verbatim. A misattributed quote keeps its words; two
    # people who share an idiom ("we will leave no stone unturned in …") go on differently.
    need = config.other_speaker_share if disagree else config.content_share
    return sh.share >= need and sh.peak >= distinct


def _link(items: Sequence[Piece], i: int, j: int, config: AlignConfig, weights: Weights,
          copies: Mapping[int, Sequence[int]], cast: Mapping[str, frozenset[str]]) -> bool:
    """Whether two quotes of more than `min_words` words are variants of one statement."""
    p, q = items[i], items[j]
    if nested(p, q):
        return False
    s, full = (p, q) if (p.words, i) <= (q.words, j) else (q, p)
    sh = shared(s.keys, full.keys, weights)
    if (contained(s, full) or partial_score(s, full) >= config.fuzzy_threshold) and \
            _same_content(s, full, sh, weights, config, _all_disagree(items, i, j, copies)
                          or s.quote.source == full.quote.source, _related(s, full, cast)):
        return True
    # Overlapping stretches of one statement: the same speaker and a long shared run, in two
    # sources. One article quoting its speaker twice with a phrase in common ("nobody makes him
    # sit in a car park" / "nobody becomes a paramedic to sit in a car park") is two statements.
    if not agree(s, full) or s.quote.source == full.quote.source:
        return False
    run = longest_run(s.keys, full.keys)
    return run >= config.overlap_words and 2 * run >= s.words and sh.words >= config.content_words


@attrs.frozen
class Linking:
    """What deciding a candidate pair needs besides its two pieces: the run's settings and facts."""

    config: AlignConfig
    weights: Weights
    copies: Mapping[int, Sequence[int]]  # a class representative → the indexes of its exact copies
    cast: Mapping[str, frozenset[str]]  # a source → the speakers it quotes


def links(items: Sequence[Piece] | Mapping[int, Piece], pairs: Sequence[tuple[int, int]],
          ctx: Linking) -> list[tuple[int, int]]:
    """The candidate pairs that are variants of one statement, in the order given.

    `items` maps an index to its piece: the run's list, or (on a worker) only the pieces of the
    pairs and of their copies.
    """
    return [(i, j) for i, j in pairs
            if _link(items, i, j, ctx.config, ctx.weights, ctx.copies, ctx.cast)]  # type: ignore[arg-type]


# Another way to decide the candidate pairs (quotes.distributed): the run's pieces, the pairs in
# order and the facts → exactly the pairs `links` keeps, in the same order.
Comparer = Callable[[Sequence[Piece], Sequence[tuple[int, int]], Linking], list[tuple[int, int]]]


@attrs.frozen
class Grouping:
    """What building the groups needs besides their members: the run's settings and facts."""

    config: AlignConfig
    weights: Weights
    refs: Mapping[str, str]  # an article quote id → the record quote it was found in
    record_ids: frozenset[str]  # the ids of the record quotes


def build_groups(members: Sequence[Sequence[Piece]], ctx: Grouping, first: int = 0) -> list[Group]:
    """Each group's member pieces (its sentences, in order) → a Group, numbered from `first + 1`."""
    return [_group(f"g{first + n + 1}", _views(units), ctx.refs, ctx.record_ids, ctx.config,
                   ctx.weights) for n, units in enumerate(members)]


# Another way to build the groups (quotes.parallel): the groups' members in order and the facts
# → exactly the groups `build_groups` returns, in the same order.
Builder = Callable[[Sequence[Sequence[Piece]], Grouping], list[Group]]


def _speaker_keys(q: Piece) -> list[str]:
    return [k for k in (q.speaker_id and "id:" + q.speaker_id, q.surname and "sn:" + q.surname) if k]


def _attach_short(items: Sequence[Piece], uf: _Union, config: AlignConfig) -> list[tuple[int, int]]:
    """Join each short fragment to one quote of the same speaker that contains it word for word."""
    short = [i for i, q in enumerate(items) if 0 < q.words <= config.min_words and _speaker_keys(q)]
    edges: list[tuple[int, int]] = []
    if not short:
        return edges
    # Postings per (speaker, word), and only for words a fragment of that speaker has.
    wanted = {(w, k) for i in short for w in _speaker_keys(items[i]) for seg in items[i].segs for k in seg}
    # Only pieces of a speaker with fragments can hold one (most pieces are not read: time).
    speakers = {w for w, _ in wanted}
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        mine = [w for w in _speaker_keys(q) if w in speakers]
        if not mine:
            continue
        held = {k for seg in q.segs for k in seg}
        for w in mine:
            for k in held:
                if (w, k) in wanted:
                    postings[(w, k)].append(i)
    # Identical fragments of one speaker (a refrain quoted again and again) join each other at
    # once; only the first of them searches for a fuller quote, so repeats cost nothing.
    first_of: dict[tuple[str, tuple[tuple[str, ...], ...]], int] = {}
    for i in short:
        f = items[i]
        me = _speaker_keys(f)[0]
        same = (me, f.segs)
        if same in first_of:
            uf.union(i, first_of[same])
            edges.append((i, first_of[same]))
            continue
        first_of[same] = i
        rare = min((k for seg in f.segs for k in seg), key=lambda k: (len(postings[(me, k)]), k))
        best: tuple[bool, bool, int, int, int] | None = None
        for j in postings[(me, rare)]:
            c = items[j]
            if j == i or c.words < f.words or nested(f, c) or not agree(f, c):
                continue
            if not contained(f, c):
                continue
            # Prefer another source, a fuller quote, the largest group, then the earliest quote.
            key = (c.quote.source == f.quote.source, c.words == f.words,
                   -uf.size[uf.find(j)], c.words, j)
            if best is None or key < best:
                best = key
        if best is not None:
            uf.union(i, best[-1])
            edges.append((i, best[-1]))
    return edges


def align(
    quotes: Sequence[Quote],
    config: AlignConfig = AlignConfig(),
    references: Mapping[str, str] | None = None,
    compare: Comparer | None = None,
    build: Builder | None = None,
) -> list[Group]:
    """Group speech quotes that report the same words, across and within sources.

    `compare` decides the candidate pairs elsewhere (a cluster, worker processes) and `build`
    builds the groups elsewhere (worker processes); the groups are the same.
    """
    # Nothing here makes reference cycles; without pauses to scan the growing heap, time stays linear.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _align(quotes, config, references or {}, compare or links, build or build_groups)
    finally:
        if paused:
            gc.enable()


def _align(quotes: Sequence[Quote], config: AlignConfig, references: Mapping[str, str],
           compare: Comparer, build: Builder) -> list[Group]:
    ordered = sorted((q for q in quotes if q.speech), key=lambda q: (q.source, q.start, q.id))
    items = [u for n, q in enumerate(ordered) for u in sentence_pieces(q, n, config.min_words)]
    # Word document frequencies over the run's quotes: what separates "a serious proposal" (in
    # hundreds of quotes) from "war of aggression" (in the few that quote one statement).
    weights = weights_for(_owner_keys(items))
    uf = _Union(len(items))
    edges: list[tuple[int, int]] = []
    cast = _cast(items)
    # Exact copies collapse first, so the blocking index sees each wording once. A wording's first piece, and the pieces of each wording held more than once (a list for
    # every wording, most of them single, took memory), in the order of their first pieces.
    first_of: dict[tuple[str, ...], int] = {}
    held: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        if it.words > config.min_words:
            at = first_of.setdefault(it.keys, i)  # equal keys, equal norm
            if at != i:
                held.setdefault(at, [at]).append(i)
    copies = dict(sorted(held.items()))
    del held
    for members in copies.values():
        for j in members[1:]:
            first, copy = items[members[0]], items[j]
            # The same words: one statement when they carry content, or when no other speaker
            # says them ("We are not going anywhere," in two reports of one march).
            plain = not _disagree(first, copy) and copy.words >= config.overlap_words
            if not nested(first, copy) and (plain or _same_content(
                    copy, first, shared(copy.keys, copy.keys, weights), weights, config,
                    related=_related(first, copy, cast))):
                edges.append((members[0], j))
    # Each class representative speaks for its copies: a variant agrees with any of their speakers.
    reps = sorted(first_of.values())
    del first_of
    pairs = _candidates(items, reps, config)
    edges.extend(compare(items, pairs, Linking(config, weights, copies, cast)))
    for i, j in edges:
        uf.union(i, j)
    edges.extend(_attach_short(items, uf, config))
    record_ids = _link_records(items, uf, references or {}, edges)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        comps[uf.find(i)].append(i)
    kept = _validated(items, [c for c in comps.values() if len(c) > 1], edges, record_ids, weights,
                      config)
    # Sentences that are grouped with the same quotes make one group ("A. B." quoted twice).
    by_owners: dict[tuple[int, ...], list[int]] = {}
    for comp in sorted(kept):
        owners = tuple(sorted({items[i].owner for i in comp}))
        if len(owners) > 1:
            by_owners.setdefault(owners, []).extend(comp)
    units = [[items[i] for i in sorted(comp)] for comp in sorted(by_owners.values(), key=min)]
    return build(units, Grouping(config, weights, references, frozenset(record_ids)))


def _owner_keys(items: Sequence[Piece]) -> Iterator[set[str]]:
    """Each quote's word keys (all its pieces), once per quote, one quote at a time (memory)."""
    # A quote's pieces are consecutive in `items`.
    for _, pieces in groupby(items, key=lambda it: it.owner):
        yield {k for it in pieces for k in it.keys}


def _validated(items: Sequence[Piece], comps: list[list[int]], edges: Sequence[tuple[int, int]],
               record_ids: set[str], weights: Weights, config: AlignConfig) -> list[list[int]]:
    """Components split until every member repeats the content of its group's reference.

    Union-find joins chains: A~B and B~C put A and C together though they may share one phrase.
    Each component keeps the members that match its reference (the record, else the consensus
    reading); the rest are grouped again among themselves by the links they had.
    """
    adj: dict[int, list[int]] = defaultdict(list)
    for i, j in edges:
        adj[i].append(j)
        adj[j].append(i)
    out: list[list[int]] = []
    todo = list(comps)
    while todo:
        comp = todo.pop()
        if len({items[i].owner for i in comp}) < 2:
            continue
        ref = _choose(items, comp, record_ids, weights)[0]
        keep = [i for i in comp if _member(items[i], items[ref], weights, config)]
        inside = set(keep)
        # A short fragment stays with the quote it was attached to when that quote stays.
        for i in comp:
            if i not in inside and items[i].words <= config.min_words and \
                    any(j in inside and contained(items[i], items[j]) for j in adj[i]):
                keep.append(i)
                inside.add(i)
        out.append(sorted(keep))
        rest = set(comp) - inside
        if len(rest) > 1:
            todo.extend(_components(rest, adj))
    return out


def _components(nodes: set[int], adj: Mapping[int, list[int]]) -> list[list[int]]:
    """Connected components of `nodes` under the links in `adj` (restricted to `nodes`)."""
    seen: set[int] = set()
    out: list[list[int]] = []
    for start in sorted(nodes):
        if start in seen:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            i = stack.pop()
            comp.append(i)
            for j in adj.get(i, ()):
                if j in nodes and j not in seen:
                    seen.add(j)
                    stack.append(j)
        if len(comp) > 1:
            out.append(sorted(comp))
    return out


def _member(g: Piece, ref: Piece, weights: Weights, config: AlignConfig) -> bool:
    """Whether `g` and the reference repeat one statement (the shorter's content, in order)."""
    if g is ref or g.keys == ref.keys:
        return True
    s, full = (g, ref) if g.words <= ref.words else (ref, g)
    sh = shared(s.keys, full.keys, weights)
    if sh.content == 0:
        return contained(s, full)
    return sh.share >= config.member_share


def _agreement(a: Piece, b: Piece) -> float:
    """How much two members agree, every word counted: 2·LCS / (len a + len b) over word keys.

    Function words count here ("is always ready" against "will always be ready"), and a fragment
    agrees less with a full reading than two full readings agree with each other.
    """
    return Indel.normalized_similarity(a.keys, b.keys)


# Members scored as candidates for the consensus reading: the fullest ones (others are fragments).
_MEDOID_CANDIDATES = 24


def _choose(items: Sequence[Piece], comp: Sequence[int], record_ids: AbstractSet[str],
            weights: Weights) -> tuple[int, str]:
    """The index of the reference among `comp`, and why: record, consensus or fullest."""
    records = [i for i in comp if items[i].quote.id in record_ids]
    if records:
        return min(records, key=lambda i: (-items[i].words, items[i].quote.id)), "record"
    fullest = sorted(comp, key=lambda i: (-items[i].words, items[i].specials, items[i].quote.id, i))
    if len({items[i].owner for i in comp}) < 3:
        return fullest[0], "fullest"
    # The medoid: the reading the other members agree with most (ties go to the fullest).
    scores = {i: sum(_agreement(items[i], items[o]) for o in comp if o != i)
              for i in fullest[:_MEDOID_CANDIDATES]}
    best = max(scores.values())
    top = [i for i in fullest if scores.get(i, -1.0) >= best - 1e-9]
    # Copies of one reading tie with each other: that reading is still the consensus.
    return top[0], "consensus" if len({items[i].keys for i in top}) == 1 else "fullest"


def _link_records(items: Sequence[Piece], uf: _Union, refs: Mapping[str, str],
                  edges: list[tuple[int, int]]) -> set[str]:
    """Join each quote to the record sentence it was found in; return the record quote ids."""
    pieces: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        pieces[it.quote.id].append(i)
    records: set[str] = set()
    for qid, rid in sorted(refs.items()):
        if qid not in pieces or rid not in pieces or qid == rid:
            continue
        records.add(rid)
        for r in pieces[rid]:
            # The quote's sentence that best matches this record sentence: trust the record.
            best = max(pieces[qid], key=lambda i: (
                partial_score(*sorted((items[i], items[r]), key=lambda u: u.words)), -i))
            uf.union(best, r)
            edges.append((best, r))
    return records


def _views(units: Sequence[Piece]) -> list[Piece]:
    """Each member quote as the stretch covering its sentences in this group."""
    spans: dict[int, tuple[Quote, int, int]] = {}
    for u in units:
        q, a, b = spans.get(u.owner, (u.quote, u.start, u.end))
        spans[u.owner] = (q, min(a, u.start), max(b, u.end))
    single = {u.owner: u for u in units}
    return [single[owner] if (single[owner].start, single[owner].end) == (a, b)
            else prepare(q, owner, a, b) for owner, (q, a, b) in sorted(spans.items())]


def _group(gid: str, group: Sequence[Piece], refs: Mapping[str, str], record_ids: AbstractSet[str],
           config: AlignConfig, weights: Weights) -> Group:
    at, basis = _choose(group, range(len(group)), record_ids, weights)
    ref = group[at]
    if basis == "record":
        # The record sentence most of the group's quotes were found in.
        ids = {g.quote.id for g in group}
        records = [g for g in group if g.quote.id in record_ids]
        cited = {r.quote.id: sum(1 for k, v in refs.items() if v == r.quote.id and k in ids)
                 for r in records}
        ref = min(records, key=lambda r: (-cited[r.quote.id], -r.words, r.quote.id))
    by_id = {g.quote.id: g for g in group}
    # The reference's own words in this group (its sentences here), as one equal op.
    words = " ".join(ref.text.split())
    members = [Member(ref.quote.id, "reference", Drift("none", (DiffOp("equal", words, words),)), 100.0)]
    rest = sorted((g for g in group if g is not ref),
                  key=lambda g: (g.quote.source, g.quote.start, g.quote.id))
    for g in rest:
        relation, score = _relation(g, ref, config, weights)
        if g.quote.id in record_ids:
            drift = Drift("none")  # another sentence of the record itself
        else:
            own = by_id.get(refs.get(g.quote.id, ""))
            # Against the record sentence it was found in, else against the group's reference.
            drift = compare((own or ref).text, g.text, overhang=False)
            if own is None and drift.klass != "none" and relation != "overlap" \
                    and _whole_share(g, ref, weights) < config.member_share:
                # The sentences align but the whole quotes do not: two statements that share a
                # sentence's worth of words ("I give him the MVP award" / "He gets the MVP award"
                # amid other words) overlap; drift is a changed statement, not a shared theme.
                relation = "overlap"
            if (g.words <= config.min_words or relation == "overlap") and drift.klass != "none":
                # Short fragments never drift; an overlap at the edges is not a changed statement.
                drift = attrs.evolve(drift, klass="none", reasons=())
        members.append(Member(g.quote.id, relation, drift, round(score, 1)))
    return Group(gid, ref.quote.id, tuple(members), basis)


def _whole_share(g: Piece, ref: Piece, weights: Weights) -> float:
    """Content share of the shorter whole quote that the other whole quote repeats in one stretch."""
    short, full = sorted((tuple(keys(p.quote.text)) for p in (g, ref)), key=len)
    return shared(short, full, weights).share


def _relation(g: Piece, ref: Piece, config: AlignConfig, weights: Weights) -> tuple[str, float]:
    """exact, partial (a fragment of the reference, or the reference of it), fuzzy or overlap."""
    if g.keys == ref.keys:
        return "exact", 100.0
    if contained(g, ref) or contained(ref, g):
        return "partial", 100.0
    s, full = (g, ref) if g.words <= ref.words else (ref, g)
    score = partial_score(s, full)
    sh = shared(s.keys, full.keys, weights)
    # Two or more content words left outside the aligned stretch: the two overlap at an edge.
    # A stretch after an ellipsis that the reference does not hold is another statement's words.
    if sh.orphan or (sh.outside >= 2 and sh.aligned < config.drift_share):
        return "overlap", score
    if g.words < ref.words and score >= config.partial_threshold:
        return "partial", score
    return "fuzzy", score


def singletons(quotes: Sequence[Quote], groups: Sequence[Group]) -> list[str]:
    """Ids of speech quotes that are in no group (found in one place only), in source order."""
    grouped = {m.quote for g in groups for m in g.members}
    return [q.id for q in sorted(quotes, key=lambda q: (q.source, q.start, q.id))
            if q.speech and q.id not in grouped]
