"""The shortcuts that keep a large archive linear give the same answers as the direct computations."""

from __future__ import annotations

import os
import random
import string
from pathlib import Path

import attrs
import pytest
from rapidfuzz import fuzz

from quotes.config import Config
from quotes.model import Quote
from quotes.pipeline import Documents, check, load
from quotes.rules import Context, run_rules
from quotes.rules.attribution import (
    _named_person,
    _person_key,
    _same_person,
    _shared_run,
    _shared_runs,
    conflicting,
)
from quotes.salience import FUNCTION_WORDS, stock_words
from quotes.sources import ReadOptions
from quotes.speakers import _near_surnames
from quotes.tokens import is_special, keys


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


def _conflicts_direct(ctx: Context) -> list[tuple[str, tuple[str, ...]]]:
    """Q103 as first written: every pair of named members scanned against every speech quote."""
    out = []
    for group in ctx.groups:
        named = [ctx.quotes[m.quote] for m in group.members if _named_person(ctx.quotes[m.quote])]
        if len({_person_key(q) for q in named}) < 2:
            continue
        for q in named:
            rivals = [o for o in named if not _same_person(q, o) and _verbatim_direct(ctx, q, o)]
            if rivals:
                out.append((q.id, tuple(o.id for o in rivals)))
    return out


def _verbatim_direct(ctx: Context, a: Quote, b: Quote) -> bool:
    ka, kb = keys(a.text), keys(b.text)
    run = _shared_run(ka, kb)
    whole = len(run) == min(sum(not is_special(k) for k in ka), sum(not is_special(k) for k in kb))
    if len(run) < 6 and not whole:
        return False
    stock = stock_words(run)
    if len({k for i, k in enumerate(run) if k not in FUNCTION_WORDS and i not in stock}) < 3:
        return False
    needle = "\x1f" + "\x1f".join(run) + "\x1f"
    for q in ctx.quotes.values():
        if not q.speech or needle not in "\x1f" + "\x1f".join(keys(q.text)) + "\x1f":
            continue
        if q.parent in (a.id, b.id):
            return False
        if q.parent is None and q.attribution.speaker and _person_key(q) not in {_person_key(a), _person_key(b)} \
                and not any(_same_person(q, o) for o in (a, b)):
            return False
    return True


def _write(folder: Path, articles: dict[str, str]) -> str:
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder)


_STATEMENT = "We will not raise property taxes on working families this year"
_CONFLICTS = {
    # Two people credited with one statement: a conflict.
    "a.txt": f"“{_STATEMENT},” Mayor Ana Ruiz said on Monday.\n",
    "b.txt": f"“{_STATEMENT},” Councillor Tom Hale said at the hearing.\n",
    # A third speaker saying it too makes it a stock line for the pair above.
    "c.txt": "“Frankly our water mains are older than the city hall itself,” Mayor Ana Ruiz said.\n",
    "d.txt": "“Frankly our water mains are older than the city hall itself,” Clerk Jo Tan said.\n",
    "e.txt": "“Frankly our water mains are older than the city hall itself,” Judge Lee Park said.\n",
    # Quoting someone else inside one's own quote is no conflict.
    "f.txt": "“The bridge budget is gone and the repairs must wait until spring,” Ana Ruiz said.\n",
    "g.txt": "“She told us ‘the bridge budget is gone and the repairs must wait until spring’ and left,”"
             " Tom Hale said.\n",
}


@pytest.mark.parametrize("folder", ["archive", "planted"])
def test_q103_two_passes_equal_the_direct_scan(folder: str, tmp_path: Path) -> None:
    path = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "archive") if folder == "archive" \
        else _write(tmp_path / "planted", _CONFLICTS)
    run = check([path], Config(), ReadOptions(), lint=False)
    ctx = Context(run.docs, run.groups)
    hits = [(h.quote, h.related) for h in conflicting(ctx)]
    assert hits == _conflicts_direct(ctx)
    assert hits  # the archive plants conflicts; so do the articles above
    if folder == "planted":
        flagged = {ctx.quotes[q].source.rsplit("/", 1)[-1] for q, _ in hits}
        assert flagged == {"a.txt", "b.txt"}


@pytest.mark.parametrize("seed", range(6))
def test_shared_runs_both_ways_from_one_pass(seed: int) -> None:
    rng = random.Random(seed)
    words = ["we", "will", "not", "raise", "taxes", "\x01x", "this"]  # "\x01x": a special key (a bracket)
    for _ in range(300):
        ka = [rng.choice(words) for _ in range(rng.randint(0, 14))]
        kb = [rng.choice(words) for _ in range(rng.randint(0, 14))]
        assert _shared_runs(ka, kb) == (_shared_run(ka, kb), _shared_run(kb, ka))


_LINTED = {
    **_CONFLICTS,
    # Document rules: no speaker, an anonymous source, a pronoun never resolved, stray marks.
    "h.txt": "The council met. “We will rebuild the bridge by spring, whatever it costs.”\n"
             "“The money is there,” a senior official said. “It is late,” she said. He said “no.\n",
    # Suppressions: the next quote, and a stretch switched off.
    "i.txt": "<!-- quotes: ignore Q101 -->\n“Nobody claims this line at all, not even now,” .\n"
             "<!-- quotes: off -->\n“Nor this one, which nobody says either,” .\n<!-- quotes: on -->\n"
             "“But this one is reported again for lacking a speaker,” .\n",
}


@pytest.mark.parametrize("select", [(), ("Q", "Q401")])
def test_streamed_check_equals_rules_over_held_documents(select: tuple[str, ...], tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", _LINTED)
    config = Config(select=select)
    streamed = check([folder, os.path.join(os.path.dirname(__file__), os.pardir, "seeds")], config,
                     ReadOptions())
    held = tuple(streamed.docs)  # read back whole, as the run used to hold them
    expected = run_rules(Context(held, streamed.groups), config.select, config.ignore, config.ignored_for)
    assert list(streamed.findings) == expected
    codes = {f.code for f in expected}
    assert {"Q101", "Q102", "Q103", "Q301"} <= codes  # document rules and a run rule both report
    assert ("Q401" in codes) == ("Q401" in select)
    silenced = [f for f in expected if f.source.endswith("i.txt") and f.code == "Q101"]
    assert len(silenced) == 1 and "reported again" in silenced[0].message


def test_documents_are_read_back_on_each_pass(tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", _CONFLICTS)
    run = load([folder], Config(), ReadOptions())
    assert isinstance(run.docs, Documents) and len(run.docs) == len(_CONFLICTS)
    first, second = list(run.docs), list(run.docs)
    assert first == second and [d.source.path for d in first] == sorted(d.source.path for d in first)
    # Two passes at once each keep their own place in the spill file.
    assert [a == b for a, b in zip(run.docs, run.docs, strict=True)] == [True] * len(first)
    assert run.docs[1] == first[1]
    assert run.speech_quotes() == sum(q.speech for d in first for q in d.quotes) > 0


def test_records_pickle_by_fields_and_come_back_equal(tmp_path: Path) -> None:
    import pickle

    folder = _write(tmp_path / "news", _LINTED)
    docs = list(load([folder], Config(), ReadOptions()).docs)
    assert any(d.problems for d in docs) and any(q.attribution.cue for d in docs for q in d.quotes)
    for doc in docs:
        back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == doc and type(back.quotes[0].attribution) is type(doc.quotes[0].attribution)
        assert back.source.position(back.source.chars) == doc.source.position(doc.source.chars)
    q = docs[0].quotes[0]
    assert q.__reduce__() == (type(q), tuple(getattr(q, a.name) for a in attrs.fields(type(q))))
