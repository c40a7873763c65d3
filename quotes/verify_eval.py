"""Verification scored against gold relations, for `quotes eval`.

In: a gold.jsonl whose record lines (`kind` transcript, captions or statement) give each event's
primary record and whose article lines carry quotes with `variant_of: {transcript_turn, relation}`.
Out: a `VerifyReport` (recall and precision per status, the confusion, exact quotes reported as
drift, turn accuracy) and its text rendering. Quotes are built from the GOLD spans and speakers,
so verification is scored on its own, whatever extraction and attribution do. This module
refuses to know how quotes are located: it only calls `verify`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
from tabulate import tabulate

from quotes.errors import SourceError
from quotes.model import Attribution, Quote, Source
from quotes.records import KINDS, Record, read_record
from quotes.verify import STATUSES, locate

# Gold relations to the status verification should give them.
RELATION_STATUS = {
    "exact": "exact",
    "partial": "partial",
    "ellipsis": "altered",
    "bracket": "altered",
    "drift": "drift",
    "meaning_drift": "meaning",
    "misattributed": "misattributed",
    "fabricated": "not_found",
}
# A scored quote the verifier left out (it judged the record cannot speak for it).
UNCHECKED = "unchecked"


@attrs.frozen
class Miss:
    """One scored quote whose status was wrong."""

    path: str
    text: str
    relation: str
    expected: str
    got: str
    score: float


@attrs.frozen
class VerifyReport:
    """Verification against gold: confusion of (expected, got) status counts and the misses."""

    events: int
    confusion: dict[tuple[str, str], int]
    misses: tuple[Miss, ...]
    turns_right: int
    turns_total: int
    unscored: dict[str, int]

    def count(self, expected: str | None = None, got: str | None = None) -> int:
        """Quotes with this expected and/or reported status."""
        return sum(
            n for (e, g), n in self.confusion.items()
            if (expected is None or e == expected) and (got is None or g == got)
        )

    def recall(self, status: str) -> float | None:
        """Share of quotes expected to have `status` that got it (None: none expected)."""
        total = self.count(expected=status)
        return self.count(status, status) / total if total else None

    def precision(self, status: str) -> float | None:
        """Share of quotes reported with `status` that should have it (None: none reported)."""
        total = self.count(got=status)
        return self.count(status, status) / total if total else None

    @property
    def exact_as_drift(self) -> int:
        """Exact quotes reported as wording drift (the target is 0)."""
        return self.count("exact", "drift")


def _records(base: str, line: dict[str, Any]) -> Record:
    return read_record(os.path.join(base, line["path"]), speaker=line.get("speaker"))


def _quotes(base: str, line: dict[str, Any]) -> Iterator[tuple[Quote, dict[str, Any]]]:
    """Quotes built from the gold spans of one article, with their gold entries."""
    path = os.path.join(base, line["path"])
    try:
        with open(path, encoding="utf-8") as fh:
            source = Source(path, fh.read())
    except OSError as exc:
        raise SourceError(path, f"cannot read the gold article: {exc.strerror}") from exc
    for n, g in enumerate(sorted(line.get("quotes", ()), key=lambda g: g["start"]), 1):
        text = source.text[g["start"] : g["end"]]
        line_no, col = source.position(g["start"])
        speaker = g.get("speaker")
        anonymous = speaker == "anonymous"
        attribution = Attribution(speaker=None if anonymous else speaker, anonymous=anonymous)
        q = Quote(
            f"{path}#{n}", path, g["start"], g["end"], text, line_no, col, '"', '"', True,
            "speech", "gold", attribution=attribution,
        )
        yield q, g


def score_verification(gold_path: str) -> VerifyReport:
    """Verify the gold article quotes of every event against its record and score the statuses."""
    base = os.path.dirname(os.path.abspath(gold_path))
    with open(gold_path, encoding="utf-8") as fh:
        lines = [json.loads(s) for s in fh if s.strip()]
    records: dict[str, list[Record]] = {}
    articles: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        event = line.get("event") or os.path.dirname(line["path"])
        if line.get("kind") in KINDS:
            records.setdefault(event, []).append(_records(base, line))
        elif line.get("kind", "article") == "article":
            articles.setdefault(event, []).append(line)
    confusion: Counter[tuple[str, str]] = Counter()
    unscored: Counter[str] = Counter()
    misses: list[Miss] = []
    turns_right = turns_total = 0
    for event, recs in records.items():
        pairs = [pair for art in articles.get(event, ()) for pair in _quotes(base, art)]
        found = locate([q for q, _ in pairs], recs)
        for q, g in pairs:
            loc = found.get(q.id)
            got = loc.verification.status if loc else UNCHECKED
            rel = (g.get("variant_of") or {}).get("relation")
            if rel not in RELATION_STATUS:
                unscored[got] += 1
                continue
            expected = RELATION_STATUS[rel]
            confusion[(expected, got)] += 1
            if got != expected:
                score = loc.verification.score if loc else 0.0
                misses.append(Miss(os.path.relpath(q.source, base), q.text, rel, expected, got, score))
            turn = (g.get("variant_of") or {}).get("transcript_turn")
            if loc and turn is not None and got != "not_found":
                turns_total += 1
                turns_right += loc.record.turns[_turn_at(loc.record, loc.start)].index == turn
    return VerifyReport(
        len(records), dict(confusion), tuple(misses), turns_right, turns_total, dict(unscored)
    )


def _turn_at(record: Record, offset: int) -> int:
    return next((k for k, t in enumerate(record.turns) if t.start <= offset < t.end), 0)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_verify_report(report: VerifyReport, show_misses: bool = False) -> str:
    """The report as text: a table of recall and precision per status, then (optionally) the misses."""
    rows = [
        [s, report.count(expected=s), report.count(got=s), report.count(s, s),
         _pct(report.recall(s)), _pct(report.precision(s))]
        for s in STATUSES
    ]
    out = [
        f"verification against the record ({report.events} events)",
        tabulate(rows, headers=["status", "gold", "reported", "right", "recall %", "precision %"]),
        f"exact quotes reported as drift: {report.exact_as_drift}",
        f"turn located right: {report.turns_right}/{report.turns_total}",
    ]
    if report.unscored:
        spread = ", ".join(f"{k} {v}" for k, v in sorted(report.unscored.items()))
        out.append(f"quotes with no gold relation: {spread}")
    if report.misses and not show_misses:
        out.append(f"{len(report.misses)} quotes with the wrong status (--show-misses lists them)")
    for m in report.misses if show_misses else ():
        out.append(f"  miss: {m.relation} -> {m.got} (score {m.score:.0f}) {m.path}: “{m.text[:70]}”")
    return "\n".join(out)
