"""`quotes check seeds/` end to end: the showcase groups, drift and attributions of issue 4."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import main
from quotes.config import Config
from quotes.model import Quote
from quotes.pipeline import Run, check
from quotes.sources import ReadOptions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def run() -> Run:
    return check([str(SEEDS)], Config(), ReadOptions())


def quote(run: Run, seed: str, words: str) -> Quote:
    hits = [q for d in run.docs for q in d.quotes if Path(q.source).name.startswith(seed) and words in q.text]
    assert len(hits) == 1, f"{len(hits)} quotes in {seed} contain {words!r}"
    return hits[0]


def group_of(run: Run, q: Quote) -> dict[str, str]:
    """quote id → relation for the group holding `q` whose reference is not `q` itself, or its own."""
    for g in run.groups:
        members = {m.quote: m.relation for m in g.members}
        if q.id in members:
            return members
    raise AssertionError(f"{q.id} is in no group")


def test_irresponsible_decision_group(run: Run) -> None:
    full = quote(run, "001", "I urged Russia to reverse its irresponsible decision")
    part = quote(run, "004", "its irresponsible decision and return to")
    members = group_of(run, part)
    assert members.get(full.id) == "reference"
    assert members[part.id] == "partial"


def test_mutual_compliance_group_is_exact(run: Run) -> None:
    q004 = quote(run, "004", "Mutual compliance is in the interest")
    q001 = quote(run, "001", "I urged Russia")
    members = group_of(run, q004)
    assert q001.id in members
    assert {members[q001.id], members[q004.id]} == {"reference", "exact"}


def test_regardless_vs_no_matter_is_wording_drift(run: Run) -> None:
    q001 = quote(run, "001", "regardless of what else is happening")
    q004 = quote(run, "004", "no matter what else is happening")
    drift = [f for f in run.findings if f.code == "Q201"]
    assert any(f.quote == q001.id and q004.id in f.related for f in drift)
    group = next(g for g in run.groups if q001.id in {m.quote for m in g.members})
    member = next(m for m in group.members if m.quote == q001.id)
    assert member.drift.klass == "wording"
    changed = {(op.a, op.b) for op in member.drift.ops if op.op != "equal"}
    assert ("no matter", "regardless of") in changed


def test_anonymous_source_in_001(run: Run) -> None:
    q = quote(run, "001", "saw the purpose of this")
    assert q.attribution.anonymous
    assert any(f.code == "Q102" and f.quote == q.id for f in run.findings)


def test_no_finding_on_non_speech_quotes(run: Run) -> None:
    non_speech = {q.id for d in run.docs for q in d.quotes if not q.speech}
    assert non_speech, "the seeds have titles, a scare quote and UI text"
    assert not [f for f in run.findings if f.quote in non_speech]
    for f in run.findings:  # no finding sits on a non-speech quote's line either, via marks
        assert f.code != "Q301" or f.quote is None


def test_no_meaning_drift_or_conflict_on_the_seeds(run: Run) -> None:
    codes = {f.code for f in run.findings}
    assert not codes & {"Q103", "Q202", "Q301", "Q302"}


def test_cli_check_seeds_exit_code_and_summary() -> None:
    result = CliRunner().invoke(main, ["check", str(SEEDS)])
    assert result.exit_code == 1  # a warning (Q102, Q201) is at the default --fail-on
    assert "5 sources" in result.stdout.splitlines()[-1]


def test_single_source_is_off_by_default_and_on_when_selected(run: Run) -> None:
    assert not [f for f in run.findings if f.code == "Q401"]
    selected = check([str(SEEDS)], Config(select=("Q401",)), ReadOptions())
    assert {f.code for f in selected.findings} == {"Q401"}
    grouped = {m.quote for g in selected.groups for m in g.members}
    flagged = {f.quote for f in selected.findings}
    assert flagged and not flagged & grouped  # a quote some other seed carries is never single-source
    anonymous = quote(selected, "001", "saw the purpose of this")
    assert anonymous.id in flagged


def test_cli_select_q401_adds_it_and_a_prefix_does_not() -> None:
    runner = CliRunner()
    default = runner.invoke(main, ["check", str(SEEDS)]).stdout
    prefix = runner.invoke(main, ["check", str(SEEDS), "--select", "Q"]).stdout
    extended = runner.invoke(main, ["check", str(SEEDS), "--extend-select", "Q401"]).stdout
    assert " Q401 " not in default and prefix == default
    assert " Q401 " in extended and " Q102 " in extended and " Q201 " in extended
