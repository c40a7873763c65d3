"""Q3xx: quotation marks that do not pair up. In: mark problems found by extraction. Out: hits."""

from __future__ import annotations

from collections.abc import Iterator

from quotes.rules import Context, Hit, rule


@rule("Q301", "unbalanced-mark", "warning", "{message}")
def unbalanced(ctx: Context) -> Iterator[Hit]:
    """An opening quotation mark that is never closed, or a closing one that was never opened.

    Okay: “We will rebuild,” Mayor Ana Ruiz said.
    Q301: “We will rebuild, Mayor Ana Ruiz said.
    """
    for doc in ctx.docs:
        for p in doc.problems:
            if p.kind != "mismatched":
                yield Hit(doc.source.path, p.offset, {"message": p.message})


@rule("Q302", "mismatched-mark", "warning", "{message}")
def mismatched(ctx: Context) -> Iterator[Hit]:
    """A quotation closed with a mark of another family (« closed by ”).

    Okay: «Nous reconstruirons», a déclaré Ana Ruiz.
    Q302: «We will rebuild the bridge by spring,” Mayor Ana Ruiz said.
    """
    for doc in ctx.docs:
        for p in doc.problems:
            if p.kind == "mismatched":
                yield Hit(doc.source.path, p.offset, {"message": p.message})
