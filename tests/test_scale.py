"""The shortcuts that keep a large archive linear give the same answers as the direct computations."""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz import fuzz

from quotes.speakers import _near_surnames


def _near_direct(surnames: set[str]) -> dict[str, set[str]]:
    """Every pair of surnames with one first letter compared (the definition)."""
    return {s: {t for t in surnames if t[:1] == s[:1] and fuzz.ratio(s, t) >= 84} for s in surnames}


def _edit(s: str, rng: random.Random, alphabet: str) -> str:
    """s with one or two letters deleted, inserted or replaced."""
    for _ in range(rng.randint(1, 2)):
        i = rng.randint(0, len(s))
        s = s[:i] + rng.choice(["", rng.choice(alphabet)]) + s[i + rng.randint(0, 1):]
    return s


@pytest.mark.parametrize("alphabet", ["ab", "abc", "abcdef", string.ascii_lowercase])
def test_near_surnames_by_deletion_index_equal_all_pairs(alphabet: str) -> None:
    rng = random.Random(len(alphabet))
    # Lengths 0 to 20 cover the indexed surnames and the long ones compared with the whole bucket.
    bases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(300)]
    surnames = set(bases) | {_edit(b, rng, alphabet) for b in bases}  # and near misses of them
    near = _near_surnames(surnames)
    assert near == _near_direct(surnames)
    assert sum(len(v) for v in near.values()) > len(near)  # some surnames do have close ones


def test_near_surnames_finds_transliterations() -> None:
    near = _near_surnames({"sergeyev", "sergeev", "levin", "zahrani-holt", "zahrani-holtt",
                           "abdul-rahman-al-sayed", "abdul-rahman-al-saied"})
    assert "sergeev" in near["sergeyev"] and "sergeyev" in near["sergeev"]
    assert "zahrani-holtt" in near["zahrani-holt"]
    assert "abdul-rahman-al-saied" in near["abdul-rahman-al-sayed"]  # long: compared with its bucket
    assert near["levin"] == {"levin"}
