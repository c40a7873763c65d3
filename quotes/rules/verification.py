"""Q5xx: quotes checked against the primary record (transcript, captions, statement).

In: a verification per quote. Out: hits that cite the record's turn or timestamp.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotes.rules import Context, Hit, rule
from quotes.rules.drift import changes

# The primary record the Q5xx docstring examples are checked against (see tests/test_rules.py).
EXAMPLE_RECORD = """City council, public meeting. Verbatim transcript.

ANA RUIZ: Good evening. We will rebuild the bridge before the winter. That is my promise to this city.

TOM HALE: I am not convinced the money is there.
"""


def _with_status(ctx: Context, status: str) -> Iterator[Hit]:
    quotes = ctx.quotes
    for qid, v in sorted(ctx.verifications.items()):
        q = quotes.get(qid)
        if q is not None and v.status == status:
            yield Hit.at_quote(
                q,
                record=v.record,
                at=v.at or "?",
                who=v.speaker or "unknown speaker",
                speaker=q.attribution.speaker or "nobody",
                diff=changes(v.diff),
            )


@rule("Q501", "misquote-wording", "warning", "differs from the record {record} at {at} ({who}): {diff}")
def misquote(ctx: Context) -> Iterator[Hit]:
    """The words differ from what the record says was said.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    Q501: “We will rebuild the old bridge before the cold winter,” Mayor Ana Ruiz said.
    """
    yield from _with_status(ctx, "drift")


@rule("Q502", "misquote-meaning", "error", "changes the meaning of the record {record} at {at} ({who}): {diff}")
def misquote_meaning(ctx: Context) -> Iterator[Hit]:
    """The words differ from the record in a way that changes the meaning.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    Q502: “We will not rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    """
    yield from _with_status(ctx, "meaning")


@rule("Q503", "altered-from-record", "info", "altered with ellipsis or brackets; the record {record} at {at} ({who}) has it whole")
def altered_from_record(ctx: Context) -> Iterator[Hit]:
    """Words left out or replaced in brackets, compared with the record.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    Q503: “We will rebuild … before the winter,” Mayor Ana Ruiz said.
    """
    yield from _with_status(ctx, "altered")


@rule("Q504", "not-in-record", "error", "not found in the record: possibly fabricated: “{excerpt}”")
def not_found(ctx: Context) -> Iterator[Hit]:
    """A quote whose words cannot be found anywhere in the record.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    Q504: “Taxes will double next year for every family in the city,” Mayor Ana Ruiz said.
    """
    yield from _with_status(ctx, "not_found")


@rule("Q505", "misattributed", "error", "credited to {speaker}, but the record {record} has {who} saying it at {at}")
def misattributed(ctx: Context) -> Iterator[Hit]:
    """The words are in the record, but another speaker said them.

    Okay: “We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.
    Q505: “We will rebuild the bridge before the winter,” councillor Tom Hale said.
    """
    yield from _with_status(ctx, "misattributed")
