"""Output formats of `check`: lines, table, JSON contract, SARIF 2.1.0 (schema-validated), GitHub."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from quotes.config import Config
from quotes.pipeline import Run, check
from quotes.render.formats import (
    CHECK_FORMATS,
    STATISTICS_FORMATS,
    CheckGithub,
    CheckLines,
    CheckSarif,
    check_renderer,
    explain,
    summary,
)
from quotes.rules import Rule, rule_table
from quotes.sources import ReadOptions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_run() -> Run:
    return check([str(SEEDS)], Config(), ReadOptions())


def test_sarif_validates_against_the_official_schema(seeds_run: Run) -> None:
    log = json.loads(CheckSarif().render(seeds_run))
    jsonschema.validate(log, SCHEMA)
    results = log["runs"][0]["results"]
    assert len(results) == len(seeds_run.findings) > 0
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_sarif_of_a_clean_run_validates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("No quotes in this one.\n", encoding="utf-8")
    log = json.loads(CheckSarif().render(check([str(tmp_path)], Config(), ReadOptions())))
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []


def test_sarif_schema_rejects_a_broken_log(seeds_run: Run) -> None:
    """The schema check can fail: a result without a message is not SARIF."""
    log = json.loads(CheckSarif().render(seeds_run))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SCHEMA)


def test_json_contract(seeds_run: Run) -> None:
    data = json.loads(CHECK_FORMATS["json"]().render(seeds_run))
    assert data["version"] == 1
    texts = {s.path: Path(s.path).read_text(encoding="utf-8") for s in seeds_run.sources}
    assert all(s["chars"] == len(texts[s["path"]]) for s in data["sources"])
    ids = set()
    for q in data["quotes"]:
        assert texts[q["source"]][q["start"]:q["end"]] == q["text"]
        for key in ("id", "source", "start", "end", "line", "column", "text", "speech", "category", "parent",
                    "speaker", "speaker_mention", "cue", "anonymous", "confidence"):
            assert key in q
        ids.add(q["id"])
    for g in data["groups"]:
        assert g["reference"] in ids
        for m in g["members"]:
            assert m["relation"] in {"reference", "exact", "partial", "fuzzy"}
            assert m["drift"] in {"none", "cosmetic", "wording", "meaning"}
            assert all(op["op"] in {"equal", "replace", "insert", "delete"} for op in m["diff"])
    for f in data["findings"]:
        assert f["severity"] in {"info", "warning", "error"}
        assert f["quote"] is None or f["quote"] in ids
        assert set(f["related"]) <= ids


def test_lines_format_and_summary(seeds_run: Run) -> None:
    out = CHECK_FORMATS["lines"]().render(seeds_run).splitlines()
    assert len(out) == len(seeds_run.findings) + 1
    first = seeds_run.findings[0]
    assert out[0].startswith(f"{first.source}:{first.line}:{first.column}: {first.code} ")
    assert "finding" in out[-1] and "in 5 sources" in out[-1]


def test_github_annotations_escape_newlines_and_commas(seeds_run: Run) -> None:
    out = CheckGithub().render(seeds_run).splitlines()
    assert len(out) == len(seeds_run.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert all("\n" not in line for line in out)


@pytest.fixture(scope="module")
def all_run() -> Run:
    return check([str(SEEDS)], Config(select=("Q", "Q401")), ReadOptions())


def test_summary_counts_what_was_checked(all_run: Run) -> None:
    def n(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}"

    speech = sum(q.speech for d in all_run.docs for q in d.quotes)
    severities = [f.severity for f in all_run.findings]
    assert summary(all_run) == (
        f"{n(len(all_run.findings), 'finding')} ({n(severities.count('error'), 'error')}, "
        f"{n(severities.count('warning'), 'warning')}, {severities.count('info')} info); "
        f"checked {n(speech, 'speech quote')} in {n(len(all_run.docs), 'source')}, {n(len(all_run.groups), 'variant group')}"
    )
    assert "; 3 hidden by the baseline; " in summary(all_run, baselined=3)


def test_summary_singular_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The meeting ended.\n\n“We will rebuild the bridge before the winter.”\n", encoding="utf-8")
    one = check([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")], Config(), ReadOptions())
    assert summary(one) == (
        "1 finding (0 errors, 1 warning, 0 info); checked 1 speech quote in 1 source (and 1 unreadable), 0 variant groups"
    )


def test_statistics_count_by_code_most_frequent_first(all_run: Run) -> None:
    out = STATISTICS_FORMATS["lines"]().render(all_run).splitlines()
    rows = [line.split("\t") for line in out[:-1]]
    names = {r.code: r.name for r in rule_table()}
    counted = {code: sum(f.code == code for f in all_run.findings) for code in {f.code for f in all_run.findings}}
    assert {code: int(n) for n, code, _ in rows} == counted
    assert all(names[code] == name for _, code, name in rows)
    assert [int(n) for n, _, _ in rows] == sorted((int(n) for n, _, _ in rows), reverse=True)
    assert rows[0][1] == "Q401" and out[-1] == summary(all_run)


def test_statistics_json(all_run: Run) -> None:
    data = json.loads(STATISTICS_FORMATS["json"]().render(all_run))
    assert sum(row["count"] for row in data) == len(all_run.findings)
    assert set(data[0]) == {"code", "name", "severity", "count"}


def test_lines_colour_only_when_asked(seeds_run: Run) -> None:
    plain = CheckLines().render(seeds_run)
    coloured = CheckLines(color=True).render(seeds_run)
    assert "\x1b[" not in plain and "\x1b[" in coloured
    import click

    assert click.unstyle(coloured) == plain


def test_check_renderer_passes_options_only_to_check_formats(seeds_run: Run) -> None:
    class Plain:
        def render(self, run: Run) -> str:
            return "plain"

    CHECK_FORMATS["plain-test"] = Plain  # another module's renderer, registered by adding to the dict
    try:
        assert check_renderer("plain-test", color=True, baselined=2).render(seeds_run) == "plain"
    finally:
        del CHECK_FORMATS["plain-test"]
    assert "2 hidden by the baseline" in check_renderer("table", baselined=2).render(seeds_run)


def test_sarif_marks_opt_in_rules_disabled_by_default(seeds_run: Run) -> None:
    rules = json.loads(CheckSarif().render(seeds_run))["runs"][0]["tool"]["driver"]["rules"]
    disabled = {r["id"] for r in rules if not r["defaultConfiguration"]["enabled"]}
    assert disabled == {"Q401"}


@pytest.mark.parametrize("rule", rule_table(), ids=[r.code for r in rule_table()])
def test_explain_shows_every_example(rule: Rule) -> None:
    text = explain(rule)
    assert text.splitlines()[0].startswith(f"{rule.code} {rule.name} ({rule.severity}, ")
    assert rule.message in text
    for label, example in rule.examples():
        for article in example.split(" || "):
            assert article.strip() in text
        assert f"  {label}: " in text
    assert ("off by default" in text) is rule.opt_in
