"""The rules: every docstring example is harvested and run through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.config import Config
from quotes.pipeline import check
from quotes.rules import RULES, Rule, rule_table, selected, suppressions
from quotes.rules.verification import EXAMPLE_RECORD
from quotes.sources import ReadOptions

ALL = rule_table()
EXAMPLES = [(r, label, text) for r in ALL for label, text in r.examples()]


def run_example(tmp_path: Path, rule: Rule, text: str) -> set[str]:
    """Write each ` || `-separated source to a file, check them all, return the codes found."""
    paths = []
    for i, part in enumerate(text.split(" || ")):
        path = tmp_path / f"source{i}.txt"
        path.write_text(part.strip() + "\n", encoding="utf-8")
        paths.append(str(path))
    records = ()
    if rule.code.startswith("Q5"):
        record = tmp_path / "record.txt"
        record.write_text(EXAMPLE_RECORD, encoding="utf-8")
        records = (str(record),)
    run = check(paths, Config(), ReadOptions(), records=records)
    return {f.code for f in run.findings}


@pytest.mark.parametrize(
    ("rule", "label", "text"), EXAMPLES, ids=[f"{r.code}-{label}-{i}" for i, (r, label, _) in enumerate(EXAMPLES)]
)
def test_docstring_example(tmp_path: Path, rule: Rule, label: str, text: str) -> None:
    codes = run_example(tmp_path, rule, text)
    if label == "Okay":
        assert rule.code not in codes, f"{rule.code} fired on its Okay example: {text}"
    else:
        assert label == rule.code, f"example labelled {label} in the docstring of {rule.code}"
        assert rule.code in codes, f"{rule.code} did not fire on its example: {text} (got {sorted(codes)})"


@pytest.mark.parametrize("rule", ALL, ids=[r.code for r in ALL])
def test_every_rule_has_both_kinds_of_example(rule: Rule) -> None:
    labels = {label for label, _ in rule.examples()}
    assert labels == {"Okay", rule.code}


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for r in RULES:
        assert r.code[0] == "Q" and r.code[1:].isdigit() and len(r.code) == 4
        assert r.severity in {"info", "warning", "error"}
        assert r.doc.strip(), f"{r.code} has no docstring"


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("Q101", (), (), True),
        ("Q101", ("Q1",), (), True),
        ("Q201", ("Q1",), (), False),
        ("Q101", (), ("Q1",), False),
        ("Q102", ("Q1",), ("Q101",), True),
        ("Q101", ("Q101",), ("Q1",), True),  # the more specific prefix wins
        ("Q401", ("Q",), ("Q4",), False),
    ],
)
def test_select_and_ignore_by_prefix(code: str, select: tuple[str, ...], ignore: tuple[str, ...], expected: bool) -> None:
    assert selected(code, select, ignore) is expected


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param(
            "The council met.\n\n<!-- quotes: ignore Q101 -->\n“We will rebuild the bridge before winter.”\n\n"
            "“And we will build the school next year, whatever it costs.”\n",
            [6],
            id="ignore-applies-to-the-next-quote-only",
        ),
        pytest.param(
            "<!-- quotes: off -->\n“We will rebuild the bridge before winter.”\n<!-- quotes: on -->\n\n"
            "“And we will build the school next year, whatever it costs.”\n",
            [5],
            id="off-and-on",
        ),
    ],
)
def test_inline_suppression(tmp_path: Path, text: str, lines: list[int]) -> None:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    run = check([str(path)], Config(select=("Q101",)), ReadOptions())
    assert [f.line for f in run.findings] == lines


def test_suppression_ranges_without_quotes_are_empty() -> None:
    from quotes.model import Source

    assert suppressions(Source("x", "<!-- quotes: ignore Q1 --> nothing follows"), []) == []


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text("“We will rebuild the bridge before the winter.”\n", encoding="utf-8")
    (tmp_path / "own.txt").write_text("“We will build a school before the summer.”\n", encoding="utf-8")
    config = Config(select=("Q101",), per_file_ignores=(("wire*", ("Q1",)),))
    run = check([str(tmp_path)], config, ReadOptions())
    assert [Path(f.source).name for f in run.findings] == ["own.txt"]
