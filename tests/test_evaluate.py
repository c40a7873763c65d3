"""`quotes eval`: gold loading (flat and path-based), matching, figures, misses, the CLI."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from quotes.cli import main
from quotes.evaluate import (
    SCORERS,
    EvalData,
    GoldQuote,
    Section,
    evaluate,
    format_report,
    load_gold,
    match,
    overlap,
)
from quotes.model import Quote

DEV = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "shared", "eval", "authored-dev")
ARTICLE = (
    "Harlow Bay votes\n\n"
    "“We will build it,” said Odile Quint, the mayor.\n\n"
    "Ben Arlo warned that the plan was “reckless”. A senior official said: “The money is solid.”\n\n"
    "The report “Tides of Change” was cited.\n"
)


def _span(text: str, words: str) -> tuple[int, int]:
    s = text.index(words)
    return s, s + len(words)


def _flat(tmp_path, speakers=("Odile Quint", "Ben Arlo", "anonymous"),
          mentions=("Odile Quint", "Ben Arlo", "A senior official")) -> str:
    quotes = []
    for words, speaker, mention in zip(("We will build it,", "reckless", "The money is solid."), speakers,
                                       mentions, strict=True):
        s, e = _span(ARTICLE, words)
        ms, me = _span(ARTICLE, mention)
        quotes.append({"start": s, "end": e, "text": words, "speaker": speaker, "speaker_start": ms,
                       "speaker_end": me, "direct": True, "nested": False})
    s, e = _span(ARTICLE, "Tides of Change")
    line = {"id": "a.txt", "path": "a.txt", "text": ARTICLE, "quotes": quotes,
            "not_speech": [{"start": s, "end": e, "text": "Tides of Change", "why": "title"}]}
    path = tmp_path / "flat.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return str(path)


def test_overlap_and_one_to_one_matching() -> None:
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert overlap((0, 5), (5, 10)) == 0.0
    gold = (GoldQuote(0, 10, "x", None), GoldQuote(12, 20, "y", None))
    q = lambda s, e: Quote("a#1", "a", s, e, "t", 1, 1, "“", "”", True, "speech", "t")  # noqa: E731
    assert match(gold, [q(0, 10), q(1, 10)], 0.8) == {0: 0}  # one predicted quote per gold quote
    assert match(gold, [q(0, 9), q(12, 20)], 0.8) == {0: 0, 1: 1}
    assert match(gold, [q(5, 18)], 0.8) == {}


def test_flat_gold_scores_extraction_and_speakers(tmp_path) -> None:
    report = evaluate(_flat(tmp_path))
    m = report.metrics
    assert m["quote_f1@0.8"] == 1.0 and m["quote_f1@0.3"] == 1.0
    assert m["speaker_accuracy"] == 1.0 and m["anonymous_accuracy"] == 1.0
    text = format_report(report)
    assert "overlap >= 0.3" in text and "overlap >= 0.8" in text and "speaker accuracy" in text
    assert "cue_after" in text and "anonymous-source accuracy" in text


def test_wrong_gold_speaker_is_a_miss_in_context(tmp_path) -> None:
    path = _flat(tmp_path, speakers=("Someone Else", "Ben Arlo", "anonymous"),
                 mentions=("Harlow Bay", "Ben Arlo", "A senior official"))
    report = evaluate(path, spans="gold")
    assert report.metrics["speaker_accuracy"] == pytest.approx(2 / 3)
    text = format_report(report, show_misses=True)
    assert "a.txt:3:2: speaker gold 'Someone Else' vs predicted 'Odile Quint'" in text
    assert "⟦We will build it,⟧" in text
    assert "Misses" not in format_report(report, show_misses=False)


def test_missing_and_extra_quotes_are_reported(tmp_path) -> None:
    path = _flat(tmp_path)
    with open(path, encoding="utf-8") as f:
        line = json.loads(f.read())
    line["quotes"] = [*line["quotes"][:2], {"start": 0, "end": 6, "text": "Harlow", "speaker": None, "nested": False}]
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    report = evaluate(path)
    assert report.metrics["quote_precision@0.8"] == pytest.approx(2 / 3)
    assert report.metrics["quote_recall@0.8"] == pytest.approx(2 / 3)
    text = format_report(report, show_misses=True)
    assert "missed quote" in text and "extra speech quote" in text


def test_path_based_gold_merges_segments_and_skips_transcripts(tmp_path) -> None:
    text = "Ana Silva said: “One.\n\n“Two.”\n"
    (tmp_path / "art.txt").write_text(text, encoding="utf-8")
    (tmp_path / "transcript.txt").write_text("ANA SILVA: One. Two.\n", encoding="utf-8")
    one, two = text.index("One."), text.index("Two.")
    gold = [
        {"path": "art.txt", "kind": "article", "quotes": [
            {"start": one, "end": one + 4, "text": "One.", "speaker": "Ana Silva",
             "speaker_mention": {"start": 0, "end": 9, "text": "Ana Silva"}, "continues": None, "nested_in": None},
            {"start": two, "end": two + 4, "text": "Two.", "speaker": "Ana Silva", "speaker_mention": None,
             "continues": one, "nested_in": None}], "not_speech": []},
        {"path": "transcript.txt", "kind": "transcript", "quotes": [
            {"start": 11, "end": 20, "text": "One. Two.", "speaker": "Ana Silva", "turn": 0}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    files = load_gold(str(path))
    assert [f.kind for f in files] == ["article", "transcript"]
    assert [(q.start, q.end) for q in files[0].quotes] == [(one, two + 4)]
    report = evaluate(str(path))
    assert report.metrics["quote_f1@0.8"] == 1.0 and report.metrics["speaker_accuracy"] == 1.0


def test_scorers_are_extensible(tmp_path) -> None:
    def count_files(data: EvalData) -> Section:
        return Section("Files", (f"{len(data.files)} files",), {"files": float(len(data.files))})

    report = evaluate(_flat(tmp_path), scorers=[*SCORERS, count_files])
    assert report.metrics["files"] == 1.0
    assert "## Files" in format_report(report)


def test_cli_eval(tmp_path) -> None:
    result = CliRunner().invoke(main, ["eval", _flat(tmp_path), "--show-misses"])
    assert result.exit_code == 0, result.output
    assert "speaker accuracy: 1.000" in result.output


@pytest.mark.parametrize("name", ["flat.jsonl", "gold.jsonl"])
def test_dev_set_targets(name: str) -> None:
    m = evaluate(os.path.join(DEV, name)).metrics
    assert m["quote_f1@0.8"] >= 0.95
    assert m["speaker_accuracy"] >= 0.90


def test_markdown_gold_is_read_as_markdown(tmp_path) -> None:
    # Quotes inside code are no quotes in a .md file, in `quotes eval` as in `quotes extract`.
    text = "“We open in May,” said Ana Ruiz.\n\n```\nReply \"STOP\" to opt out.\n```\n\nA field such as `status: \"waiting\"` is set.\n"
    s, e = _span(text, "We open in May,")
    line = {"id": "a.md", "path": "a.md", "text": text, "not_speech": [],
            "quotes": [{"start": s, "end": e, "text": "We open in May,", "speaker": "Ana Ruiz", "direct": True,
                        "nested": False}]}
    path = tmp_path / "flat.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    m = evaluate(str(path)).metrics
    assert m["quote_f1@0.8"] == 1.0, m
