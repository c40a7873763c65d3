"""`quotes check` of generated news in one process against a Dask cluster: time, memory, equality.

Writes N articles of `newsgen` (news with the statistics of real news) to a JSONL file, then runs
`pipeline.check` on it twice, each in a fresh process: locally (one core) and with the map step
(extraction and attribution) on a Dask cluster (a `LocalCluster` of --workers processes, or
--scheduler ADDRESS). Each run is split into the map phase (until the last document is in) and
the reduce (speaker linking, alignment with its comparisons on the cluster, the rules). Prints both, the client's peak
RSS, whether the two JSON reports are byte-identical, and the per-million-article figures they extrapolate to.

    python benchmarks/dask_scale.py --articles 10000 --workers 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from typing import Any

from newsgen import iter_news


def write_corpus(path: str, articles: int, seed: int) -> int:
    """N generated articles as JSONL records with an id; returns the file's size in bytes."""
    with open(path, "w", encoding="utf-8") as fh:
        for n, text in enumerate(iter_news(articles, seed)):
            fh.write(json.dumps({"id": f"n{n}", "text": text}) + "\n")
    return os.path.getsize(path)


def _cpu() -> float:
    """CPU seconds (user + system) this process has used: run on each worker."""
    t = os.times()
    return t.user + t.system


def _worker_cpu(client: Any) -> float:
    """CPU seconds all the cluster's workers have used so far (contention does not inflate it)."""
    return sum(client.run(_cpu).values())


def one(path: str, mode: str, workers: int, scheduler: str | None) -> dict[str, Any]:
    """Run `check` on the corpus once (mode local or dask) and measure its phases."""
    from quotes import pipeline
    from quotes.config import Config
    from quotes.sources import ReadOptions

    marks: dict[str, float] = {}

    def timed(inner: Any) -> Any:
        def run(files: Sequence[str], read: ReadOptions, config: Config) -> Iterator[Any]:
            yield from inner(files, read, config)
            marks["map"] = time.perf_counter() - marks["start"]
            marks["map_cpu"] = time.process_time() - marks["cpu"]
        return run

    read = ReadOptions(jsonl_id="id")
    config = Config()
    startup = 0.0
    if mode == "local":
        inner = timed(lambda f, r, c: pipeline._attributed(f, r, c, 1))
        client = compare = None
    else:
        from quotes.distributed import comparer, connect, mapper

        t = time.perf_counter()
        client = connect(scheduler, workers)
        c = client.__enter__()
        startup = time.perf_counter() - t
        inner = timed(mapper(c))
        compare = comparer(c)
    workers_cpu = _worker_cpu(c) if client is not None else 0.0
    client_cpu = marks["cpu"] = time.process_time()
    marks["start"] = time.perf_counter()
    run = pipeline.check([path], config, read, mapper=inner, compare=compare)
    total = time.perf_counter() - marks["start"]
    client_cpu = time.process_time() - client_cpu
    if client is not None:
        workers_cpu = _worker_cpu(c) - workers_cpu
        client.__exit__(None, None, None)
    from quotes.render.formats import check_renderer

    digest = hashlib.sha256(check_renderer("json", False, False, 0).render(run).encode()).hexdigest()
    return {
        "mode": mode, "startup": startup, "map": marks["map"], "reduce": total - marks["map"],
        "total": total, "client_cpu": client_cpu, "client_map_cpu": marks["map_cpu"], "workers_cpu": workers_cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "quotes": sum(len(d.quotes) for d in run.docs), "groups": len(run.groups),
        "findings": len(run.findings), "digest": digest,
    }


def main() -> None:
    """Parse options, write the corpus, run both modes in fresh processes, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster")
    ap.add_argument("--scheduler", default=None, help="use this scheduler instead of a local cluster")
    ap.add_argument("--one", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[1], args.one[0], args.workers, args.scheduler)))
        return
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "news.jsonl")
        t = time.perf_counter()
        size = write_corpus(path, args.articles, args.seed)
        print(f"{args.articles} articles, {size / 1e6:.1f} MB JSONL (generated in {time.perf_counter() - t:.1f} s)")
        rows = []
        for mode in ("local", "dask"):
            cmd = [sys.executable, __file__, "--one", mode, path, "--workers", str(args.workers)]
            if args.scheduler:
                cmd += ["--scheduler", args.scheduler]
            # One string-hash seed for both clients, so that a difference can only come from the
            # cluster (the output does not depend on it: tests/test_archive.py checks that).
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    local, dask = rows
    print(f"{'mode':6} {'startup':>8} {'map s':>8} {'reduce s':>9} {'total s':>8} {'client CPU (map)':>16} {'workers CPU':>11} "
          f"{'RSS MB':>7} {'quotes':>7} {'groups':>7} {'findings':>8}")
    for r in rows:
        print(f"{r['mode']:6} {r['startup']:8.1f} {r['map']:8.1f} {r['reduce']:9.1f} {r['total']:8.1f} "
              f"{r['client_cpu']:10.1f} ({r['client_map_cpu']:4.1f}) {r['workers_cpu']:11.1f} {r['rss_mb']:7.0f} {r['quotes']:7} {r['groups']:7} {r['findings']:8}")
    print(f"load average (1 min) before and after: {load:.2f}, {os.getloadavg()[0]:.2f} (other jobs share these cores)")
    same = local["digest"] == dask["digest"]
    print(f"JSON output byte-identical: {same}; map speed-up on {args.workers} workers: {local['map'] / dask['map']:.2f}x "
          f"(efficiency {local['map'] / dask['map'] / args.workers:.0%})")
    per_m = 1e6 / args.articles
    client_map = dask["client_map_cpu"]  # the client's share of the map: receiving, linking, spilling
    print(f"extrapolated to 1,000,000 articles ({per_m:.0f}x this run, linear, not measured): "
          f"workers {dask['workers_cpu'] * per_m / 3600:.1f} core-hours; the client {client_map * per_m / 3600:.1f} "
          f"CPU-hours while the map runs, then its reduce {dask['reduce'] * per_m / 3600:.1f} h "
          f"(alignment's comparisons run on the workers; blocking, grouping and the rules on the client)")


if __name__ == "__main__":
    main()
