"""Q3xx: quotation marks that do not pair up. In: mark problems found by extraction. Out: hits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quotes.model import Document, MarkProblem
from quotes.rules import Context, Hit, rule

# A file with thousands of stray marks is not prose (a data dump, a mangled scrape): past this many
# per file and rule, one line says how many more there are instead of thousands of lines.
MAX_PER_FILE = 100


def _capped(doc: Document, problems: Sequence[MarkProblem], what: str) -> Iterator[Hit]:
    """One hit per problem, up to MAX_PER_FILE, then one hit counting the rest."""
    for p in problems[:MAX_PER_FILE]:
        yield Hit(doc.source.path, p.offset, {"message": p.message})
    rest = len(problems) - MAX_PER_FILE
    if rest > 0:
        message = f"{rest} more {what} quotation marks in this file are not listed, from offset {problems[MAX_PER_FILE].offset}"
        yield Hit(doc.source.path, problems[MAX_PER_FILE].offset, {"message": message})


@rule("Q301", "unbalanced-mark", "warning", "{message}", scope="document")
def unbalanced(ctx: Context) -> Iterator[Hit]:
    """An opening quotation mark that is never closed, or a closing one that was never opened.

    Okay: “We will rebuild,” Mayor Ana Ruiz said.
    Q301: “We will rebuild, Mayor Ana Ruiz said.
    """
    for doc in ctx.docs:
        yield from _capped(doc, [p for p in doc.problems if p.kind != "mismatched"], "unbalanced")


@rule("Q302", "mismatched-mark", "warning", "{message}", scope="document")
def mismatched(ctx: Context) -> Iterator[Hit]:
    """A quotation closed with a mark of another family (« closed by ”).

    Okay: «Nous reconstruirons», a déclaré Ana Ruiz.
    Q302: «We will rebuild the bridge by spring,” Mayor Ana Ruiz said.
    """
    for doc in ctx.docs:
        yield from _capped(doc, [p for p in doc.problems if p.kind == "mismatched"], "mismatched")
