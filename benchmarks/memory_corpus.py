"""Peak memory while streaming a large corpus: files are read (and extracted) one at a time.

Usage: python benchmarks/memory_corpus.py [--gb 1.0] [--file-kb 256] [--big-mb 100] [--no-extract]
       [--dir DIR] [--keep] [--cli COMMAND]

Writes a deterministic corpus of about `--gb` gigabytes to a temporary directory: many
article-like .txt/.md files of about `--file-kb` each, one JSONL file of records, and one
big .txt file of `--big-mb` megabytes (the "100 MB file" case). It then streams it through
`quotes.sources.read_sources` and, when importable, `quotes.extract.extract`, keeping only
counts, and prints throughput and peak RSS (resource.getrusage) as reading goes. Peak memory
should follow the largest single file, not the size of the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from typing import Any

from corpus import simple_paragraph

from quotes.sources import ReadOptions, read_sources

MB = 1 << 20


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(root: str, gb: float, file_kb: int, big_mb: int, seed: int = 7) -> int:
    """Write the corpus under `root`; return its size in bytes."""
    rng = random.Random(seed)
    pool = [simple_paragraph(rng) for _ in range(4000)]
    total, target, n = 0, int(gb * 1024 * MB), 0

    def body(size: int) -> str:
        parts, length = [], 0
        while length < size:
            p = rng.choice(pool)
            parts.append(p)
            length += len(p) + 2
        return "\n\n".join(parts) + "\n"

    with open(os.path.join(root, "big.txt"), "w", encoding="utf-8") as fh:
        for _ in range(big_mb):
            total += fh.write(body(MB))
    with open(os.path.join(root, "records.jsonl"), "w", encoding="utf-8") as fh:
        for i in range(2000):
            total += fh.write(json.dumps({"id": i, "text": body(8 * 1024)}) + "\n")
    while total < target:
        sub = os.path.join(root, f"d{n // 500:04d}")
        os.makedirs(sub, exist_ok=True)
        ext = ".md" if n % 10 == 0 else ".txt"
        text = body(rng.randint(file_kb // 2, file_kb * 3 // 2) * 1024)
        with open(os.path.join(sub, f"a{n:06d}{ext}"), "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode("utf-8"))
        n += 1
    return total


def run_cli(command: str, root: str, size: int) -> None:
    """Run the real command line over the corpus and print its time and peak memory."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "quotes", command, root, "--glob", "*.txt", "--glob", "*.md",
           "--glob", "*.jsonl", "--format", "json"]
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        code = subprocess.run(cmd, stdout=sink, check=False).returncode
    secs = time.perf_counter() - t0
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"quotes {command}: exit {code}, {secs:.0f} s, {size / MB / secs:.1f} MB/s, peak RSS {child:.0f} MB")


def main() -> None:
    """Build the corpus, stream it, print throughput and peak memory."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gb", type=float, default=1.0, help="corpus size in GB (default 1)")
    ap.add_argument("--file-kb", type=int, default=256, help="typical file size in KB")
    ap.add_argument("--big-mb", type=int, default=100, help="size of the one big file in MB")
    ap.add_argument("--no-extract", action="store_true", help="read only, do not extract")
    ap.add_argument("--dir", help="build the corpus here instead of a temporary directory")
    ap.add_argument("--keep", action="store_true", help="keep the corpus afterwards")
    ap.add_argument("--cli", metavar="COMMAND", help="instead of the library loop, run `quotes COMMAND DIR "
                    "--format json` (e.g. extract, check) and report that process's peak RSS")
    args = ap.parse_args()

    extract: Callable[[Any], Any] | None = None
    if not args.no_extract:
        try:
            from quotes.extract import extract
        except ImportError:
            print("quotes.extract not importable: reading only")

    root = args.dir or tempfile.mkdtemp(prefix="quotes-memory-")
    os.makedirs(root, exist_ok=True)
    try:
        t0 = time.perf_counter()
        size = build(root, args.gb, args.file_kb, args.big_mb)
        print(f"corpus: {size / MB:.0f} MB in {root} (built in {time.perf_counter() - t0:.0f} s)")
        print(f"peak RSS before reading: {peak_mb():.0f} MB")
        if args.cli:
            run_cli(args.cli, root, size)
            return
        options = ReadOptions(globs=("*.txt", "*.md", "*.jsonl"))
        t0 = time.perf_counter()
        sources = errors = quotes = chars = 0
        step, next_report = size // 10, size // 10
        for src in read_sources([root], options):
            sources += 1
            errors += src.error is not None
            chars += src.chars
            if extract is not None and src.error is None:
                quotes += len(extract(src).quotes)
            if chars >= next_report:
                while chars >= next_report:
                    next_report += step
                print(
                    f"  {chars / MB:8.0f} M chars  {sources:7d} sources  peak RSS {peak_mb():6.0f} MB"
                )
        secs = time.perf_counter() - t0
        print(
            f"read {sources} sources ({errors} errors), {chars / MB:.0f} M chars, {quotes} quotes "
            f"in {secs:.0f} s: {size / MB / secs:.1f} MB/s"
        )
        print(f"peak RSS: {peak_mb():.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
