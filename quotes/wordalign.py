"""Quote words fitted into a record's words: the alignment under verification.

In: a `Record` and a quote's text. Out: the record as a word sequence (offsets, turns, sentence
edges, markers cut out) and the best `Match` of the quote in it: one fitted stretch per ellipsis
piece, bracketed insertions as short wildcards, with a weighted word score. Each distinct word
becomes one character, so rapidfuzz finds the candidate window over words, and a small
semi-global alignment fits the quote into it. This module refuses to know about speakers and
statuses: what a match means is `quotes.verify`'s business.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from quotes.records import Record

# Ellipsis pieces must sit this close (in words) to the piece before them: an ellipsis skips
# a clause or a few sentences, not half a press conference.
MAX_GAP = 120
# A bracketed insertion replaces at most this many record words ("[the company]" for "it").
MAX_WILD = 5
# --- tokens -----------------------------------------------------------------------------

# Words, with numbers kept whole ("2.45", "3:40") and inner apostrophes kept ("don't").
_WORD = re.compile(r"\d+(?:[.,:]\d+)*[^\W_]*|[^\W_]+(?:['’ʼ][^\W_]+)*")
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


def norm(word: str) -> str:
    """A word as compared: accents stripped, lower case, one apostrophe."""
    word = word.replace("’", "'").replace("ʼ", "'").lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@attrs.define
class RecordWords:
    """A record as a word sequence: offsets, turns, sentence edges and a segment id per word."""

    record: Record
    words: list[str] = attrs.Factory(list)
    starts: list[int] = attrs.Factory(list)
    ends: list[int] = attrs.Factory(list)
    turn: list[int] = attrs.Factory(list)
    seg: list[int] = attrs.Factory(list)  # changes at turn edges and markers: where text is cut
    sent_start: list[bool] = attrs.Factory(list)
    sent_end: list[bool] = attrs.Factory(list)
    enc: str = ""  # one character per word (see `encode`)
    punctuated: bool = True  # False for captions without sentence punctuation (auto captions)


# An opening mark after a comma or colon starts a quoted sentence inside a turn (`asked, "Is it`).
_OPENS_QUOTE = re.compile(r"[,:]\s*[\"'“‘]\s*$")


def index_record(record: Record, vocab: dict[str, str]) -> RecordWords:
    """Cut a record into words (markers left out), with sentence edges and turn numbers."""
    ix = RecordWords(record)
    text = record.text
    seg = 0
    previous = None
    for turn in record.turns:
        # Transcript turns are hard edges; caption cues flow on unless the voice changes.
        hard = record.kind != "captions" or previous is None or turn.speaker != previous.speaker
        previous = turn
        if hard:
            seg += 1
        first = True
        for a, b in _pieces_outside(text, turn.start, turn.end):
            for m in _WORD.finditer(text, a, b):
                prev = ix.words[-1] if ix.words else ""
                gap = _MARKER.sub(" ", text[ix.ends[-1] : m.start()]) if ix.ends else ""
                ends = (first and hard) or (
                    bool(_SENTENCE_END.search(gap)) and not (len(prev) == 1 or prev in _ABBREV)
                )
                if ends and ix.sent_end:
                    ix.sent_end[-1] = True
                ix.words.append(norm(m.group(0)))
                ix.starts.append(m.start())
                ix.ends.append(m.end())
                ix.turn.append(turn.index)
                ix.seg.append(seg)
                ix.sent_start.append(ends or bool(_OPENS_QUOTE.search(gap)))
                ix.sent_end.append(False)
                first = False
            seg += 1  # a marker (or the turn's end) cuts the reference text here
        if not first and record.kind != "captions":
            ix.sent_end[-1] = True
    if ix.sent_end:
        ix.sent_end[-1] = True
    ix.punctuated = any(_SENTENCE_END.search(t.text) for t in record.turns)
    ix.enc = encode(ix.words, vocab)
    return ix


def _pieces_outside(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges of text[start:end] that are not transcriber's markers."""
    out, pos = [], start
    for m in _MARKER.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def encode(words: Sequence[str], vocab: dict[str, str]) -> str:
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
class Piece:
    """A stretch of a quote between ellipses: its words, None for each bracketed insertion."""

    text: str
    items: tuple[str | None, ...]
    brackets: tuple[tuple[int, int], ...]  # spans of bracketed text within `text`

    @property
    def words(self) -> list[str]:
        """The piece's words, brackets left out."""
        return [w for w in self.items if w is not None]


def parse_quote(text: str) -> tuple[list[Piece], bool]:
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
            pieces.append(Piece(part, tuple(items), tuple(brackets)))
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
class Fit:
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
        """Matched word weight over the larger side, 0..100."""
        total = max(self.quote_weight, self.record_weight)
        return 100.0 * self.matched / total if total else 0.0


def _align(items: Sequence[str | None], words: Sequence[str], lo: int, hi: int) -> Fit:
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
    return Fit(lo + j, lo + end, matched, quote_weight, record_weight, tuple(reversed(wild)), clean)


def _fit(piece: Piece, ix: RecordWords, vocab: dict[str, str], lo: int, hi: int, mask: str | None) -> Fit | None:
    """Best fit of one piece within record words [lo, hi), found by rapidfuzz then aligned."""
    hay = (mask if mask is not None else ix.enc)[lo:hi]
    words = piece.words
    needle = "".join(vocab.get(w, "\x01") for w in words)
    if not hay or not needle:
        return None
    pos = hay.find(needle) if None not in piece.items else -1
    if pos >= 0:
        w = sum(_weight(x) for x in words)
        return Fit(lo + pos, lo + pos + len(needle), w, w, w, (), True)
    al = fuzz.partial_ratio_alignment(needle, hay)
    if al is None:
        return None
    a, b = (al.dest_start, al.dest_end) if len(needle) <= len(hay) else (al.src_start, al.src_end)
    pad = max(3, len(words) // 3) + sum(MAX_WILD for i in piece.items if i is None)
    a, b = max(lo, lo + a - pad), min(hi, lo + b + pad)
    return _align(piece.items, _masked_words(ix, mask), a, b)


def _masked_words(ix: RecordWords, mask: str | None) -> list[str]:
    if mask is None:
        return ix.words
    return [w if m != "\x00" else "\x00" for w, m in zip(ix.words, mask, strict=True)]


@attrs.frozen
class Match:
    """A whole quote located in one record: a fit per ellipsis piece."""

    ix: RecordWords
    fits: tuple[Fit, ...]
    ellipsis: bool

    @property
    def score(self) -> float:
        """Matched weight over the larger side, 0..100: mostly found, and found compactly."""
        total = max(sum(f.quote_weight for f in self.fits), sum(f.record_weight for f in self.fits))
        return 100.0 * sum(f.matched for f in self.fits) / total if total else 0.0

    @property
    def start(self) -> int:
        """First record word of the match."""
        return self.fits[0].start

    @property
    def end(self) -> int:
        """One past the last record word of the match."""
        return self.fits[-1].end

    @property
    def clean(self) -> bool:
        """Every quote word matched in order, nothing inserted or left out."""
        return all(f.clean for f in self.fits)

    @property
    def altered(self) -> bool:
        """The quote has an ellipsis or a bracket."""
        return self.ellipsis or any(f.wild for f in self.fits)


def find_in(pieces: list[Piece], ellipsis: bool, ix: RecordWords, vocab: dict[str, str], mask: str | None) -> Match | None:
    """Fit the longest piece anywhere, then the others in order on either side of it, close by."""
    anchor = max(range(len(pieces)), key=lambda k: len(pieces[k].words))
    first = _fit(pieces[anchor], ix, vocab, 0, len(ix.words), mask)
    if first is None:
        return None
    lo, hi = _same_voice(ix, first.start)
    fits: dict[int, Fit] = {anchor: first}
    edge = first.start
    for k in range(anchor - 1, -1, -1):
        reach = MAX_GAP + 2 * len(pieces[k].words)
        f = _fit(pieces[k], ix, vocab, max(lo, edge - reach), edge, mask)
        if f is None:
            return None
        fits[k], edge = f, f.start
    edge = first.end
    for k in range(anchor + 1, len(pieces)):
        reach = MAX_GAP + 2 * len(pieces[k].words)
        f = _fit(pieces[k], ix, vocab, edge, min(hi, edge + reach), mask)
        if f is None:
            return None
        fits[k], edge = f, f.end
    return Match(ix, tuple(fits[k] for k in range(len(pieces))), ellipsis)


def _same_voice(ix: RecordWords, at: int) -> tuple[int, int]:
    """The run of words around `at` said by the same speaker: an ellipsis cannot join two voices."""
    turns = ix.record.turns
    speaker = turns[ix.turn[at]].speaker
    lo = at
    while lo > 0 and turns[ix.turn[lo - 1]].speaker == speaker and at - lo <= MAX_GAP * 2:
        lo -= 1
    hi = at
    while hi < len(ix.words) and turns[ix.turn[hi]].speaker == speaker and hi - at <= MAX_GAP * 4:
        hi += 1
    return lo, hi


def widen(fit: Fit, piece: Piece, ix: RecordWords) -> Fit:
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


def window_text(ix: RecordWords, a: int, b: int) -> str:
    """Record words [a, b) as text, markers and turn labels cut out, punctuation after words kept."""
    if a >= b:
        return ""
    parts, k = [], a
    while k < b:
        j = k
        while j + 1 < b and ix.seg[j + 1] == ix.seg[k]:
            j += 1
        tail = TAIL.match(ix.record.text, ix.ends[j])
        parts.append(ix.record.text[ix.starts[k] : tail.end() if tail else ix.ends[j]])
        k = j + 1
    return " ".join(parts)


TAIL = re.compile(r"[.!?…,;:'\"’”)\]]*")


def sentences(ix: RecordWords, a: int, b: int) -> tuple[int, int]:
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
