"""`quotes check` over an archive of 1k, 10k and 100k generated news articles: time, peak RSS, growth.

Usage: python benchmarks/archive_scale.py [--sizes 1000 10000 100000] [--jobs 2] [--words 440]
       [--seed 7] [--dir DIR] [--format json]

Each archive is `newsgen` text (the statistics of real news; about 3 kB an article with the
default `--words`, so 100k articles are about 300 MB), written as .txt files in folders of a
thousand. The real command line is run on it (`python -m quotes check DIR --jobs N --format F`,
output to /dev/null) and timed (wall and the CPU seconds of it and its workers; the load
average is printed beside, since other work on the machine slows the wall time); its memory is sampled from /proc every 50 ms: the peak of the
main process and the peak of the whole process tree (main plus workers), and the peak proportional set size of the tree (forked workers share
the main process's pages: the tree RSS counts them once per process, the PSS once). The target: 100k
articles in under 2 minutes on 2 cores, under 1 GB, and at most 12x the time for 10x the
articles. `--dir` keeps the archives there and reuses them on the next run (writing 100k
articles takes a while).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from newsgen import iter_news

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def write_archive(root: str, articles: int, seed: int, words: int) -> int:
    """Write `articles` articles under `root` (unless a finished archive is there); return its bytes."""
    done = os.path.join(root, ".complete")
    if os.path.exists(done):
        with open(done, encoding="utf-8") as fh:
            return int(fh.read())
    total = 0
    for i, text in enumerate(iter_news(articles, seed, words)):
        folder = os.path.join(root, f"{i // 1000:04d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(folder, f"a{i:06d}.txt"), "wb") as fh:
            fh.write(data)
        total += len(data)
    with open(done, "w", encoding="utf-8") as fh:
        fh.write(str(total))
    return total


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (a forked worker's inherited memory) split among sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


class Sampler(threading.Thread):
    """Samples the RSS of a process and of its whole tree until stopped; keeps the peaks (kB)."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.main_peak = self.tree_peak = self.pss_peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        """Sample until `stop` is set."""
        while not self.stop.is_set():
            main = _rss_kb(self.pid)
            tree, pss, todo = main, _pss_kb(self.pid), _children(self.pid)
            while todo:
                child = todo.pop()
                tree += _rss_kb(child)
                pss += _pss_kb(child)
                todo.extend(_children(child))
            self.main_peak = max(self.main_peak, main)
            self.tree_peak = max(self.tree_peak, tree)
            self.pss_peak = max(self.pss_peak, pss)
            self.stop.wait(self.every)


def run_check(root: str, jobs: int, fmt: str) -> tuple[float, int, int, int, int, float]:
    """(seconds, exit code, main peak kB, tree peak kB, tree PSS peak kB, CPU s of the tree) of `quotes check root`."""
    cmd = [sys.executable, "-m", "quotes", "check", root, "--jobs", str(jobs), "--format", fmt,
           "--exit-zero", "--no-progress"]
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        sampler = Sampler(proc.pid)
        sampler.start()
        _, err = proc.communicate()
        sampler.stop.set()
        sampler.join()
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the check and its workers, all reaped
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return secs, proc.returncode, sampler.main_peak, sampler.tree_peak, sampler.pss_peak, cpu


def main() -> None:
    """Write each archive, check it, print time, RSS and the growth from one size to the next."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--words", type=int, default=440, help="mean words an article (440: about 3 kB)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", default="lines", help="check --format (default lines, as check)")
    ap.add_argument("--dir", help="keep the archives here and reuse them")
    args = ap.parse_args()
    base = args.dir or tempfile.mkdtemp(prefix="quotes-archive-")
    rows: list[tuple[int, float]] = []
    try:
        print(f"{'articles':>9} {'MB':>7} {'seconds':>8} {'CPU s':>7} {'MB/s':>6} {'main RSS':>9} {'tree RSS':>9} {'tree PSS':>9}"
              f" {'time x':>7} {'exit':>4} {'load':>5}", flush=True)
        for n in args.sizes:
            root = os.path.join(base, f"news-{n}-{args.seed}-{args.words}")
            os.makedirs(root, exist_ok=True)
            size = write_archive(root, n, args.seed, args.words)
            secs, code, main_kb, tree_kb, pss_kb, cpu = run_check(root, args.jobs, args.format)
            growth = f"{secs / rows[-1][1]:6.1f}x" if rows else "      -"
            rows.append((n, secs))
            # The load average says how much of the machine other work took meanwhile.
            print(f"{n:>9,} {size / 1e6:7.1f} {secs:8.1f} {cpu:7.1f} {size / 1e6 / secs:6.2f} "
                  f"{main_kb / 1024:7.0f}MB {tree_kb / 1024:7.0f}MB {pss_kb / 1024:7.0f}MB {growth} {code:>4} {os.getloadavg()[0]:5.2f}",
                  flush=True)
    finally:
        if not args.dir:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
