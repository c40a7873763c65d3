"""Every speech quote in seeds/ has the right speaker (real extraction, built-in engine)."""

from __future__ import annotations

import glob
import os

import pytest

from quotes.engines.builtin import BuiltinEngine
from quotes.extract import extract
from quotes.model import Document, Source

SEEDS = os.path.join(os.path.dirname(__file__), os.pardir, "seeds")
ANON = "<anonymous>"

# (seed number, words from the quote, expected speaker)
EXPECTED = [
    ("001", "saw the purpose", ANON),  # "According to the source, Blinken “saw …”"
    ("001", "I urged Russia", "Antony Blinken"),  # “…,” he said at a news conference
    ("001", "regardless of what else", "Antony Blinken"),
    ("001", "Every G20 member", "Antony Blinken"),
    ("002", "determined to bring Paul", "Antony Blinken"),
    ("003", "war of aggression", "Antony Blinken"),
    ("004", "End this war of aggression", "Antony Blinken"),
    ("004", "has demonstrated zero interest", "Antony Blinken"),
    ("004", "the new territorial reality", "Vladimir Putin"),
    ("004", "its irresponsible decision", "Antony Blinken"),
    ("004", "Mutual compliance", "Antony Blinken"),
    ("004", "no matter what else is happening", "Antony Blinken"),
    ("004", "has put forward a serious proposal", "Antony Blinken"),
]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    paths = sorted(glob.glob(os.path.join(SEEDS, "*.txt")))
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            docs.append(extract(Source(path=os.path.basename(p), text=f.read())))
    return {d.source.path[:3]: d for d in BuiltinEngine().attribute(docs)}


@pytest.mark.parametrize(("seed", "words", "speaker"), EXPECTED, ids=[f"{s}:{w}" for s, w, _ in EXPECTED])
def test_seed_speaker(seeds: dict[str, Document], seed: str, words: str, speaker: str) -> None:
    hits = sorted((q for q in seeds[seed].quotes if q.speech and words in q.text), key=lambda q: len(q.text))
    assert hits, f"no speech quote with {words!r} in seed {seed}"
    a = hits[0].attribution
    if speaker == ANON:
        assert a.anonymous and a.speaker, a
    else:
        assert a.speaker == speaker and not a.anonymous, a
    assert a.method and a.speaker_id


def test_every_seed_speech_quote_is_listed(seeds: dict[str, Document]) -> None:
    speech = {(seed, q.text) for seed, d in seeds.items() for q in d.quotes if q.speech}
    listed = {(seed, q) for seed, q in speech if any(s == seed and w in q for s, w, _ in EXPECTED)}
    assert speech == listed


def test_one_speaker_id_across_seeds(seeds: dict[str, Document]) -> None:
    ids = {q.attribution.speaker_id for d in seeds.values() for q in d.quotes
           if q.attribution.speaker == "Antony Blinken"}
    assert ids == {"antony-blinken"}
