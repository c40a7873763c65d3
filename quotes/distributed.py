"""The map step on a Dask cluster: extraction and attribution over partitions of a corpus.

In: the files of a run in input order, `ReadOptions`, a `Config`, and a Dask client (a scheduler
address, or a local cluster). Out: (file, document) for every document in input order, exactly
what `pipeline._attributed` yields, so `pipeline.stream` (speaker linking, spill), alignment and
the rules run unchanged on the client and the output is the local run's, byte for byte.
Partitions: runs of small files, JSONL byte ranges cut at line ends (their first line numbers
counted on the workers), Parquet row groups. A JSONL or Parquet id seen in an earlier partition
names the record by line instead, as the local reader does: a partition that claims such an id
is run again knowing it. Workers read the paths themselves (a shared file system), and must have
this package installed. Alignment's comparisons run there too (`comparer`): the candidate pairs
in blocks, each shipped with only the pieces it reads. This is the only module that imports
dask; it refuses to know what the map step computes and what makes two quotes variants.
"""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from quotes.align import Comparer, Linking, links
from quotes.config import Config
from quotes.errors import QuotesError
from quotes.model import Document
from quotes.pieces import Piece
from quotes.pipeline import process_file, process_source
from quotes.sources import ReadOptions, format_of

INSTALL = "the Dask options need dask.distributed: pip install 'quotes[dask]'"
# A partition's share of the input: big enough that task overhead (a few ms) is noise, small
# enough that every worker gets several and one slow partition does not hold the run.
PART_BYTES = 2 << 20
# Small files batched into one task: per-file task overhead would dominate short articles.
PART_FILES = 256
# Partitions in flight per worker thread: keeps workers busy while the client reduces in order,
# without results of the whole corpus waiting in worker memory.
IN_FLIGHT = 4
# Candidate pairs a worker compares in one task (a few hundred ms of work: task overhead is noise).
PAIR_BLOCK = 5000
# Seconds to reach a scheduler before giving up with one line (not dask's 30 s default).
CONNECT_TIMEOUT = 10


class DaskError(QuotesError):
    """Dask is not installed, or the scheduler cannot be reached."""


@attrs.frozen
class Part:
    """One task's input: `files` whole, or a piece (`start`..`end`) of one JSONL/Parquet file.

    For JSONL the piece is a byte range and `first` its first line number; for Parquet a range
    of row groups and `first` the number of its first row. `local`: read on the client (stdin).
    """

    files: tuple[str, ...]
    kind: str = "files"  # files | jsonl | parquet
    start: int = 0
    end: int = 0
    first: int = 1
    local: bool = False


@attrs.frozen
class Done:
    """A partition's documents, in order, and the record ids it named its records by."""

    docs: tuple[tuple[str, Document], ...]
    taken: frozenset[str] = frozenset()


def connect(scheduler: str | None, workers: int) -> contextlib.AbstractContextManager[Any]:
    """A Dask client of the scheduler at `scheduler`, or of a new local cluster of `workers` processes."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskError(INSTALL) from exc
    if scheduler is None:
        import logging

        # Loopback only, and the status page on any free port (a second cluster must not clash on 8787).
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        return _closing(Client(cluster), cluster)
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_TIMEOUT}s"}):
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:  # refused, timed out, a malformed address
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DaskError(f"cannot reach the Dask scheduler at {scheduler}: {why}") from exc
    return _closing(client)


@contextlib.contextmanager
def _closing(client: Any, cluster: Any = None) -> Iterator[Any]:
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def mapper(client: Any) -> Any:
    """A `pipeline.Mapper` that runs the map step on the client's cluster."""

    def run(files: Sequence[str], read: ReadOptions, config: Config) -> Iterator[tuple[str, Document]]:
        if config.engine != "builtin":
            raise DaskError("the Dask options run the builtin engine only (not --engine stanza)")
        return _run(client, files, read, config)

    return run


def comparer(client: Any) -> Comparer:
    """An `align.Comparer` that decides the candidate pairs on the client's cluster.

    Blocking (which pieces share rare shingles) stays on the client: it counts hashes. The
    comparisons, most of alignment's time, go to the workers in blocks of pairs of consecutive
    probing pieces, each with only the pieces it reads; the links come back in the pairs' order.
    """

    def run(items: Sequence[Piece], pairs: Sequence[tuple[int, int]], ctx: Linking) -> list[tuple[int, int]]:
        if len(pairs) <= PAIR_BLOCK:
            return links(items, pairs, ctx)  # one block: shipping it costs more than comparing
        shared = client.scatter(ctx, broadcast=True)
        futures = []
        for block in _pair_blocks(pairs):
            needed = {k for i, j in block for n in (i, j) for k in ctx.copies.get(n, (n,))}
            needed.update(n for pair in block for n in pair)
            futures.append(client.submit(links, {k: items[k] for k in sorted(needed)}, block, shared,
                                         pure=False))
        out: list[tuple[int, int]] = []
        for future in futures:
            out.extend(future.result())
        return out

    return run


def _pair_blocks(pairs: Sequence[tuple[int, int]]) -> Iterator[Sequence[tuple[int, int]]]:
    """The pairs in runs of about `PAIR_BLOCK`, cut only where the probing piece changes."""
    start = 0
    while start < len(pairs):
        end = min(len(pairs), start + PAIR_BLOCK)
        while end < len(pairs) and pairs[end][0] == pairs[end - 1][0]:
            end += 1
        yield pairs[start:end]
        start = end


def _run(client: Any, files: Sequence[str], read: ReadOptions, config: Config) -> Iterator[tuple[str, Document]]:
    parts = _numbered(client, list(_plan(files, read)))
    window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    pending: collections.deque[tuple[Part, Any]] = collections.deque()
    todo = iter(parts)
    taken: dict[str, set[str]] = {}  # ids claimed so far, per file
    while True:
        while len(pending) < window and (part := next(todo, None)) is not None:
            pending.append((part, _submit(client, part, read, config, frozenset())))
        if not pending:
            return
        part, future = pending.popleft()
        done = future.result()
        del future  # the worker may forget the result now
        if part.kind != "files" and read.jsonl_id:
            before = taken.setdefault(part.files[0], set())
            clash = done.taken & before
            if clash:  # ids an earlier partition had named its records by: this one names them by line
                done = _submit(client, part, read, config, frozenset(clash)).result()
            before |= done.taken
        yield from done.docs


def _submit(client: Any, part: Part, read: ReadOptions, config: Config, seen: frozenset[str]) -> Any:
    if part.local:
        return _Ready(process_part(part, read, config, seen))
    return client.submit(process_part, part, read, config, seen, pure=False)


@attrs.frozen
class _Ready:
    """A result computed on the client, with a future's `result()`."""

    value: Done

    def result(self) -> Done:
        """The value."""
        return self.value


def _plan(files: Sequence[str], read: ReadOptions) -> Iterator[Part]:
    """The partitions of the run's files, in input order (line and row numbers not yet known)."""
    batch: list[str] = []
    size = 0
    for path in files:
        fmt = format_of(path)
        stdin = path == "-" and read.stdin is not None
        if stdin or fmt in ("jsonl", "parquet"):
            if batch:
                yield Part(tuple(batch))
                batch, size = [], 0
            if stdin:
                yield Part((path,), local=True)
            else:
                yield from (_jsonl_parts if fmt == "jsonl" else _parquet_parts)(path)
            continue
        batch.append(path)
        with contextlib.suppress(OSError):  # an unreadable file is reported by the worker's reader
            size += os.stat(path).st_size
        if size >= PART_BYTES or len(batch) >= PART_FILES:
            yield Part(tuple(batch))
            batch, size = [], 0
    if batch:
        yield Part(tuple(batch))


def _jsonl_parts(path: str) -> Iterator[Part]:
    """Byte ranges of about PART_BYTES, each ending just after a newline (or at the end)."""
    try:
        total = os.stat(path).st_size
        with open(path, "rb") as fh:
            start = 0
            while start < total:
                fh.seek(min(start + PART_BYTES, total))
                fh.readline()  # to the end of the line the cut falls in
                end = min(fh.tell(), total) if start + PART_BYTES < total else total
                yield Part((path,), "jsonl", start, end)
                start = end
    except OSError:
        yield Part((path,))  # the worker's reader reports why, as in the local run


def _parquet_parts(path: str) -> Iterator[Part]:
    """Runs of row groups of about PART_BYTES (compressed), numbered by their first row."""
    from quotes.readers.parquet import open_parquet

    try:
        meta = open_parquet(path).metadata
    except Exception:  # no pyarrow, not Parquet, unreadable: the reader reports why, as locally
        yield Part((path,))
        return
    first, start, size = 1, 0, 0
    rows = 0
    for g in range(meta.num_row_groups):
        rows += meta.row_group(g).num_rows
        size += meta.row_group(g).total_byte_size
        if size >= PART_BYTES or g == meta.num_row_groups - 1:
            yield Part((path,), "parquet", start, g + 1, first)
            first, start, size = first + rows, g + 1, 0
            rows = 0
    if meta.num_row_groups == 0:
        yield Part((path,))


def _numbered(client: Any, parts: list[Part]) -> list[Part]:
    """JSONL pieces given their first line numbers: newlines before them, counted on the workers."""
    pieces = [p for p in parts if p.kind == "jsonl"]
    counts = dict(zip(pieces, client.gather(client.map(count_lines, pieces, pure=False)), strict=True))
    out, line, current = [], 1, None
    for p in parts:
        if p.kind == "jsonl":
            if p.files[0] != current:
                current, line = p.files[0], 1
            out.append(attrs.evolve(p, first=line))
            line += counts[p]
        else:
            out.append(p)
    return out


def count_lines(part: Part) -> int:
    """Newlines in a JSONL piece (the next piece's first line is one past them)."""
    n = 0
    with open(part.files[0], "rb") as fh:
        fh.seek(part.start)
        left = part.end - part.start
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                break
            n += chunk.count(b"\n")
            left -= len(chunk)
    return n


def process_part(part: Part, read: ReadOptions, config: Config, seen: frozenset[str]) -> Done:
    """Read, extract and attribute one partition (runs on a worker); `seen`: ids taken before it."""
    if part.kind == "files":
        return Done(tuple((f, d) for f in part.files for d in process_file(f, read, config)))
    path = part.files[0]
    claimed = set(seen)
    if part.kind == "jsonl":
        from quotes.readers.jsonl import iter_jsonl

        with open(path, "rb") as fh:
            fh.seek(part.start)
            sources = list(iter_jsonl(path, _Range(fh, part.end), read.jsonl_text, read.jsonl_id,  # type: ignore[arg-type]
                                      read.jsonl_outlet, read.max_bytes, part.first, claimed))
    else:
        from quotes.readers.parquet import iter_parquet

        sources = list(iter_parquet(path, read.jsonl_text, read.jsonl_id, read.jsonl_outlet, read.max_bytes,
                                    groups=range(part.start, part.end), first_row=part.first, seen=claimed))
    docs = tuple((path, process_source(s, config)) for s in sources)
    return Done(docs, frozenset(claimed - seen))


class _Range:
    """A binary file read line by line up to a byte offset (the reader needs `readline` only)."""

    def __init__(self, fh: Any, end: int) -> None:
        self.fh, self.end = fh, end

    def readline(self, size: int = -1) -> bytes:
        """The next line, cut at `size` bytes and at the end of the range."""
        left = self.end - self.fh.tell()
        if left <= 0:
            return b""
        return bytes(self.fh.readline(left if size < 0 else min(size, left)))
