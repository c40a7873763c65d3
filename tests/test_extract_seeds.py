"""End to end on seeds/: the speech quotes are speech; UI text, scare quotes and titles are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import extract
from quotes.model import Document, Source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _doc(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return extract(Source(path=str(path), text=path.read_text(encoding="utf-8")))


def _find(doc: Document, fragment: str):
    hits = [q for q in doc.quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r}"
    return min(hits, key=lambda q: len(q.text))


@pytest.mark.parametrize(
    ("seed", "fragment"),
    [
        ("001", "saw the purpose of this was to deliver"),
        ("001", "I urged Russia to reverse its irresponsible decision"),
        ("001", "regardless of what else is happening in the world"),
        ("001", "Every G20 member and virtually every country"),
        ("002", "determined to bring Paul and every other American"),
        ("003", "war of aggression"),
        ("004", "End this war of aggression, engage in meaningful diplomacy"),
        ("004", "President [Vladimir] Putin has demonstrated zero interest"),
        ("004", "the new territorial reality"),
        ("004", "its irresponsible decision and return to"),
        ("004", "Mutual compliance is in the interest of both our countries"),
        ("004", "that no matter what else is happening in the world"),
        ("004", "the United States has put forward a serious proposal"),
    ],
)
def test_speech_quotes_are_speech(seed: str, fragment: str) -> None:
    q = _find(_doc(seed), fragment)
    assert q.speech and q.category == "speech", q.reason


def test_nested_quote_in_004() -> None:
    doc = _doc("004")
    inner = _find(doc, "the new territorial reality")
    assert inner.text == "the new territorial reality"
    assert inner.parent is not None and inner.depth == 1
    outer = next(q for q in doc.quotes if q.id == inner.parent)
    assert "President [Vladimir] Putin" in outer.text and outer.speech


@pytest.mark.parametrize(
    ("seed", "fragment", "category"),
    [
        ("000", "Enter", "ui"),
        ("001", "wunderwaffe", "term"),
        ("002", "Blinken met with Russian foreign minister", "title"),
        ("002", "Blinken reveals details of short encounter", "title"),
        ("002", "Blinken, Lavrov talk at G20 meeting", "title"),
        ("002", "Blinken has rare encounter with Russia's Lavrov", "title"),
        ("002", "Blinken and Lavrov meet for first time since", "title"),
        ("002", "Antony Blinken and Sergei Lavrov meet for first time", "title"),
        ("002", "U.S. tells Russia as top officials discuss", "title"),
        ("002", "End this war", "title"),
    ],
)
def test_not_speech(seed: str, fragment: str, category: str) -> None:
    q = _find(_doc(seed), fragment)
    assert not q.speech and q.category == category, q.reason


def test_no_other_speech_in_seeds() -> None:
    speech = sum(1 for p in ("000", "001", "002", "003", "004") for q in _doc(p).quotes if q.speech)
    assert speech == 13
    assert all(_doc(p).problems == () for p in ("000", "001", "002", "003", "004"))
