"""Q2xx and Q4xx: how the words of one quote differ across sources, and quotes no one else has.

In: variant groups with drift already computed. Out: hits. Quotes checked against a primary
record are left to the Q5xx rules, so one difference is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotes.model import DiffOp, Group, Member, Quote
from quotes.rules import Context, Hit, rule


def changes(ops: tuple[DiffOp, ...], limit: int = 3) -> str:
    """The changed words of a diff as `[-old-]{+new+}` pieces, at most `limit` of them."""
    parts = []
    for op in ops:
        if op.op == "equal":
            continue
        old = f"[-{op.a}-]" if op.a else ""
        new = f"{{+{op.b}+}}" if op.b else ""
        parts.append(old + new)
    more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
    return " ".join(parts[:limit]) + more


def _where(ctx: Context, quote_id: str) -> str:
    q = ctx.quotes.get(quote_id)
    return f"{q.source}:{q.line}" if q else quote_id


def _members(ctx: Context, drift: str) -> Iterator[tuple[Group, Member, Quote]]:
    quotes = ctx.quotes
    for group in ctx.groups:
        for m in group.members:
            q = quotes.get(m.quote)
            if q is None or m.quote == group.reference or q.id in ctx.verifications:
                continue
            if m.drift.klass == drift:
                yield group, m, q


@rule("Q201", "wording-drift", "warning", "wording differs from {ref}: {diff}")
def wording(ctx: Context) -> Iterator[Hit]:
    """Words of a quote substituted, added or dropped compared with the group's reference.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said. || “We will rebuild the bridge before the winter,” Ruiz said.
    Q201: “We will rebuild the old bridge before the winter comes,” Mayor Ana Ruiz said. || “We will rebuild the bridge before the winter arrives,” Ruiz said.
    """
    for group, m, q in _members(ctx, "wording"):
        yield Hit.at_quote(q, [group.reference], ref=_where(ctx, group.reference), diff=changes(m.drift.ops))


@rule("Q202", "meaning-drift", "error", "meaning differs from {ref} ({why}): {diff}")
def meaning(ctx: Context) -> Iterator[Hit]:
    """A change that alters meaning: a negation, a number, a modal or a tense.

    Okay: “The plan may cut flood damage by 70 percent,” engineer Sione Lund said. || “The plan may cut flood damage by 70 percent,” Lund said.
    Q202: “The plan may cut flood damage by 70 percent,” engineer Sione Lund said. || “The plan will cut flood damage by 70 percent,” Lund said.
    """
    for group, m, q in _members(ctx, "meaning"):
        why = "; ".join(m.drift.reasons) or "meaning changed"
        yield Hit.at_quote(q, [group.reference], ref=_where(ctx, group.reference), why=why, diff=changes(m.drift.ops))


@rule("Q203", "altered-quote", "info", "quote altered with {what} compared with {ref}")
def altered(ctx: Context) -> Iterator[Hit]:
    """Words left out with an ellipsis or replaced in [brackets]: allowed, but worth a look.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said. || “We will rebuild the bridge before the winter,” Ruiz said.
    Q203: “We will rebuild the old bridge before the winter comes,” Mayor Ana Ruiz said. || “We will rebuild … before the winter comes,” Ruiz said.
    """
    quotes = ctx.quotes
    for group in ctx.groups:
        for m in group.members:
            q = quotes.get(m.quote)
            if q is None or not m.drift.alterations or q.id in ctx.verifications:
                continue
            yield Hit.at_quote(q, [group.reference], what="; ".join(m.drift.alterations), ref=_where(ctx, group.reference))


@rule("Q401", "single-source", "info", "quote found in only one source: “{excerpt}”", opt_in=True)
def single_source(ctx: Context) -> Iterator[Hit]:
    """A speech quote that no other checked source carries (opt-in: `--select Q401`).

    Off by default: on an archive most quotes appear in one story only, so this rule would bury
    the findings that matter. It runs only when a select entry names Q401 itself (`--select Q401`,
    `--extend-select Q401`, or `select`/`extend-select` in the config); a prefix such as `Q` or
    `Q4` does not switch it on. It reports only when two or more sources are checked.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said. || “We will rebuild the bridge before the winter,” Ruiz said.
    Q401: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said. || “Taxes will not rise this year,” Ruiz said.
    """
    if not ctx.multi_source:
        return
    quotes = ctx.quotes
    grouped = {
        quotes[m.quote].id
        for g in ctx.groups
        if len({quotes[x.quote].source for x in g.members if x.quote in quotes}) >= 2
        for m in g.members
        if m.quote in quotes
    }
    for doc in ctx.docs:
        for q in doc.quotes:
            if q.speech and q.parent is None and q.id not in grouped and q.id not in ctx.verifications:
                yield Hit.at_quote(q)
