"""Variant groups → `quotes diff` text: one tabulate table per group, one row per member quote.

In: groups (with drift computed), the quotes by id, and whether to colour. Out: a string, with
changed words marked `[-old-]{+new+}` (red/green on a terminal). This module refuses to know
how groups or drift were computed; it only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import click
from tabulate import tabulate

from quotes.model import DiffOp, Group, Member, Quote

HEADERS = ("source", "speaker", "relation", "drift", "variant", "notes")
# Wrap the long columns so a table stays readable in an 120-column terminal.
_WIDTHS = (None, 18, None, None, 60, 36)
_EXCERPT = 80


def mark_changes(ops: Iterable[DiffOp], color: bool = False) -> str:
    """A diff as text: equal words as they are, changes as `[-old-]{+new+}`."""
    parts: list[str] = []
    for op in ops:
        if op.op == "equal":
            if op.b:
                parts.append(op.b)
            continue
        old = f"[-{op.a}-]" if op.a else ""
        new = f"{{+{op.b}+}}" if op.b else ""
        if color:
            old = click.style(old, fg="red") if old else ""
            new = click.style(new, fg="green") if new else ""
        parts.append(old + new)
    return " ".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    flat = _flat(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _speaker(q: Quote | None) -> str:
    if q is None:
        return "?"
    if q.attribution.speaker:
        return q.attribution.speaker
    return "anonymous" if q.attribution.anonymous else "—"


def _notes(m: Member) -> str:
    notes = list(m.drift.alterations)
    # Meaning and cosmetic reasons say what the marked words alone do not.
    if m.drift.klass in ("meaning", "cosmetic"):
        notes.extend(m.drift.reasons)
    return "; ".join(notes)


def _row(m: Member, q: Quote | None, color: bool) -> list[str]:
    where = f"{q.source}:{q.line}" if q else m.quote
    # The ops hold the words of this group (a long quote's other sentences belong elsewhere).
    variant = mark_changes(m.drift.ops, color) if m.drift.ops else _flat(q.text) if q else ""
    return [where, _speaker(q), m.relation, m.drift.klass, variant, _notes(m)]


def group_words(m: Member, q: Quote | None) -> str:
    """The words a member contributes to its group (its sentences there), as the variant reads."""
    words = " ".join(op.b for op in m.drift.ops if op.b)
    return words or (_flat(q.text) if q else "")


def group_matches(group: Group, quotes_by_id: Mapping[str, Quote], text: str) -> bool:
    """Whether `text` (case-insensitive) occurs in the words of this group (`quotes diff --match`)."""
    needle = " ".join(text.split()).casefold()
    return any(needle in group_words(m, quotes_by_id.get(m.quote)).casefold() for m in group.members)


def render_group(group: Group, quotes_by_id: Mapping[str, Quote], color: bool = False) -> str:
    """One group: a header line (id, reference speaker and words), then its table."""
    ref = quotes_by_id.get(group.reference)
    head = next((m for m in group.members if m.quote == group.reference), None)
    words = mark_changes(head.drift.ops) if head and head.drift.ops else ref.text if ref else ""
    title = f"{group.id}: {len(group.members)} quotes · reference ({group.basis}) {_speaker(ref)}"
    if words:
        title += f" “{_excerpt(words)}”"
    if color:
        title = click.style(title, bold=True)
    rows = [_row(m, quotes_by_id.get(m.quote), color) for m in group.members]
    table = tabulate(rows, headers=HEADERS, maxcolwidths=list(_WIDTHS), disable_numparse=True)
    return f"{title}\n{table}"


def render_groups(groups: Sequence[Group], quotes_by_id: Mapping[str, Quote], color: bool) -> str:
    """Every group as its own table, separated by a blank line."""
    return "\n\n".join(render_group(g, quotes_by_id, color) for g in groups)
