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


DIRTY = "The meeting ended.\n\n“We will rebuild the bridge before the winter.”\n"


def test_dash_reads_one_article_from_stdin_named_by_stdin_filename(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-", "--stdin-filename", "desk/story.md"], input=DIRTY)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("desk/story.md:3:2: Q101 ")
    assert "checked 1 speech quote in 1 source" in result.stdout
    unnamed = runner.invoke(main, ["extract", "-", "--format", "json"], input=DIRTY.encode("utf-8"))
    data = json.loads(unnamed.stdout)
    assert [s["path"] for s in data["sources"]] == ["-"]
    assert DIRTY[data["quotes"][0]["start"]:data["quotes"][0]["end"]] == data["quotes"][0]["text"]


def test_stdin_joins_files_and_its_name_picks_the_reader(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text("“We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    story = "<!-- “not a quote” -->\n“We will rebuild the bridge before the spring,” Ruiz said.\n"
    result = runner.invoke(main, ["extract", str(tmp_path / "wire.txt"), "-", "--stdin-filename", "draft.md", "--format", "json"], input=story)
    data = json.loads(result.stdout)
    assert [(s["path"], s["format"]) for s in data["sources"]] == [(str(tmp_path / "wire.txt"), "text"), ("draft.md", "markdown")]
    assert [q["text"] for q in data["quotes"] if q["source"] == "draft.md"] == ["We will rebuild the bridge before the spring,"]


def test_stdin_misuse_is_a_usage_error(runner: CliRunner) -> None:
    twice = runner.invoke(main, ["check", "-", "-"], input=DIRTY)
    assert twice.exit_code == 2 and "only once" in twice.stderr
    name_only = runner.invoke(main, ["check", SEEDS, "--stdin-filename", "a.txt"])
    assert name_only.exit_code == 2 and "needs `-`" in name_only.stderr
    empty = runner.invoke(main, ["check", "-", "--stdin-filename", "a.txt"], input="")
    assert empty.exit_code == 0 and "a.txt: empty file" in empty.stderr


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("extract", "table"), ("extract", "json"), ("extract", "csv"),
     *(("check", f) for f in ("lines", "table", "json", "sarif", "github"))],
)
def test_output_file_holds_exactly_what_stdout_would(runner: CliRunner, tmp_path: Path, command: str, fmt: str) -> None:
    target = tmp_path / "report.out"
    target.write_text("old report\n", encoding="utf-8")
    printed = runner.invoke(main, [command, SEEDS, "--format", fmt])
    written = runner.invoke(main, [command, SEEDS, "--format", fmt, "--output", str(target)])
    assert written.exit_code == printed.exit_code and written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["report.out"]  # no temporary file left behind


def test_output_never_overwrites_an_input(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DIRTY, encoding="utf-8")
    record = tmp_path / "record.txt"
    record.write_text("We will rebuild the bridge before the winter.\n", encoding="utf-8")
    for args in (["extract", str(tmp_path), "-o", str(story)],
                 ["check", str(story), "--output", str(story)],
                 ["check", str(story), "--record", str(record), "--output", str(record)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "is an input file; refusing to write over it" in result.stderr, args
        assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert story.read_text(encoding="utf-8") == DIRTY
    assert record.read_text(encoding="utf-8") == "We will rebuild the bridge before the winter.\n"
    missing = runner.invoke(main, ["check", str(story), "--output", str(tmp_path / "no" / "r.txt")])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    folder = runner.invoke(main, ["check", str(story), "--output", str(tmp_path)])
    assert folder.exit_code == 2


def test_output_of_an_aborted_run_leaves_the_old_file(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotes.render.formats

    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def broken(self, sources, docs, write):  # type: ignore[no-untyped-def]
        write('{"half": ')
        raise RuntimeError("disk full")

    monkeypatch.setattr(quotes.render.formats.ExtractJson, "stream", broken)
    result = runner.invoke(main, ["extract", SEEDS, "--format", "json", "-o", str(target)])
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_statistics_counts_by_code_then_the_summary(runner: CliRunner) -> None:
    full = runner.invoke(main, ["check", SEEDS, "--extend-select", "Q401"])
    stats = runner.invoke(main, ["check", SEEDS, "--extend-select", "Q401", "--statistics"])
    assert stats.exit_code == full.exit_code == 1
    codes = [line.split(": ")[1].split(" ")[0] for line in full.stdout.splitlines()[:-1]]
    rows = [line.split("\t") for line in stats.stdout.splitlines()[:-1]]
    assert {code: int(n.strip()) for n, code, _ in rows} == {c: codes.count(c) for c in set(codes)}
    assert stats.stdout.splitlines()[-1] == full.stdout.splitlines()[-1]
    as_json = runner.invoke(main, ["check", SEEDS, "--statistics", "--format", "json"])
    assert sum(row["count"] for row in json.loads(as_json.stdout)) == 2
    sarif = runner.invoke(main, ["check", SEEDS, "--statistics", "--format", "sarif"])
    assert sarif.exit_code == 2 and "--statistics works with --format" in sarif.stderr


def test_rule_explains_one_code_with_its_examples(runner: CliRunner) -> None:
    from quotes.rules import rule_by_code

    result = runner.invoke(main, ["rule", "q202"])
    assert result.exit_code == 0
    rule = rule_by_code("Q202")
    assert rule is not None
    assert result.stdout.startswith("Q202 meaning-drift (error, on by default)\n\n" + rule.summary)
    for _, text in rule.examples():
        assert all(article.strip() in result.stdout for article in text.split(" || "))
    opt_in = runner.invoke(main, ["rule", "Q401"])
    assert "off by default; enable it with --select Q401" in opt_in.stdout
    unknown = runner.invoke(main, ["rule", "Q999"])
    assert unknown.exit_code == 2 and unknown.stderr == "quotes: unknown rule 'Q999'; `quotes rules` lists every code\n"


def test_colour_only_when_asked_or_on_a_terminal_without_no_color(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import cli

    assert "\x1b[" not in runner.invoke(main, ["check", SEEDS]).stdout  # not a terminal
    assert "\x1b[" in runner.invoke(main, ["check", SEEDS, "--color"]).stdout
    assert "\x1b[" in runner.invoke(main, ["diff", SEEDS, "--color"]).stdout
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._color(None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._color(None) is False
    assert cli._color(True) is True  # an explicit flag wins over the environment
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert cli._color(None) is True
    assert cli._color(False) is False


def test_output_file_is_never_coloured(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    runner.invoke(main, ["check", SEEDS, "--color", "-o", str(target)])
    assert "\x1b[" not in target.read_text(encoding="utf-8")
