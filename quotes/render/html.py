"""`quotes check --format html`: the editor's report, one self-contained HTML page.

In: a `Run` (the same one the JSON renderer reads, through `group_json` and `finding_json`, so
the page and the JSON agree). Out: one HTML document with inline CSS and a small inline script,
no network (a Content-Security-Policy forbids it), built by a Jinja2 template with autoescape on.
Every piece of input text passes through `clean` (control characters made visible) and the
template's escaping, so a `<script>` in a quote or a file name is shown, never run. This module
lays out results; it refuses to know how they were computed. Source texts are dropped by the
pipeline to bound memory, so they are read again here, and shown only if every quote still
matches its offsets.
"""

from __future__ import annotations

import functools
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import jinja2

from quotes import __version__
from quotes.model import SEVERITIES, Document, Finding, Group, Member, Quote, Source
from quotes.render import finding_json, group_json
from quotes.rules import rule_table

if TYPE_CHECKING:
    from quotes.pipeline import Run

# A longer diff cell is cut here, with the whole text behind a <details>: a 1 MB one-line quote
# must not make the page slow to lay out.
CELL_LIMIT = 1500
# A longer source text starts collapsed (a closed <details> is not laid out).
OPEN_LIMIT = 100_000
# Above this many characters in all, the source texts are left out (quotes are listed instead).
TEXT_BUDGET = 50_000_000

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# Ellipses and [bracketed insertions] are editorial alterations, marked wherever they appear.
_ALTERATION = re.compile(r"\[[^\[\]\n]{0,200}\]|\.\s?\.\s?\.|…")
# C0 controls (but tab, newline, carriage return) become their visible Control Pictures; C1
# controls, DEL, lone surrogates and noncharacters become U+FFFD: none may reach the page raw.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_CONTROLS.update({0x7F: 0x2421, **dict.fromkeys(range(0x80, 0xA0), 0xFFFD), 0xFFFE: 0xFFFD, 0xFFFF: 0xFFFD})
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """Input text safe to show: control characters visible, lone surrogates replaced."""
    return _SURROGATE.sub("\ufffd", text.translate(_CONTROLS))


@attrs.frozen
class Seg:
    """A run of text in a diff cell: `tag` is span/del/ins, `cls` its classes ("" for plain text)."""

    text: str
    tag: str = "span"
    cls: str = ""
    title: str = ""


@attrs.frozen
class Cell:
    """One side of a variant: its segments, cut at CELL_LIMIT, and the whole text if cut."""

    segs: tuple[Seg, ...]
    full: str | None = None


@attrs.frozen
class Row:
    """A member of a group as shown: where, who, how it relates, both sides of its diff."""

    member: dict[str, Any]
    anchor: str
    where: str
    speaker: str
    outlet: str
    at: str
    reference: Cell
    variant: Cell
    notes: tuple[str, ...]
    findings: tuple[int, ...]


def _alterations(text: str, tag: str, cls: str, title: str = "") -> list[Seg]:
    """Cut `text` into segments with ellipses and brackets marked."""
    segs: list[Seg] = []
    at = 0
    for m in _ALTERATION.finditer(text):
        if m.start() > at:
            segs.append(Seg(text[at : m.start()], tag, cls, title))
        kind = "bracket" if m.group().startswith("[") else "ellipsis"
        segs.append(Seg(m.group(), tag, f"{cls} {kind}".strip(), title or kind))
        at = m.end()
    if at < len(text):
        segs.append(Seg(text[at:], tag, cls, title))
    return segs


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def _change_class(a: str, b: str, drift: str) -> str:
    """The class of one changed stretch: only case or punctuation differs → cosmetic, else the member's drift."""
    # A per-stretch call needs no second diff: words equal once case and punctuation are gone are cosmetic.
    if [_key(w) for w in a.split() if _key(w)] == [_key(w) for w in b.split() if _key(w)]:
        return "cosmetic"
    return drift if drift in ("wording", "meaning") else "cosmetic"


def _equal_segs(text: str, other: str) -> list[Seg]:
    """An equal stretch; words that differ from the other side only in case or punctuation marked cosmetic."""
    if text == other:
        return _alterations(text, "span", "")
    mine, theirs = text.split(), other.split()
    if len(mine) != len(theirs):
        return _alterations(text, "span", "chg cosmetic", "cosmetic change")
    segs: list[Seg] = []
    for i, (w, o) in enumerate(zip(mine, theirs, strict=True)):
        sep = " " if i else ""
        if w == o:
            segs.extend(_alterations(sep + w, "span", ""))
        else:
            segs.extend([Seg(sep)] if sep else [])
            segs.extend(_alterations(w, "span", "chg cosmetic", "cosmetic change"))
    return segs


def _cell(parts: Iterable[list[Seg]], limit: int = CELL_LIMIT) -> Cell:
    """Join op segments with spaces, cutting the shown text at `limit` characters."""
    segs: list[Seg] = []
    for i, part in enumerate(p for p in parts if p):
        if i:
            segs.append(Seg(" "))
        segs.extend(part)
    total = sum(len(s.text) for s in segs)
    if total <= limit:
        return Cell(tuple(segs))
    shown: list[Seg] = []
    room = limit
    for s in segs:
        if room <= 0:
            break
        shown.append(attrs.evolve(s, text=s.text[:room]))
        room -= len(s.text)
    return Cell((*shown, Seg("…", "span", "cut", "cut for display")), "".join(s.text for s in segs))


def diff_cells(member: Member, reference: bool) -> tuple[Cell, Cell]:
    """The reference side and the variant side of a member's diff, changed words classed."""
    if reference:
        words = " ".join(op.b for op in member.drift.ops)
        cell = _cell([_alterations(words, "span", "")])
        return cell, cell
    left: list[list[Seg]] = []
    right: list[list[Seg]] = []
    for op in member.drift.ops:
        if op.op == "equal":
            left.append(_equal_segs(op.a, op.b))
            right.append(_equal_segs(op.b, op.a))
            continue
        klass = _change_class(op.a, op.b, member.drift.klass)
        cls = f"chg {klass}"
        if op.a:
            left.append(_alterations(op.a, "del", cls, f"{klass}: {op.op}d" if op.op != "replace" else f"{klass}: replaced"))
        if op.b:
            right.append(_alterations(op.b, "ins", cls, f"{klass}: {op.op}ed" if op.op != "replace" else f"{klass}: replaced"))
    return _cell(left), _cell(right)


def _speaker(q: Quote | None) -> str:
    if q is None:
        return "?"
    a = q.attribution
    if a.speaker:
        return a.speaker
    return "anonymous" if a.anonymous else "no speaker"


@attrs.frozen
class Event:
    """One step of a source text as shown: text, or the opening or closing of a quote mark-up."""

    kind: str  # "text" | "open" | "close"
    text: str = ""
    quote: Quote | None = None
    anchor: str = ""
    label: str = ""


def _label(q: Quote) -> str:
    who = _speaker(q) if q.speech else ""
    return f"{q.category}: {who}" if who else q.category


def source_events(text: str, quotes: Sequence[Quote], anchors: Mapping[str, str]) -> list[Event]:
    """The text cut into events so that each quote is wrapped once; crossing spans stay plain."""
    events: list[Event] = []
    stack: list[Quote] = []
    at = 0
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        while stack and stack[-1].end <= q.start:
            top = stack.pop()
            events.append(Event("text", text[at : top.end]))
            events.append(Event("close"))
            at = top.end
        if stack and q.end > stack[-1].end:
            continue  # crosses its container: left unwrapped rather than mis-nested
        events.append(Event("text", text[at : q.start]))
        events.append(Event("open", quote=q, anchor=anchors.get(q.id, ""), label=_label(q)))
        stack.append(q)
        at = q.start
    while stack:
        top = stack.pop()
        events.append(Event("text", text[at : top.end]))
        events.append(Event("close"))
        at = top.end
    events.append(Event("text", text[at:]))
    return [e for e in events if e.kind != "text" or e.text]


def _reread(source: Source, quotes: Sequence[Quote], cache: dict[str, list[Source]]) -> str | None:
    """The source's text read again, or None when it cannot be read or no longer matches its quotes."""
    from quotes.sources import read_file

    if source.error is not None or not os.path.isfile(source.path):
        return None
    if source.path not in cache:
        cache[source.path] = read_file(source.path)
    found = next((s for s in cache[source.path] if s.path == source.path and s.error is None), None)
    if found is None or len(found.text) != source.chars:
        return None
    if any(found.text[q.start : q.end] != q.text for q in quotes):
        return None  # the file changed since the run: offsets would mark the wrong words
    return found.text


def _record_times(run: Run) -> dict[str, str]:
    """Record quote id → the turn or caption time, from the verifications that point into it."""
    times: dict[str, str] = {}
    for g in run.groups:
        ref = run.record_quotes.get(g.reference)
        if ref is None:
            continue
        for m in g.members:
            v = run.verifications.get(m.quote)
            if v is not None and v.record == ref.source and v.at:
                times.setdefault(ref.id, v.at)
                break
    return times


def _finding_groups(findings: Sequence[Finding], groups: Sequence[Group]) -> list[list[str]]:
    """For each finding, the groups holding its quote (else its related quotes)."""
    holding: dict[str, list[str]] = {}
    for g in groups:
        for m in g.members:
            holding.setdefault(m.quote, []).append(g.id)
    out = []
    for f in findings:
        ids = list(holding.get(f.quote or "", []))
        if not ids:
            ids = [gid for r in f.related for gid in holding.get(r, [])]
        out.append(list(dict.fromkeys(ids)))
    return out


def report_view(run: Run) -> dict[str, Any]:
    """Everything the template shows, computed from the run (the JSON shapes where they exist)."""
    docs: Sequence[Document] = run.docs
    quotes: dict[str, Quote] = {q.id: q for d in docs for q in d.quotes}
    quotes.update(run.record_quotes)
    outlets = {s.path: s.outlet or "" for s in run.sources}
    anchors: dict[str, str] = {}
    for i, d in enumerate(docs, 1):
        for j, q in enumerate(d.quotes, 1):
            anchors[q.id] = f"q{i}-{j}"
    findings = list(run.findings)
    by_quote: dict[str, list[int]] = {}
    for n, f in enumerate(findings, 1):
        if f.quote:
            by_quote.setdefault(f.quote, []).append(n)
    times = _record_times(run)
    records = set(run.records)

    groups = []
    for g in run.groups:
        gj = group_json(g)
        rows = []
        for m, mj in zip(g.members, gj["members"], strict=True):
            mq = quotes.get(m.quote)
            left, right = diff_cells(m, m.quote == g.reference)
            notes = [*m.drift.alterations]
            if m.drift.klass != "none":
                notes.extend(m.drift.reasons)
            v = run.verifications.get(m.quote)
            if v is not None:
                notes.append(f"record: {v.status}" + (f" at {v.at}" if v.at else ""))
            where = f"{mq.source}:{mq.line}" if mq else m.quote
            rows.append(Row(mj, anchors.get(m.quote, ""), where, _speaker(mq),
                            outlets.get(mq.source, "") if mq else "", times.get(m.quote, ""),
                            left, right, tuple(notes), tuple(by_quote.get(m.quote, ()))))
        ref = quotes.get(g.reference)
        worst = max((m.drift.klass for m in g.members), key=("none", "cosmetic", "wording", "meaning").index)
        groups.append({
            "json": gj, "rows": rows, "worst": worst,
            "record": bool(ref and ref.source in records), "reference_speaker": _speaker(ref),
            "at": times.get(g.reference, ""),
            "findings": sorted({n for m in g.members for n in by_quote.get(m.quote, ())}
                               | {n for n, f in enumerate(findings, 1) if any(m.quote in f.related for m in g.members)}),
        })

    in_groups = _finding_groups(findings, run.groups)
    finding_rows = [
        {"n": n, "json": finding_json(f), "groups": gids, "anchor": anchors.get(f.quote or "", ""),
         "rank": _SEVERITY_RANK.get(f.severity, 0)}
        for n, (f, gids) in enumerate(zip(findings, in_groups, strict=True), 1)
    ]

    cache: dict[str, list[Source]] = {}
    budget = TEXT_BUDGET
    sources = []
    for i, d in enumerate(docs, 1):
        text = _reread(d.source, d.quotes, cache) if budget >= d.source.chars else None
        budget -= d.source.chars if text is not None else 0
        counts = Counter(q.category for q in d.quotes)
        sources.append({
            "n": i, "source": d.source, "quotes": d.quotes, "anchors": anchors,
            "events": source_events(text, d.quotes, anchors) if text is not None else None,
            "open": d.source.chars <= OPEN_LIMIT, "counts": counts,
        })

    rules = {r.code: r for r in rule_table()}
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(f.severity for f in findings)
    return {
        "version": __version__,
        "sources": sources,
        "unreadable": [s for s in run.sources if s.error is not None],
        "n_sources": len(run.sources),
        "speech": sum(1 for d in docs for q in d.quotes if q.speech),
        "n_quotes": sum(len(d.quotes) for d in docs),
        "records": list(run.records),
        "groups": groups,
        "findings": finding_rows,
        "by_severity": [(s, by_severity[s]) for s in reversed(SEVERITIES)],
        "by_code": [(c, by_code[c], rules[c].severity if c in rules else "", rules[c].name if c in rules else "")
                    for c in sorted(by_code)],
        "codes": sorted(by_code),
        "severities": [s for s in reversed(SEVERITIES) if by_severity[s]],
    }


def _finalize(value: Any) -> Any:
    """Every `{{ … }}` value: None shows as nothing, and plain strings are cleaned (escaping follows)."""
    if value is None:
        return ""
    return clean(value) if type(value) is str else value


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: the package's templates, autoescape on, strict about undefined names."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("quotes.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(run: Run, nonce: str | None = None) -> str:
    """The report as one HTML document; `nonce` allows its inline script (random by default)."""
    view = report_view(run)
    return environment().get_template("report.html.j2").render(nonce=nonce or secrets.token_urlsafe(18), **view)


class CheckHtml:
    """`check --format html`: the editor's report, one self-contained page."""

    def render(self, run: Run) -> str:
        """One HTML document."""
        return render_html(run)
