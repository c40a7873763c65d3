"""Lint rules: each is a stable code, a severity, one message template and a small check function.

In: a `Context` (documents with attributed quotes, variant groups, verifications). Out: sorted
`Finding`s, after selection by code prefix, per-file ignores and inline suppressions. A rule's
docstring carries `Okay:` and `Qnnn:` example lines; the test suite harvests and runs them, and
`quotes rule CODE` prints them. An opt-in rule (as ruff's preview rules) runs only when a select
entry names its full code: a prefix such as `Q` or `Q4` leaves it off.
This package knows nothing about how quotes were found, attributed or aligned.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property

import attrs

from quotes.model import Document, Finding, Group, Quote, Source, Verification

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@attrs.frozen(slots=False)
class Context:
    """Everything a rule may look at, built once per run."""

    docs: Sequence[Document]
    groups: tuple[Group, ...] = ()
    verifications: Mapping[str, Verification] = attrs.field(factory=dict)
    records: tuple[str, ...] = ()

    # Cached: rules look quotes up once per finding, and rebuilding the map each time was quadratic.
    @cached_property
    def quotes(self) -> dict[str, Quote]:
        """Every quote by id."""
        return {q.id: q for d in self.docs for q in d.quotes}

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Every source by path."""
        return {d.source.path: d.source for d in self.docs}

    @property
    def multi_source(self) -> bool:
        """True when two or more readable sources are checked together."""
        return sum(1 for d in self.docs if d.source.error is None) >= 2


@attrs.frozen
class Hit:
    """What a check function yields: where, the template fields, and related quotes."""

    source: str
    offset: int
    fields: Mapping[str, object] = attrs.field(factory=dict)
    quote: str | None = None
    related: tuple[str, ...] = ()

    @classmethod
    def at_quote(cls, q: Quote, related: Iterable[str] = (), **fields: object) -> Hit:
        """A hit located at a quote, with the quote's excerpt available as `{excerpt}`."""
        return cls(q.source, q.start, {"excerpt": excerpt(q.text), **fields}, q.id, tuple(related))


@attrs.frozen
class Rule:
    """One lint rule. `check(ctx)` yields hits; `message` is formatted with each hit's fields."""

    code: str
    name: str
    severity: str
    message: str
    check: Callable[[Context], Iterator[Hit]]
    doc: str
    opt_in: bool = False
    # "document": the check reads one document at a time and nothing else (no groups, no other
    # documents), so it can run while the documents stream past; "run": it needs the whole run.
    scope: str = "run"

    @property
    def summary(self) -> str:
        """The first line of the docstring: what the rule reports."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def explanation(self) -> str:
        """The docstring without its example lines, dedented: the prose that explains the rule."""
        lines = [ln for ln in inspect.cleandoc(self.doc).splitlines() if not _EXAMPLE.match(ln)]
        return "\n".join(lines).strip()

    def examples(self) -> list[tuple[str, str]]:
        """(label, text) pairs from the docstring: label is 'Okay' or this rule's code."""
        out = []
        for line in self.doc.splitlines():
            match = _EXAMPLE.match(line)
            if match:
                out.append((match.group(1), match.group(2)))
        return out


_EXAMPLE = re.compile(r"\s*(Okay|Q\d{3}):\s?(.*)$")

RULES: list[Rule] = []


def rule(
    code: str, name: str, severity: str, message: str, opt_in: bool = False, scope: str = "run"
) -> Callable[[Callable[[Context], Iterator[Hit]]], Callable[[Context], Iterator[Hit]]]:
    """Register a check function as a rule (`opt_in`: off unless selected by its full code).

    `scope="document"` says the check reads only `ctx.docs`, one document at a time.
    """

    def register(func: Callable[[Context], Iterator[Hit]]) -> Callable[[Context], Iterator[Hit]]:
        RULES.append(Rule(code, name, severity, message, func, func.__doc__ or "", opt_in, scope))
        return func

    return register


def excerpt(text: str, width: int = 60) -> str:
    """A one-line, shortened form of a quote for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def selected(code: str, select: Sequence[str], ignore: Sequence[str], opt_in: bool = False) -> bool:
    """Whether a code passes `--select` / `--ignore` prefixes (the longer matching prefix wins).

    An empty `select` means every rule but the opt-in ones; an `opt_in` rule counts as selected
    only when `select` names its full code, so a broad prefix never switches on a noisy rule.
    """
    if opt_in:
        best_select = len(code) if code in select else -1
    else:
        best_select = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= 0 and best_select >= best_ignore


# `<!-- quotes: ignore Q201 Q1 -->` (next quote), `<!-- quotes: off -->` … `<!-- quotes: on -->`.
_DIRECTIVE = re.compile(r"<!--\s*quotes:\s*(ignore|off|on)\b([^>]*?)-->", re.IGNORECASE)


def suppressions(source: Source, quotes: Sequence[Quote]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, code prefixes) ranges where findings are silenced; empty prefixes mean all codes."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    off_at: int | None = None
    starts = sorted(q.start for q in quotes if q.parent is None)
    for match in _DIRECTIVE.finditer(source.text):
        verb = match.group(1).lower()
        codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]\d*", match.group(2)))
        if verb == "off" and off_at is None:
            off_at = match.end()
        elif verb == "on" and off_at is not None:
            out.append((off_at, match.start(), ()))
            off_at = None
        elif verb == "ignore":
            following = [s for s in starts if s >= match.end()]
            if following:
                nxt = following[0]
                end = next((q.end for q in quotes if q.start == nxt and q.parent is None), nxt)
                out.append((nxt, end, codes))
    if off_at is not None:
        out.append((off_at, len(source.text), ()))
    return out


def _suppressed(finding: Finding, ranges: Sequence[tuple[int, int, tuple[str, ...]]]) -> bool:
    return any(
        start <= finding.offset <= end and (not codes or any(finding.code.startswith(c) for c in codes))
        for start, end, codes in ranges
    )


def run_rules(
    ctx: Context,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    per_file_ignores: Callable[[str], Sequence[str]] = lambda _path: (),
) -> list[Finding]:
    """Run every selected rule and return the findings that survive ignores and suppressions."""
    linter = Linter(ctx.sources, select, ignore, per_file_ignores)
    for d in ctx.docs:
        linter.note(d)
    linter.run(ctx, scope=None)
    return linter.findings()


class Linter:
    """Runs the rules in steps: document rules one document at a time, then the run's rules.

    A run too large to hold calls `document` for each document as it streams past and `run`
    once with the groups; `findings` then gives what `run_rules` gives over the whole run.
    Positions come from `sources` (by path), suppressions from the documents seen (the last
    document of a path wins, as in a map built over all of them).
    """

    def __init__(self, sources: Mapping[str, Source], select: Sequence[str] = (), ignore: Sequence[str] = (),
                 per_file_ignores: Callable[[str], Sequence[str]] = lambda _path: ()) -> None:
        from quotes.rules import attribution, drift, marks, verification  # noqa: F401  (registers rules)

        self.sources = sources
        self.per_file_ignores = per_file_ignores
        self.rules = [r for r in RULES if selected(r.code, select, ignore, r.opt_in)]
        self.found: list[Finding] = []
        self.ranges: dict[str, Sequence[tuple[int, int, tuple[str, ...]]]] = {}

    def note(self, doc: Document) -> None:
        """Remember the document's suppressions (read from the text when it is still here)."""
        ranges = doc.suppressions if doc.source.size is not None else suppressions(doc.source, doc.quotes)
        if ranges:
            self.ranges[doc.source.path] = ranges
        else:
            self.ranges.pop(doc.source.path, None)  # an empty later document of the path wins too

    def document(self, doc: Document) -> None:
        """Run the document rules on one document."""
        self.note(doc)
        self.run(Context((doc,)), scope="document")

    def run(self, ctx: Context, scope: str | None = "run") -> None:
        """Run the selected rules of this scope (None: every rule) on the context."""
        sources = self.sources
        for r in self.rules:
            if scope is not None and r.scope != scope:
                continue
            ignored = r.code.startswith
            for hit in r.check(ctx):
                if any(ignored(p) for p in self.per_file_ignores(hit.source)):
                    continue
                src = sources.get(hit.source)
                line, column = src.position(hit.offset) if src is not None else (1, 1)
                self.found.append(Finding(
                    code=r.code,
                    severity=r.severity,
                    message=r.message.format(**hit.fields),
                    source=hit.source,
                    line=line,
                    column=column,
                    quote=hit.quote,
                    related=hit.related,
                    offset=hit.offset,
                ))

    def findings(self) -> list[Finding]:
        """Every finding so far that no suppression silences, deduplicated, in order."""
        ranges = self.ranges
        kept = {f for f in self.found if not _suppressed(f, ranges.get(f.source, ()))}
        return sorted(kept, key=Finding.sort_key)


def rule_table() -> list[Rule]:
    """All registered rules, in code order."""
    from quotes.rules import attribution, drift, marks, verification  # noqa: F401

    return sorted(RULES, key=lambda r: r.code)


def rule_by_code(code: str) -> Rule | None:
    """The rule with this code (any case), or None."""
    return next((r for r in rule_table() if r.code == code.strip().upper()), None)
