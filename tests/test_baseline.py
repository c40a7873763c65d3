"""Baselines: record findings once, report only new ones; fingerprints survive line shifts; bad files exit 2."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import baseline
from quotes.cli import main
from quotes.model import Finding, Quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UNSOURCED = "The council met on Tuesday.\n\n“We will rebuild the bridge before the winter.”\n"
ANOTHER = "\n\n“And we will build the school next year, whatever it costs.”\n"
ALL = ["--select", "Q1,Q2,Q3,Q401"]  # Q401 too: many findings, several per file


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds plus an article with an unattributed quote; the working directory is tmp_path."""
    shutil.copytree(SEEDS, tmp_path / "archive")
    (tmp_path / "archive" / "local.txt").write_text(UNSOURCED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "archive"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def finding_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if ": Q" in line]


def test_write_then_check_reports_nothing_and_exits_0(archive: Path) -> None:
    code, before, _ = invoke("check", "archive", *ALL)
    assert code == 1 and len(finding_lines(before)) >= 5
    code, out, err = invoke("check", "archive", *ALL, "--write-baseline", "base.json")
    assert code == 0 and finding_lines(out) == []
    assert f"recorded {len(finding_lines(before))} findings in base.json" in err
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json")
    assert code == 0 and finding_lines(out) == []
    assert f"0 findings (0 errors, 0 warnings, 0 info); {len(finding_lines(before))} hidden by the baseline; " in out


def test_the_file_is_sorted_deterministic_json(archive: Path) -> None:
    invoke("check", "archive", *ALL, "--write-baseline", "a.json")
    invoke("check", "archive", *ALL, "--jobs", "2", "--write-baseline", "b.json")
    text = Path("a.json").read_text(encoding="utf-8")
    assert text == Path("b.json").read_text(encoding="utf-8") and text.endswith("}\n")
    data = json.loads(text)
    assert data["version"] == 1
    keys = [(e["source"], e["code"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(e["source"].startswith("archive/") for e in data["findings"])  # relative to the baseline's folder
    referring = [e["message"] for e in data["findings"] if e["code"] == "Q201"]
    assert referring and not any(re.search(r"\.txt:\d", m) for m in referring)  # "seeds/004.txt:30" loses its line


def test_findings_survive_line_shifts_and_only_new_ones_count(archive: Path) -> None:
    invoke("check", "archive", *ALL, "--write-baseline", "base.json")
    recorded = Path("base.json").read_text(encoding="utf-8")
    for story in archive.iterdir():  # every finding moves down three lines
        story.write_text("Updated at 10:30.\n\n\n" + story.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json")
    assert code == 0 and finding_lines(out) == []
    invoke("check", "archive", *ALL, "--write-baseline", "again.json")
    assert Path("again.json").read_text(encoding="utf-8") == recorded  # nothing in it names a line
    local = archive / "local.txt"
    local.write_text(local.read_text(encoding="utf-8") + ANOTHER, encoding="utf-8")
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json")
    assert code == 1
    new = [line.split(" ")[:2] for line in finding_lines(out)]  # the new quote is unattributed and in no other story
    assert new == [["archive/local.txt:9:2:", "Q101"], ["archive/local.txt:9:2:", "Q401"]]
    assert "2 findings (0 errors, 1 warning, 1 info); " in out
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json", "--fail-on", "error")
    assert code == 0 and len(finding_lines(out)) == 2  # new findings count as any other for --fail-on


def test_changed_words_are_a_new_finding(archive: Path) -> None:
    invoke("check", "archive", *ALL, "--write-baseline", "base.json")
    local = archive / "local.txt"
    local.write_text(UNSOURCED.replace("before the winter", "before the spring"), encoding="utf-8")
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json")
    assert code == 1 and [line.split(" ")[1] for line in finding_lines(out)] == ["Q101", "Q401"]


def test_the_baseline_works_from_another_working_directory(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("check", "archive", *ALL, "--write-baseline", "base.json")
    monkeypatch.chdir(archive)
    code, out, _ = invoke("check", ".", *ALL, "--baseline", "../base.json")
    assert code == 0 and finding_lines(out) == []
    code, out, _ = invoke("check", str(archive), *ALL, "--baseline", str(archive.parent / "base.json"))
    assert code == 0 and finding_lines(out) == []


def test_other_formats_and_statistics_see_only_new_findings(archive: Path) -> None:
    (archive / "local.txt").unlink()
    invoke("check", "archive", *ALL, "--write-baseline", "base.json")
    (archive / "local.txt").write_text(UNSOURCED, encoding="utf-8")
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json", "--format", "json")
    assert code == 1 and [f["code"] for f in json.loads(out)["findings"]] == ["Q101", "Q401"]
    code, out, _ = invoke("check", "archive", *ALL, "--baseline", "base.json", "--statistics")
    assert out.splitlines()[:2] == ["1\tQ101\tunattributed-quote", "1\tQ401\tsingle-source"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline base.json: no such file (create it with --write-baseline)"),
        ("{", "baseline base.json: not valid JSON (line 1, column 2"),
        ("[]", "baseline base.json: not a quotes baseline"),
        ('{"version": 1}', "baseline base.json: not a quotes baseline"),
        ('{"version": 7, "findings": []}', "baseline base.json: unsupported version 7"),
        ('{"version": 1, "findings": [{"code": "Q101"}]}', "baseline base.json: entry 1 needs code, source, fingerprint and a count"),
        ('{"version": 1, "findings": [{"code": "Q101", "source": "a", "fingerprint": "f", "count": 0}]}', "entry 1 has a count below 1"),
        ('{"version": 1, "findings": [7]}', "entry 1 needs"),
        (b"\xff\xfe\x00", "baseline base.json: cannot read"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(archive: Path, content: str | bytes | None, message: str) -> None:
    if isinstance(content, bytes):
        Path("base.json").write_bytes(content)
    elif content is not None:
        Path("base.json").write_text(content, encoding="utf-8")
    code, out, err = invoke("check", "archive", "--baseline", "base.json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("quotes: ") and message in err
    assert "Traceback" not in err


def test_baseline_options_are_checked(archive: Path) -> None:
    code, _, err = invoke("check", "archive", "--baseline", "a.json", "--write-baseline", "b.json")
    assert code == 2 and "not both" in err
    before = (archive / "local.txt").read_bytes()
    code, _, err = invoke("check", "archive", "--write-baseline", "archive/local.txt")
    assert code == 2 and "is an input file; refusing to write over it" in err
    assert (archive / "local.txt").read_bytes() == before
    code, _, err = invoke("check", "archive", "--write-baseline", "no/such/dir/base.json")
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_an_empty_baseline_hides_nothing(archive: Path) -> None:
    Path("base.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    assert invoke("check", "archive", *ALL, "--baseline", "base.json")[1] == invoke("check", "archive", *ALL)[1]


def _quote(text: str, start: int = 0) -> Quote:
    return Quote("a#1", "a.txt", start, start + len(text), text, 1, 1, "“", "”", True, "speech", "test")


def _finding(code: str, line: int, message: str = "m", quote: str | None = "a#1") -> Finding:
    return Finding(code=code, severity="warning", message=message, source="a.txt", line=line, column=1, quote=quote)


def test_counts_let_a_repeated_fingerprint_through_once_it_is_over(tmp_path: Path) -> None:
    quotes = {"a#1": _quote("Yes.")}
    path = str(tmp_path / "base.json")
    two = [_finding("Q301", 1, quote=None), _finding("Q301", 9, quote=None)]
    entries = baseline.build(two, quotes, path)
    assert [e.count for e in entries] == [1 + 1]
    three = [*two, _finding("Q301", 20, quote=None)]
    kept = baseline.apply(three, quotes, entries, path)
    assert kept.hidden == 2 and [f.line for f in kept.new] == [20]


def test_fingerprint_ignores_positions_but_not_words(tmp_path: Path) -> None:
    a = _quote("We  will\nrebuild.")
    b = _quote("We will rebuild.", start=50)
    c = _quote("We will not rebuild.")
    f = _finding("Q201", 3, "wording differs from b.txt:30: [-x-]")
    moved = _finding("Q201", 9, "wording differs from b.txt:41: [-x-]")
    assert baseline.fingerprint(f, "a.txt", a) == baseline.fingerprint(moved, "a.txt", b)
    assert baseline.fingerprint(f, "a.txt", a) != baseline.fingerprint(f, "a.txt", c)
    assert baseline.fingerprint(f, "a.txt", a) != baseline.fingerprint(_finding("Q202", 3), "a.txt", a)
    assert baseline.fingerprint(f, "a.txt", a) != baseline.fingerprint(f, "b.txt", a)
    no_quote = _finding("Q301", 3, "opening “ at offset 57 is never closed", quote=None)
    assert baseline.fingerprint(no_quote, "a.txt", None) == baseline.fingerprint(
        _finding("Q301", 8, "opening “ at offset 210 is never closed", quote=None), "a.txt", None
    )
    assert baseline.fingerprint(no_quote, "a.txt", None) != baseline.fingerprint(
        _finding("Q301", 8, "opening « at offset 210 is never closed", quote=None), "a.txt", None
    )
    assert baseline.normalised_message("differs from x.txt:30:2: [-a-]") == "differs from x.txt: [-a-]"
