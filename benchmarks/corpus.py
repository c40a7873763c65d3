"""Seeded article-like text for the benchmarks: names, speech verbs, a small vocabulary, paragraphs.

In: a `random.Random` (or a seed and a size). Out: plain strings, the same for the same seed.
It knows nothing of the `quotes` package: each benchmark decides what to do with the text.
This is the older, sparser text (few names, no pronoun credits, full quotes mostly); text with
the statistics of real news is `newsgen.py`'s, which the speed and archive benchmarks use.
The scripts beside it import it as `corpus` (running `python benchmarks/X.py` puts this folder
first on sys.path).
"""

from __future__ import annotations

import random

FIRST = ["Antony", "Maria", "Sergei", "Aroha", "Kofi", "Ysolde", "Gareth", "Teodora", "Haruto", "Lena"]
# Hyphens and a curly apostrophe: names that split or end a naive word match.
LAST = ["Blinken", "Zakharova", "Lavrov", "Teviot-Marsh", "Amankwah-Reed", "Brannagh", "O’Neill", "Vaskelis"]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "explained", "noted", "argued"]
WORDS = [
    "the", "council", "plan", "city", "water", "report", "money", "year", "people", "state",
    "court", "war", "peace", "talks", "families", "treaty", "vote", "budget", "school", "road",
    "storm", "team", "season", "crowd", "price", "market", "we", "they", "it", "is", "was", "will",
    "not", "never", "always", "ready", "again", "today", "tomorrow", "because", "although",
    "which", "and", "but", "or", "with", "for", "of",
]  # fmt: skip
# Sentences with marks that are not quotes: apostrophes, a title, a scare quote, a UI string.
FILLER = [
    "Officials met on Thursday to discuss the proposal, which has divided residents for years.",
    "The company’s shares rose 4 per cent after the announcement, the Joneses’ lawyer noted.",
    "It wasn’t clear whether the ’90s rules still applied, and nobody said so at 5 o’clock.",
    "Critics called it a so-called “compromise”, and the report “Tides of Change” was cited.",
    'Press "Enter" to skip to content.',
]

# The memory benchmark's older, smaller cast and vocabulary, kept so its figures stay comparable.
SIMPLE_NAMES = ["Miriam Osei", "Tom Grady", "Raj Mehta", "Antony Blinken", "Maria Zakharova", "Aroha Teviot"]
SIMPLE_VERBS = VERBS[:5]
SIMPLE_WORDS = [
    w for w in WORDS if w not in {"war", "peace", "team", "season", "crowd", "always", "tomorrow"}
] + ["bridge", "repair", "minister"]


def sentence(rng: random.Random, lo: int = 5, hi: int = 18, words: list[str] = WORDS) -> str:
    """`lo` to `hi` random words, capitalised, with no final stop."""
    return " ".join([rng.choice(words) for _ in range(rng.randint(lo, hi))]).capitalize()


def paragraph(rng: random.Random) -> str:
    """One paragraph with quotes in one of five shapes (nested, colon, multi-paragraph...) or none."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    verb = rng.choice(VERBS)
    style = rng.random()
    s1, s2 = sentence(rng), sentence(rng)
    if style < 0.3:
        return f"“{s1}, ‘{sentence(rng, 2, 4).lower()}’ and {s2.lower()},” {name} {verb}. {rng.choice(FILLER)}"
    if style < 0.5:
        return f"{name} {verb}: \"{s1}. {s2}, 'not {rng.choice(WORDS)}' again.\""
    if style < 0.7:
        return f"‘{s1},’ {verb} {name}. ‘{s2} “{sentence(rng, 2, 3)}”.’"
    if style < 0.8:
        return f"{name} {verb} the plan was “{sentence(rng, 3, 6).lower()}” and left."
    if style < 0.9:
        return f"“{s1}.\n\n“{s2}.”"
    return f"{rng.choice(FILLER)} {sentence(rng)}."


def narrative(rng: random.Random) -> str:
    """One to three sentences with no quote."""
    # Most paragraphs of a news article carry no quote at all (about one quote per 300 chars).
    return " ".join(f"{sentence(rng, 8, 22)}." for _ in range(rng.randint(1, 3)))


def articles(mb: float, seed: int) -> list[str]:
    """Articles of a headline and 6-16 paragraphs until the total reaches `mb` million characters."""
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    docs: list[str] = []
    total = 0
    while total < target:
        head = sentence(rng, 5, 10)
        paras = [head] + [
            paragraph(rng) if rng.random() < 0.5 else narrative(rng)
            for _ in range(rng.randint(6, 16))
        ]
        doc = "\n\n".join(paras) + "\n"
        docs.append(doc)
        total += len(doc)
    return docs


def simple_paragraph(rng: random.Random) -> str:
    """One paragraph in one of four plainer shapes, usually with a quote (the memory corpus)."""

    def simple() -> str:
        return sentence(rng, 5, 16, SIMPLE_WORDS)

    who, verb = rng.choice(SIMPLE_NAMES), rng.choice(SIMPLE_VERBS)
    style = rng.random()
    if style < 0.4:
        return f"“{simple()},” {who} {verb}. {simple()}."
    if style < 0.6:
        return f'{who} {verb} that the plan was "{simple().lower()}". {simple()}.'
    if style < 0.7:
        return f"“{simple()}, ‘{simple().lower()}’ and {simple().lower()}.” {simple()}."
    return f"{simple()}. {simple()}, {who} {verb}."
