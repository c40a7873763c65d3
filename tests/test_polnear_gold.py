"""scripts/polnear_gold.py on a tiny invented brat fixture (fixtures/polnear_mini)."""

from __future__ import annotations

import importlib.util
import json
import os

import pytest

from quotes.evaluate import load_gold

ROOT = os.path.join(os.path.dirname(__file__), os.pardir)
MINI = os.path.join(ROOT, "fixtures", "polnear_mini")
_spec = importlib.util.spec_from_file_location("polnear_gold", os.path.join(ROOT, "scripts", "polnear_gold.py"))
assert _spec and _spec.loader
pg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg)


def _by_name(lines: list[dict[str, object]], name: str) -> dict[str, object]:
    (line,) = [line for line in lines if line["path"] == name]
    return line


@pytest.fixture(scope="module")
def article() -> dict[str, object]:
    return _by_name(pg.convert_split(MINI), "mini_article.txt")


@pytest.fixture(scope="module")
def strict() -> list[dict[str, object]]:
    return pg.convert_split(MINI, "strict")


def _quotes(article: dict[str, object]) -> list[dict[str, object]]:
    return article["quotes"]  # type: ignore[return-value]


def _not_speech(article: dict[str, object]) -> dict[str, str]:
    return {str(n["text"]): str(n["why"]) for n in article["not_speech"]}  # type: ignore[attr-defined]


def test_the_annotation_with_most_attributions_is_taken() -> None:
    with open(os.path.join(MINI, "attributions", "mini_article_bbbb.ann"), encoding="utf-8") as f:
        fewer = f.read()
    with open(os.path.join(MINI, "attributions", "mini_article_aaaa.ann"), encoding="utf-8") as f:
        more = f.read()
    assert pg.pick_annotation([("b.ann", fewer), ("a.ann", more)])[0] == "a.ann"
    assert pg.pick_annotation([("b.ann", more), ("a.ann", more)])[0] == "a.ann"  # a tie goes by name


def test_direct_quotes_are_the_text_inside_the_marks(article: dict[str, object]) -> None:
    text = str(article["text"])
    got = [q["text"] for q in _quotes(article)]
    assert got[0] == "We need another month to read the bids,"
    assert "look again at every route before it votes." in got  # a partial quote of 8 words
    for q in _quotes(article):
        assert text[q["start"] : q["end"]] == q["text"]  # type: ignore[index]


def test_a_short_quoted_term_in_a_paraphrase_is_not_speech(article: dict[str, object]) -> None:
    assert all("no brainer" not in str(q["text"]) for q in _quotes(article))
    assert [n["text"] for n in article["not_speech"]] == ["no brainer"]  # type: ignore[attr-defined]


def test_a_quote_in_no_attribution_is_left_out(article: dict[str, object]) -> None:
    assert all("Keep the Ferry" not in str(q["text"]) for q in _quotes(article))


def test_multi_paragraph_quote_is_one_span_with_the_first_paragraphs_speaker(article: dict[str, object]) -> None:
    (q,) = [q for q in _quotes(article) if str(q["text"]).startswith("The first bid")]
    assert str(q["text"]).endswith("missing its safety pages,")
    text = str(article["text"])
    assert text[q["speaker_start"] : q["speaker_end"]] == "she"  # type: ignore[index]


def test_speaker_is_the_source_span_and_no_source_is_null(article: dict[str, object]) -> None:
    by_text = {str(q["text"])[:12]: q for q in _quotes(article)}
    assert by_text["We need anot"]["speaker"] == "board chair Elsa Mortensen"
    assert by_text["Nobody asked"]["speaker"] is None


def test_output_is_read_by_the_scorer(tmp_path: os.PathLike[str]) -> None:
    assert pg.main([MINI, str(tmp_path)]) == 0
    gold = {g.path: g for g in load_gold(os.path.join(str(tmp_path), "flat.jsonl"))}
    assert len(gold["mini_article.txt"].quotes) == 4
    assert len(gold["mini_strict.txt"].quotes) == 6
    with open(os.path.join(str(tmp_path), "tune.jsonl"), encoding="utf-8") as f:
        tune = [json.loads(line) for line in f]
    with open(os.path.join(str(tmp_path), "holdout.jsonl"), encoding="utf-8") as f:
        hold = [json.loads(line) for line in f]
    assert sorted(line["path"] for line in tune + hold) == ["mini_article.txt", "mini_strict.txt"]


def test_split_is_deterministic_and_about_a_fifth() -> None:
    names = [f"outlet_2016-01-{n:03d}.txt" for n in range(1000)]
    share = sum(map(pg.is_holdout, names)) / len(names)
    assert 0.15 < share < 0.25
    assert [pg.is_holdout(n) for n in names] == [pg.is_holdout(n) for n in names]


def test_nested_quote_with_no_attribution_of_its_own_has_no_speaker() -> None:
    text = "“They just say, ‘wait for the next budget,’ every year,” Ana Silva said.\n"
    outer = text.index("“"), text.index("”") + 1
    source = text.index("Ana Silva"), text.index("Ana Silva") + len("Ana Silva")
    line = pg.convert_article("t.txt", text, [pg.Attribution((source,), (outer,))])
    got = {str(q["text"]): (q["speaker"], q["nested"]) for q in line["quotes"]}  # type: ignore[attr-defined]
    assert got["wait for the next budget,"] == (None, True)
    assert got["They just say, ‘wait for the next budget,’ every year,"] == ("Ana Silva", False)


# -- --definition strict (rule 4s) ----------------------------------------------------------------


def test_strict_keeps_only_quotes_whose_content_lies_inside_the_marks(strict: list[dict[str, object]]) -> None:
    got = [str(q["text"]) for q in _quotes(_by_name(strict, "mini_article.txt"))]
    assert got == ["We need another month to read the bids,",
                   "The first bid came in late.\n\n“The second one was missing its safety pages,",
                   "Nobody asked the islands."]


def test_strict_lists_every_other_quoted_stretch_with_why(strict: list[dict[str, object]]) -> None:
    assert _not_speech(_by_name(strict, "mini_article.txt")) == {
        "no brainer": "partial quote in a paraphrase",
        "look again at every route before it votes.": "partial quote in a paraphrase",  # 8 words: speech in project
        "Keep the Ferry.": "quoted stretch in no attribution",
    }


def test_strict_splits_a_discontinuous_content_at_the_cue(strict: list[dict[str, object]]) -> None:
    by_text = {str(q["text"]): q["speaker"] for q in _quotes(_by_name(strict, "mini_strict.txt"))}
    assert by_text["The bridge is late,"] == "Mayor Ines Duarte"
    assert by_text["but it will open in May."] == "Mayor Ines Duarte"


def test_strict_ignores_punctuation_just_outside_the_marks(strict: list[dict[str, object]]) -> None:
    by_text = {str(q["text"]): q["speaker"] for q in _quotes(_by_name(strict, "mini_strict.txt"))}
    assert by_text["Nobody should wait ten years for a bridge"] == "Lindqvist"


def test_strict_and_project_differ_on_long_partial_and_nested_quotes(strict: list[dict[str, object]]) -> None:
    project = _by_name(pg.convert_split(MINI), "mini_strict.txt")
    partial, nested = "have waited long enough for a safe crossing", "just fix the potholes first,"
    assert {str(q["text"]): q["speaker"] for q in _quotes(project)}[partial] == "Duarte"
    assert {str(q["text"]): q["speaker"] for q in _quotes(project)}[nested] is None
    assert _not_speech(project) == {}
    line = _by_name(strict, "mini_strict.txt")
    assert all(str(q["text"]) not in (partial, nested) for q in _quotes(line))
    assert _not_speech(line) == {partial: "partial quote in a paraphrase",
                                 nested: "quote inside a direct quote, no attribution of its own"}
    (outer,) = [q for q in _quotes(line) if str(q["text"]).startswith("My neighbours")]
    assert outer["speaker"] == "Tomas Lindqvist"


def test_strict_marks_a_stretch_only_partly_in_a_content() -> None:
    text = "Officials “expect delays, and we are ready,” a memo said.\n"
    content = text.index("we are ready"), text.index("we are ready") + len("we are ready")
    line = pg.convert_article("t.txt", text, [pg.Attribution((), (content,))], "strict")
    assert line["quotes"] == []
    assert _not_speech(line) == {"expect delays, and we are ready,": "quoted stretch only partly in a content"}


def test_an_unknown_definition_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown definition"):
        pg.convert_article("t.txt", "“Hi,” she said.\n", [], "loose")
