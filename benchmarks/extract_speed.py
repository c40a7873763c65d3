"""Extraction speed on a deterministic article-like corpus (>= 20 MB): prints MB/s and quotes/s.

Usage: python benchmarks/extract_speed.py [--mb 20] [--seed 7] [--attribute]
`--attribute` also runs the built-in attribution engine when it is importable.
"""

from __future__ import annotations

import argparse
import time

from corpus import articles

from quotes.extract import extract
from quotes.model import Document, Source


def main() -> None:
    """Build the corpus, time extraction (and optionally attribution), print the rates."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--attribute", action="store_true", help="also run the builtin engine")
    args = ap.parse_args()
    docs = articles(args.mb, args.seed)
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
