"""The command line, through click's CliRunner: commands, formats, exit codes, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "seeds")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_json_is_one_object_with_valid_offsets(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", SEEDS, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and len(data["sources"]) == 5
    texts = {p.name: p.read_text(encoding="utf-8") for p in Path(SEEDS).iterdir()}
    for q in data["quotes"]:
        assert texts[Path(q["source"]).name][q["start"]:q["end"]] == q["text"]


def test_extract_table_and_csv(runner: CliRunner) -> None:
    table = runner.invoke(main, ["extract", SEEDS])
    assert table.exit_code == 0
    assert "category" in table.stdout and "Antony Blinken" in table.stdout
    csv_out = runner.invoke(main, ["extract", SEEDS, "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[0].startswith("id,source,start,end")


def test_unreadable_file_is_one_line_and_exit_2_but_others_are_processed(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("“We will rebuild the bridge,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "missing.txt"), str(good), "--format", "json"])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [q["speaker"] for q in data["quotes"]] == ["Ana Ruiz"]


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["check", SEEDS, "--format", "nope"]).exit_code == 2
    assert runner.invoke(main, ["check", SEEDS, "--fail-on", "fatal"]).exit_code == 2


def test_check_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("“We will rebuild the bridge,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    assert runner.invoke(main, ["check", str(clean)]).exit_code == 0
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("The meeting ended.\n\n“We will rebuild the bridge before the winter.”\n", encoding="utf-8")
    assert runner.invoke(main, ["check", str(dirty)]).exit_code == 1
    assert runner.invoke(main, ["check", str(dirty), "--exit-zero"]).exit_code == 0
    assert runner.invoke(main, ["check", str(dirty), "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(main, ["check", str(dirty), "--ignore", "Q1"]).exit_code == 0
    assert runner.invoke(main, ["check", str(dirty), "--select", "Q3"]).exit_code == 0


def test_check_default_format_is_lines(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", SEEDS])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(": Q102 " in line for line in lines)
    assert "5 sources" in lines[-1]


def test_rules_lists_every_code(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0
    for code in ("Q101", "Q102", "Q103", "Q104", "Q201", "Q202", "Q203", "Q301", "Q302", "Q401", "Q504"):
        assert code in result.stdout


def test_python_dash_m_works() -> None:
    out = subprocess.run([sys.executable, "-m", "quotes", "--version"], capture_output=True, text=True, check=True)
    assert "quotes" in out.stdout


def test_config_file_is_used(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".quotes.toml").write_text('ignore = ["Q1"]\n', encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("The meeting ended.\n\n“We will rebuild the bridge before the winter.”\n", encoding="utf-8")
    assert runner.invoke(main, ["check", str(dirty)]).exit_code == 0


def test_a_bug_on_one_source_is_an_error_line_and_the_others_go_on(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotes.pipeline

    real = quotes.pipeline.extract

    def fragile(source):  # type: ignore[no-untyped-def]
        if "boom" in source.text:
            raise IndexError("list index out of range")
        return real(source)

    monkeypatch.setattr(quotes.pipeline, "extract", fragile)
    (tmp_path / "a.txt").write_text("“boom,” Ana Ruiz said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“We will rebuild the bridge,” Mayor Tom Hale said.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "a.txt: internal error (IndexError" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert [q["speaker"] for q in json.loads(result.stdout)["quotes"]] == ["Tom Hale"]
