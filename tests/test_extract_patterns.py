"""Extraction's citation patterns in their fast form find exactly what the plain ones find."""

from __future__ import annotations

import random
import re

import pytest

from quotes import extract

# The patterns as one would write them; the module's forms open on one character class.
PLAIN = {
    "_URL": re.compile(r"https?://|www\.\w", re.IGNORECASE),
    "_YEAR": re.compile(r"\b(?:1[89]|20)\d\d\b"),
}
PIECES = ["http", "httpſ://", "HTTPS", "Https", "htTp", "ſ", "s", "://", ":/", "www", "WwW", "ww", ".", ".x", ". ", "w",
          "h", "1", "2", "19", "18", "20", "2019", "1999", "20234", "x", "_", "é", " ", "\n", "a1999", "(", "9"]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_pattern_equals_plain_on_random_text(name: str) -> None:
    fast, plain = getattr(extract, name), PLAIN[name]
    rnd = random.Random(name)
    for _ in range(20_000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 10)))
        pos = rnd.randint(0, len(text))
        got = [m.span() for m in fast.finditer(text, pos)]
        assert got == [m.span() for m in plain.finditer(text, pos)], (text, pos)


@pytest.mark.parametrize(("text", "url", "year"), [
    ("“Salt,” Ledger, 2019. https://example.org/x", True, True),
    ("see WWW.example.com in 1899", True, True),
    ("a2019 or 20190 or x1999", False, False),
    ("hxxp://x, ww.x and 3019", False, False),
])
def test_citation_patterns(text: str, url: bool, year: bool) -> None:
    assert (extract._URL.search(text) is not None) is url
    assert (extract._YEAR.search(text) is not None) is year
