"""The speech-verb lexicon: size, inflections, and the verbs left out for false positives."""

from __future__ import annotations

import pytest

from quotes import lexicon


def test_at_least_100_lemmas() -> None:
    assert len(lexicon.SPEECH_VERB_LEMMAS) >= 100


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("said", "say"), ("says", "say"), ("told", "tell"), ("added", "add"), ("replied", "reply"),
     ("insisted", "insist"), ("warns", "warn"), ("urging", "urge"), ("wrote", "write"), ("denied", "deny"),
     ("barked", "bark"), ("mocked", "mock"), ("decried", "decry"), ("groused", "grouse")],
)
def test_inflections_map_to_their_lemma(form: str, lemma: str) -> None:
    assert lexicon.SPEECH_VERB_FORMS[form] == lemma


@pytest.mark.parametrize("verb", ["believe", "hope", "fear", "think", "feel", "know", "want", "wish"])
def test_opinion_verbs_are_left_out(verb: str) -> None:
    assert verb not in lexicon.SPEECH_VERB_LEMMAS
    assert verb + "s" not in lexicon.SPEECH_VERB_FORMS


def test_configured_verbs_extend_the_table() -> None:
    table = lexicon.speech_verb_forms(("harrumph",))
    assert table["harrumphed"] == "harrumph" and table["harrumphing"] == "harrumph"


@pytest.mark.parametrize(
    ("first", "gender"),
    [("marguerite", "f"), ("tobias", "m"), ("inés", "f"), ("ines", "f"), ("sergey", "m"),
     ("olena", "f"), ("kwabena", "m"), ("jean", None), ("andrea", None), ("kim", None), ("alex", None)],
)
def test_given_names_guess_gender_only_when_unambiguous(first: str, gender: str | None) -> None:
    assert lexicon.given_name_gender(first) == gender


def test_given_names_file_is_well_formed() -> None:
    from importlib import resources

    seen: dict[str, str] = {}
    for line in resources.files("quotes").joinpath("data/given_names.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, tab, gender = line.partition("\t")
        assert tab and gender in ("f", "m") and name == name.lower(), line
        assert seen.setdefault(name, gender) == gender, f"{name} listed twice"
    assert len(seen) > 2000
