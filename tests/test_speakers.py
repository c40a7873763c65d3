"""Names within a source (titles, surnames, roles) and across sources (transliterations, ids)."""

from __future__ import annotations

import pytest

from quotes.engines.builtin import BuiltinEngine
from quotes.model import Attribution, Document, Quote, Source
from quotes.speakers import (
    NameIndex,
    fold,
    gender_of,
    link_speakers,
    same_person,
    slug,
    speaker_id,
    split_role,
)


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("U.S. Secretary of State Antony Blinken", "Antony Blinken", "U.S. Secretary of State"),
        ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
        ("Mayor Odalys Ferreira-Quint", "Odalys Ferreira-Quint", "Mayor"),
        ("City engineer Sione Tavake-Lund", "Sione Tavake-Lund", "City engineer"),
        ("Chief executive Mohammed Zahrani-Holt", "Mohammed Zahrani-Holt", "Chief executive"),
        ("Dr. Aroha Teviot-Marsh", "Aroha Teviot-Marsh", "Dr."),
        ("Mr Zahrani-Holt", "Zahrani-Holt", "Mr"),
        ("President [Vladimir] Putin", "Vladimir Putin", "President"),
        ("American Paul Whelan", "Paul Whelan", "American"),
        ("Ursula von der Leyen", "Ursula von der Leyen", None),
        ("Martin Luther King", "Martin Luther King", None),
        ("the Secretary of State", "", "Secretary of State"),
        ("the mayor", "", "mayor"),
        ("the State Department", "State Department", None),
        ("the Kremlin", "Kremlin", None),
        ("Blinken", "Blinken", None),
    ],
)
def test_split_role(mention: str, name: str, role: str | None) -> None:
    assert split_role(mention) == (name, role)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sergey Lavrov", "Sergei Lavrov", True),
        ("Mohammed Zahrani-Holt", "Muhammad Zahrani-Holt", True),
        ("Yevgenia Sorokina-Hale", "Evgenia Sorokina-Hale", True),
        ("Yusuf Demirkan", "Yousef Demirkan", True),
        ("Aleksandr Brevnikov", "Alexander Brevnikov", True),
        ("Hildur Magnadottir", "Hildur Magnúsdóttir", True),
        ("S. Lavrov", "Sergey Lavrov", True),
        ("Lavrov", "Sergey Lavrov", True),
        ("Joe Biden", "Hunter Biden", False),
        ("Antony Blinken", "Sergey Lavrov", False),
        ("Maria Zakharova", "Maria Zakharchenko", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_name_index_resolves_surnames_titles_and_roles() -> None:
    idx = NameIndex()
    idx.add("Antony Blinken", 10, "U.S. Secretary of State")
    idx.add("Odalys Ferreira-Quint", 50)
    idx.add_role("Odalys Ferreira-Quint", "the mayor of Harlow Bay")
    assert idx.resolve("Blinken", 100) == "Antony Blinken"
    assert idx.resolve("Ferreira-Quint", 100) == "Odalys Ferreira-Quint"
    assert idx.resolve("A. Blinken", 100) == "Antony Blinken"
    assert idx.resolve("Lavrov", 100) == "Lavrov"
    assert idx.by_role("mayor", 100) == "Odalys Ferreira-Quint"
    assert idx.by_role("secretary", 100) == "Antony Blinken"
    assert idx.by_role("judge", 100) is None


def test_name_index_prefers_latest_before_position() -> None:
    idx = NameIndex()
    idx.add("Joe Biden", 0)
    idx.add("Hunter Biden", 100)
    assert idx.resolve("Biden", 50) == "Joe Biden"
    assert idx.resolve("Biden", 150) == "Hunter Biden"


@pytest.mark.parametrize(
    ("name", "role", "gender"),
    [
        ("Maria Zakharova", None, "f"),
        ("Sergei Lavrov", None, "m"),
        ("Yevgenia Sorokina-Hale", None, "f"),
        ("Vaskelis", "Ms", "f"),
        ("Holt", "Mr.", "m"),
        ("Olga Tokarczuk", None, "f"),
        ("Alex Tran", None, None),
    ],
)
def test_gender_of(name: str, role: str | None, gender: str | None) -> None:
    assert gender_of(name, role) == gender


def test_fold_and_slug() -> None:
    assert fold("Magnúsdóttir") == "magnusdottir"
    assert fold("Mr. Blinken") == "mr blinken"
    assert slug("Sergey Lavrov") == "sergey-lavrov"
    assert slug("Hildur Magnúsdóttir") == "hildur-magnusdottir"
    assert speaker_id("a senior State Department official", True) == "anonymous:senior-state-department-official"
    assert speaker_id(None, False) is None


def _doc(path: str, *speakers: str, anonymous: bool = False) -> Document:
    text = " ".join(f"“x{i}”" for i in range(len(speakers)))
    quotes = []
    for i, sp in enumerate(speakers):
        start = text.index(f"x{i}")
        quotes.append(Quote(f"{path}#{i + 1}", path, start, start + 2, f"x{i}", 1, start + 1, "“", "”", True,
                            "speech", "test", attribution=Attribution(speaker=sp, anonymous=anonymous)))
    return Document(Source(path=path, text=text), tuple(quotes))


def test_link_speakers_merges_transliterations_across_sources() -> None:
    docs = link_speakers([
        _doc("a.txt", "Sergey Lavrov", "Muhammad Zahrani-Holt"),
        _doc("b.txt", "Sergei Lavrov", "Mohammed Zahrani-Holt", "Zahrani-Holt"),
        _doc("c.txt", "Sergei Lavrov", "S. Lavrov", "Mohammed Zahrani-Holt"),
    ])
    got = [(q.attribution.speaker, q.attribution.speaker_id) for d in docs for q in d.quotes]
    lavrov = {g for g in got if "Lavrov" in (g[0] or "")}
    holt = {g for g in got if "Holt" in (g[0] or "")}
    assert lavrov == {("Sergei Lavrov", "sergei-lavrov")}  # the most frequent spelling wins
    assert holt == {("Mohammed Zahrani-Holt", "mohammed-zahrani-holt")}


def test_link_speakers_keeps_different_people_apart() -> None:
    docs = link_speakers([_doc("a.txt", "Joe Biden", "Hunter Biden")])
    ids = [q.attribution.speaker_id for q in docs[0].quotes]
    assert ids == ["joe-biden", "hunter-biden"]


def test_link_speakers_anonymous_and_empty() -> None:
    docs = link_speakers([_doc("a.txt", "officials", anonymous=True)])
    assert docs[0].quotes[0].attribution.speaker_id == "anonymous:officials"
    empty = Document(Source(path="e.txt", text="“x”"), (Quote("e.txt#1", "e.txt", 1, 2, "x", 1, 2, "“", "”", True, "speech", "t"),))
    assert link_speakers([empty])[0].quotes[0].attribution.speaker_id is None


def test_engine_links_spellings_across_articles() -> None:
    from test_attribute import doc_of

    docs = BuiltinEngine().attribute([
        doc_of("“We talked,” Sergey Lavrov said.", "a.txt"),
        doc_of("“We talked,” Sergei Lavrov said.", "b.txt"),
        doc_of("“We talked,” said Foreign Minister Sergei Lavrov.", "c.txt"),
    ])
    assert {q.attribution.speaker_id for d in docs for q in d.quotes} == {"sergei-lavrov"}


@pytest.mark.parametrize("all_pairs_max", [0, 10**6])
def test_near_surnames_both_ways_equal_the_definition(all_pairs_max: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Buckets compared pair by pair and buckets searched through the deletion index agree."""
    import random

    from rapidfuzz import fuzz

    from quotes import speakers

    monkeypatch.setattr(speakers, "_ALL_PAIRS_MAX", all_pairs_max)
    rng = random.Random(5)
    bases = ["".join(rng.choice("abcdeilnorst-") for _ in range(rng.randint(1, 18))) for _ in range(400)]
    surnames = set(bases) | {b[: len(b) // 2] + rng.choice("aeo") + b[len(b) // 2 + 1 :] for b in bases}
    near = speakers._near_surnames(surnames)
    assert near == {s: {t for t in surnames if t[:1] == s[:1] and fuzz.ratio(s, t) >= 84} for s in surnames}
    assert sum(len(v) for v in near.values()) > len(near)  # some surnames do have close ones


@pytest.mark.parametrize(("full", "short"), [
    ("Marta Acosta Ferrer", "Acosta"),  # a middle surname
    ("Martin Luther King Jr.", "King"),  # before a suffix
    ("Mohammed Zahrani-Holt", "Holt"),  # a part of a hyphenated surname
    ("Mohammed Zahrani-Holt", "Zahrani-Holt"),
    ("Ana Ruiz", "Ana"),  # the given name alone
])
def test_name_index_keys(full: str, short: str) -> None:
    idx = NameIndex()
    idx.add(full, 0)
    assert idx.resolve(short, 10) == full
    assert idx.resolve("Nobody", 10) == "Nobody"
