"""Speech quotes across sources → variant groups (blocking, then rapidfuzz alignment).

In: quotes (any number of sources; only `speech` ones are aligned), an `AlignConfig`, and
optionally `references` (article quote id → primary-record quote id among the quotes, or → the
record's words). Out: `Group`s of two or more members, each member with its relation to the
group's reference (reference|exact|partial|fuzzy) and its `Drift` from `diff.compare`.
Candidates come from an inverted index of word shingles (too-frequent shingles are dropped), so
no step compares all pairs. This module refuses to know how quotes were found or attributed,
and what the lint rules make of a group.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs
from rapidfuzz import fuzz

from quotes.diff import compare, is_special, keys
from quotes.model import Drift, Group, Member, Quote


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
    # A short fragment whose rarest word is in more quotes of all speakers than this is skipped.
    max_postings: int = 5000


@attrs.frozen
class _Q:
    """A quote prepared for alignment: keys, words, segments between ellipses/brackets."""

    quote: Quote
    keys: tuple[str, ...]
    words: int
    specials: int
    norm: str
    joined: str
    segs: tuple[tuple[str, ...], ...]
    speaker_id: str | None
    surname: str | None


def _surname(name: str | None) -> str | None:
    """Last name word, folded, so "Sergey Lavrov" and "Sergei Lavrov" share it."""
    if not name:
        return None
    parts = [p.strip(".,").casefold() for p in name.split()]
    parts = [p for p in parts if p and p not in ("jr", "sr", "ii", "iii")]
    if not parts:
        return None
    folded = unicodedata.normalize("NFKD", parts[-1])
    return "".join(c for c in folded if not unicodedata.combining(c))


def _prepare(q: Quote) -> _Q:
    ks = tuple(keys(q.text))
    segs: list[tuple[str, ...]] = []
    cur: list[str] = []
    for k in ks:
        if is_special(k):
            if cur:
                segs.append(tuple(cur))
            cur = []
        else:
            cur.append(k)
    if cur:
        segs.append(tuple(cur))
    words = sum(len(s) for s in segs)
    a = q.attribution
    return _Q(q, ks, words, len(ks) - words, "\x1f".join(ks), "\x1f" + "\x1f".join(ks) + "\x1f",
              tuple(segs), a.speaker_id, _surname(a.speaker))


def _agree(p: _Q, q: _Q) -> bool:
    """Same speaker: equal speaker ids when both have one, else the same surname."""
    if p.speaker_id and q.speaker_id:
        return p.speaker_id == q.speaker_id
    return p.surname is not None and p.surname == q.surname


def _nested(p: _Q, q: _Q) -> bool:
    """Overlapping spans of one source (a quote inside a quote) are never variants."""
    a, b = p.quote, q.quote
    return a.source == b.source and a.start < b.end and b.start < a.end


def _contained(s: _Q, full: _Q) -> bool:
    """Every segment of `s` occurs word for word in `full`, in order (ellipses/brackets are gaps)."""
    if not s.segs:
        return False
    pos = 0
    for seg in s.segs:
        i = full.joined.find("\x1f" + "\x1f".join(seg) + "\x1f", pos)
        if i < 0:
            return False
        pos = i + 1
    return True


def _score(s: _Q, full: _Q) -> float:
    """Token-level partial alignment of `s` inside `full`, averaged over `s`'s segments by length."""
    if not s.segs or not full.keys:
        return 0.0
    total = sum(len(seg) for seg in s.segs)
    return sum(fuzz.partial_ratio(seg, full.keys) * len(seg) for seg in s.segs) / total


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Longest run of consecutive words shared by two key lists (specials never match)."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, k in enumerate(b):
        if not is_special(k):
            where[k].append(j)
    best = 0
    prev: dict[int, int] = {}
    for k in a:
        cur = {j: prev.get(j - 1, 0) + 1 for j in where.get(k, ())}
        if cur:
            best = max(best, *cur.values())
        prev = cur
    return best


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


def _shingles(q: _Q, k: int) -> set[str]:
    out: set[str] = set()
    for seg in q.segs:
        if len(seg) < k:
            if len(seg) >= 2:
                out.add("\x1f".join(seg))  # a two-word piece between ellipses still blocks
            continue
        for i in range(len(seg) - k + 1):
            out.add("\x1f".join(seg[i:i + k]))
    return out


def _candidates(items: Sequence[_Q], reps: Iterable[int], config: AlignConfig) -> list[tuple[int, int]]:
    """Pairs of quotes sharing at least one shingle that is not a stop-shingle."""
    index: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        for sh in _shingles(items[i], config.shingle):
            index[sh].append(i)
    pairs: set[tuple[int, int]] = set()
    for bucket in index.values():
        if 2 <= len(bucket) <= config.max_bucket:
            for x in range(len(bucket)):
                bx = bucket[x]
                for y in range(x + 1, len(bucket)):
                    pairs.add((bx, bucket[y]))
    return sorted(pairs)


def _link(items: Sequence[_Q], i: int, j: int, config: AlignConfig) -> bool:
    """Whether two quotes of more than `min_words` words are variants of one statement."""
    p, q = items[i], items[j]
    if _nested(p, q):
        return False
    s, full = (p, q) if (p.words, i) <= (q.words, j) else (q, p)
    if _contained(s, full) or _score(s, full) >= config.fuzzy_threshold:
        return True
    # Overlapping stretches of one statement: the same speaker and a long shared run.
    run = _longest_run(s.keys, full.keys)
    return run >= config.overlap_words and 2 * run >= s.words and _agree(s, full)


def _attach_short(items: Sequence[_Q], uf: _Union, config: AlignConfig) -> None:
    """Join each short fragment to one quote of the same speaker that contains it word for word."""
    short = [i for i, q in enumerate(items) if 0 < q.words <= config.min_words]
    if not short:
        return
    wanted = {k for i in short for seg in items[i].segs for k in seg}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        for k in wanted.intersection(k for seg in q.segs for k in seg):
            postings[k].append(i)
    for i in short:
        f = items[i]
        rare = min((k for seg in f.segs for k in seg), key=lambda k: (len(postings[k]), k))
        if len(postings[rare]) > config.max_postings:
            continue
        best: tuple[bool, bool, int, int, int] | None = None
        for j in postings[rare]:
            c = items[j]
            if j == i or c.words < f.words or _nested(f, c) or not _agree(f, c):
                continue
            if not _contained(f, c):
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
    items = [_prepare(q) for q in sorted((q for q in quotes if q.speech),
                                         key=lambda q: (q.source, q.start, q.id))]
    pos = {it.quote.id: i for i, it in enumerate(items)}
    uf = _Union(len(items))
    # Exact copies collapse first, so the blocking index sees each wording once.
    classes: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.words:
            classes[it.norm].append(i)
    reps: list[int] = []
    for members in classes.values():
        if items[members[0]].words > config.min_words:
            for j in members[1:]:
                if not _nested(items[members[0]], items[j]):
                    uf.union(members[0], j)
            reps.append(members[0])
    for i, j in _candidates(items, sorted(reps), config):
        if _link(items, i, j, config):
            uf.union(i, j)
    _attach_short(items, uf, config)
    refs = dict(references or {})
    record_ids = {v for k, v in refs.items() if k in pos and v in pos}
    text_refs = {k: v for k, v in refs.items() if k in pos and v not in pos}
    for k, v in refs.items():
        if k in pos and v in pos:
            uf.union(pos[k], pos[v])  # the record located it: trust that over word overlap
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        comps[uf.find(i)].append(i)
    groups: list[Group] = []
    for members in sorted((m for m in comps.values() if len(m) > 1), key=lambda m: m[0]):
        groups.append(_group(f"g{len(groups) + 1}", [items[i] for i in members], refs,
                             record_ids, text_refs, config))
    return groups


def _reference(group: Sequence[_Q], refs: Mapping[str, str], record_ids: set[str],
               text_refs: Mapping[str, str]) -> _Q:
    """The record sentence when one is in the group, else the fullest, best-supported variant."""
    ids = {g.quote.id for g in group}
    records = [g for g in group if g.quote.id in record_ids]
    if records:
        cited = {r.quote.id: sum(1 for k, v in refs.items() if v == r.quote.id and k in ids)
                 for r in records}
        return min(records, key=lambda r: (-cited[r.quote.id], -r.words, r.quote.id))
    given = [g for g in group if g.quote.id in text_refs]
    if given:
        return min(given, key=lambda g: (-len(text_refs[g.quote.id]), g.quote.id))
    cover = {g.quote.id: sum(1 for o in group if o is not g and o.words <= g.words
                             and (o.norm == g.norm or _contained(o, g))) for g in group}
    return min(group, key=lambda g: (-g.words, g.specials, -cover[g.quote.id], g.quote.id))


def _group(gid: str, group: Sequence[_Q], refs: Mapping[str, str], record_ids: set[str],
           text_refs: Mapping[str, str], config: AlignConfig) -> Group:
    ref = _reference(group, refs, record_ids, text_refs)
    by_id = {g.quote.id: g for g in group}
    ref_text = text_refs.get(ref.quote.id, ref.quote.text)
    ref_drift = compare(ref_text, ref.quote.text) if ref.quote.id in text_refs else Drift("none")
    members = [Member(ref.quote.id, "reference", ref_drift, 100.0)]
    rest = sorted((g for g in group if g is not ref), key=lambda g: (g.quote.source, g.quote.start, g.quote.id))
    for g in rest:
        relation, score = _relation(g, ref, config)
        if g.quote.id in record_ids:
            drift = Drift("none")  # another sentence of the record itself
        else:
            own = refs.get(g.quote.id)
            against = (by_id[own].quote.text if own in by_id
                       else text_refs.get(g.quote.id, ref_text))
            drift = compare(against, g.quote.text, overhang=False)
            if g.words <= config.min_words and drift.klass != "none":
                drift = attrs.evolve(drift, klass="none", reasons=())  # short fragments never drift
        members.append(Member(g.quote.id, relation, drift, round(score, 1)))
    return Group(gid, ref.quote.id, tuple(members))


def _relation(g: _Q, ref: _Q, config: AlignConfig) -> tuple[str, float]:
    """exact, partial (a fragment of the reference, or the reference of it) or fuzzy."""
    if g.norm == ref.norm:
        return "exact", 100.0
    if _contained(g, ref) or _contained(ref, g):
        return "partial", 100.0
    s, full = (g, ref) if g.words <= ref.words else (ref, g)
    score = _score(s, full)
    if g.words < ref.words and score >= config.partial_threshold:
        return "partial", score
    return "fuzzy", score


def singletons(quotes: Sequence[Quote], groups: Sequence[Group]) -> list[str]:
    """Ids of speech quotes that are in no group (found in one place only), in source order."""
    grouped = {m.quote for g in groups for m in g.members}
    return [q.id for q in sorted(quotes, key=lambda q: (q.source, q.start, q.id))
            if q.speech and q.id not in grouped]
