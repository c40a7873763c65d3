"""A quote → the pieces `align` compares (its sentences), and the measures between two pieces.

In: a `Quote` and the stretch of it to prepare. Out: `Piece`s: word keys, word count, the runs
of words between ellipses and brackets, speaker id and folded surname; and, for two pieces,
whether they share a speaker, are nested in one source, whether one is contained in the other
word for word, their partial-alignment score and their longest shared run of words. This
module refuses to know how pieces are blocked, linked or grouped.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from quotes.model import Quote
from quotes.tokens import is_special, keys, segments


@attrs.frozen
class Piece:
    """One sentence (or the whole) of a quote, prepared: keys, words, segments between gaps."""

    quote: Quote
    owner: int
    start: int
    end: int
    keys: tuple[str, ...]
    words: int
    specials: int
    segs: tuple[tuple[str, ...], ...]
    speaker_id: str | None
    surname: str | None

    @property
    def text(self) -> str:
        """The words of this piece as written in the quote."""
        return self.quote.text[self.start:self.end]

    @property
    def norm(self) -> str:
        """The keys as one string: equal for two pieces with the same words."""
        return "\x1f".join(self.keys)

    @property
    def joined(self) -> str:
        """The keys as one string, fenced: `"\x1f" + norm + "\x1f"` (made when asked: memory)."""
        return "\x1f" + "\x1f".join(self.keys) + "\x1f"


def _surname(name: str | None) -> str | None:
    """Last name word, folded, so "Sergey Lavrov" and "Sergei Lavrov" share it."""
    if not name:
        return None
    parts = [p.strip(".,").casefold() for p in name.split()]
    parts = [p for p in parts if p and p not in ("jr", "sr", "ii", "iii")]
    if not parts:
        return None
    folded = unicodedata.normalize("NFKD", parts[-1])
    # Interned: one string per surname, not one per piece (memory).
    return sys.intern("".join(c for c in folded if not unicodedata.combining(c)))


def prepare(q: Quote, owner: int, start: int, end: int) -> Piece:
    """The piece `start:end` of quote `q` (the `owner`-th quote), with its keys and segments."""
    # Interned: an archive's pieces repeat the same few thousand words, stored once (memory).
    ks = tuple(map(sys.intern, keys(q.text[start:end])))
    segs = [tuple(s) for s in segments(ks)]
    words = sum(len(s) for s in segs)
    if len(segs) == 1 and words == len(ks):
        segs = [ks]  # no gap: the one segment is the keys, shared rather than copied
    a = q.attribution
    return Piece(q, owner, start, end, ks, words, len(ks) - words, tuple(segs), a.speaker_id,
                 _surname(a.speaker))


# A sentence ends at . ! or ? (not an ellipsis), after any closing marks, before a capital.
_SENT_END = re.compile(r"(?<=[^.\s][.!?])(?P<close>[\"'”’»)]*)\s+(?=[\"'“‘«(]?[A-Z0-9])")
# Abbreviations whose period ends no sentence ("Mr. Smith", "U.S. officials").
_ABBREV = frozenset(("mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt",
                     "jr", "sr", "vs", "etc", "no", "prof", "inc", "ltd", "co", "mt", "ft", "fig"))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans inside a quote's text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        before = text[start:m.start()].split()
        word = before[-1].rstrip(".!?").casefold() if before else ""
        if word in _ABBREV or len(word.replace(".", "")) <= 1 or "." in word:
            continue
        spans.append((start, m.start() + len(m.group("close"))))
        start = m.end()
    spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def sentence_pieces(q: Quote, owner: int, min_words: int) -> list[Piece]:
    """The sentences of a quote worth aligning, or the whole quote when it has only one."""
    spans = _sentences(q.text)
    if len(spans) < 2:
        return [prepare(q, owner, 0, len(q.text))]
    # A two-word sentence ("Thank you.") inside a longer quote says nothing about its source.
    pieces = [u for u in (prepare(q, owner, a, b) for a, b in spans) if u.words > min_words]
    return pieces or [prepare(q, owner, 0, len(q.text))]  # the whole only when needed (time)


def agree(p: Piece, q: Piece) -> bool:
    """Same speaker: equal speaker ids when both have one, else the same surname."""
    if p.speaker_id and q.speaker_id:
        return p.speaker_id == q.speaker_id
    return p.surname is not None and p.surname == q.surname


def nested(p: Piece, q: Piece) -> bool:
    """Pieces of one quote, or overlapping quotes of one source (nested), are never variants."""
    a, b = p.quote, q.quote
    return p.owner == q.owner or (a.source == b.source and a.start < b.end and b.start < a.end)


def contained(s: Piece, full: Piece) -> bool:
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


def partial_score(s: Piece, full: Piece) -> float:
    """Token-level partial alignment of `s` inside `full`, averaged over `s`'s segments by length."""
    if not s.segs or not full.keys:
        return 0.0
    total = sum(len(seg) for seg in s.segs)
    # Sentinels at both ends: a window cut short by the edge must not score as a full match.
    hay = ("\x02", *full.keys, "\x02")
    return sum(_window_score(seg, hay) * len(seg) for seg in s.segs) / total


# Windows one or two words longer than rapidfuzz's best same-length window: the variant left a
# word out. (Shorter windows would let "one word changed in four" pass as "one word added".)
_NUDGES = ((-1, 0), (0, 1), (-1, 1))


def _window_score(seg: Sequence[str], hay: Sequence[str]) -> float:
    """Best Indel ratio of `seg` against a window of `hay`, the window as long or a word longer."""
    al = fuzz.partial_ratio_alignment(seg, hay)
    if al is None:
        return 0.0
    best = al.score
    if best < 100:
        for a, b in _NUDGES:
            lo, hi = max(0, al.dest_start + a), min(len(hay), al.dest_end + b)
            if hi > lo:
                best = max(best, fuzz.ratio(seg, hay[lo:hi]))
    return best


def longest_run(a: Sequence[str], b: Sequence[str]) -> int:
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
