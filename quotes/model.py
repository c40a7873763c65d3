"""Frozen records that travel through the pipeline.

In: nothing; every other module builds and reads these. Out: `Span`, `Source`,
`MarkProblem`, `Attribution`, `Quote`, `Document`, `DiffOp`, `Drift`, `Member`,
`Group`, `Verification`, `Finding`. This module refuses to know how any of them
is computed: it holds data, the offset invariant, and line/column derivation.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import attrs

SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("speech", "title", "term", "ui")
RELATIONS = ("reference", "exact", "partial", "fuzzy", "overlap")
# Why a group's reference was chosen: the primary record, the reading most members agree on, or
# (no consensus: two members, or a tie) the fullest quote.
BASES = ("record", "consensus", "fullest")
DRIFTS = ("none", "cosmetic", "wording", "meaning")


@attrs.frozen
class Span:
    """A piece of a source's decoded text: `text == source.text[start:end]`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut a span out of `text`, so the invariant holds by construction."""
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        """The `{start, end, text}` shape of the JSON contract."""
        return {"start": self.start, "end": self.end, "text": self.text}


@attrs.frozen(slots=False)
class Source:
    """One input document, decoded. Offsets everywhere refer to `text`.

    For formats that are converted before reading (HTML, JSONL records), `text`
    is the converted text and `origin` says where it came from; `path` is still
    the file as it was found from the argument, so findings point back to it.
    """

    path: str
    text: str = ""
    encoding: str | None = None
    format: str = "text"
    error: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    origin: str | None = None
    # Character ranges where quotation marks are not speech (code blocks, inline code).
    masked: tuple[tuple[int, int], ...] = ()
    # Length of the text once it has been dropped by `without_text` (None while the text is here).
    size: int | None = None

    @property
    def chars(self) -> int:
        """Length of the decoded text in code points."""
        return len(self.text) if self.size is None else self.size

    def without_text(self) -> Source:
        """A copy that keeps the length and the line index but not the text, to bound memory."""
        if self.size is not None:
            return self
        light = attrs.evolve(self, text="", size=len(self.text))
        light.__dict__["_line_starts"] = array("q", self._line_starts)  # what cached_property would hold
        return light

    @cached_property
    def _line_starts(self) -> Sequence[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


@attrs.frozen
class MarkProblem:
    """An unbalanced or mismatched quotation mark, found while pairing."""

    kind: str  # "unclosed" | "unopened" | "mismatched"
    offset: int
    mark: str
    message: str


@attrs.frozen
class Attribution:
    """Who said a quote, and how we know. Empty (all None) until attribution runs."""

    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    anonymous: bool = False
    confidence: float | None = None
    method: str | None = None
    role: str | None = None
    speaker_id: str | None = None


@attrs.frozen
class Quote:
    """A span inside a pair of quotation marks; `start`/`end` exclude the marks."""

    id: str
    source: str
    start: int
    end: int
    text: str
    line: int
    column: int
    open_mark: str
    close_mark: str | None
    speech: bool
    category: str
    reason: str
    parent: str | None = None
    depth: int = 0
    attribution: Attribution = Attribution()

    @property
    def speaker(self) -> str | None:
        """The attributed speaker's canonical name, if any."""
        return self.attribution.speaker


@attrs.frozen
class Document:
    """One source with everything found in it so far."""

    source: Source
    quotes: tuple[Quote, ...] = ()
    problems: tuple[MarkProblem, ...] = ()
    # Inline suppressions: (start, end, code prefixes) ranges; no prefixes means every code.
    suppressions: tuple[tuple[int, int, tuple[str, ...]], ...] = ()


@attrs.frozen
class DiffOp:
    """One word-level edit between a reference and a variant."""

    op: str  # "equal" | "replace" | "insert" | "delete"
    a: str
    b: str

    def to_json(self) -> dict[str, str]:
        """The `{op, a, b}` shape of the JSON contract."""
        return {"op": self.op, "a": self.a, "b": self.b}


@attrs.frozen
class Drift:
    """A variant compared with its reference: the diff and how bad it is."""

    klass: str  # one of DRIFTS
    ops: tuple[DiffOp, ...] = ()
    alterations: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


@attrs.frozen
class Member:
    """A quote's place in a variant group."""

    quote: str
    relation: str  # one of RELATIONS
    drift: Drift = Drift("none")
    score: float = 100.0


@attrs.frozen
class Group:
    """Quotes from several sources that report the same words."""

    id: str
    reference: str
    members: tuple[Member, ...]
    basis: str = "fullest"  # one of BASES


@attrs.frozen
class Verification:
    """A quote checked against the primary record."""

    status: str  # exact|partial|altered|drift|meaning|not_found|misattributed
    record: str
    speaker: str | None = None
    at: str | None = None
    diff: tuple[DiffOp, ...] = ()
    score: float = 0.0


@attrs.frozen
class Finding:
    """One lint result: a rule code at a place, with related quotes."""

    code: str
    severity: str
    message: str
    source: str
    line: int
    column: int
    quote: str | None = None
    related: tuple[str, ...] = ()
    offset: int = 0

    def sort_key(self) -> tuple[str, int, int, str, str, tuple[str, ...]]:
        """Deterministic order: file, position, code, message, related quotes.

        The related quotes break ties: the same message about one quote from two groups would
        otherwise come out in set order, which changes with the process's string hashing.
        """
        return (self.source, self.line, self.column, self.code, self.message, self.related)


def _pickled_by_fields(cls: type) -> None:
    """Pickle the records of `cls` as (class, field values), rebuilt by the constructor.

    Documents cross process boundaries and the spill file two times a run; attrs' own state
    dicts for slotted classes took a fifth of the main process's time on a large archive.
    """
    fields = operator.attrgetter(*(a.name for a in attrs.fields(cls)))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, fields(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]


for _cls in (Span, MarkProblem, Attribution, Quote, Document):
    _pickled_by_fields(_cls)
