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
    # An opt-in rule is tested as a user runs it: selected by its full code.
    config = Config(select=("Q", rule.code)) if rule.opt_in else Config()
    run = check(paths, config, ReadOptions(), records=records)
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
        ("Q202", ("Q",), ("Q4",), True),
        ("Q401", ("Q401",), ("Q4",), True),  # the full code is longer than the ignored prefix
    ],
)
def test_select_and_ignore_by_prefix(code: str, select: tuple[str, ...], ignore: tuple[str, ...], expected: bool) -> None:
    assert selected(code, select, ignore) is expected


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        ((), (), False),  # off by default
        (("Q",), (), False),  # a prefix does not switch an opt-in rule on
        (("Q4",), (), False),
        (("Q40",), (), False),
        (("Q401",), (), True),  # its full code does
        (("Q1", "Q401"), (), True),
        (("Q401",), ("Q401",), True),  # a tie goes to select, as for every rule
        (("Q401",), ("Q",), True),
    ],
)
def test_opt_in_rule_needs_its_full_code(select: tuple[str, ...], ignore: tuple[str, ...], expected: bool) -> None:
    assert selected("Q401", select, ignore, opt_in=True) is expected


def test_q401_is_the_opt_in_rule_and_says_so() -> None:
    opt_in = [r for r in ALL if r.opt_in]
    assert [r.code for r in opt_in] == ["Q401"]
    assert "opt-in" in opt_in[0].summary and "--select Q401" in opt_in[0].explanation()


def test_q401_runs_only_when_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“We will rebuild the bridge before the winter,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“Taxes will not rise this year,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    codes = {sel: {f.code for f in check([str(tmp_path)], Config(select=sel), ReadOptions()).findings}
             for sel in ((), ("Q",), ("Q4",), ("Q401",))}
    assert codes == {(): set(), ("Q",): set(), ("Q4",): set(), ("Q401",): {"Q401"}}


def test_explanation_drops_the_example_lines() -> None:
    rule = next(r for r in ALL if r.code == "Q202")
    text = rule.explanation()
    assert text.startswith(rule.summary)
    assert "Okay:" not in text and "Q202:" not in text
    assert len(rule.examples()) == 2


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
