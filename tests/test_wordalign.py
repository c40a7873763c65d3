"""Fitting quote words into a record's words: quote pieces, record words, windows."""

from __future__ import annotations

import pytest

from quotes.records import Record, Turn
from quotes.wordalign import find_in, index_record, norm, parse_quote, sentences, widen, window_text


def record(*turns: tuple[str | None, str], kind: str = "transcript") -> Record:
    text, made, pos = "", [], 0
    for k, (speaker, words) in enumerate(turns):
        if text:
            text += "\n\n"
        start = len(text)
        text += words
        made.append(Turn(k, speaker, start, len(text), words, f"turn {k + 1}"))
        pos = len(text)
    assert pos == len(text)
    return Record("r.txt", kind, text, tuple(made))


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Don’t", "don't"), ("Magnadóttir", "magnadottir"), ("donʼt", "don't"), ("2.45", "2.45")],
)
def test_norm(word: str, expected: str) -> None:
    assert norm(word) == expected


@pytest.mark.parametrize(
    ("text", "pieces", "ellipsis"),
    [
        ("We will rebuild it.", [["we", "will", "rebuild", "it"]], False),
        ("We will … rebuild it", [["we", "will"], ["rebuild", "it"]], True),
        ("We will ... rebuild it", [["we", "will"], ["rebuild", "it"]], True),
        ("We will [...] rebuild it", [["we", "will"], ["rebuild", "it"]], True),
        ("… rebuild it", [["rebuild", "it"]], True),
        ("[The city] will rebuild it", [[None, "will", "rebuild", "it"]], False),
        ("It cost $3.5m at 3:40 today", [["it", "cost", "3.5m", "at", "3:40", "today"]], False),
    ],
)
def test_parse_quote(text: str, pieces: list[list[str | None]], ellipsis: bool) -> None:
    got, ell = parse_quote(text)
    assert [list(p.items) for p in got] == pieces
    assert ell is ellipsis
    for p in got:
        assert [p.text[s:e] for s, e in p.brackets] == [m for m in ["[The city]"] if m in p.text]


def test_record_words_skip_markers_and_mark_sentences() -> None:
    rec = record(("Ana", "Good evening. We will [inaudible] rebuild it (laughter) today."), ("Tom", "No, Mr. Hale said: “Never.”"))
    ix = index_record(rec, {})
    assert ix.words == ["good", "evening", "we", "will", "rebuild", "it", "today", "no", "mr", "hale", "said", "never"]
    starts = [w for w, s in zip(ix.words, ix.sent_start, strict=True) if s]
    ends = [w for w, e in zip(ix.words, ix.sent_end, strict=True) if e]
    assert starts == ["good", "we", "no", "never"]  # "Mr." is no sentence end; the quoted word starts one
    assert ends == ["evening", "today", "never"]
    assert [rec.text[a:b] for a, b in zip(ix.starts, ix.ends, strict=True)][2:5] == ["We", "will", "rebuild"]
    # The text of a window leaves the markers out.
    assert window_text(ix, 2, 7) == "We will rebuild it today."


def test_caption_cues_flow_on_until_the_voice_changes() -> None:
    rec = record(("Ana", "we will rebuild"), ("Ana", "the bridge"), ("Tom", "not with our money"), kind="captions")
    ix = index_record(rec, {})
    assert [w for w, s in zip(ix.words, ix.sent_start, strict=True) if s] == ["we", "not"]
    assert not ix.punctuated


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("we will rebuild the bridge", "We will rebuild the bridge"),
        ("rebuild the old bridge before winter", "rebuild the bridge before the winter"),
        ("We will … before the winter", "We will rebuild the bridge before the winter"),
        ("[The city] will rebuild the bridge", "We will rebuild the bridge"),
    ],
)
def test_find_in(quote: str, found: str) -> None:
    rec = record(("Ana", "Good evening. We will rebuild the bridge before the winter. That is a promise."))
    vocab: dict[str, str] = {}
    ix = index_record(rec, vocab)
    pieces, ellipsis = parse_quote(quote)
    m = find_in(pieces, ellipsis, ix, vocab, None)
    assert m is not None
    fits = [widen(f, p, ix) for f, p in zip(m.fits, pieces, strict=True)]
    assert window_text(ix, fits[0].start, fits[-1].end).rstrip(".") == found
    assert m.score >= 50
    a, b = sentences(ix, m.start, m.end)
    assert window_text(ix, a, b) == "We will rebuild the bridge before the winter."


def test_invented_words_score_low() -> None:
    rec = record(("Ana", "Good evening. We will rebuild the bridge before the winter. That is a promise."))
    vocab: dict[str, str] = {}
    ix = index_record(rec, vocab)
    pieces, ellipsis = parse_quote("Taxes will double for every family in the city")
    m = find_in(pieces, ellipsis, ix, vocab, None)
    assert m is None or m.score < 30
