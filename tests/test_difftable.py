"""quotes.render.difftable: diff tables for `quotes diff`, one per variant group."""

from __future__ import annotations

import pytest

from quotes.align import align
from quotes.model import Attribution, DiffOp, Quote
from quotes.render.difftable import group_matches, mark_changes, render_groups

ANSI = "\x1b["


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([DiffOp("equal", "Our engineers", "Our engineers"), DiffOp("replace", "will always be", "is always"),
          DiffOp("equal", "ready.", "ready.")], "Our engineers [-will always be-]{+is always+} ready."),
        ([DiffOp("delete", "long", ""), DiffOp("equal", "review", "review")], "[-long-] review"),
        ([DiffOp("equal", "we showed", "we showed"), DiffOp("insert", "", "real")], "we showed {+real+}"),
        ([], ""),
    ],
)
def test_mark_changes(ops: list[DiffOp], expected: str) -> None:
    assert mark_changes(ops, color=False) == expected


def test_mark_changes_in_colour() -> None:
    out = mark_changes([DiffOp("replace", "may", "will")], color=True)
    assert ANSI in out
    assert "[-may-]" in out and "{+will+}" in out


def _quote(source: str, text: str, speaker: str | None, anonymous: bool = False) -> Quote:
    return Quote(f"{source}#1", source, 10, 10 + len(text), text, 3, 5, "“", "”", True, "speech", "test",
                 attribution=Attribution(speaker=speaker, anonymous=anonymous))


QUOTES = [
    _quote("a.txt", "Our engineers will always be ready to answer your questions, no matter how technical.", "Odalys Quint"),
    _quote("b.txt", "Our engineers are always ready to answer your questions, no matter how technical.", None, True),
    _quote("c.txt", "Our engineers will always be ready to answer … no matter how technical.", "Quint"),
]


def test_render_groups_rows_and_marks() -> None:
    groups = align(QUOTES)
    out = render_groups(groups, {q.id: q for q in QUOTES}, color=False)
    lines = out.splitlines()
    assert lines[0].startswith("g1: 3 quotes · reference (consensus) Odalys Quint “Our engineers will always be ready")
    for header in ("source", "speaker", "relation", "drift", "variant", "notes"):
        assert header in lines[1]
    body = "\n".join(lines[3:])
    assert "a.txt:3" in body and "b.txt:3" in body and "c.txt:3" in body
    assert "anonymous" in body
    assert "[-will-]{+are+}" in body and "[-be-]" in body
    assert "meaning" in body and "modal changed" in body
    assert "ellipsis: omitted" in body
    assert ANSI not in out


def test_render_groups_in_colour_and_separated() -> None:
    extra = [_quote("d.txt", "The ferry terminal will close at noon on every Sunday in winter.", "Ben Okafor"),
             _quote("e.txt", "The ferry terminal will close at noon on every Sunday in winter.", "Ben Okafor")]
    quotes = QUOTES + extra
    groups = align(quotes)
    out = render_groups(groups, {q.id: q for q in quotes}, color=True)
    assert ANSI in out
    assert out.count("\n\n") == len(groups) - 1 == 1


def test_render_missing_quote_falls_back_to_id() -> None:
    groups = align(QUOTES[:2])
    out = render_groups(groups, {QUOTES[0].id: QUOTES[0]}, color=False)
    assert "b.txt#1" in out and "?" in out


def test_group_matches_looks_at_the_words_of_the_group() -> None:
    long = _quote("a.txt", "The wall will run from the ferry to the point. It will cost the city nothing at all.", "Ana Ruiz")
    first = _quote("b.txt", "The wall will run from the ferry to the point.", "Ana Ruiz")
    second = _quote("c.txt", "it will cost the city nothing at all", "Ana Ruiz")
    quotes = {q.id: q for q in (long, first, second)}
    groups = align(list(quotes.values()))
    assert [group_matches(g, quotes, "Cost  the CITY") for g in groups] == [False, True]
    assert [group_matches(g, quotes, "from the ferry") for g in groups] == [True, False]
