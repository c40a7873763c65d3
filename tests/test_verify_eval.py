"""Verification scored against gold relations: the fixtures under fixtures/verify/ and the arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.verify_eval import (
    RELATION_STATUS,
    VerifyReport,
    format_verify_report,
    score_verification,
)

GOLD = Path(__file__).parent.parent / "fixtures" / "verify" / "gold.jsonl"


@pytest.fixture(scope="module")
def lines() -> list[dict]:
    return [json.loads(s) for s in GOLD.read_text(encoding="utf-8").splitlines() if s.strip()]


def test_fixture_gold_offsets_are_true(lines: list[dict]) -> None:
    for line in lines:
        if line["kind"] != "article":
            continue
        text = (GOLD.parent / line["path"]).read_text(encoding="utf-8")
        for q in line["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"]


def test_fixtures_plant_every_relation(lines: list[dict]) -> None:
    planted = {
        q["variant_of"]["relation"] for line in lines if line["kind"] == "article"
        for q in line["quotes"] if q["variant_of"]
    }
    assert planted == set(RELATION_STATUS)
    assert {line["kind"] for line in lines} == {"transcript", "captions", "statement", "article"}


# Our own planted fixtures, and three events whose gold was written by an author who never read
# the code (fixtures/fresh/README.md).
FRESH = Path(__file__).parent.parent / "fixtures" / "fresh" / "verify" / "gold.jsonl"
_REPORTS: dict[Path, VerifyReport] = {}


def _report(gold: Path) -> VerifyReport:
    """The verification report of one gold file, scored once per test session."""
    if gold not in _REPORTS:
        _REPORTS[gold] = score_verification(str(gold))
    return _REPORTS[gold]


@pytest.mark.parametrize("gold", [GOLD, FRESH], ids=["fixtures", "fresh"])
@pytest.mark.parametrize("status", sorted(set(RELATION_STATUS.values())))
def test_recall_per_status(gold: Path, status: str) -> None:
    report = _report(gold)
    recall = report.recall(status)
    assert recall is not None and recall >= 0.95, format_verify_report(report, show_misses=True)


@pytest.mark.parametrize("gold", [GOLD, FRESH], ids=["fixtures", "fresh"])
def test_no_exact_quote_is_drift(gold: Path) -> None:
    report = _report(gold)
    assert report.exact_as_drift == 0
    assert report.turns_total > 0 and report.turns_right == report.turns_total


def test_report_counts_misses_and_unscored(tmp_path: Path) -> None:
    """A wrong gold label must show up as a miss: the scoring can fail."""
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "transcript.txt").write_text(
        "Briefing.\n\nANA RUIZ: We will rebuild the bridge before the winter. It will cost a lot.\n",
        encoding="utf-8",
    )
    article = "“We will rebuild the bridge before the winter,” Ruiz said. “Nobody asked us,” a resident said."
    (tmp_path / "ev" / "a.txt").write_text(article, encoding="utf-8")
    first = "We will rebuild the bridge before the winter,"
    quotes = [
        {"start": 1, "end": 1 + len(first), "text": first, "speaker": "Ana Ruiz",
         "variant_of": {"transcript_turn": 0, "relation": "drift"}},
        {"start": article.index("Nobody"), "end": article.index("Nobody") + len("Nobody asked us"),
         "text": "Nobody asked us", "speaker": "anonymous", "variant_of": None},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"path": "ev/transcript.txt", "kind": "transcript", "event": "ev"}) + "\n"
        + json.dumps({"path": "ev/a.txt", "kind": "article", "event": "ev", "quotes": quotes}) + "\n",
        encoding="utf-8",
    )
    report = score_verification(str(gold))
    assert report.confusion == {("drift", "exact"): 1}
    assert report.recall("drift") == 0.0
    assert report.precision("exact") == 0.0
    assert report.recall("exact") is None
    assert report.unscored == {"unchecked": 1}
    assert [(m.expected, m.got) for m in report.misses] == [("drift", "exact")]
    assert "miss:" not in format_verify_report(report)
    text = format_verify_report(report, show_misses=True)
    assert "miss: drift -> exact" in text
    assert "exact quotes reported as drift: 0" in text
