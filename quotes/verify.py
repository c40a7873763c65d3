"""Quotes checked against the primary record: where were the words said, by whom, and how faithfully.

In: speech quotes and `Record`s (transcripts, captions, statements). Out: a `Verification` per
quote (exact, partial, altered, drift, meaning, misattributed or not_found, with the turn or cue
time where the words start), and the record sentences that become group references. Finding the
words is `quotes.wordalign`'s job; classing a remaining difference (wording or meaning) is
`quotes.diff.compare`'s. This module decides the status: sentence coverage, alterations, the
speaker of the turn, and which quotes the record can speak for at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs
from rapidfuzz import fuzz

from quotes.diff import compare
from quotes.lexicon import HONORIFICS, ORG_HEADS, ROLE_WORDS
from quotes.model import Attribution, DiffOp, Quote, Source, Verification
from quotes.records import GENERIC_LABELS, PARTICLES, Record
from quotes.wordalign import (
    TAIL,
    Match,
    Piece,
    find_in,
    index_record,
    norm,
    parse_quote,
    sentences,
    widen,
    window_text,
)

STATUSES = ("exact", "partial", "altered", "drift", "meaning", "misattributed", "not_found")
SpeakerMatch = Callable[[str | None, str | None], bool]

# Share of the quote's (weighted) words a located window must hold, in order: a drifted or
# meaning-changed quote keeps most of its words, an invented one shares a topic word or two.
THRESHOLD = 50.0
# Speakers of questions, not answers: words found only in their turns cannot confirm a quote.
_ASKERS = frozenset(("reporter", "question", "moderator", "host", "operator", "interviewer"))


# --- speakers ---------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_NOT_NAME = frozenset(w.rstrip(".") for w in ROLE_WORDS | set(HONORIFICS)) | PARTICLES | GENERIC_LABELS
# Transliteration variants (Sergei/Sergey, Khalid/Halid, Mikhail/Michail) fold to one spelling.
_FOLDS = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("ks", "x"), ("ou", "u"), ("y", "i"), ("w", "v"))


def _fold(word: str) -> str:
    word = norm(word)
    for a, b in _FOLDS:
        word = word.replace(a, b)
    return re.sub(r"(.)\1", r"\1", word)


def _name(name: str) -> tuple[set[str], set[str]]:
    """(surname forms, all name-word forms) of a name, without roles, particles or initials."""
    words = [w for w in _NAME_WORD.findall(name) if len(w) > 1 and norm(w) not in _NOT_NAME]
    forms = [{_fold(w), *(_fold(p) for p in re.split(r"[-‐]", w) if len(p) > 1)} for w in words]
    if not forms:
        return set(), set()
    return forms[-1], set().union(*forms)


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 85)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Default speaker match: a surname of one is a name word of the other (spelling-tolerant)."""
    if not a or not b:
        return True
    sur_a, all_a = _name(a)
    sur_b, all_b = _name(b)
    if not all_a or not all_b:
        return True  # a bare role ("THE PRESIDENT") cannot contradict a name
    return any(_same_word(x, y) for x in sur_a for y in all_b) or any(
        _same_word(x, y) for x in sur_b for y in all_a
    )


def _quote_speaker(q: Quote) -> str | None:
    """The person a quote is credited to, or None when it is anonymous or an organisation."""
    name = q.attribution.speaker
    if q.attribution.anonymous or not name:
        return None
    # "the council", "Valdane Chemicals Inc": a spokesperson in the record speaks for it.
    words = name.lower().split()
    if words[0] == "the" or words[-1].rstrip(".") in ORG_HEADS:
        return None
    return name


# --- verification -----------------------------------------------------------------------

@attrs.frozen
class Located:
    """A quote found in a record: the verification and the record words it was found at."""

    verification: Verification
    record: Record
    start: int  # character offsets into record.text of the located words
    end: int
    sentence_start: int  # the same, widened to whole sentences (the group reference)
    sentence_end: int
    text: str  # the located words as text (markers cut out)


class _Verifier:
    """Records indexed once; quotes checked one by one against all of them."""

    def __init__(self, records: Sequence[Record], speaker_match: SpeakerMatch | None) -> None:
        self.vocab: dict[str, str] = {}
        self.ixs = [index_record(r, self.vocab) for r in records]
        self.match = speaker_match or same_speaker
        self.masks: dict[tuple[int, str], str | None] = {}
        named = [t.speaker for r in records for t in r.turns if t.speaker]
        # Unknown voices that are not the askers mean anyone may be speaking in the record.
        self.anyone = not named or any(
            t.speaker is None and (t.role or "") not in _ASKERS for r in records for t in r.turns
        )
        self.named = list(dict.fromkeys(named))

    def in_scope(self, speaker: str | None) -> bool:
        """Whether the record can speak for this speaker's quotes at all."""
        if speaker is None:
            return False
        return self.anyone or any(self.match(speaker, s) for s in self.named)

    def mask(self, k: int, speaker: str) -> str | None:
        """The record's word string with other speakers' turns blanked out (None: nothing left)."""
        key = (k, speaker)
        if key not in self.masks:
            ix = self.ixs[k]
            own = {t.index for t in ix.record.turns if t.speaker and self.match(speaker, t.speaker)}
            chars = [c if ix.turn[i] in own else "\x00" for i, c in enumerate(ix.enc)]
            self.masks[key] = "".join(chars) if own else None
        return self.masks[key]

    def find(self, pieces: list[Piece], ellipsis: bool, speaker: str | None) -> Match | None:
        """Best match over all records; the credited speaker's turns win near-ties (5 points)."""
        best: tuple[float, Match] | None = None
        for k, ix in enumerate(self.ixs):
            m = find_in(pieces, ellipsis, ix, self.vocab, None)
            if m is None:
                continue
            credited = speaker is None or self._credited(m, speaker)
            if not credited and speaker is not None and (mask := self.mask(k, speaker)):
                own = find_in(pieces, ellipsis, ix, self.vocab, mask)
                # The same words said by the credited speaker too: that is where they come from.
                if own is not None and own.score >= m.score - 5:
                    m, credited = own, True
            rank = m.score + (5 if credited else 0)
            if best is None or rank > best[0] + 1e-9:
                best = (rank, m)
        if best is None:
            return None
        m = best[1]
        return attrs.evolve(m, fits=tuple(widen(f, p, m.ix) for f, p in zip(m.fits, pieces, strict=True)))

    def _credited(self, m: Match, speaker: str) -> bool:
        turn = m.ix.record.turns[m.ix.turn[m.start]]
        return self.match(speaker, turn.speaker)

    def check(self, q: Quote, every: bool) -> Located | None:
        """Verify one quote; None when it has no words or lies outside the record's scope."""
        pieces, ellipsis = parse_quote(q.text)
        if not pieces:
            return None
        speaker = _quote_speaker(q)
        m = self.find(pieces, ellipsis, speaker)
        short = sum(len(p.words) for p in pieces) <= 3
        # Short quotes ("pristine", "carry this alone") only count when found word for word.
        if m is None or m.score < THRESHOLD or (short and not m.clean):
            if not every and not self.in_scope(speaker):
                return None
            rec = m.ix.record if m else self.ixs[0].record
            v = Verification("not_found", rec.path, score=round(m.score, 1) if m else 0.0)
            return Located(v, rec, 0, 0, 0, 0, "")
        return self._located(m, q.text, speaker)

    def _located(self, m: Match, quote: str, speaker: str | None) -> Located:
        ix = m.ix
        turn = ix.record.turns[ix.turn[m.start]]
        s_start, s_end = sentences(ix, m.start, m.end)
        # Whole sentences as the reference, so compare sees a negation cut off at the edge.
        reference = window_text(ix, s_start, s_end)
        # Without sentence punctuation (auto captions) any verbatim stretch counts as whole.
        whole = (ix.sent_start[m.start] and ix.sent_end[m.end - 1]) or not ix.punctuated
        diff: tuple[DiffOp, ...] = ()
        if m.clean and not m.altered:
            status = "exact" if whole else "partial"
            if not whole:
                drift = compare(reference, quote)
                if drift.klass == "meaning":  # a fragment that leaves out the "not" before it
                    status, diff = "meaning", drift.ops
        else:
            drift = compare(reference, quote)
            diff = drift.ops
            if drift.klass == "meaning":
                status = "meaning"
            elif drift.klass == "wording" and not m.clean:
                status = "drift"
            elif m.altered or drift.alterations:
                status = "altered"
            else:
                status = "exact" if whole else "partial"
        if speaker and turn.speaker and not self.match(speaker, turn.speaker):
            status = "misattributed"
        v = Verification(status, ix.record.path, turn.speaker, turn.at, diff, round(m.score, 1))
        text = " ".join(window_text(ix, f.start, f.end) for f in m.fits)
        tail = TAIL.match(ix.record.text, ix.ends[s_end - 1])
        return Located(
            v, ix.record, ix.starts[m.start], ix.ends[m.end - 1],
            ix.starts[s_start], ix.ends[s_end - 1] + (len(tail.group(0)) if tail else 0), text,
        )


def _run(quotes: Sequence[Quote], records: Sequence[Record], speaker_match: SpeakerMatch | None, every: bool) -> dict[str, Located]:
    if not records:
        return {}
    v = _Verifier(records, speaker_match)
    out: dict[str, Located] = {}
    for q in quotes:
        if q.speech:
            found = v.check(q, every)
            if found is not None:
                out[q.id] = found
    return out


def verify(
    quotes: Sequence[Quote],
    records: Sequence[Record],
    speaker_match: SpeakerMatch | None = None,
    every: bool = False,
) -> dict[str, Verification]:
    """Check every speech quote against the records; quote id -> Verification.

    A quote that is not found and whose speaker the records cannot speak for (anonymous,
    unattributed, or a person who says nothing in them) is left out unless `every` is set.
    """
    return {qid: loc.verification for qid, loc in _run(quotes, records, speaker_match, every).items()}


def locate(
    quotes: Sequence[Quote],
    records: Sequence[Record],
    speaker_match: SpeakerMatch | None = None,
    every: bool = False,
) -> dict[str, Located]:
    """Like `verify`, with where in the record each quote was found."""
    return _run(quotes, records, speaker_match, every)


def reference_windows(quotes: Sequence[Quote], records: Sequence[Record]) -> dict[str, str]:
    """The record words each found quote was located at, as text (quote id -> text)."""
    return {
        qid: loc.text
        for qid, loc in _run(quotes, records, None, False).items()
        if loc.verification.status != "not_found"
    }


def record_references(
    quotes: Sequence[Quote],
    records: Sequence[Record],
    verifications: dict[str, Verification] | None = None,
    speaker_match: SpeakerMatch | None = None,
) -> tuple[dict[str, Quote], dict[str, str]]:
    """Record sentences as quotes, and which one each found article quote refers to.

    Returns (record quote id -> Quote, article quote id -> record quote id). Record quotes are
    the whole sentences the words were found in, so that a partial quote and an exact one of
    the same sentence share one reference; ids are `f"{record.path}#{n}"` in offset order.
    """
    wanted = [q for q in quotes if verifications is None or q.id in verifications]
    found = {
        qid: loc
        for qid, loc in _run(wanted, records, speaker_match, False).items()
        if loc.verification.status != "not_found"
    }
    spans = sorted({(loc.record.path, loc.sentence_start, loc.sentence_end) for loc in found.values()})
    by_path = {r.path: r for r in records}
    ids: dict[tuple[str, int, int], str] = {}
    made: dict[str, Quote] = {}
    count: dict[str, int] = {}
    for path, start, end in spans:
        rec = by_path[path]
        count[path] = count.get(path, 0) + 1
        qid = f"{path}#{count[path]}"
        ids[(path, start, end)] = qid
        made[qid] = _record_quote(rec, qid, start, end)
    refs = {qid: ids[(loc.record.path, loc.sentence_start, loc.sentence_end)] for qid, loc in found.items()}
    return made, refs


def _record_quote(rec: Record, qid: str, start: int, end: int) -> Quote:
    """A record sentence span as a speech Quote credited to the turn's speaker."""
    turn = next((t for t in rec.turns if t.start <= start < t.end), rec.turns[0])
    line, column = Source(rec.path, rec.text).position(start)
    return Quote(
        qid, rec.path, start, end, rec.text[start:end], line, column, "", None, True, "speech",
        "record", attribution=Attribution(speaker=turn.speaker, method="record", role=turn.role),
    )
