"""Extraction speed on a deterministic article-like corpus (>= 20 MB): prints MB/s and quotes/s.

Usage: python benchmarks/extract_speed.py [--mb 20] [--seed 7] [--attribute]
`--attribute` also runs the built-in attribution engine when it is importable.
"""

from __future__ import annotations

import argparse
import random
import time

from quotes.extract import extract
from quotes.model import Document, Source

FIRST = [
    "Antony",
    "Maria",
    "Sergei",
    "Aroha",
    "Kofi",
    "Ysolde",
    "Gareth",
    "Teodora",
    "Haruto",
    "Lena",
]
LAST = [
    "Blinken",
    "Zakharova",
    "Lavrov",
    "Teviot-Marsh",
    "Amankwah-Reed",
    "Brannagh",
    "O’Neill",
    "Vaskelis",
]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "explained", "noted", "argued"]
WORDS = [
    "the",
    "council",
    "plan",
    "city",
    "water",
    "report",
    "money",
    "year",
    "people",
    "state",
    "court",
    "war",
    "peace",
    "talks",
    "families",
    "treaty",
    "vote",
    "budget",
    "school",
    "road",
    "storm",
    "team",
    "season",
    "crowd",
    "price",
    "market",
    "we",
    "they",
    "it",
    "is",
    "was",
    "will",
    "not",
    "never",
    "always",
    "ready",
    "again",
    "today",
    "tomorrow",
    "because",
    "although",
    "which",
    "and",
    "but",
    "or",
    "with",
    "for",
    "of",
]
FILLER = [
    "Officials met on Thursday to discuss the proposal, which has divided residents for years.",
    "The company’s shares rose 4 per cent after the announcement, the Joneses’ lawyer noted.",
    "It wasn’t clear whether the ’90s rules still applied, and nobody said so at 5 o’clock.",
    "Critics called it a so-called “compromise”, and the report “Tides of Change” was cited.",
    'Press "Enter" to skip to content.',
]


def _sentence(rng: random.Random, lo: int = 5, hi: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize()


def _paragraph(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    verb = rng.choice(VERBS)
    style = rng.random()
    s1, s2 = _sentence(rng), _sentence(rng)
    if style < 0.3:
        return f"“{s1}, ‘{_sentence(rng, 2, 4).lower()}’ and {s2.lower()},” {name} {verb}. {rng.choice(FILLER)}"
    if style < 0.5:
        return f"{name} {verb}: \"{s1}. {s2}, 'not {rng.choice(WORDS)}' again.\""
    if style < 0.7:
        return f"‘{s1},’ {verb} {name}. ‘{s2} “{_sentence(rng, 2, 3)}”.’"
    if style < 0.8:
        return f"{name} {verb} the plan was “{_sentence(rng, 3, 6).lower()}” and left."
    if style < 0.9:
        return f"“{s1}.\n\n“{s2}.”"
    return f"{rng.choice(FILLER)} {_sentence(rng)}."


def _narrative(rng: random.Random) -> str:
    # Most paragraphs of a news article carry no quote at all (about one quote per 300 chars).
    return " ".join(f"{_sentence(rng, 8, 22)}." for _ in range(rng.randint(1, 3)))


def corpus(mb: float, seed: int) -> list[str]:
    """Articles of ~4-12 paragraphs until the total reaches `mb` megabytes (characters)."""
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    docs: list[str] = []
    total = 0
    while total < target:
        head = _sentence(rng, 5, 10)
        paras = [head] + [
            _paragraph(rng) if rng.random() < 0.5 else _narrative(rng)
            for _ in range(rng.randint(6, 16))
        ]
        doc = "\n\n".join(paras) + "\n"
        docs.append(doc)
        total += len(doc)
    return docs


def main() -> None:
    """Build the corpus, time extraction (and optionally attribution), print the rates."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--attribute", action="store_true", help="also run the builtin engine")
    args = ap.parse_args()
    docs = corpus(args.mb, args.seed)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    # CPU time of this process: the figure for "one core", whatever else shares the machine.
    t0, c0 = time.perf_counter(), time.process_time()
    out: list[Document] = [extract(Source(path=f"doc{i}.txt", text=d)) for i, d in enumerate(docs)]
    wall, dt = time.perf_counter() - t0, time.process_time() - c0
    nq = sum(len(d.quotes) for d in out)
    print(f"corpus: {len(docs)} docs, {size:.1f} MB, {nq} quotes")
    print(
        f"extract: {dt:.2f} s CPU ({wall:.2f} s wall), {size / dt:.2f} MB/s, {nq / dt:,.0f} quotes/s"
    )
    if args.attribute:
        try:
            from quotes.engines import get_engine

            engine = get_engine("builtin")
        except ImportError as exc:
            print(f"attribute: skipped ({exc})")
            return
        c0 = time.process_time()
        engine.attribute(out)
        dt2 = time.process_time() - c0
        print(
            f"attribute: {dt2:.2f} s, {size / dt2:.2f} MB/s; extract+attribute {size / (dt + dt2):.2f} MB/s"
        )


if __name__ == "__main__":
    main()
