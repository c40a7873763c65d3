"""quotes.align: variant groups across sources (exact, partial, fuzzy), references, determinism."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from quotes.align import AlignConfig, align, singletons
from quotes.model import Attribution, Group, Quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make(source: str, n: int, text: str, speaker: str | None = "Ana Ruiz", start: int | None = None,
         speech: bool = True, speaker_id: str | None = None) -> Quote:
    """A speech quote of `source` with id `source#n`."""
    begin = n * 1000 if start is None else start
    return Quote(f"{source}#{n}", source, begin, begin + len(text), text, n, 1, "“", "”", speech,
                 "speech" if speech else "title", "test",
                 attribution=Attribution(speaker=speaker, speaker_id=speaker_id))


def layout(groups: list[Group]) -> list[list[tuple[str, str, str]]]:
    """Groups as lists of (quote id, relation, drift class)."""
    return [[(m.quote, m.relation, m.drift.klass) for m in g.members] for g in groups]


def members(groups: list[Group]) -> list[set[str]]:
    return [{m.quote for m in g.members} for g in groups]


FULL = "We will rebuild the old bridge before the winter comes, and we will pay for it ourselves."

ALIGN = [
    # exact: marks, case, whitespace and punctuation do not matter
    ([("a", FULL), ("b", "we will rebuild the old bridge before the winter comes and we will pay for it ourselves")],
     [[("a#1", "reference", "none"), ("b#1", "exact", "cosmetic")]]),
    ([("a", FULL), ("b", "“We will rebuild the old bridge before the winter comes, and we will pay for it ourselves,”")],
     [[("a#1", "reference", "none"), ("b#1", "exact", "none")]]),
    # partial: a fragment of a fuller quote, with no drift
    ([("a", FULL), ("b", "rebuild the old bridge before the winter")],
     [[("a#1", "reference", "none"), ("b#1", "partial", "none")]]),
    # partial modulo an ellipsis, reported as an alteration
    ([("a", FULL), ("b", "We will rebuild the old bridge … and we will pay for it ourselves.")],
     [[("a#1", "reference", "none"), ("b#1", "partial", "none")]]),
    # fuzzy: one word changed
    ([("a", FULL), ("b", "We will rebuild the old bridge before the winter arrives, and we will pay for it ourselves.")],
     [[("a#1", "reference", "none"), ("b#1", "fuzzy", "wording")]]),
    # fuzzy with a meaning change
    ([("a", FULL), ("b", "We may rebuild the old bridge before the winter comes, and we will pay for it ourselves.")],
     [[("a#1", "reference", "none"), ("b#1", "fuzzy", "meaning")]]),
    # one quote spanning two quotes of another source, within one sentence: one group
    ([("a", FULL), ("b", "We will rebuild the old bridge before the winter comes"), ("b", "we will pay for it ourselves")],
     [[("a#1", "reference", "none"), ("b#1", "partial", "none"), ("b#2", "partial", "none")]]),
    # unrelated quotes sharing a common phrase stay apart
    ([("a", "We will do whatever it takes to keep the schools open in the winter."),
      ("b", "Prices at the pump will do whatever the market says in the winter.")], []),
]


@pytest.mark.parametrize(("quotes", "expected"), ALIGN)
def test_align_relations(quotes: list[tuple[str, str]], expected: list[list[tuple[str, str, str]]]) -> None:
    counts: dict[str, int] = {}
    made = []
    for source, text in quotes:
        counts[source] = counts.get(source, 0) + 1
        made.append(make(source, counts[source], text))
    assert layout(align(made)) == expected


def test_spanning_two_sentences_joins_both_groups() -> None:
    long = make("a", 1, "The wall will run from the ferry to the point. It will cost the city nothing at all.")
    first = make("b", 1, "The wall will run from the ferry to the point.")
    second = make("c", 1, "it will cost the city nothing at all")
    groups = align([long, first, second])
    assert members(groups) == [{"a#1", "b#1"}, {"a#1", "c#1"}]
    # The diff covers the sentence of this group, not the long quote's other sentence.
    assert groups[0].members[0].drift.ops[0].b == "The wall will run from the ferry to the point."


@pytest.mark.parametrize(
    ("fragment_speaker", "fragment_id", "joins"),
    [("Ana Ruiz", None, True), ("Mayor Ruiz", None, True), ("Ben Okafor", None, False), (None, None, False),
     ("Ana Ruiz", "other-id", False)],
)
def test_short_fragment_needs_the_speaker(fragment_speaker: str | None, fragment_id: str | None, joins: bool) -> None:
    full = make("a", 1, "End this war of aggression and engage in real diplomacy.", speaker_id="ana-ruiz")
    short = make("b", 1, "war of aggression", speaker=fragment_speaker, speaker_id=fragment_id)
    groups = align([full, short])
    assert (members(groups) == [{"a#1", "b#1"}]) is joins
    if joins:
        assert layout(groups)[0][1] == ("b#1", "partial", "none")


def test_short_fragment_never_drifts_and_joins_one_group() -> None:
    one = make("a", 1, "Every country continues to bear the cost of this war of aggression.")
    two = make("b", 1, "End this war of aggression and engage in real diplomacy.")
    short = make("c", 1, "war of aggression")
    groups = align([one, two, short])
    assert len(groups) == 1
    assert sum("c#1" in g for g in members(groups)) == 1


def test_short_fragment_with_a_changed_word_stays_out() -> None:
    groups = align([make("a", 1, "End this war of aggression now."), make("b", 1, "war of conquest")])
    assert groups == []


def test_nested_quote_is_not_a_variant_of_its_parent() -> None:
    parent = make("a", 1, "He said, 'You people should have moved years ago.' I do not want to move.", start=0)
    nested = make("a", 2, "You people should have moved years ago.", start=10)
    assert align([parent, nested]) == []


def test_same_source_repeats_group() -> None:
    quotes = [make("a", 1, "Nobody in this club is talking about the title."),
              make("a", 2, "About the title, nobody in this club is talking about the title.")]
    assert layout(align(quotes)) == [[("a#2", "reference", "none"), ("a#1", "partial", "none")]]


def test_non_speech_quotes_are_ignored() -> None:
    quotes = [make("a", 1, FULL), make("b", 1, FULL, speech=False)]
    assert align(quotes) == []
    assert singletons(quotes, []) == ["a#1"]


def test_reference_is_fullest_then_least_altered_then_id() -> None:
    quotes = [make("b", 1, "keep their windows closed until tomorrow evening"),
              make("a", 1, "[should] keep their windows closed until tomorrow evening")]
    (group,) = align(quotes)
    assert group.reference == "b#1"
    assert group.members[1].drift.alterations == ("bracket: inserted '[should]'",)


def test_record_reference_wins_and_drift_is_against_it() -> None:
    record = make("transcript.txt", 1, "Our modelling shows it may reduce flood damage by about 70 percent.",
                  speaker="Sione Lund")
    article = make("a", 1, "Our modelling shows it will reduce flood damage by about 70 percent in every storm.",
                   speaker="Sione Lund")
    (group,) = align([record, article], references={"a#1": "transcript.txt#1"})
    assert group.reference == "transcript.txt#1"
    (member,) = group.members[1:]
    assert member.drift.klass == "meaning"
    assert "modal changed: may → will" in member.drift.reasons


def test_record_reference_joins_what_words_alone_would_not() -> None:
    record = make("transcript.txt", 1, "We are not seeing any slowdown in demand at all.", speaker="Mo Holt")
    article = make("a", 1, "seeing some slowdown in demand", speaker="Mo Holt")
    assert align([record, article]) == []
    (group,) = align([record, article], references={"a#1": "transcript.txt#1"})
    assert group.members[1].drift.klass == "meaning"


def test_group_ids_follow_first_appearance() -> None:
    quotes = [make("z", 1, "The second statement is about the harbour wall today."),
              make("a", 1, "The first statement is about the ferry terminal today."),
              make("b", 1, "The first statement is about the ferry terminal today."),
              make("c", 1, "The second statement is about the harbour wall today.")]
    groups = align(quotes)
    assert [g.id for g in groups] == ["g1", "g2"]
    assert members(groups) == [{"a#1", "b#1"}, {"c#1", "z#1"}]
    assert singletons([*quotes, make("d", 1, "Alone.")], groups) == ["d#1"]


def test_config_threshold() -> None:
    # Different speakers: same-speaker quotes also join on a long shared run of words.
    quotes = [make("a", 1, "one two three four five six seven eight nine ten", speaker="Ana Ruiz"),
              make("b", 1, "one two three four five six seven eight nine eleven", speaker="Ben Okafor")]
    assert len(align(quotes, AlignConfig(fuzzy_threshold=85))) == 1
    assert align(quotes, AlignConfig(fuzzy_threshold=95)) == []


def _corpus() -> list[Quote]:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(60)]
    quotes = []
    for s in range(40):
        base = rng.sample(words, 12)
        for v in range(rng.randint(1, 3)):
            text = base[rng.randint(0, 3):] if v == 1 else list(base)
            if v == 2:
                text[5] = rng.choice(words)
            quotes.append(make(f"src{rng.randint(0, 9)}", s * 10 + v, " ".join(text) + ".", speaker=f"P{s % 7}"))
    return quotes


def test_deterministic_under_input_order() -> None:
    quotes = _corpus()
    shuffled = list(quotes)
    random.Random(5).shuffle(shuffled)
    assert align(quotes) == align(shuffled)


def test_deterministic_across_hash_seeds() -> None:
    root = str(Path(__file__).resolve().parent.parent)
    script = (
        f"import json, sys; sys.path.insert(0, {root!r}); from tests.test_align import _corpus, layout;"
        "from quotes.align import align; print(json.dumps(layout(align(_corpus()))))"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(json.loads(subprocess.run([sys.executable, "-c", script], env=env, check=True,
                                              capture_output=True, text=True).stdout))
    assert outs[0] == outs[1] == json.loads(json.dumps(layout(align(_corpus()))))


def _seed_quote(name: str, n: int, words: str, speaker: str = "Antony Blinken") -> Quote:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    start = text.index(words)
    return attrs.evolve(make(str(path.relative_to(SEEDS.parent)), n, words, speaker, start=start),
                        line=text.count("\n", 0, start) + 1)


def test_seeds_blinken_groups() -> None:
    full = _seed_quote("001", 3, "I urged Russia to reverse its irresponsible decision and return to implementing "
                       "the New START [Strategic Arms Reduction Treaty], which places verifiable limits on the "
                       "nuclear arsenals of the United State and the Russian federation. Mutual compliance is in "
                       "the interest of both our countries. It's also what people around the world expect from "
                       "us as nuclear powers,")
    regardless = _seed_quote("001", 4, "regardless of what else is happening in the world and in our relations.")
    fragment = _seed_quote("004", 5, "its irresponsible decision and return to")
    mutual = _seed_quote("004", 6, "Mutual compliance is in the interest of both our countries,")
    no_matter = _seed_quote("004", 7, "that no matter what else is happening in the world, in our relationship, the "
                            "United States is always ready to engage and act on strategic arms control, just as "
                            "the United States and the Soviet Union did even at the height of the Cold War.")
    unrelated = _seed_quote("004", 8, "the United States has put forward a serious proposal. Russia should take it.")
    groups = align([full, regardless, fragment, mutual, no_matter, unrelated])
    assert layout(groups) == [
        [(full.id, "reference", "none"), (fragment.id, "partial", "none")],
        [(full.id, "reference", "none"), (mutual.id, "exact", "none")],
        [(no_matter.id, "reference", "none"), (regardless.id, "fuzzy", "wording")],
    ]
    drift = groups[2].members[1].drift
    assert ("replace", "no matter", "regardless of") in [(op.op, op.a, op.b) for op in drift.ops]
    assert singletons([full, regardless, fragment, mutual, no_matter, unrelated], groups) == [unrelated.id]


def test_one_source_quoting_its_speaker_twice_with_a_shared_phrase_is_two_statements() -> None:
    long = make("a.txt", 1, "And we are going to lose him to a mine site because they pay better and nobody makes him sit in a car park.")
    short = make("a.txt", 2, "Nobody becomes a paramedic to sit in a car park,")
    assert align([long, short]) == []
    # The same two quotes in two sources are overlapping stretches of one statement.
    other = make("b.txt", 1, "Nobody becomes a paramedic to sit in a car park,")
    assert members(align([long, other])) == [{long.id, other.id}]


# Issue 11: what one statement is. Different statements sharing a common phrase, a stock phrase of
# news speech, or a few common words stay apart; one statement quoted with changes stays together.
APART = [
    # different statements sharing "going to be" and little else
    ("It’s going to be well over a million dollars by the time it’s done,",
     "It’s going to be interesting to see, if he does get the nomination, what happens.", "Ana Ruiz", "Tom Hale"),
    # one content word changed in a five-word quote: the changed word was the statement
    ("welfare as we know it.", "Twitter as we know it is over.", "Ana Ruiz", "Tom Hale"),
    # a stock phrase said word for word by two coaches of two teams
    ("We’re going to take it one game at a time,", "We’re going to take it one game at a time, same as October,",
     "Ana Ruiz", "Tom Hale"),
    # a stock phrase inside two different sentences of one speaker
    ("I want to be the next president of the United States, and I will be.",
     "Nobody should be the next president of the United States without a plan for jobs.", "Ana Ruiz", "Ana Ruiz"),
]


@pytest.mark.parametrize(("a", "b", "sa", "sb"), APART)
def test_different_statements_stay_apart(a: str, b: str, sa: str, sb: str) -> None:
    assert align([make("a", 1, a, speaker=sa), make("b", 1, b, speaker=sb)]) == []


def test_short_verbatim_sentence_credited_to_another_person_is_grouped() -> None:
    # Two reports of one event (both quote Ana Ruiz) credit the same short sentence to two people:
    # two or more rare content words repeated whole are a misattribution to report, not a cliché.
    groups = align([make("a", 1, "Nothing built by people is a guarantee,", speaker="Sione Tavake"),
                    make("a", 2, "The vote is on Monday.", speaker="Ana Ruiz"),
                    make("b", 1, "Nothing built by people is a guarantee.", speaker="Odalys Quint"),
                    make("b", 2, "We will count every ballot.", speaker="Ana Ruiz")])
    assert members(groups) == [{"a#1", "b#1"}]


def test_a_short_idiom_from_two_people_in_two_stories_is_not_one_statement() -> None:
    # Two articles with nobody quoted in common: the same idiom from two people is no variant.
    groups = align([make("a", 1, "We'll cross that bridge when we come to it.", speaker="Graham Steed"),
                    make("b", 1, "We'll cross that bridge when we come to it.", speaker="Ruth Castell")])
    assert groups == []


def test_reference_is_the_consensus_not_the_longest() -> None:
    # Two outlets wrote "is always ready", one "will always be ready": the majority is the reference.
    lone = make("a", 1, "the United States will always be ready to engage on strategic arms control.")
    one = make("b", 1, "the United States is always ready to engage on strategic arms control.")
    two = make("c", 1, "the United States is always ready to engage on strategic arms control.")
    [group] = align([lone, one, two])
    assert group.basis == "consensus"
    assert group.reference in {"b#1", "c#1"}
    flagged = [m.quote for m in group.members if m.drift.klass in ("wording", "meaning")]
    assert flagged == ["a#1"]


def test_two_members_take_the_fullest_and_say_so() -> None:
    [group] = align([make("a", 1, FULL), make("b", 1, "rebuild the old bridge before the winter")])
    assert (group.reference, group.basis) == ("a#1", "fullest")


def test_chained_overlaps_are_split_at_the_reference() -> None:
    # A~B share one sentence, B~C share another; A and C share nothing: no group holds A and C.
    a = make("a", 1, "The wall will cost forty-eight million dollars to build along the harbour front.")
    b = make("b", 1, "The wall will cost forty-eight million dollars to build along the harbour front. "
             "Half of the money for the seawall will come from the provincial government in Toronto.")
    c = make("c", 1, "Half of the money for the seawall will come from the provincial government in Toronto.")
    for group in align([a, b, c]):
        assert not {"a#1", "c#1"} <= {m.quote for m in group.members}


def test_edge_overlap_is_never_drift() -> None:
    # The same speaker, two outlets, each quoting a different stretch of one long statement.
    a = make("a", 1, "the harbour wall will protect every family on Eastshore Road from the winter storms")
    b = make("b", 1, "every family on Eastshore Road from the winter storms that flooded the bakery twice")
    for group in align([a, b]):
        for m in group.members:
            assert m.drift.klass in ("none", "cosmetic"), m


def test_a_stretch_after_an_ellipsis_from_another_statement_is_overlap_not_drift() -> None:
    ref = make("a", 1, "He was the finest striker this club ever had, and I give him the award for that, believe me")
    other = make("b", 1, "He was the finest striker this club ever had … and the founder")
    [group] = align([ref, other], AlignConfig(fuzzy_threshold=80.0))  # the CLI's default threshold
    assert [(m.quote, m.relation, m.drift.klass) for m in group.members] == [
        ("a#1", "reference", "none"), ("b#1", "overlap", "none")]


def test_one_article_repeats_a_quote_near_verbatim_or_quotes_two_statements() -> None:
    # Two quotes of one article sharing "the most valuable player award": two statements.
    a = make("a", 1, "I give him the most valuable player award, believe me.")
    b = make("a", 2, "He gets the most valuable player award, him and his friends.")
    assert align([a, b]) == []


def test_check_output_is_the_same_across_hash_seeds() -> None:
    # The whole pipeline on a real-sized archive: groups, references and findings never depend on
    # string hashing (set order, hash collisions in the blocking index).
    root = Path(__file__).resolve().parent.parent
    outs = []
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(subprocess.run(
            [sys.executable, "-m", "quotes", "check", "fixtures/archive", "--glob", "*.txt", "--format", "json",
             "--exit-zero", "--no-progress"], cwd=root, env=env, check=True, capture_output=True, text=True).stdout)
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["groups"]


def test_one_shared_sentence_amid_other_words_is_overlap_not_drift() -> None:
    # Two interviews, one theme: a sentence matches with a changed verb, the rest of each quote is
    # other words. The whole quotes share too little to be one statement: overlap, never drift.
    a = make("a", 1, "Nobody asked me about the harbour. I told them plainly. "
             "The council gives the mayor the tidiest budget award in the province,", speaker="Mara Quill")
    b = make("b", 1, "On the ferries they hand out prizes. The council hands the mayor the tidiest budget "
             "award in the province, him and his deputy. I mean, the deputy earned it too.",
             speaker="Mara Quill")
    for group in align([a, b]):
        assert all(m.drift.klass in ("none", "cosmetic") for m in group.members), group


def test_a_changed_word_in_the_same_whole_statement_still_drifts() -> None:
    a = make("a", 1, "The council gives the mayor the tidiest budget award in the province. "
             "Nobody on the ferry board ever came close to it.", speaker="Mara Quill")
    b = make("b", 1, "The council hands the mayor the tidiest budget award in the province. "
             "Nobody on the ferry board ever came close to it.", speaker="Mara Quill")
    [group] = align([a, b])
    assert [m.drift.klass for m in group.members if m.relation != "reference"] == ["wording"]
