"""The text scans of quotes.textscan: name runs and sentence ends, and their fast forms."""

from __future__ import annotations

import random

import pytest

from quotes import textscan
from quotes.speakers import NameIndex
from quotes.textscan import SENT_END, name_runs

RUNS = [
    ("Secretary of State Antony Blinken met Tariq bin Saleh al-Amiri on Monday.",
     ["Secretary of State Antony Blinken", "Tariq bin Saleh al-Amiri"]),
    ("said al-Mansouri Group chairman", ["al-Mansouri Group"]),
    ("Mr. Jean-Luc O'Neil and Dr. A.N. Bhatnagar spoke.", ["Mr. Jean-Luc O'Neil", "Dr. A.N. Bhatnagar"]),
    ("U.S. officials met Gov. Ana Ruiz of Texas.", ["Gov. Ana Ruiz of Texas"]),
    ("[Senator] Ruth Alder, J. Bos and Ōta Hiroshi", ["[Senator] Ruth Alder", "J. Bos", "Ōta Hiroshi"]),
    ("a talk with Юрий Жуков in Kyiv", ["Юрий Жуков"]),
    ("No capitals here at all, only the word Smith.", []),
    ("Qatar-based Al Jazeera and the at-large member", ["Qatar-based Al Jazeera"]),
]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "runs"), RUNS)
def test_name_runs(text: str, runs: list[str]) -> None:
    assert [m.group() for m in name_runs(text)] == runs
    assert _spans(name_runs(text)) == _spans(textscan._RUN.finditer(text))


def test_name_runs_equal_the_general_pattern_on_random_text() -> None:
    """The capital-first pattern finds exactly `_RUN`'s runs, articles and abbreviations included."""
    rnd = random.Random(13)
    pieces = [*textscan._ABBR.split("|"), "U.S.", "J.", "A.N.", "[Smith]", "[a]", "al-Amiri", "el-Sisi",
              "ash-Shar", "that-", "of", "van", "de", "bin", "Smith.com", "O'Neil", "Jean-Luc", "Ōta", "Жуков",
              "the", "x", "’", "-", ".", "\n", "\t", ",", "(", "\x00\x00", "[Ab", "Ž", "ž"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) + rnd.choice([" ", "", "\t", ". ", ", "]) for _ in range(rnd.randint(1, 12)))
        assert _spans(name_runs(text)) == _spans(textscan._RUN.finditer(text)), text
        if textscan._ARTICLE_HINT.search(text) is None:
            assert _spans(textscan._RUN_CAPITAL.finditer(text)) == _spans(textscan._RUN.finditer(text)), text


@pytest.mark.parametrize(("text", "sentences"), [
    ("Mr. Smith said so. Then he left!  “No.” Later, U.S. officials met.",
     ["Mr. Smith said so. ", "Then he left!  ", "“No.” Later, U.S. officials met."]),
    ("Wait... What? He left.\n\nNew paragraph\nStill it\nand on", ["Wait... ", "What? ", "He left.\n\n",
                                                                  "New paragraph\n", "Still it\nand on"]),
    ("It ended (finally.) Next one. 3 more. a lower start.", ["It ended (finally.) ", "Next one. ",
                                                             "3 more. a lower start."]),
])
def test_sentence_ends(text: str, sentences: list[str]) -> None:
    starts = [0, *(m.end() for m in SENT_END.finditer(text) if m.end() < len(text))]
    assert [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] == sentences


@pytest.mark.parametrize(("text", "first", "last", "expected"), [
    ("\x00\x00\x00\n— Marcus Whitcombe, president", 1, 3, True),
    ("\x00\x00\x00\n> \n> - Ana Ruiz.", 1, 3, True),
    ("\x00\x00\x00 She left. Then - later - he came.", 1, 3, False),
    ("\x00\x00\x00 She left. Then he came.\n\n— Ann Lee", 1, 1, False),
    ("\x00\x00\x00 She left. Then he came.\n\n— Ann Lee", 1, 2, True),
])
def test_opens_with_dash(text: str, first: int, last: int, expected: bool) -> None:
    view = textscan.TextView(text, 0, [], NameIndex(), {})
    assert view.opens_with_dash(first, last) is expected
    # The same answer as reading the tokens: the first token past ">" marks is a dash.
    tokenised = any(
        next((t.text for t in view.sentence(i).tokens if t.text != ">"), "") in ("—", "–", "―", "-")
        for i in range(first, min(last + 1, view.n_sentences)))
    assert tokenised is expected


@pytest.mark.parametrize(("text", "tokens"), [
    ("Mr. J. Bos met U.S. officials.", ["Mr.", "J.", "Bos", "met", "U.S.", "officials", "."]),
    ("Rep. A.N. Bhatnagar (D-N.M.), said 12,000 owners..", ["Rep.", "A.N.", "Bhatnagar", ",", "said", "12,000",
                                                              "owners", ".", "."]),
    ("\x00\x00\x00, she said. Mr . Ruiz’s view", ["\x00\x00\x00", ",", "she", "said", ".", "Mr", ".", "Ruiz’s", "view"]),
    ("", []),
])
@pytest.mark.parametrize("base", [0, 5])
def test_tokens(text: str, tokens: list[str], base: int) -> None:
    full = "x" * base + text
    view = textscan.TextView(full, base, [], NameIndex(), {})
    toks = view._tokens(base, len(full))
    assert [t.text for t in toks] == tokens
    assert all(full[t.start : t.end] == t.text for t in toks)  # offsets are absolute
    assert [t.low for t in toks if t.poss] == (["ruiz"] if "Ruiz’s" in text else [])
