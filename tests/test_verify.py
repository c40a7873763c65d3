"""Locating quotes in the primary record and giving each a status."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.model import Attribution, Quote
from quotes.records import Record, read_record
from quotes.verify import STATUSES, record_references, reference_windows, same_speaker, verify

FIXTURES = Path(__file__).parent.parent / "fixtures" / "verify"

TRANSCRIPT = """Harbour board, public meeting. Verbatim transcript.

ANA RUIZ: Good evening. We will rebuild the bridge before the winter. That is my promise to this city. The cost is 12 million dollars, and the state will pay half. [inaudible] Nobody will lose their home because of this work.

TOM HALE: I am not convinced the money is there. We will rebuild the bridge before the winter, she says. I have heard that before.
"""


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Record:
    path = tmp_path_factory.mktemp("rec") / "meeting.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return read_record(str(path))


def quote(text: str, speaker: str | None = None, n: int = 1, anonymous: bool = False) -> Quote:
    return Quote(
        f"article.txt#{n}", "article.txt", 0, len(text), text, 1, 1, "“", "”", True, "speech",
        "test", attribution=Attribution(speaker=speaker, anonymous=anonymous),
    )


@pytest.mark.parametrize(
    ("text", "speaker", "status", "at"),
    [
        ("We will rebuild the bridge before the winter.", "Ana Ruiz", "exact", "turn 1"),
        ("we will rebuild the bridge before the winter,", "Ruiz", "exact", "turn 1"),
        ("That is my promise to this city.", "Ana Ruiz", "exact", "turn 1"),
        ("rebuild the bridge", "Ana Ruiz", "partial", "turn 1"),
        ("my promise", "Ana Ruiz", "partial", "turn 1"),
        # Across the [inaudible] marker.
        ("the state will pay half. Nobody will lose their home because of this work.", "Ana Ruiz", "partial", "turn 1"),
        ("The cost is 12 million dollars … the state will pay half.", "Ana Ruiz", "altered", "turn 1"),
        ("The cost is 12 million dollars ... Nobody will lose their home", "Ana Ruiz", "altered", "turn 1"),
        ("[The council] will rebuild the bridge before the winter.", "Ana Ruiz", "altered", "turn 1"),
        ("We will rebuild [the Harbour Street bridge] before the winter.", "Ana Ruiz", "altered", "turn 1"),
        ("We will rebuild the old bridge before the cold winter.", "Ana Ruiz", "drift", "turn 1"),
        ("The cost is 20 million dollars, and the state will pay half.", "Ana Ruiz", "meaning", "turn 1"),
        ("We will not rebuild the bridge before the winter.", "Ana Ruiz", "meaning", "turn 1"),
        ("I am not convinced the money is there.", "Ana Ruiz", "misattributed", "turn 2"),
        ("I am not convinced the money is there.", "Councillor Tom Hale", "exact", "turn 2"),
        # The same words in two turns: the credited speaker's turn wins.
        ("We will rebuild the bridge before the winter", "Tom Hale", "partial", "turn 2"),
        ("I have heard that before.", None, "exact", "turn 2"),
        # An organisation's spokesperson speaks for it: no misattribution.
        ("I am not convinced the money is there.", "the harbour board", "exact", "turn 2"),
        ("I am not convinced the money is there.", "Harbour Holdings Group", "exact", "turn 2"),
        ("Taxes will double next year for every family in the city.", "Ana Ruiz", "not_found", None),
        # An ellipsis cannot join two speakers' words.
        ("because of this work. … I am not convinced the money is there.", "Ana Ruiz", "not_found", None),
        # Short quotes count only word for word.
        ("my pledge", "Ana Ruiz", "not_found", None),
    ],
)
def test_status(record: Record, text: str, speaker: str | None, status: str, at: str | None) -> None:
    v = verify([quote(text, speaker)], [record])["article.txt#1"]
    assert (v.status, v.at) == (status, at)
    assert v.record == record.path
    if status in ("drift", "meaning"):
        assert any(op.op != "equal" for op in v.diff)
    if status != "not_found":
        assert v.speaker in ("Ana Ruiz", "Tom Hale")
        assert v.score >= 50


def test_misattributed_names_who_said_it(record: Record) -> None:
    v = verify([quote("I am not convinced the money is there.", "Ana Ruiz")], [record])["article.txt#1"]
    assert v.speaker == "Tom Hale"


def test_out_of_scope_quotes_are_left_out_unless_asked(record: Record) -> None:
    quotes = [
        quote("The bridge is a disgrace.", None, 1),
        quote("The bridge is a disgrace.", None, 2, anonymous=True),
        quote("The bridge is a disgrace.", "Lena Cho", 3),
        quote("The bridge is a disgrace.", "Ana Ruiz", 4),
    ]
    assert set(verify(quotes, [record])) == {"article.txt#4"}
    every = verify(quotes, [record], every=True)
    assert {v.status for v in every.values()} == {"not_found"}
    assert len(every) == 4


def test_non_speech_quotes_are_not_verified(record: Record) -> None:
    q = quote("We will rebuild the bridge before the winter.", "Ana Ruiz")
    q = Quote(q.id, q.source, q.start, q.end, q.text, 1, 1, "“", "”", False, "title", "test")
    assert verify([q], [record]) == {}


def test_custom_speaker_match(record: Record) -> None:
    q = quote("I am not convinced the money is there.", "Ana Ruiz")
    v = verify([q], [record], speaker_match=lambda a, b: True)["article.txt#1"]
    assert v.status == "exact"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Antony Blinken", "Blinken", True),
        ("Blinken", "Antony J. Blinken", True),
        ("Sergei Lisitsyn-Ward", "Sergey Lisitsyn-Ward", True),
        ("Hildur Magnadóttir", "Hildur Magnadottir", True),
        ("Aroha Teviot-Marsh", "Dr. Marsh", True),
        ("Tom Hale", "Tom Haile", True),
        ("Mohammed Zahrani-Holt", "Mohammed Ali", False),
        ("Ana Ruiz", "Tom Hale", False),
        ("Secretary Blinken", "President Biden", False),
        (None, "Tom Hale", True),
        ("Tom Hale", None, True),
        ("The President", "Joe Biden", True),
    ],
)
def test_same_speaker(a: str | None, b: str | None, same: bool) -> None:
    assert same_speaker(a, b) is same
    assert same_speaker(b, a) is same


def test_quote_across_caption_cues() -> None:
    rec = read_record(str(FIXTURES / "ferry" / "briefing.vtt"))
    q = quote("The Corrin Lake ferry will resume service on Monday, with a reduced timetable", "Marguerite Oyelaran")
    v = verify([q], [rec])["article.txt#1"]
    assert (v.status, v.at, v.speaker) == ("partial", "00:00:01.000", "Marguerite Oyelaran")


def test_unpunctuated_captions_count_verbatim_stretches_as_exact(tmp_path: Path) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nwe will rebuild the bridge\n\n"
        "00:00:03.000 --> 00:00:05.000\nbefore the winter and that is my promise\n"
    )
    path = tmp_path / "auto.vtt"
    path.write_text(vtt, encoding="utf-8")
    rec = read_record(str(path))
    v = verify([quote("We will rebuild the bridge before the winter.", "Ana Ruiz")], [rec])["article.txt#1"]
    assert (v.status, v.at, v.speaker) == ("exact", "00:00:01.000", None)


def test_a_quoted_sentence_inside_a_turn_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text('ANA RUIZ: A parent asked me, "Is it too late?" It is not.\n\nTOM HALE: No.\n', encoding="utf-8")
    rec = read_record(str(path))
    got = verify([quote("Is it too late?", None, 1), quote("A parent asked me,", "Ana Ruiz", 2)], [rec])
    assert got["article.txt#1"].status == "exact"
    assert got["article.txt#2"].status == "partial"


def test_best_record_of_several(record: Record) -> None:
    captions = read_record(str(FIXTURES / "ferry" / "briefing.vtt"))
    q = quote("Every vessel has passed a full safety inspection.", "Marguerite Oyelaran")
    v = verify([q], [record, captions])["article.txt#1"]
    assert (v.status, v.record, v.at) == ("exact", captions.path, "00:00:08.000")


def test_reference_windows_cut_markers_out(record: Record) -> None:
    quotes = [
        quote("rebuild the bridge", "Ana Ruiz", 1),
        quote("the state will pay half. Nobody will lose their home", "Ana Ruiz", 2),
        quote("Taxes will double next year for every family in the city.", "Ana Ruiz", 3),
    ]
    windows = reference_windows(quotes, [record])
    assert windows == {
        "article.txt#1": "rebuild the bridge",
        "article.txt#2": "the state will pay half. Nobody will lose their home",
    }


def test_record_references_are_whole_sentences(record: Record) -> None:
    quotes = [
        quote("We will rebuild the bridge before the winter.", "Ana Ruiz", 1),
        quote("rebuild the bridge", "Ana Ruiz", 2),
        quote("I am not convinced the money is there.", "Tom Hale", 3),
        quote("Taxes will double next year for every family in the city.", "Ana Ruiz", 4),
    ]
    made, refs = record_references(quotes, [record], verify(quotes, [record]))
    assert set(refs) == {"article.txt#1", "article.txt#2", "article.txt#3"}
    assert refs["article.txt#1"] == refs["article.txt#2"] != refs["article.txt#3"]
    for qid, q in made.items():
        assert qid.startswith(record.path + "#")
        assert record.text[q.start : q.end] == q.text
        assert q.speech and q.source == record.path
    assert made[refs["article.txt#1"]].text == "We will rebuild the bridge before the winter."
    assert made[refs["article.txt#3"]].attribution.speaker == "Tom Hale"
    assert [made[k].start for k in sorted(made)] == sorted(q.start for q in made.values())


def test_no_records_no_verifications() -> None:
    assert verify([quote("anything at all here", "Ana Ruiz")], []) == {}


WORDS = re.compile(r"\S+")
NEGATIONS = {"not", "no", "nobody", "never", "none", "nothing"}


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_verbatim_stretch_of_a_turn_is_exact_or_partial(record: Record, data: st.DataObject) -> None:
    """Cut any run of 4+ words out of a turn: it is found there, at that turn, exact or partial
    (or meaning, when the cut drops a negation just before it: "Nobody will | lose their home")."""
    turn = data.draw(st.sampled_from(record.turns))
    words = [m for m in WORDS.finditer(turn.text) if not m.group(0).startswith("[")]
    i = data.draw(st.integers(0, len(words) - 4))
    j = data.draw(st.integers(i + 4, len(words)))
    text = " ".join(m.group(0) for m in words[i:j])
    v = verify([quote(text, turn.speaker)], [record])["article.txt#1"]
    assert v.at == turn.at
    assert v.status in STATUSES
    if v.status == "meaning":
        assert any(m.group(0).lower() in NEGATIONS for m in words[max(0, i - 3) : i])
    else:
        assert v.status in ("exact", "partial")


CAPTIONS = read_record(str(FIXTURES / "ferry" / "briefing.vtt"))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_verbatim_stretch_of_captions_is_found_at_its_first_cue(data: st.DataObject) -> None:
    """Runs of words across cue boundaries are found, timed at the cue where they start."""
    words = [
        (m, next(t for t in CAPTIONS.turns if t.start <= m.start() < t.end))
        for m in WORDS.finditer(CAPTIONS.text) if not m.group(0).startswith("[")
    ]
    i = data.draw(st.integers(0, len(words) - 5))
    j = data.draw(st.integers(i + 5, min(len(words), i + 25)))
    text = " ".join(m.group(0) for m, _ in words[i:j])
    first = words[i][1]
    v = verify([quote(text, first.speaker)], [CAPTIONS])["article.txt#1"]
    assert v.at == first.at
    assert v.status in ("exact", "partial", "meaning")
    if v.status == "meaning":
        assert any(m.group(0).lower() in NEGATIONS for m, _ in words[max(0, i - 3) : i])
