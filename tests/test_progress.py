"""The progress bar on stderr: off when stderr is not a terminal, on with --progress, off with --no-progress.

The bar counts input files; it never touches standard output, so reports are the same with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import quotes.cli
from quotes.cli import main

ARTICLES = [
    "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday.\n",
    "Ruiz told reporters: “We will rebuild the bridge by spring.”\n",
    "“The money is there,” a senior official said on condition of anonymity.\n",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for i, text in enumerate(ARTICLES):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def bar_shown(stderr: str, label: str) -> bool:
    return label in stderr and f"{len(ARTICLES)}/{len(ARTICLES)}" in stderr


@pytest.mark.parametrize(("command", "label"), [("check", "checking"), ("extract", "extracting"),
                                                ("diff", "reading")])
def test_off_when_stderr_is_not_a_terminal(folder: Path, command: str, label: str) -> None:
    _, _, stderr = run([command, str(folder)])
    assert not bar_shown(stderr, label) and label not in stderr


@pytest.mark.parametrize(("command", "label"), [("check", "checking"), ("extract", "extracting"),
                                                ("diff", "reading")])
def test_on_with_progress_and_stdout_unchanged(folder: Path, command: str, label: str) -> None:
    plain = run([command, str(folder)])
    shown = run([command, "--progress", str(folder)])
    assert bar_shown(shown[2], label)
    assert shown[:2] == plain[:2]  # the same exit code and report


def test_on_by_default_on_a_terminal_and_off_with_no_progress(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes.cli, "_stderr_is_terminal", lambda: True)
    code, stdout, stderr = run(["check", "--format", "json", str(folder)])
    assert bar_shown(stderr, "checking")
    quiet = run(["check", "--format", "json", "--no-progress", str(folder)])
    assert "checking" not in quiet[2]
    assert quiet[:2] == (code, stdout)


def test_counts_files_with_jobs(folder: Path) -> None:
    """Worker processes report back in input order: the bar still ends at every file."""
    _, stdout, stderr = run(["check", "--jobs", "2", "--progress", "--format", "json", str(folder)])
    assert bar_shown(stderr, "checking")
    assert stdout == run(["check", "--format", "json", str(folder)])[1]


def test_unreadable_inputs_are_not_counted(folder: Path) -> None:
    """The bar counts files that are read; a missing path is an error line, not a step."""
    _, _, stderr = run(["check", "--progress", str(folder), str(folder / "missing.txt")])
    assert bar_shown(stderr, "checking") and "missing.txt" in stderr
