"""Quotes checked against the primary record: where were the words said, by whom, and how faithfully.

In: speech quotes and `Record`s (transcripts, captions, statements). Out: a `Verification` per
quote (exact, partial, altered, drift, meaning, misattributed or not_found, with the turn or cue
time where the words start), and the located record windows that become group references.
Quotes and records are cut into word tokens; each distinct word becomes one character, so
rapidfuzz finds the candidate window over words, and a small semi-global alignment then fits the
quote into it (ellipsis pieces in order, bracketed text as a short wildcard). How a remaining
difference is classed (wording or meaning) is `quotes.diff.compare`'s business, not this module's.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import attrs
from rapidfuzz import fuzz

from quotes.diff import compare
from quotes.lexicon import HONORIFICS, ROLE_WORDS
from quotes.model import DRIFTS, Attribution, DiffOp, Quote, Source, Verification
from quotes.records import GENERIC_LABELS, PARTICLES, Record

STATUSES = ("exact", "partial", "altered", "drift", "meaning", "misattributed", "not_found")
SpeakerMatch = Callable[[str | None, str | None], bool]

# Share of the quote's (weighted) words a located window must hold, in order: a drifted or
# meaning-changed quote keeps most of its words, an invented one shares a topic word or two.
THRESHOLD = 50.0
# Ellipsis pieces must sit this close (in words) to the piece before them.
MAX_GAP = 80
# A bracketed insertion replaces at most this many record words ("[the company]" for "it").
MAX_WILD = 5

# --- tokens -----------------------------------------------------------------------------

# Words, with numbers kept whole ("2.45", "3:40") and inner apostrophes kept ("don't").
_WORD = re.compile(r"\d+(?:[.,:]\d+)*[^\W_]*|[^\W_]+(?:['’][^\W_]+)*")
# Transcriber's notes in the record: [inaudible], [crosstalk], (laughter), (applause) ...
_MARKER = re.compile(
    r"\[[^\]\n]{0,60}\]|\((?:laughter|laughs|laughing|applause|inaudible|crosstalk|cross-talk|"
    r"cross talk|unintelligible|indiscernible|pause|silence|music|cheers|cheering|coughs|sighs|"
    r"overlapping|booing|boos|audio gap|off mic|off-mic|no audio|\d{1,2}:\d{2}(?::\d{2})?)[^)\n]{0,20}\)",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*(?:…|\.\s?\.\s?\.)\s*[\])]|…|\.\s?\.\s?\.)\s*")
_BRACKET = re.compile(r"\[[^\]]*\]")
_SENTENCE_END = re.compile(r"[.!?…]")
# One-letter words (initials, "U.S.") and these abbreviations end with a dot but not a sentence.
_ABBREV = frozenset("mr mrs ms dr st prof jr sr vs no gen sen rep gov lt col capt sgt mt ft".split())
# Speakers of questions, not answers: words found only in their turns cannot confirm a quote.
_ASKERS = frozenset(("reporter", "question", "moderator", "host", "operator", "interviewer"))


def norm(word: str) -> str:
    """A word as compared: accents stripped, lower case, one apostrophe."""
    word = word.replace("’", "'").lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@attrs.define
class _Index:
    """A record as a word sequence: offsets, turns, sentence edges and a segment id per word."""

    record: Record
    words: list[str] = attrs.Factory(list)
    starts: list[int] = attrs.Factory(list)
    ends: list[int] = attrs.Factory(list)
    turn: list[int] = attrs.Factory(list)
    seg: list[int] = attrs.Factory(list)
    sent_start: list[bool] = attrs.Factory(list)
    sent_end: list[bool] = attrs.Factory(list)
    enc: str = ""


def _index(record: Record, vocab: dict[str, str]) -> _Index:
    ix = _Index(record)
    text = record.text
    seg = 0
    for turn in record.turns:
        # Transcript turns are hard edges; caption cues flow into one another.
        hard = record.kind != "captions" or turn.index == 0
        if record.kind != "captions":
            seg += 1
        pos = turn.start
        first = True
        for piece in _pieces_outside(text, turn.start, turn.end):
            a, b = piece
            if a > pos:
                seg += 1  # a marker sits between: the reference text is cut there
            for m in _WORD.finditer(text, a, b):
                w = m.group(0)
                prev = ix.words[-1] if ix.words else ""
                gap = _MARKER.sub(" ", text[ix.ends[-1] : m.start()]) if ix.ends else ""
                start = (first and hard) or (
                    bool(_SENTENCE_END.search(gap)) and not (len(prev) == 1 or prev in _ABBREV)
                ) or bool(re.search(r"[.!?…]\s*[\"'“‘]\s*$", gap))
                if start and ix.sent_start:
                    ix.sent_end[-1] = True
                ix.words.append(norm(w))
                ix.starts.append(m.start())
                ix.ends.append(m.end())
                ix.turn.append(turn.index)
                ix.seg.append(seg)
                ix.sent_start.append(start)
                ix.sent_end.append(False)
                first = False
            pos = b
        if ix.sent_end and record.kind != "captions":
            ix.sent_end[-1] = True
    if ix.sent_end:
        ix.sent_end[-1] = True
    ix.enc = _encode(ix.words, vocab)
    return ix


def _pieces_outside(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges of text[start:end] that are not transcriber's markers."""
    out, pos = [], start
    for m in _MARKER.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _encode(words: Sequence[str], vocab: dict[str, str]) -> str:
    """One character per distinct word, so string matchers work over words."""
    out = []
    for w in words:
        c = vocab.get(w)
        if c is None:
            c = vocab[w] = chr(0x10000 + len(vocab))
        out.append(c)
    return "".join(out)


# --- quotes -----------------------------------------------------------------------------


@attrs.frozen
class _Piece:
    """A stretch of a quote between ellipses: its words, None for each bracketed insertion."""

    text: str
    items: tuple[str | None, ...]
    brackets: tuple[tuple[int, int], ...]  # spans of bracketed text within `text`

    @property
    def words(self) -> list[str]:
        return [w for w in self.items if w is not None]


def _parse(text: str) -> tuple[list[_Piece], bool]:
    """Split a quote at ellipses; returns the pieces and whether an ellipsis was seen."""
    parts = _ELLIPSIS.split(text)
    pieces = []
    for part in parts:
        items: list[str | None] = []
        brackets = []
        pos = 0
        for m in _BRACKET.finditer(part):
            items.extend(norm(w) for w in _WORD.findall(part, pos, m.start()))
            items.append(None)
            brackets.append((m.start(), m.end()))
            pos = m.end()
        items.extend(norm(w) for w in _WORD.findall(part, pos))
        if any(i is not None for i in items):
            pieces.append(_Piece(part, tuple(items), tuple(brackets)))
    return pieces, len(parts) > 1


# --- alignment --------------------------------------------------------------------------


# Words any two English sentences share: they count for less when scoring a window, so an
# invented quote cannot reach the threshold on "we", "the" and "have" alone.
_FUNCTION = frozenset(
    """
    a an the and or but so if then than as of to in on at by for with from into about over i
    me my we us our you your he him his she her it its they them their this that these those
    there here who what which when where how is are was were be been being am have has had
    do does did will would shall should can could may might must just also very all some any
    """.split()
)
FUNCTION_WEIGHT = 0.3
# A record word the quote skips costs less than a quote word the record lacks, so a window
# runs on through a substituted word ("first two weeks" for "first three weeks") to the match after.
_EXTRA = 0.75


def _weight(word: str | None) -> float:
    return 0.0 if word is None else FUNCTION_WEIGHT if word in _FUNCTION else 1.0


@attrs.frozen
class _Fit:
    """One quote piece fitted into record words [start, end), with weighted word counts."""

    start: int
    end: int
    matched: float  # weight of the quote words found in order in the record
    quote_weight: float
    record_weight: float  # weight of the record words in the window, brackets' words excluded
    wild: tuple[tuple[int, int], ...]  # record word ranges covered by each bracket
    clean: bool  # every quote word matched, nothing inserted or left out

    @property
    def score(self) -> float:
        total = max(self.quote_weight, self.record_weight)
        return 100.0 * self.matched / total if total else 0.0


def _align(items: Sequence[str | None], words: Sequence[str], lo: int, hi: int) -> _Fit:
    """Semi-global weighted Indel alignment: the whole quote piece against a stretch of words[lo:hi]."""
    n, width = len(items), hi - lo
    inf = float("inf")
    wr = [_weight(words[lo + j]) for j in range(width)]
    prev = [0.0] * (width + 1)  # the record words before the window are free
    back: list[list[int]] = []
    for i in range(1, n + 1):
        item = items[i - 1]
        cur = [inf] * (width + 1)
        ptr = [0] * (width + 1)
        if item is None:
            for j in range(width + 1):
                best, arg = inf, 0
                for k in range(min(MAX_WILD, j) + 1):
                    if prev[j - k] < best:
                        best, arg = prev[j - k], k
                cur[j], ptr[j] = best, 10 + arg
        else:
            wq = _weight(item)
            cur[0], ptr[0] = prev[0] + wq, 2
            for j in range(1, width + 1):
                up = prev[j] + wq
                left = cur[j - 1] + wr[j - 1] * _EXTRA
                if item == words[lo + j - 1] and prev[j - 1] <= up and prev[j - 1] <= left:
                    cur[j], ptr[j] = prev[j - 1], 1
                elif up <= left:
                    cur[j], ptr[j] = up, 2
                else:
                    cur[j], ptr[j] = left, 3
        back.append(ptr)
        prev = cur
    end = min(range(width + 1), key=lambda j: (prev[j], j))
    i, j = n, end
    matched = record_weight = 0.0
    wild: list[tuple[int, int]] = []
    clean = True
    while i > 0:
        p = back[i - 1][j]
        if p >= 10:
            k = p - 10
            wild.append((lo + j - k, lo + j))
            i, j = i - 1, j - k
        elif p == 1:
            matched += wr[j - 1]
            record_weight += wr[j - 1]
            i, j = i - 1, j - 1
        elif p == 2:
            clean = False
            i -= 1
        else:
            clean = False
            record_weight += wr[j - 1]
            j -= 1
    quote_weight = sum(_weight(it) for it in items)
    return _Fit(lo + j, lo + end, matched, quote_weight, record_weight, tuple(reversed(wild)), clean)


def _fit(piece: _Piece, ix: _Index, vocab: dict[str, str], lo: int, hi: int, mask: str | None) -> _Fit | None:
    """Best fit of one piece within record words [lo, hi), found by rapidfuzz then aligned."""
    hay = (mask if mask is not None else ix.enc)[lo:hi]
    words = piece.words
    needle = "".join(vocab.get(w, "\x01") for w in words)
    if not hay or not needle:
        return None
    pos = hay.find(needle) if None not in piece.items else -1
    if pos >= 0:
        w = sum(_weight(x) for x in words)
        return _Fit(lo + pos, lo + pos + len(needle), w, w, w, (), True)
    al = fuzz.partial_ratio_alignment(needle, hay)
    if al is None:
        return None
    a, b = (al.dest_start, al.dest_end) if len(needle) <= len(hay) else (al.src_start, al.src_end)
    pad = max(3, len(words) // 3) + sum(MAX_WILD for i in piece.items if i is None)
    a, b = max(lo, lo + a - pad), min(hi, lo + b + pad)
    return _align(piece.items, _masked_words(ix, mask), a, b)


def _masked_words(ix: _Index, mask: str | None) -> list[str]:
    if mask is None:
        return ix.words
    return [w if m != "\x00" else "\x00" for w, m in zip(ix.words, mask, strict=True)]


@attrs.frozen
class _Match:
    """A whole quote located in one record: a fit per ellipsis piece."""

    ix: _Index
    fits: tuple[_Fit, ...]
    ellipsis: bool

    @property
    def score(self) -> float:
        # Matched weight over the larger side: a quote must be mostly found, and found compactly.
        total = max(sum(f.quote_weight for f in self.fits), sum(f.record_weight for f in self.fits))
        return 100.0 * sum(f.matched for f in self.fits) / total if total else 0.0

    @property
    def start(self) -> int:
        return self.fits[0].start

    @property
    def end(self) -> int:
        return self.fits[-1].end

    @property
    def clean(self) -> bool:
        return all(f.clean for f in self.fits)

    @property
    def altered(self) -> bool:
        return self.ellipsis or any(f.wild for f in self.fits)


def _locate(pieces: list[_Piece], ellipsis: bool, ix: _Index, vocab: dict[str, str], mask: str | None) -> _Match | None:
    """Fit the longest piece anywhere, then the others in order on either side of it, close by."""
    size = len(ix.words)
    anchor = max(range(len(pieces)), key=lambda k: len(pieces[k].words))
    first = _fit(pieces[anchor], ix, vocab, 0, size, mask)
    if first is None:
        return None
    fits: dict[int, _Fit] = {anchor: first}
    edge = first.start
    for k in range(anchor - 1, -1, -1):
        reach = MAX_GAP + 2 * len(pieces[k].words)
        f = _fit(pieces[k], ix, vocab, max(0, edge - reach), edge, mask)
        if f is None:
            return None
        fits[k], edge = f, f.start
    edge = first.end
    for k in range(anchor + 1, len(pieces)):
        reach = MAX_GAP + 2 * len(pieces[k].words)
        f = _fit(pieces[k], ix, vocab, edge, min(size, edge + reach), mask)
        if f is None:
            return None
        fits[k], edge = f, f.end
    return _Match(ix, tuple(fits[k] for k in range(len(pieces))), ellipsis)


def _widen(fit: _Fit, piece: _Piece, ix: _Index) -> _Fit:
    """A bracket at a piece's edge stands for the words it replaced there ("[Valdane] has" for "The company has")."""
    start, end, wild = fit.start, fit.end, list(fit.wild)
    if piece.items[0] is None and wild and wild[0][0] == wild[0][1]:
        k = start
        while k > 0 and start - k < MAX_WILD and not ix.sent_start[k] and ix.seg[k - 1] == ix.seg[start]:
            k -= 1
        if ix.sent_start[k]:
            start, wild[0] = k, (k, fit.start)
    if piece.items[-1] is None and wild and wild[-1][0] == wild[-1][1]:
        k = end
        while k < len(ix.words) and k - end < MAX_WILD and not ix.sent_end[k - 1] and ix.seg[k] == ix.seg[end - 1]:
            k += 1
        if ix.sent_end[k - 1]:
            end, wild[-1] = k, (fit.end, k)
    return attrs.evolve(fit, start=start, end=end, wild=tuple(wild))


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
    return None if q.attribution.anonymous else q.attribution.speaker


# --- verification -----------------------------------------------------------------------

_ORDER = {k: i for i, k in enumerate(DRIFTS)}


def _text(ix: _Index, a: int, b: int) -> str:
    """Record words [a, b) as text, markers and turn labels cut out, punctuation after words kept."""
    if a >= b:
        return ""
    parts, k = [], a
    while k < b:
        j = k
        while j + 1 < b and ix.seg[j + 1] == ix.seg[k]:
            j += 1
        tail = _TAIL.match(ix.record.text, ix.ends[j])
        parts.append(ix.record.text[ix.starts[k] : tail.end() if tail else ix.ends[j]])
        k = j + 1
    return " ".join(parts)


_TAIL = re.compile(r"[.!?…,;:'\"’”)\]]*")


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
        self.ixs = [_index(r, self.vocab) for r in records]
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

    def find(self, pieces: list[_Piece], ellipsis: bool, speaker: str | None) -> _Match | None:
        """Best match over all records, preferring the credited speaker's turns on near-ties."""
        best: _Match | None = None
        for k, ix in enumerate(self.ixs):
            m = _locate(pieces, ellipsis, ix, self.vocab, None)
            if m is None:
                continue
            if speaker and not self._credited(m, speaker):
                mask = self.mask(k, speaker)
                own = _locate(pieces, ellipsis, ix, self.vocab, mask) if mask else None
                # The same words said by the credited speaker too: that is where they come from.
                if own is not None and own.score >= m.score - 5:
                    m = own
            if best is None or m.score > best.score + 1e-9:
                best = m
        if best is None:
            return None
        fits = tuple(_widen(f, p, best.ix) for f, p in zip(best.fits, pieces, strict=True))
        return attrs.evolve(best, fits=fits)

    def _credited(self, m: _Match, speaker: str) -> bool:
        turn = m.ix.record.turns[m.ix.turn[m.start]]
        return self.match(speaker, turn.speaker)

    def check(self, q: Quote, every: bool) -> Located | None:
        """Verify one quote; None when it has no words or lies outside the record's scope."""
        pieces, ellipsis = _parse(q.text)
        if not pieces:
            return None
        speaker = _quote_speaker(q)
        m = self.find(pieces, ellipsis, speaker)
        short = sum(len(p.words) for p in pieces) <= 3
        # Short quotes ("pristine", "carry this alone") only count when found word for word.
        if m is None or m.score < THRESHOLD or (short and not m.clean):
            if not every and not self.in_scope(speaker):
                return None
            path = m.ix.record.path if m else self.ixs[0].record.path
            v = Verification("not_found", path, score=round(m.score, 1) if m else 0.0)
            return Located(v, m.ix.record, 0, 0, 0, 0, "") if m else Located(v, self.ixs[0].record, 0, 0, 0, 0, "")
        return self._located(m, q.text, speaker)

    def _located(self, m: _Match, quote: str, speaker: str | None) -> Located:
        ix = m.ix
        turn = ix.record.turns[ix.turn[m.start]]
        s_start, s_end = _sentences(ix, m.start, m.end)
        # Whole sentences as the reference, so compare sees a negation cut off at the edge.
        reference = _text(ix, s_start, s_end)
        whole = ix.sent_start[m.start] and ix.sent_end[m.end - 1]
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
        text = " ".join(_text(ix, f.start, f.end) for f in m.fits)
        tail = _TAIL.match(ix.record.text, ix.ends[s_end - 1])
        return Located(
            v, ix.record, ix.starts[m.start], ix.ends[m.end - 1],
            ix.starts[s_start], ix.ends[s_end - 1] + (len(tail.group(0)) if tail else 0), text,
        )


def _sentences(ix: _Index, a: int, b: int) -> tuple[int, int]:
    """Words [a, b) widened to whole sentences, unless the record has no punctuation nearby."""
    k = a
    while (k > 0 and not ix.sent_start[k] and a - k < 40 and ix.turn[k - 1] == ix.turn[a]) or (
        k > 0 and not ix.sent_start[k] and a - k < 40 and ix.record.kind == "captions"
    ):
        k -= 1
    start = k if ix.sent_start[k] else a
    k = b
    while k < len(ix.words) and not ix.sent_end[k - 1] and k - b < 40 and (
        ix.turn[k] == ix.turn[b - 1] or ix.record.kind == "captions"
    ):
        k += 1
    end = k if ix.sent_end[k - 1] else b
    return start, end


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
