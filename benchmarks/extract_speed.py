"""Extraction speed on generated news (and on a folder of real news beside it): MB/s and quotes/s.

Usage: python benchmarks/extract_speed.py [--mb 20] [--seed 7] [--attribute] [--real DIR]
       [--corpus news|legacy] [--jobs N] [--repeat N]

The generated corpus is `newsgen` (the statistics of real news, see corpus_stats.py); `--corpus
legacy` is the older, sparser `corpus.articles` the README's first figures were measured on.
`--real DIR` also times every .txt/.md article under DIR and prints both rows. Figures are CPU
seconds of this process (one core), the best of `--repeat` passes (later passes run with the
caches of the first warm, as a long run does). `--attribute` adds the built-in attribution engine.
`--jobs N` (N > 1) also times the whole load step (`quotes.pipeline.load`: read, extract,
attribute, spill, link speakers) in N worker processes, wall clock, over files on disk.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence

from corpus import articles
from newsgen import iter_news

from quotes.model import Document, Source


def _generated(kind: str, mb: float, seed: int) -> list[Source]:
    if kind == "legacy":
        texts = articles(mb, seed)
    else:
        texts, total = [], 0
        for text in iter_news(max(1, int(mb * 230)), seed):  # about 4.5 kB an article
            texts.append(text)
            total += len(text)
            if total >= mb * 1e6:
                break
    return [Source(path=f"doc{i:06d}.txt", text=t) for i, t in enumerate(texts)]


def _real(folder: str) -> list[Source]:
    from quotes.sources import ReadOptions, iter_paths, read_file

    read = ReadOptions()
    return [s for p, err in iter_paths([folder], read) if err is None for s in read_file(p, read)]


def time_one(name: str, sources: Sequence[Source], attribute: bool, repeat: int = 1) -> None:
    """Time extraction (and attribution) of `sources` on one core and print one row (best of `repeat`)."""
    from quotes.engines import get_engine
    from quotes.extract import extract

    size = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    dt = dt2 = float("inf")
    for _ in range(max(1, repeat)):
        # CPU time of this process: the figure for "one core", whatever else shares the machine.
        c0 = time.process_time()
        out: list[Document] = [extract(s) for s in sources]
        dt = min(dt, time.process_time() - c0)
        if attribute:
            engine = get_engine("builtin")
            c0 = time.process_time()
            engine.attribute(out)
            dt2 = min(dt2, time.process_time() - c0)
    nq = sum(len(d.quotes) for d in out)
    line = (f"{name:>9}: {len(sources):6d} docs {size:6.1f} MB {nq:7d} quotes | extract "
            f"{size / dt:5.2f} MB/s ({nq / dt:,.0f} quotes/s)")
    if attribute:
        line += f" | attribute {size / dt2:5.2f} MB/s | extract+attribute {size / (dt + dt2):5.2f} MB/s"
    print(line, flush=True)


def time_load(name: str, sources: Sequence[Source], folder: str | None, jobs: int, repeat: int = 1) -> None:
    """Time `pipeline.load` over files (written to a temporary folder unless given) with `jobs` workers.

    Wall clock, best of `repeat`, and the CPU seconds of this (the parent) process: with workers,
    what it does alone (reading results, spilling, linking) bounds the speed-up.
    """
    from quotes.config import Config
    from quotes.pipeline import load
    from quotes.sources import ReadOptions

    size = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        if folder is None:
            for s in sources:
                with open(os.path.join(tmp, s.path), "w", encoding="utf-8") as fh:
                    fh.write(s.text)
            folder = tmp
        for j in sorted({1, jobs}):
            wall = cpu = float("inf")
            for _ in range(max(1, repeat)):
                t0, c0 = time.perf_counter(), time.process_time()
                load([folder], Config(), ReadOptions(), jobs=j)
                wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
            print(f"{name:>9}: load --jobs {j}: {wall:.2f} s wall, {size / wall:.2f} MB/s "
                  f"(this process {cpu:.2f} s CPU)", flush=True)


def main() -> None:
    """Build the corpus, time extraction (and optionally attribution), print the rates."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus in MB")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", choices=["news", "legacy"], default="news")
    ap.add_argument("--attribute", action="store_true", help="also run the builtin engine")
    ap.add_argument("--real", metavar="DIR", help="also time the real articles in DIR (.txt/.md)")
    ap.add_argument("--jobs", type=int, default=1, help="also time pipeline.load with this many workers")
    ap.add_argument("--repeat", type=int, default=1, help="passes per row; the best one is printed")
    args = ap.parse_args()
    rows: list[tuple[str, list[Source], str | None]] = []
    if args.real:
        rows.append(("real", _real(args.real), args.real))
    rows.append((args.corpus, _generated(args.corpus, args.mb, args.seed), None))
    for name, sources, _ in rows:
        time_one(name, sources, args.attribute, args.repeat)
    if args.jobs > 1:
        for name, sources, folder in rows:
            time_load(name, sources, folder, args.jobs, args.repeat)


if __name__ == "__main__":
    main()
