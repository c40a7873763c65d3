"""Quotation-mark tables and the one pairing function that turns marks into pairs.

In: a decoded text and the ranges where marks do not count (code). Out: `Pair` records (open and
close offsets, marks, nesting) sorted by start, and `MarkProblem`s for marks that do not pair.
Each mark is classified from its two neighbours only (open, close, apostrophe, or "depends on
what is open"), then one linear pass with a stack pairs them; blank lines resynchronise.
This module refuses to know what a quote means: speech, titles and speakers are decided later.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs

from quotes.model import MarkProblem

# Mark families: marks of one family close each other's quotes (“…”, "…", „…“ are one family).
FAMILY: dict[str, str] = {
    "“": "double",
    "”": "double",
    '"': "double",
    "„": "double",
    "‘": "single",
    "’": "single",
    "'": "single",
    "''": "double",  # two apostrophes as one double mark: the New York Times' ''…''
    "‚": "single",
    "«": "guillemet",
    "»": "guillemet",
    "‹": "angle",
    "›": "angle",
}

# Which marks may close a quote opened by each mark; „…“ (German) and »…« (Danish) included.
CLOSERS: dict[str, str] = {
    "“": '”"“',
    '"': '"”“',
    "„": '“”"',
    "”": "”",
    "‘": "’'‘",
    "'": "'’",
    "''": "''",
    "‚": "‘’'",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
}

# Deeper nesting than this is not prose; further openings are reported, not nested (each nested
# quote copies its text, so unbounded depth would cost quadratic memory).
MAX_DEPTH = 32

# Role codes from local context. OPEN/CLOSE are sure; the others are settled against the stack.
OPEN, CLOSE, EITHER, APOS_OR_CLOSE, SKIP = 1, 2, 3, 4, 0

# One regex finds every candidate: paragraph breaks, and marks not flanked by letters on both
# sides (a ’ between two letters is always an apostrophe: don’t, Russia’s, o’clock, Ma’am).
# Group 1, a hard break: a blank line, or a newline ending a line too long to be hard-wrapped
# (scrapes and HTML extracts put each paragraph on one line). Group 2, a soft break: a newline
# after sentence-final punctuation, which only carries a multi-paragraph quote (short lines).
# Two apostrophes not followed by a third are one double mark (at ,''' a single closes first).
# The pattern opens on one character class (a newline or any mark), each branch then checking
# which it was: the regex engine skips straight to the next candidate instead of trying every
# offset (three times faster on news).
_CANDIDATES = re.compile(
    r"[\n“”\"„«»‹›‚'’‘]"
    r"(?:(?<=\n)(?:([^\S\n]*\n\s*|(?<=[^\n]{100}\n)[^\S\n]*)|(?:(?<=[.!?…]\n)|(?<=[.!?…][”\"’'»]\n))([^\S\n]*))"
    r"|(?<=[“”\"„«»‹›‚])|(?<=')'(?!')|(?<=[’'‘])(?:(?<![^\W_].)|(?![^\W_])))"
)
HARD, SOFT = -1, -2

# Characters after which a mark opens a quote: space, start, brackets, dashes, slash, markup.
_OPEN_BEFORE = frozenset(" \t\n\r\f\v\u00a0\u2002\u2003\u2009\u202f([{<—–-/*_‘“'\"«‹„‚>")
# Characters before which a mark closes a quote: space, end, punctuation, brackets, markup.
_CLOSE_AFTER = frozenset(" \t\n\r\f\v\u00a0\u2002\u2003\u2009\u202f.,;:!?)]}>—–-/*_…’”'\"»›<")
# Elisions written with a leading apostrophe ('tis, 'em, rock 'n' roll) are not openings.
_ELISIONS = re.compile(r"(?:tis|twas|em|n|cause|til|bout|round|s)(?![^\W_])", re.IGNORECASE)
# '90s, '08: a leading apostrophe before two digits is a year, not an opening.
_YEAR = re.compile(r"\d\d(?:s|’s|'s)?(?![^\W_])")


@attrs.frozen
class Pair:
    """One quote's marks: `start`/`end` delimit the content inside them."""

    open: int
    close: int | None
    open_mark: str
    close_mark: str | None
    start: int
    end: int
    depth: int
    parent: int | None  # index of the enclosing pair in the returned list
    paragraphs: int = 1  # >1 for a quote carried across paragraphs by a reopening mark


def _role(text: str, i: int, mark: str, n: int) -> int:
    """Classify the mark at `i` from its neighbours alone."""
    prev = text[i - 1] if i else " "
    nxt = text[i + len(mark)] if i + len(mark) < n else " "
    after_space = prev in _OPEN_BEFORE
    before_space = nxt in _CLOSE_AFTER
    if mark in "”»›":
        # Swedish ”…” and reversed »…«: a mark after a space and before a word opens.
        return EITHER if after_space and not before_space else CLOSE
    if mark in "“«‹":
        # English “ opens, German „…“ closes with it: settled against the stack.
        return EITHER if before_space and not after_space else OPEN
    if mark == "„":
        return OPEN
    if mark == "‚":
        # A low single mark is a German opening only between a space and a word; else a comma lookalike.
        return OPEN if after_space and not before_space and not nxt.isspace() else SKIP
    if mark in ('"', "''"):
        if after_space and not before_space:
            return OPEN
        if before_space and not after_space:
            return CLOSE
        if after_space and before_space:
            # Between two spaces: a stray mark, or "…" "…" runs; let the stack decide.
            if prev.isspace() and nxt.isspace() and i >= 2 and text[i - 2] in "'’,.?!":
                # 'It is,' " X said: a spaced close right after a nested quote's close; "we won, ''
                # said X": a spaced close after the clause's comma (the stack decides).
                return EITHER
            return SKIP if prev.isspace() and nxt.isspace() else EITHER
        return EITHER
    # Single marks ‘ ’ ': the apostrophe problem.
    if prev.isspace() and nxt.isspace():
        return SKIP
    if after_space and not before_space:
        if mark == "’":
            # ’90s, ’tis, rock ’n’ roll: a right single mark before a word is an apostrophe.
            return SKIP
        if mark == "'" and (_YEAR.match(text, i + 1) or _ELISIONS.match(text, i + 1)):
            return SKIP
        return OPEN
    if before_space and not after_space:
        if mark == "‘":
            # ‘ typed for ’ at the end of a word: only closes a pending ‚ or ‘.
            return APOS_OR_CLOSE
        if prev in ".,;:!?…)]" or prev in '”"»›':
            return CLOSE
        return APOS_OR_CLOSE
    return SKIP


def _masked(masked: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    spans = sorted((s, e) for s, e in masked if e > s)
    return [s for s, _ in spans], [e for _, e in spans]


def pair_marks(
    text: str, masked: Sequence[tuple[int, int]] = ()
) -> tuple[list[Pair], list[MarkProblem]]:
    """Pair the quotation marks of `text`; marks inside `masked` ranges are ignored."""
    n = len(text)
    starts, ends = _masked(masked)
    # Pass 1: candidates with context roles. A break is (HARD or SOFT, offset after it, "").
    cands: list[tuple[int, int, str]] = []
    append = cands.append
    breaks: dict[int, int] = {}  # candidate index of a paragraph break -> offset where it starts
    for m in _CANDIDATES.finditer(text):
        i = m.start()
        if starts:
            k = bisect.bisect_right(starts, i) - 1
            if k >= 0 and i < ends[k]:
                continue
        group = m.lastindex
        if group:
            breaks[len(cands)] = i
            append((HARD if group == 1 else SOFT, m.end(), ""))
            continue
        mark = m.group()
        role = _role(text, i, mark, n)
        if role:
            append((role, i, mark))
    return _pair(text, cands, breaks)


def _later_close(cands: list[tuple[int, int, str]], j: int) -> bool:
    """Is the next single mark after candidate `j` in its paragraph a closing one?"""
    # For ambiguous s’ (the Joneses’ dog): a later closing mark makes this one the apostrophe.
    # Scans stop at the next single mark, so all scans together stay linear.
    for k in range(j + 1, len(cands)):
        role, _, mark = cands[k]
        if role == HARD:
            return False
        if role != SOFT and FAMILY[mark] == "single":
            return role in (CLOSE, APOS_OR_CLOSE)
    return False


def _pair(
    text: str, cands: list[tuple[int, int, str]], breaks: dict[int, int]
) -> tuple[list[Pair], list[MarkProblem]]:
    """The linear stack pass over classified candidates."""
    out: list[list] = []  # [open, close, open_mark, close_mark, depth, parent, paragraphs, end]
    problems: list[MarkProblem] = []
    stack: list[int] = []  # indices into `out`
    fam_count: dict[str, int] = {}
    overflow: dict[str, int] = {}  # openings ignored past MAX_DEPTH, per family
    skip_until = -1

    def push(i: int, mark: str) -> None:
        parent = stack[-1] if stack else None
        out.append([i, None, mark, None, len(stack), parent, 1, None])
        stack.append(len(out) - 1)
        fam = FAMILY[mark]
        fam_count[fam] = fam_count.get(fam, 0) + 1

    def pop(reason_end: int, kind: str) -> None:
        k = stack.pop()
        rec = out[k]
        fam_count[FAMILY[rec[2]]] -= 1
        if rec[1] is None and kind:
            end = reason_end
            while end > rec[0] + 1 and text[end - 1].isspace():
                end -= 1
            rec[7] = end
            problems.append(
                MarkProblem(
                    kind, rec[0], rec[2], f"opening {rec[2]} at offset {rec[0]} is never closed"
                )
            )

    def close(i: int, mark: str) -> list:
        rec = out[stack.pop()]
        fam_count[FAMILY[rec[2]]] -= 1
        rec[1] = rec[7] = i
        rec[3] = mark
        return rec

    for j, (role, i, mark) in enumerate(cands):
        if i < skip_until:
            continue
        if role < 0:
            if not stack:
                continue
            # Multi-paragraph quote: the next paragraph reopens with a mark of the outer family.
            bottom = out[stack[0]]
            nxt = cands[j + 1] if j + 1 < len(cands) else None
            if (
                nxt is not None
                and nxt[1] == i
                and nxt[0] in (OPEN, EITHER)
                and FAMILY[nxt[2]] == FAMILY[bottom[2]]
            ):
                para_end = breaks[j]
                while len(stack) > 1:
                    pop(para_end, "unclosed")
                bottom[6] += 1
                skip_until = i + 1
                continue
            if role == SOFT:
                continue  # a hard-wrapped line that happens to end a sentence
            while stack:
                pop(breaks[j], "unclosed")
            overflow.clear()
            continue
        fam = FAMILY[mark]
        top = out[stack[-1]] if stack else None
        closes_top = top is not None and mark in CLOSERS[top[2]]
        if role == EITHER:
            role = CLOSE if closes_top else OPEN
        elif role == OPEN and closes_top and mark == "“" and top is not None and top[2] == "„":
            role = CLOSE  # German „…“
        elif role == APOS_OR_CLOSE:
            if not closes_top:
                continue  # an apostrophe: nothing of its family is open right here
            prev = text[i - 1]
            nxt_ch = text[i + 1] if i + 1 < len(text) else " "
            if prev in "sSzZ" and nxt_ch in " \u00a0" and _later_close(cands, j):
                continue  # plural possessive (the Joneses’ dog) with a real close still to come
            if i >= 3 and text[i - 2] in "’'" and text[i - 3].isspace():
                continue  # rock ’n’ roll
            role = CLOSE
        if role == OPEN:
            if len(stack) >= MAX_DEPTH:
                overflow[fam] = overflow.get(fam, 0) + 1
                problems.append(
                    MarkProblem(
                        "unclosed",
                        i,
                        mark,
                        f"opening {mark} at offset {i} nests deeper than {MAX_DEPTH} quotes",
                    )
                )
            else:
                push(i, mark)
            continue
        if overflow.get(fam):
            overflow[fam] -= 1
            continue
        # CLOSE
        if closes_top:
            close(i, mark)
            continue
        if fam_count.get(fam, 0) > 0:
            # Closes a quote further down: everything above it was never closed.
            while stack and mark not in CLOSERS[out[stack[-1]][2]]:
                pop(i, "unclosed")
            if stack:
                close(i, mark)
            continue
        if mark in "'’" or (mark == '"' and i and text[i - 1].isdigit()):
            continue  # apostrophes and inch marks (5'10") close nothing, and that is fine
        if stack:
            # «…” : a quote closed with another family's mark. Pair it anyway, and say so.
            rec = close(i, mark)
            problems.append(
                MarkProblem(
                    "mismatched",
                    i,
                    mark,
                    f"{rec[2]} at offset {rec[0]} is closed by {mark} at offset {i}",
                )
            )
            continue
        problems.append(
            MarkProblem("unopened", i, mark, f"closing {mark} at offset {i} has no opening mark")
        )
    while stack:
        pop(len(text), "unclosed")
    order = sorted(range(len(out)), key=lambda k: out[k][0])
    index = {k: pos for pos, k in enumerate(order)}
    pairs = []
    for k in order:
        o, c, om, cm, depth, parent, paras, end = out[k]
        pairs.append(
            Pair(
                o,
                c,
                om,
                cm,
                o + len(om),
                max(end, o + len(om)),
                depth,
                None if parent is None else index[parent],
                paras,
            )
        )
    problems.sort(key=lambda p: p.offset)
    return pairs, problems
