"""Baselines: record an archive's findings once, then report only the findings that are new.

In: findings (and the baseline file's path). Out: a deterministic JSON file, or the findings
that the baseline does not cover. A finding is known by a fingerprint that survives edits
elsewhere in the file: its code, its source path (relative to the baseline's folder, so the
file works from any working directory) and a hash of the quote's words (or, for a finding
with no quote, of its message with line and column numbers taken out). Line numbers are never
part of it. Each fingerprint keeps a count, as PHPStan's and ESLint's baselines do: when the
same fingerprint turns up more often than recorded, the extra ones are new. This module knows
nothing about how findings were made or how they are shown.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from quotes.errors import QuotesError
from quotes.model import Finding, Quote
from quotes.output import write_atomic

BASELINE_VERSION = 1

# `path:12`, `path:12:3` (a reference's location) and `offset 57` (a mark's) move when lines shift.
_POSITION = re.compile(r"(?<=\S):\d+(?::\d+)?\b|(?<=\boffset) \d+\b")


class BaselineError(QuotesError):
    """A baseline file that is missing, unreadable or not a quotes baseline."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"baseline {path}: {why}")


@attrs.frozen
class Entry:
    """One recorded fingerprint: how many findings carry it, and a readable hint of what they were."""

    code: str
    source: str
    fingerprint: str
    count: int
    message: str

    def to_json(self) -> dict[str, Any]:
        """The entry as written to the file."""
        return attrs.asdict(self)


def _words(text: str) -> str:
    return " ".join(text.split())


def _relative(source: str, base: Path) -> str:
    """The source path relative to the baseline's folder, with `/` separators, when it is a file path."""
    try:
        rel = os.path.relpath(os.path.abspath(source), base)
    except ValueError:  # another drive on Windows: keep the path as given
        return source.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def normalised_message(message: str) -> str:
    """The message without line and column numbers and with its spaces collapsed."""
    return _words(_POSITION.sub("", message))


def fingerprint(finding: Finding, source: str, quote: Quote | None) -> str:
    """A hash of what the finding is about (code, source, the quote's words or the message), never where."""
    about = _words(quote.text) if quote is not None else normalised_message(finding.message)
    digest = hashlib.sha256("\0".join((finding.code, source, about)).encode("utf-8"))
    return digest.hexdigest()[:16]


def _keyed(findings: Iterable[Finding], quotes: dict[str, Quote], base: Path) -> list[tuple[tuple[str, str, str], Finding]]:
    out = []
    for f in findings:
        source = _relative(f.source, base)
        q = quotes.get(f.quote) if f.quote is not None else None
        out.append(((f.code, source, fingerprint(f, source, q)), f))
    return out


def build(findings: Sequence[Finding], quotes: dict[str, Quote], path: str) -> list[Entry]:
    """The baseline entries for these findings, sorted by source, code and fingerprint."""
    keyed = _keyed(findings, quotes, Path(path).resolve().parent)
    counts = Counter(key for key, _ in keyed)
    first = {key: f for key, f in reversed(keyed)}
    return [
        Entry(code, source, fp, counts[(code, source, fp)], normalised_message(first[(code, source, fp)].message))
        for code, source, fp in sorted(counts, key=lambda k: (k[1], k[0], k[2]))
    ]


def dumps(entries: Sequence[Entry]) -> str:
    """The baseline file's text: sorted, indented, one trailing newline, the same bytes for the same findings."""
    data = {"version": BASELINE_VERSION, "tool": "quotes", "findings": [e.to_json() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(findings: Sequence[Finding], quotes: dict[str, Quote], path: str, inputs: Sequence[str] = ()) -> int:
    """Record these findings in `path` (atomically, never over an input); the number recorded."""
    entries = build(findings, quotes, path)
    write_atomic(path, dumps(entries), inputs)
    return sum(e.count for e in entries)


def load(path: str) -> list[Entry]:
    """Read a baseline file; a missing, unreadable or malformed one raises `BaselineError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(path, "no such file (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(path, 'not a quotes baseline (expected {"version": 1, "findings": [...]})')
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(path, f"unsupported version {data.get('version')!r} (this quotes reads version {BASELINE_VERSION})")
    entries = []
    for i, item in enumerate(data["findings"]):
        try:
            entry = Entry(str(item["code"]), str(item["source"]), str(item["fingerprint"]), int(item["count"]), str(item.get("message", "")))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(path, f"entry {i + 1} needs code, source, fingerprint and a count") from None
        if entry.count < 1:
            raise BaselineError(path, f"entry {i + 1} has a count below 1")
        entries.append(entry)
    return entries


@attrs.frozen
class Filtered:
    """The findings a baseline does not cover, and how many it hid."""

    new: tuple[Finding, ...]
    hidden: int


def apply(findings: Sequence[Finding], quotes: dict[str, Quote], entries: Sequence[Entry], path: str) -> Filtered:
    """Drop the findings the baseline records (up to each fingerprint's count), keep the rest in order."""
    allowance: Counter[tuple[str, str, str]] = Counter()
    for e in entries:
        allowance[(e.code, e.source, e.fingerprint)] += e.count
    new = []
    for key, f in _keyed(findings, quotes, Path(path).resolve().parent):
        if allowance[key] > 0:
            allowance[key] -= 1
        else:
            new.append(f)
    return Filtered(tuple(new), len(findings) - len(new))
