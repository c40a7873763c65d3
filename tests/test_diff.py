"""quotes.diff: tokens, and drift classification of a variant against its reference."""

from __future__ import annotations

import pytest

from quotes.diff import compare, numbers, tokenize

TOKENS = [
    ("Don’t stop… [the plan] now", ["Don't", "stop", "…", "[the plan]", "now"]),
    ("“It’s 48,000 people,” he said.", ["It's", "48,000", "people", "he", "said"]),
    ("the U.S. and forty-two . . . others", ["the", "U.S", "and", "forty-two", "…", "others"]),
    ("Wait [...] for it", ["Wait", "…", "for", "it"]),
    ("A once-in-a-century storm at 3:40", ["A", "once-in-a-century", "storm", "at", "3:40"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


NUMBERS = [
    (["seventy"], ["70"]),
    (["14", "million"], ["14000000"]),
    (["fourteen", "million"], ["14000000"]),
    (["three", "hundred", "engineers"], ["300"]),
    (["one", "hundred", "and", "five"], ["105"]),
    (["60", "and", "90"], ["60", "90"]),
    (["forty-two", "customers"], ["42"]),
    (["at", "3:40"], ["3:40"]),
    (["no", "numbers", "here"], []),
]


@pytest.mark.parametrize(("words", "expected"), NUMBERS)
def test_numbers(words: list[str], expected: list[str]) -> None:
    assert numbers(words) == expected


# (reference, variant, drift class, a phrase expected among the reasons and alterations)
CASES = [
    # none: the same words; quote-edge punctuation and the first word's case are the quoting's
    ("We will rebuild the bridge.", "We will rebuild the bridge.", "none", ""),
    ("We will rebuild the bridge.", "we will rebuild the bridge,", "none", ""),
    ("I don’t want to move.", "I don't want to move.", "none", ""),
    # cosmetic: punctuation, case, mark style, spelling, transliteration, number style
    ("We will rebuild the bridge, and the road.", "We will rebuild the bridge and the road.", "cosmetic", "punctuation"),
    ("We will rebuild the Bridge before winter.", "We will rebuild the bridge before winter.", "cosmetic", "case"),
    ("He said ‘never again’ to us.", 'He said "never again" to us.', "cosmetic", "punctuation"),
    ("Sergey Lavrov met the minister.", "Sergei Lavrov met the minister.", "cosmetic", "transliteration"),
    ("Our engineers visited Kyiv today.", "Our engineers visited Kiev today.", "cosmetic", "transliteration"),
    ("The colour of the flag matters.", "The color of the flag matters.", "cosmetic", "spelling"),
    ("It will cost seventy percent more.", "It will cost 70 per cent more.", "cosmetic", "number style"),
    ("It hit in a once-in-a-century storm.", "It hit in a once in a century storm.", "cosmetic", "spelling"),
    # wording: words substituted, inserted, deleted, moved, contracted
    ("We will rebuild the old bridge before the winter comes.", "We will rebuild the bridge before the winter arrives.", "wording", "words"),
    ("We showed character after they scored twice.", "We showed real character after they scored twice.", "wording", "inserted: 'real'"),
    ("We have finished the long review today.", "We have finished the review today.", "wording", "deleted: 'long'"),
    ("We will cooperate fully with the investigation.", "We will fully cooperate with the investigation.", "wording", "fully"),
    ("We are not asking for charity.", "We're not asking for charity.", "wording", "contraction"),
    ("I will not speculate about it.", "I won't speculate about it.", "wording", "contraction"),
    ("regardless of what else is happening in the world", "no matter what else is happening in the world", "wording", "regardless of"),
    ("The United States and Russia agree.", "The United State and Russia agree.", "wording", "States"),
    # meaning: negation, numbers, modals, tense
    ("We are not recommending school closures at this stage.", "We are recommending school closures at this stage.", "meaning", "negation dropped: not"),
    ("The plan will work for the city.", "The plan will never work for the city.", "meaning", "negation added: never"),
    ("I am ordering a payment of 14 million dollars.", "I am ordering a payment of 40 million dollars.", "meaning", "number changed: 14 → 40"),
    ("Within six minutes the engine was there.", "Within sixteen minutes the engine was there.", "meaning", "number changed: 6 → 16"),
    ("It cuts damage by about 70 percent.", "It cuts damage by about eighty percent.", "meaning", "70 → 80"),
    ("Visits have fallen by a third since 2019.", "Visits have fallen by half since 2019.", "meaning", "number changed"),
    ("Our modelling shows it may reduce flood damage.", "Our modelling shows it will reduce flood damage.", "meaning", "modal changed: may → will"),
    ("Our engineers will always be ready to answer.", "Our engineers is always ready to answer.", "meaning", "modal changed: will be → is"),
    ("The team will always be ready to answer questions.", "The team is always ready to answer questions.", "meaning", "modal changed"),
    ("I will not speculate about it.", "I wouldn't speculate about it.", "meaning", "modal changed"),
    ("The council was against the wall.", "The council is against the wall.", "meaning", "tense changed: was → is"),
    ("The mayor says the wall works.", "The mayor said the wall works.", "meaning", "tense changed"),
    # a fragment is not drift, unless it starts just after the negation it cuts off
    ("I urged Russia to reverse its irresponsible decision and return to implementing the treaty.", "its irresponsible decision and return to", "none", ""),
    ("Our modelling shows it may reduce flood damage on Eastshore Road by about 70 percent.", "will reduce flood damage on Eastshore Road", "meaning", "modal changed: may → will"),
    ("We are not seeing any slowdown in demand.", "seeing any slowdown in demand", "meaning", "negation cut"),
    ("It is not a guarantee. Nothing built by people is a guarantee.", "nothing built by people is a guarantee", "none", ""),
    # alterations: an ellipsis or a bracket is reported, never drift
    ("Valdane knew by 2016 that solvent was leaking.", "Valdane knew … that solvent was leaking.", "none", "ellipsis: omitted 'by 2016'"),
    ("I am proud of the players, but I am not satisfied.", "I am proud of the players ... I am not satisfied.", "none", "ellipsis: omitted 'but'"),
    ("The company has never tried to hide anything.", "[Valdane] has never tried to hide anything.", "none", "bracket: 'The company' → '[Valdane]'"),
    ("We have now confirmed it is a comet.", "We have now confirmed [the object] is a comet.", "none", "bracket: 'it' → '[the object]'"),
    ("return to the New START treaty now", "return to the New START [Strategic Arms Reduction Treaty] treaty now", "none", "bracket: inserted '[Strategic Arms Reduction Treaty]'"),
    # an alteration does not hide drift elsewhere
    ("We may cut costs by 2030 and we will hire staff.", "We will cut costs … and we will hire staff.", "meaning", "ellipsis: omitted 'by 2030'"),
]


@pytest.mark.parametrize(("reference", "variant", "klass", "phrase"), CASES)
def test_compare_classifies(reference: str, variant: str, klass: str, phrase: str) -> None:
    drift = compare(reference, variant)
    assert drift.klass == klass, drift
    assert phrase in " | ".join(drift.reasons + drift.alterations), drift


@pytest.mark.parametrize(("reference", "variant", "klass", "phrase"), [c for c in CASES if c[2] == "none" and c[3]])
def test_alterations_are_never_drift(reference: str, variant: str, klass: str, phrase: str) -> None:
    drift = compare(reference, variant)
    assert drift.alterations and not drift.reasons


def test_ops_rebuild_both_sides() -> None:
    drift = compare("Our engineers will always be ready to answer.", "Our engineers are always ready to answer.")
    ops = [(op.op, op.a, op.b) for op in drift.ops]
    assert ops == [
        ("equal", "Our engineers", "Our engineers"),
        ("replace", "will", "are"),
        ("equal", "always", "always"),
        ("delete", "be", ""),
        ("equal", "ready to answer.", "ready to answer."),
    ]


def test_fragment_ops_cover_only_its_window() -> None:
    drift = compare("I urged Russia to reverse its irresponsible decision and return to it.", "its irresponsible decision")
    assert [(op.op, op.b) for op in drift.ops] == [("equal", "its irresponsible decision")]


def test_overhang_is_drift_unless_told() -> None:
    reference = "I don't want to move."
    variant = "I don't want to move. I want a wall."
    assert compare(reference, variant).klass == "wording"
    relaxed = compare(reference, variant, overhang=False)
    assert relaxed.klass == "none"
    assert relaxed.ops[-1].op == "insert"


@pytest.mark.parametrize(("reference", "variant"), [("", "words here"), ("words here", "")])
def test_empty_sides(reference: str, variant: str) -> None:
    drift = compare(reference, variant)
    assert drift.klass == ("wording" if variant else "none")
