"""Output formats of `check`: lines, table, JSON contract, SARIF 2.1.0 (schema-validated), GitHub."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from quotes.config import Config
from quotes.pipeline import Run, check
from quotes.render.formats import CHECK_FORMATS, CheckGithub, CheckSarif
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
    assert "finding" in out[-1] and "5 sources" in out[-1]


def test_github_annotations_escape_newlines_and_commas(seeds_run: Run) -> None:
    out = CheckGithub().render(seeds_run).splitlines()
    assert len(out) == len(seeds_run.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert all("\n" not in line for line in out)
