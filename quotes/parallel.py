"""Alignment's comparisons and group building on local worker processes (`--jobs N`, no cluster).

In: what `align` hands a `Comparer` (the run's pieces, the candidate pairs, the facts) or a
`Builder` (each group's member pieces, the facts). Out: exactly what `align.links` and
`align.build_groups` return, in the same order. The workers are forked after the pieces exist,
so they read the pieces from the memory they inherit: nothing is pickled on the way out, only the
kept pairs and the finished groups come back. Where fork is not available (or the work is
small) everything runs in this process. This module refuses to know what makes two pieces
variants or what a group holds.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from quotes.align import Builder, Comparer, Grouping, Linking, build_groups, links
from quotes.model import Group
from quotes.pieces import Piece

_T = TypeVar("_T")

# Below this many pairs (or groups) forking costs more than the work (a few ms a fork).
MIN_WORK = 2000
# Blocks per worker: enough that one slow block does not hold the others back.
BLOCKS_PER_JOB = 8

# What forked workers read: set just before the pool starts, cleared when it is done.
_STATE: tuple[Any, ...] = ()


def can_fork() -> bool:
    """Whether worker processes can be forked here (they inherit the parent's memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _forked(jobs: int, total: int, work: Callable[[int, int], list[_T]], state: tuple[Any, ...]) -> list[_T]:
    """`work(start, end)` over `range(total)`: this process does the first `1/jobs` of it while
    `jobs - 1` forked workers do the rest in blocks; the results in order.

    This process works too: each worker copies the pages whose objects it reads (reference
    counts are written), so one worker fewer is less memory, and no core waits.
    """
    global _STATE
    own = total // jobs
    step = max(1, -(-(total - own) // ((jobs - 1) * BLOCKS_PER_JOB)))
    _STATE = state
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(work, a, min(total, a + step)) for a in range(own, total, step)]
            out = work(0, own)
            for f in futures:
                out.extend(f.result())
            return out
    finally:
        _STATE = ()


def _links_block(start: int, end: int) -> list[tuple[int, int]]:
    items, pairs, ctx = _STATE
    return links(items, pairs[start:end], ctx)


def _groups_block(start: int, end: int) -> list[Group]:
    members, ctx = _STATE
    return build_groups(members[start:end], ctx, start)


def comparer(jobs: int) -> Comparer:
    """An `align.Comparer` that decides the candidate pairs on `jobs` forked workers."""

    def run(items: Sequence[Piece], pairs: Sequence[tuple[int, int]], ctx: Linking) -> list[tuple[int, int]]:
        if jobs < 2 or len(pairs) < MIN_WORK or not can_fork():
            return links(items, pairs, ctx)
        return _forked(jobs, len(pairs), _links_block, (items, pairs, ctx))

    return run


def builder(jobs: int) -> Builder:
    """An `align.Builder` that builds the groups (references, relations, drift) on `jobs` forked workers."""

    def run(members: Sequence[Sequence[Piece]], ctx: Grouping) -> list[Group]:
        if jobs < 2 or len(members) < MIN_WORK or not can_fork():
            return build_groups(members, ctx)
        return _forked(jobs, len(members), _groups_block, (members, ctx))

    return run
