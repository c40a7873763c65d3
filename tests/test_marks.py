"""Pairing of quotation marks: every convention, apostrophes, nesting, paragraphs, problems."""

from __future__ import annotations

import pytest

from quotes.marks import MAX_DEPTH, pair_marks


def _quotes(text: str) -> list[str]:
    pairs, _ = pair_marks(text)
    return [text[p.start : p.end] for p in pairs if p.close is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly double
        ("“We will appeal,” she said.", ["We will appeal,"]),
        # straight double, paired by context
        ('He said "no" and "yes".', ["no", "yes"]),
        ('"Quote at start," he said.', ["Quote at start,"]),
        ('("in brackets") and —"after a dash"', ["in brackets", "after a dash"]),
        # guillemets, both directions
        ("Il a dit «non» hier.", ["non"]),
        ("Han sagde »nej« i går.", ["nej"]),
        # German low-high
        ("Er sagte „nein“ gestern.", ["nein"]),
        ("Er sagte ‚nein‘ gestern.", ["nein"]),
        # single angle quotes
        ("Il a dit ‹oui› hier.", ["oui"]),
        # British single style
        ("‘We respect the court,’ said the counsel.", ["We respect the court,"]),
        ("He said 'fine' and left.", ["fine"]),
        # Swedish ”…”
        ("Han sa ”nej” igår.", ["nej"]),
        # a spaced close after the clause's comma: the next quote is not swallowed
        ("''We built coalitions, '' said Mr. Gunn. ''He sees himself as a builder.''",
         ["We built coalitions, ", "He sees himself as a builder."]),
        ('"We built coalitions, " said Mr. Gunn. "He sees himself as a builder."',
         ["We built coalitions, ", "He sees himself as a builder."]),
    ],
)
def test_mark_families(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don’t know what Russia’s plan is.", []),
        ("Back in the ’90s and the '80s.", []),
        ("We met the Joneses’ lawyer at five o’clock, Ma’am.", []),
        ("Rock ’n’ roll and rock 'n' roll never die.", []),
        ("‘We visited the Joneses’ house,’ he said.", ["We visited the Joneses’ house,"]),
        (
            "‘I don’t know,’ she said. ‘It’s Russia’s call.’",
            ["I don’t know,", "It’s Russia’s call."],
        ),
        ("‘I love rock ’n’ roll,’ he said.", ["I love rock ’n’ roll,"]),
        ("“The players’ union will decide,” he said.", ["The players’ union will decide,"]),
        ("The ‘within weeks’ and the ‘other’ thing.", ["within weeks", "other"]),
        ("‘Our [Calloway Tern’s] engineers,’ he said.", ["Our [Calloway Tern’s] engineers,"]),
    ],
)
def test_apostrophes_are_not_quotes(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        (
            "“He said, ‘the new reality’ again.”",
            "He said, ‘the new reality’ again.",
            "the new reality",
        ),
        (
            "‘He calls it “market alignment”.’",
            "He calls it “market alignment”.",
            "market alignment",
        ),
        (
            "\"A parent asked, 'Is it too late?' It is not.\"",
            "A parent asked, 'Is it too late?' It is not.",
            "Is it too late?",
        ),
        ("«Il a dit ‹non› hier»", "Il a dit ‹non› hier", "non"),
    ],
)
def test_nested_both_styles(text: str, outer: str, inner: str) -> None:
    pairs, problems = pair_marks(text)
    assert [text[p.start : p.end] for p in pairs] == [outer, inner]
    assert pairs[0].depth == 0 and pairs[0].parent is None
    assert pairs[1].depth == 1 and pairs[1].parent == 0
    assert problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("‘For eight years.\n\n‘I am tired.’ Then.", "For eight years.\n\n‘I am tired."),
        (
            '"We have games left.\n\n"We can beat anyone." he said',
            'We have games left.\n\n"We can beat anyone.',
        ),
        ("“One.\n\n“Two.\n\n“Three.”", "One.\n\n“Two.\n\n“Three."),
        # paragraphs on single lines (HTML extracts): a line ending a sentence, then a reopening
        (
            "He said: “We have games left.\n“We can win.”\nNext.",
            "We have games left.\n“We can win.",
        ),
    ],
)
def test_multi_paragraph(text: str, expected: str) -> None:
    pairs, problems = pair_marks(text)
    assert text[pairs[0].start : pairs[0].end] == expected
    assert pairs[0].paragraphs == expected.count("\n") - expected.count("\n\n") + 1
    assert problems == []


@pytest.mark.parametrize(
    ("text", "kind", "offset", "found"),
    [
        # unclosed: resynchronised at the blank line, the next quote is still found
        ("He said “never closed.\n\nShe said “found”.", "unclosed", 8, ["found"]),
        # unopened closing mark
        ("A stray ” mark, then “ok”.", "unopened", 8, ["ok"]),
        # mismatched: ‘ left open inside a double quote that closes
        ("“He said ‘bad.” Then “good”.", "unclosed", 9, ["He said ‘bad.", "good"]),
        ("«abc” and «def»", "mismatched", 4, ["abc", "def"]),
        ("He said ‘bad” end.", "mismatched", 12, ["bad"]),
    ],
)
def test_problems_and_resync(text: str, kind: str, offset: int, found: list[str]) -> None:
    _, problems = pair_marks(text)
    assert (kind, offset) in [(p.kind, p.offset) for p in problems]
    assert _quotes(text) == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hard-wrapped quote crosses single newlines, even after a full stop
        ("“I came. I saw.\nI conquered,” he said.", ["I came. I saw.\nI conquered,"]),
        ("The plan was\n“a disaster for the\ncity” he said.", ["a disaster for the\ncity"]),
    ],
)
def test_hard_wrapped_quotes(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_long_lines_are_paragraphs() -> None:
    # One paragraph per line, no blank lines: an unclosed quote stops at the end of its line.
    first = "She said “this quote never closes and the line goes on " + "and on " * 20
    text = first + "\nThe next paragraph has “its own quote” intact."
    pairs, problems = pair_marks(text)
    assert [p.kind for p in problems] == ["unclosed"]
    assert text[pairs[0].start : pairs[0].end] == first[first.index("“") + 1 :].rstrip()
    assert text[pairs[1].start : pairs[1].end] == "its own quote"
    assert pairs[1].depth == 0


def test_masked_ranges_are_ignored() -> None:
    text = 'Run `print("hi")` then "real".'
    code = (text.index("`"), text.index("`", 5) + 1)
    pairs, problems = pair_marks(text, masked=[code])
    assert [text[p.start : p.end] for p in pairs] == ["real"]
    assert problems == []


def test_many_unbalanced_marks_are_linear() -> None:
    text = "“" * 100_000 + "»" * 100_000
    pairs, problems = pair_marks(text)
    assert len(pairs) == MAX_DEPTH  # deeper openings are problems, not quotes
    assert len(problems) == 200_000 - MAX_DEPTH  # the first closings pair, mismatched
    text = "a” b " * 100_000
    pairs, problems = pair_marks(text)
    assert pairs == [] and len(problems) == 100_000


def test_one_long_line() -> None:
    text = "He said “yes” and ‘no’ and 'maybe', don’t he? " * 22_000
    assert len(text) > 1_000_000 and "\n" not in text
    pairs, problems = pair_marks(text)
    assert len(pairs) == 66_000 and problems == []


# `_CANDIDATES` as one would write it, one branch per kind of candidate; the module's form opens
# on one character class so that the regex engine can skip ahead, and must match exactly this.
_PLAIN_CANDIDATES = (
    r"\n(?:([^\S\n]*\n\s*|(?<=[^\n]{100}\n)[^\S\n]*)|(?:(?<=[.!?…]\n)|(?<=[.!?…][”\"’'»]\n))([^\S\n]*))"
    r"|[“”\"„«»‹›‚]|''(?!')|[’'‘](?:(?<![^\W_].)|(?![^\W_]))"
)


def test_candidates_equal_the_plain_pattern_on_random_text() -> None:
    """Every mark and break the fast candidate pattern finds, with its groups, as the plain one does."""
    import random
    import re

    from quotes import marks

    plain = re.compile(_PLAIN_CANDIDATES)
    rnd = random.Random(7)
    pieces = ["“", "”", '"', "„", "«", "»", "‹", "›", "‚", "‘", "’", "'", "''", "'''", "\n", "\n\n", " \n \n",
              ".\n", ".”\n", "?'\n", "x" * 100 + "\n", "word", "s", "_", "9", " ", "\t", ",", ".", "é", "\u00a0"]
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
        got = [(m.span(), m.lastindex, m.group()) for m in marks._CANDIDATES.finditer(text)]
        assert got == [(m.span(), m.lastindex, m.group()) for m in plain.finditer(text)], repr(text)
