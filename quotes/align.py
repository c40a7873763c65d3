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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

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


class _Union:
    """Union-find with sizes; the smaller root index wins, so results do not depend on order."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

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
    shingles = {i: _shingles(items[i], config.shingle) for i in reps}
    index: dict[int, list[int]] = defaultdict(list)
    for i, shs in shingles.items():
        for sh in shs:
            index[sh].append(i)
    probes = config.shingle + 2
    fullest: dict[int, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for i, shs in shingles.items():
        # Shingles no other piece has pair with nothing: probe the rarest shared ones.
        # Ties go to the earlier shingle (hash values differ between runs; positions do not).
        rare = sorted((len(index[sh]), n, sh) for n, sh in enumerate(shs) if len(index[sh]) > 1)
        hits: dict[int, int] = defaultdict(int)
        used = 0
        for _, _, sh in rare[:probes]:
            bucket = index[sh]
            if len(bucket) > config.max_bucket:
                break  # sorted by frequency: the rest are stop-shingles too
            used += 1
            if len(bucket) > config.bucket_pairs:
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
    return sorted(pairs)


def _link(items: Sequence[Piece], i: int, j: int, config: AlignConfig) -> bool:
    """Whether two quotes of more than `min_words` words are variants of one statement."""
    p, q = items[i], items[j]
    if nested(p, q):
        return False
    s, full = (p, q) if (p.words, i) <= (q.words, j) else (q, p)
    if contained(s, full) or partial_score(s, full) >= config.fuzzy_threshold:
        return True
    # Overlapping stretches of one statement: the same speaker and a long shared run, in two
    # sources. One article quoting its speaker twice with a phrase in common ("nobody makes him
    # sit in a car park" / "nobody becomes a paramedic to sit in a car park") is two statements.
    if not agree(s, full) or s.quote.source == full.quote.source:
        return False
    run = longest_run(s.keys, full.keys)
    return run >= config.overlap_words and 2 * run >= s.words


def _speaker_keys(q: Piece) -> list[str]:
    return [k for k in (q.speaker_id and "id:" + q.speaker_id, q.surname and "sn:" + q.surname) if k]


def _attach_short(items: Sequence[Piece], uf: _Union, config: AlignConfig) -> None:
    """Join each short fragment to one quote of the same speaker that contains it word for word."""
    short = [i for i, q in enumerate(items) if 0 < q.words <= config.min_words and _speaker_keys(q)]
    if not short:
        return
    # Postings per (speaker, word), and only for words a fragment of that speaker has.
    wanted = {(w, k) for i in short for w in _speaker_keys(items[i]) for seg in items[i].segs for k in seg}
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        for w in _speaker_keys(q):
            for k in {k for seg in q.segs for k in seg}:
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


def align(
    quotes: Sequence[Quote],
    config: AlignConfig = AlignConfig(),
    references: Mapping[str, str] | None = None,
) -> list[Group]:
    """Group speech quotes that report the same words, across and within sources."""
    # Nothing here makes reference cycles; without pauses to scan the growing heap, time stays linear.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _align(quotes, config, references or {})
    finally:
        if paused:
            gc.enable()


def _align(quotes: Sequence[Quote], config: AlignConfig, references: Mapping[str, str]) -> list[Group]:
    ordered = sorted((q for q in quotes if q.speech), key=lambda q: (q.source, q.start, q.id))
    items = [u for n, q in enumerate(ordered) for u in sentence_pieces(q, n, config.min_words)]
    uf = _Union(len(items))
    # Exact copies collapse first, so the blocking index sees each wording once.
    classes: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.words > config.min_words:
            classes[it.norm].append(i)
    for members in classes.values():
        for j in members[1:]:
            if not nested(items[members[0]], items[j]):
                uf.union(members[0], j)
    for i, j in _candidates(items, sorted(m[0] for m in classes.values()), config):
        if _link(items, i, j, config):
            uf.union(i, j)
    _attach_short(items, uf, config)
    record_ids = _link_records(items, uf, references or {})
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        comps[uf.find(i)].append(i)
    # Sentences that are grouped with the same quotes make one group ("A. B." quoted twice).
    by_owners: dict[tuple[int, ...], list[int]] = {}
    for comp in sorted(comps.values()):
        owners = tuple(sorted({items[i].owner for i in comp}))
        if len(owners) > 1:
            by_owners.setdefault(owners, []).extend(comp)
    groups: list[Group] = []
    for comp in sorted(by_owners.values(), key=min):
        views = _views([items[i] for i in sorted(comp)])
        groups.append(_group(f"g{len(groups) + 1}", views, references or {}, record_ids, config))
    return groups


def _link_records(items: Sequence[Piece], uf: _Union, refs: Mapping[str, str]) -> set[str]:
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


def _reference(group: Sequence[Piece], refs: Mapping[str, str], record_ids: set[str]) -> Piece:
    """The record sentence when one is in the group, else the fullest, best-supported variant."""
    ids = {g.quote.id for g in group}
    records = [g for g in group if g.quote.id in record_ids]
    if records:
        cited = {r.quote.id: sum(1 for k, v in refs.items() if v == r.quote.id and k in ids)
                 for r in records}
        return min(records, key=lambda r: (-cited[r.quote.id], -r.words, r.quote.id))
    cover = {g.quote.id: sum(1 for o in group if o is not g and o.words <= g.words
                             and (o.norm == g.norm or contained(o, g))) for g in group}
    return min(group, key=lambda g: (-g.words, g.specials, -cover[g.quote.id], g.quote.id))


def _group(gid: str, group: Sequence[Piece], refs: Mapping[str, str], record_ids: set[str],
           config: AlignConfig) -> Group:
    ref = _reference(group, refs, record_ids)
    by_id = {g.quote.id: g for g in group}
    # The reference's own words in this group (its sentences here), as one equal op.
    words = " ".join(ref.text.split())
    members = [Member(ref.quote.id, "reference", Drift("none", (DiffOp("equal", words, words),)), 100.0)]
    rest = sorted((g for g in group if g is not ref),
                  key=lambda g: (g.quote.source, g.quote.start, g.quote.id))
    for g in rest:
        relation, score = _relation(g, ref, config)
        if g.quote.id in record_ids:
            drift = Drift("none")  # another sentence of the record itself
        else:
            own = by_id.get(refs.get(g.quote.id, ""))
            # Against the record sentence it was found in, else against the group's reference.
            drift = compare((own or ref).text, g.text, overhang=False)
            if g.words <= config.min_words and drift.klass != "none":
                drift = attrs.evolve(drift, klass="none", reasons=())  # short fragments never drift
        members.append(Member(g.quote.id, relation, drift, round(score, 1)))
    return Group(gid, ref.quote.id, tuple(members))


def _relation(g: Piece, ref: Piece, config: AlignConfig) -> tuple[str, float]:
    """exact, partial (a fragment of the reference, or the reference of it) or fuzzy."""
    if g.norm == ref.norm:
        return "exact", 100.0
    if contained(g, ref) or contained(ref, g):
        return "partial", 100.0
    s, full = (g, ref) if g.words <= ref.words else (ref, g)
    score = partial_score(s, full)
    if g.words < ref.words and score >= config.partial_threshold:
        return "partial", score
    return "fuzzy", score


def singletons(quotes: Sequence[Quote], groups: Sequence[Group]) -> list[str]:
    """Ids of speech quotes that are in no group (found in one place only), in source order."""
    grouped = {m.quote for g in groups for m in g.members}
    return [q.id for q in sorted(quotes, key=lambda q: (q.source, q.start, q.id))
            if q.speech and q.id not in grouped]
