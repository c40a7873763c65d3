"""How `quotes.align` scales: time for 10k and 100k synthetic quotes, and the ratio.

The quotes are deterministic (seeded): statements drawn from a Zipf-like vocabulary, each quoted
by one to four sources as planted variant families: exact copies, fragments, ellipses, brackets,
one-word drift (modal or negation), two statements in one quote, and short same-speaker
fragments. 10x the quotes must cost at most about 12x the time (no all-pairs step).

    python benchmarks/align_scaling.py [--sizes 10000 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict

from quotes.align import align
from quotes.model import Attribution, Group, Quote

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "ga", "pe", "zu", "ha", "li",
              "mo", "ba", "ce", "fi", "jo", "qu", "ra", "se", "to", "vi", "we", "xo", "yu", "an"]
_MODALS = [("may", "will"), ("will", "would"), ("can", "could"), ("should", "must")]


class Corpus:
    """A seeded generator of statements, speakers and their variant quotes."""

    def __init__(self, seed: int, size: int, vocab: int = 30000) -> None:
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocab:
            words.add("".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 4))))
        self.vocab = sorted(words)
        # Zipf-like weights: a few words ("the", "and") are everywhere, most are rare.
        self.cum = list(itertools.accumulate(1.0 / (i + 1) for i in range(vocab)))
        # More articles, more people quoted: about twenty quotes per speaker at any size.
        self.speakers = [f"Name{i} Surname{i}" for i in range(max(100, size // 20))]
        self.family: dict[str, set[int]] = {}  # quote id -> the statements it quotes

    def statement(self) -> list[str]:
        """One spoken sentence, with a modal and sometimes a negation to drift on."""
        n = self.rng.randint(8, 30)
        words = self.rng.choices(self.vocab, cum_weights=self.cum, k=n)
        words[1] = self.rng.choice(_MODALS)[0]
        if self.rng.random() < 0.3:
            words.insert(2, "not")
        words[0] = words[0].capitalize()
        return words

    def variant(self, words: list[str]) -> str:
        """One outlet's version of a statement."""
        r = self.rng.random()
        w = list(words)
        if r < 0.35:
            pass  # exact
        elif r < 0.55 and len(w) > 8:
            a = self.rng.randint(0, len(w) - 6)
            w = w[a:a + self.rng.randint(4, min(10, len(w) - a))]
        elif r < 0.65 and len(w) > 10:
            a = self.rng.randint(2, len(w) - 7)
            w = [*w[:a], "…", *w[a + self.rng.randint(2, 5):]]
        elif r < 0.72:
            w = ["[Someone]", *w[2:]]
        elif r < 0.85:
            i = 1
            for old, new in _MODALS:
                if w[i] == old:
                    w[i] = new
        elif r < 0.92 and "not" in w:
            w.remove("not")
        else:
            i = self.rng.randrange(len(w))
            w[i] = self.rng.choice(self.vocab)
        return " ".join(w) + "."

    def quotes(self, n: int) -> list[Quote]:
        """`n` quotes in ~n/8 sources, in families of one to four variants."""
        out: list[Quote] = []
        sources = max(2, n // 8)
        offsets = [0] * sources
        counts = [0] * sources

        def add(text: str, speaker: str, *family: int) -> None:
            s = self.rng.randrange(sources)
            counts[s] += 1
            start = offsets[s] + 1
            offsets[s] = start + len(text) + 40
            out.append(Quote(
                f"src{s:06d}.txt#{counts[s]}", f"src{s:06d}.txt", start, start + len(text), text,
                1, start + 1, '"', '"', True, "speech", "synthetic",
                attribution=Attribution(speaker=speaker),
            ))
            self.family[out[-1].id] = set(family)

        statement = 0
        while len(out) < n:
            statement += 1
            words = self.statement()
            speaker = self.rng.choice(self.speakers)
            for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4))):
                if len(out) < n:
                    add(self.variant(words), speaker, statement)
            r = self.rng.random()
            if r < 0.05 and len(out) < n:
                a = self.rng.randrange(len(words) - 3)
                add(" ".join(words[a:a + self.rng.randint(1, 3)]), speaker, statement)  # short fragment
            elif r < 0.10 and len(out) < n:
                other = self.statement()  # one quote spanning two statements
                add(" ".join(words) + ". " + " ".join(other) + ".", speaker, statement, -statement)
                if len(out) < n:
                    add(" ".join(other) + ".", speaker, -statement)
        return out


def _recovery(family: dict[str, set[int]], groups: list[Group]) -> str:
    """Pair-level precision/recall of the groups against the planted families."""
    by_family: dict[int, list[str]] = defaultdict(list)
    for qid, fams in family.items():
        for f in fams:
            by_family[f].append(qid)
    planted = {p for ids in by_family.values() for p in itertools.combinations(sorted(ids), 2)}
    found = {p for g in groups for p in itertools.combinations(sorted(m.quote for m in g.members), 2)}
    tp = len(planted & found)
    return f"planted pairs P={tp / max(1, len(found)):.3f} R={tp / max(1, len(planted)):.3f}"


def main() -> int:
    """Time `align` at each size; print the times and the ratio of the last two."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    times: list[float] = []
    for size in args.sizes:
        corpus = Corpus(args.seed, size)
        quotes = corpus.quotes(size)
        t0, c0 = time.perf_counter(), time.process_time()
        groups = align(quotes)
        wall, elapsed = time.perf_counter() - t0, time.process_time() - c0
        times.append(elapsed)  # CPU time: other processes on a shared machine do not count
        members = sum(len(g.members) for g in groups)
        print(f"{size:>7} quotes: {elapsed:7.2f} s CPU, {wall:7.2f} s wall  ({len(groups)} groups, {members} members, "
              f"{size / elapsed:,.0f} quotes/s, {_recovery(corpus.family, groups)})")
    if len(times) >= 2:
        ratio = times[-1] / times[-2]
        scale = args.sizes[-1] / args.sizes[-2]
        ok = ratio <= scale * 1.2
        print(f"ratio {ratio:.2f}x for {scale:g}x the quotes ({'ok' if ok else 'TOO SLOW'}: "
              f"limit {scale * 1.2:g}x)")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
