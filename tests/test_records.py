"""Reading primary records: transcripts, Q/A transcripts, WebVTT and SRT captions, statements."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quotes.errors import SourceError
from quotes.records import Record, canonical_label, read_record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "verify"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def check_offsets(record: Record) -> None:
    for k, turn in enumerate(record.turns):
        assert turn.index == k
        assert record.text[turn.start : turn.end] == turn.text


@pytest.mark.parametrize(
    ("label", "speaker", "role"),
    [
        ("SECRETARY BLINKEN", "Blinken", "Secretary"),
        ("SECRETARY OF STATE ANTONY J. BLINKEN", "Antony J. Blinken", "Secretary of State"),
        ("MR. PRICE", "Price", "Mr."),
        ("MS. PSAKI", "Psaki", "Ms."),
        ("DR. AROHA TEVIOT-MARSH", "Aroha Teviot-Marsh", "Dr."),
        ("CURATOR ELSPETH MARROQUIN", "Elspeth Marroquin", "Curator"),
        ("O'BRIEN", "O'Brien", None),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven", None),
        ("Kofi Amankwah-Reed", "Kofi Amankwah-Reed", None),
        ("THE PRESIDENT", None, "The President"),
        ("MODERATOR", None, "moderator"),
        ("Speaker 1", None, "speaker 1"),
    ],
)
def test_canonical_label(label: str, speaker: str | None, role: str | None) -> None:
    assert canonical_label(label) == (speaker, role)


def test_transcript_turns_header_continuation_and_markers() -> None:
    rec = read_record(str(FIXTURES / "bridge" / "transcript.txt"))
    assert rec.kind == "transcript"
    check_offsets(rec)
    assert [t.speaker for t in rec.turns] == [
        "Ingrid Solvang-Pike", "Damian Okonjo-Reyes", None, "Ingrid Solvang-Pike", "Damian Okonjo-Reyes",
    ]
    assert [t.at for t in rec.turns] == [f"turn {k}" for k in range(1, 6)]
    assert rec.turns[0].role == "Mayor"
    assert rec.turns[2].role == "question"
    # The header is no turn; the unlabelled paragraph belongs to the mayor's first turn.
    assert "press conference" not in rec.turns[0].text
    assert rec.turns[0].text.endswith("and not one day sooner.")
    # Markers stay in the text: matching skips them, offsets keep pointing at the file.
    assert "[inaudible]" in rec.turns[1].text
    assert rec.speakers == ("Ingrid Solvang-Pike", "Damian Okonjo-Reyes")


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [(None, "Ilse Varga-Brandt"), ("Minister Varga-Brandt", "Minister Varga-Brandt")],
)
def test_qa_transcript(speaker: str | None, expected: str) -> None:
    rec = read_record(str(FIXTURES / "qa" / "transcript.txt"), speaker=speaker)
    check_offsets(rec)
    assert [(t.speaker, t.role) for t in rec.turns] == [
        (None, "reporter"), (expected, "answer"), (None, "reporter"), (expected, "answer"),
    ]


def test_qa_without_principal_has_unknown_answerer(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.txt", "Q: Will you resign?\n\nA: No.\n\nQ: Why not?\n\nA: Because.\n")
    rec = read_record(path)
    assert [t.speaker for t in rec.turns] == [None, None, None, None]
    assert [t.role for t in rec.turns] == ["reporter", "answer", "reporter", "answer"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # Title-case labels, a colon inside the header, a timestamped label.
        ("Press Briefing: the Comet\n\nAna Ruiz: We found it.\n\nTom Hale: Good.\n\nAna Ruiz: Yes.\n",
         ["Ana Ruiz", "Tom Hale", "Ana Ruiz"]),
        ("ANA RUIZ (00:01:05): We found it.\nTOM HALE [00:01:09]: Good.\n", ["Ana Ruiz", "Tom Hale"]),
        # A label alone on its line, the words below it.
        ("ANA RUIZ:\nWe found it.\n\nTOM HALE:\nGood.\n", ["Ana Ruiz", "Tom Hale"]),
        # "Note:" opens a note, not a turn.
        ("NOTE: edited for length.\n\nANA RUIZ: We found it.\n", ["Ana Ruiz"]),
        ("PRESS CONFERENCE: Comet\n\nANA RUIZ: We found it.\n", ["Ana Ruiz"]),
        # Rev style: the time after the label, the words on the next line.
        ("Joe Biden: (00:00)\nFolks, thank you.\n\nKamala Harris: (00:15)\nThank you.\n", ["Joe Biden", "Kamala Harris"]),
        # Markdown-bold labels and broadcast ">>" speaker changes.
        ("**Ana Ruiz:** We found it.\n\n**Tom Hale**: Good.\n", ["Ana Ruiz", "Tom Hale"]),
        (">> ANA RUIZ: We found it.\n>> TOM HALE: Good.\n", ["Ana Ruiz", "Tom Hale"]),
        # White House style: "Q" and a wide space, no colon; a role with no name.
        ("THE PRESIDENT:  Thanks.\n\nQ    Will you sign it?\n\nTHE PRESIDENT:  Yes.\n\nQ    When?\n", [None, None, None, None]),
    ],
)
def test_transcript_label_forms(tmp_path: Path, text: str, speakers: list[str]) -> None:
    rec = read_record(write(tmp_path, "t.txt", text))
    check_offsets(rec)
    assert rec.kind == "transcript"
    assert [t.speaker for t in rec.turns] == speakers
    assert all(t.text and ":" not in t.text[:1] for t in rec.turns)


@pytest.mark.parametrize(
    "text",
    [
        "We will rebuild the bridge. That is my promise: no family will be left behind.\n",
        "Background: the bridge was built in 1931.\nWe will rebuild it.\n",
    ],
)
def test_statement_when_no_turn_labels(tmp_path: Path, text: str) -> None:
    rec = read_record(write(tmp_path, "s.txt", "\n" + text), speaker="Ana Ruiz")
    assert rec.kind == "statement"
    check_offsets(rec)
    assert len(rec.turns) == 1
    assert rec.turns[0].speaker == "Ana Ruiz"
    assert rec.turns[0].text == text.strip()


def test_statement_can_be_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "s.txt", "ANA RUIZ: said this.\n\nTOM HALE: and this.\n")
    assert read_record(path, speaker="Ana Ruiz", kind="statement").kind == "statement"
    assert read_record(path).kind == "transcript"


def test_webvtt_voices_times_and_joined_text() -> None:
    rec = read_record(str(FIXTURES / "ferry" / "briefing.vtt"))
    assert rec.kind == "captions"
    check_offsets(rec)
    assert [t.at for t in rec.turns][:3] == ["00:00:01.000", "00:00:04.200", "00:00:08.000"]
    assert [t.speaker for t in rec.turns] == ["Marguerite Oyelaran"] * 3 + ["Tobias Wennerholm"] * 3
    # One searchable text: a sentence runs on across the cue boundary.
    assert "will resume service on Monday, with" in rec.text
    assert "<v" not in rec.text


def test_srt_labels_and_line_breaks() -> None:
    rec = read_record(str(FIXTURES / "gallery" / "recovery.srt"))
    assert rec.kind == "captions"
    check_offsets(rec)
    assert rec.turns[0].at == "00:00:00.500"
    assert rec.turns[0].speaker == "Elspeth Marroquin"
    assert rec.turns[0].text == "The painting was"
    assert rec.turns[1].text == "returned to us in perfect condition, which frankly surprised everyone."
    assert [t.speaker for t in rec.turns[3:]] == ["Rafe Adeyemi-Cole"] * 2


def test_webvtt_speaker_change_marker_and_rollup(tmp_path: Path) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana Ruiz>We will rebuild\n\n"
        "00:00:02.000 --> 00:00:03.000\nWe will rebuild\nthe bridge.\n\n"
        "00:00:03.000 --> 00:00:04.000\n>> Not with our money.\n"
    )
    rec = read_record(write(tmp_path, "c.vtt", vtt))
    assert rec.text == "We will rebuild the bridge. Not with our money."
    assert [t.speaker for t in rec.turns] == ["Ana Ruiz", "Ana Ruiz", None]


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("empty.txt", "  \n\n", "empty"),
        ("bad.vtt", "WEBVTT\n\nnot a time --> either\nwords\n", "captions"),
        ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\n", "captions"),
    ],
)
def test_unreadable_records_raise_source_error(tmp_path: Path, name: str, content: str, why: str) -> None:
    with pytest.raises(SourceError, match=why):
        read_record(write(tmp_path, name, content))


def test_missing_file_and_binary_raise_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        read_record(str(tmp_path / "nope.txt"))
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    with pytest.raises(SourceError):
        read_record(str(binary))


def test_missing_caption_parser_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "webvtt", None)
    with pytest.raises(SourceError, match=r"pip install 'quotes\[captions\]'"):
        read_record(str(FIXTURES / "ferry" / "briefing.vtt"))


def test_record_text_is_decoded_from_legacy_encodings(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("ANA RUIZ: Le café était fermé, señor.\n\nTOM HALE: Oui.\n".encode("cp1252"))
    rec = read_record(str(path))
    assert rec.turns[0].text == "Le café était fermé, señor."
