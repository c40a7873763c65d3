"""`--scheduler` / `--dask`: extraction and attribution on a Dask cluster, output byte for byte local.

One `LocalCluster` of two worker processes serves the module. Each corpus (a directory, a JSONL
file, a Parquet file, each with bad records) is run through the CLI locally and on the cluster,
with partitions made small so every file is cut into many; stdout, stderr and the exit code must
be equal. The suite's network block is relaxed to loopback only, for the client's connection to
the cluster's scheduler; nothing else may connect.
"""

from __future__ import annotations

import json
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from distributed import LocalCluster

import quotes.distributed as dist
from quotes.cli import main

ARCHIVE = Path(__file__).resolve().parent.parent / "fixtures" / "archive"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _blocked(*args: Any, **kwargs: Any) -> Any:
    raise OSError("network access is blocked in tests (quotes never uses the network)")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides conftest's: the client speaks to the local scheduler on loopback; nothing else may connect."""
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def local(address: Any) -> bool:
        return isinstance(address, tuple) and address[0] in _LOOPBACK

    monkeypatch.setattr(socket.socket, "connect", lambda s, a: connect(s, a) if local(a) else _blocked())
    monkeypatch.setattr(socket.socket, "connect_ex", lambda s, a: connect_ex(s, a) if local(a) else _blocked())
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: getaddrinfo(host, *a, **k) if host in _LOOPBACK else _blocked())


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-process local cluster, shared by the module."""
    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                           dashboard_address="127.0.0.1:0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Partitions of ~12 kB and 5 files, so each corpus is cut into many (the planning is on the client)."""
    monkeypatch.setattr(dist, "PART_BYTES", 12_000)
    monkeypatch.setattr(dist, "PART_FILES", 5)
    monkeypatch.setattr(dist, "PAIR_BLOCK", 20)  # alignment's comparisons in many blocks too


def _articles() -> list[tuple[str, str]]:
    """(name, text) of the archive fixture's articles: planted statements, so `check` finds groups."""
    return [(str(p.relative_to(ARCHIVE)), p.read_text(encoding="utf-8"))
            for p in sorted(ARCHIVE.rglob("*")) if p.suffix in (".txt", ".md")]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Arguments naming each corpus: a directory, a JSONL file and a Parquet file, all with bad records."""
    root = tmp_path_factory.mktemp("corpora")
    folder = root / "dir"
    shutil.copytree(ARCHIVE, folder)
    (folder / "zz_bad.txt").write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00")  # undecodable
    (folder / "empty.txt").write_bytes(b"")
    articles = _articles()
    lines = []
    for n, (name, text) in enumerate(articles):
        # Ids repeat every 40 records: later copies are named by line, across partitions.
        lines.append(json.dumps({"id": f"a{n % 40}", "text": text, "outlet": name.split("/")[0]}))
        if n == 3:
            lines += ["{not json", "", "[1, 2]", json.dumps({"id": "x", "body": "no text field"})]
        if n == 20:
            lines.append(json.dumps({"id": "a1", "text": 42}))
    jsonl = root / "corpus.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts: list[str | None] = [t for _, t in articles]
    texts[5] = None  # a row without text
    table = pa.table({
        "id": [f"p{n % 30}" for n in range(len(texts))],
        "text": texts,
        "outlet": [name.split("/")[0] for name, _ in articles],
    })
    parquet = root / "corpus.parquet"
    pq.write_table(table, parquet, row_group_size=4)
    return {
        "dir": [str(folder)],
        "jsonl": [str(jsonl), "--jsonl-id", "id", "--jsonl-outlet", "outlet"],
        "parquet": [str(parquet), "--jsonl-id", "id", "--jsonl-outlet", "outlet"],
    }


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _same(local: Result, remote: Result) -> None:
    assert (remote.exit_code, remote.stderr) == (local.exit_code, local.stderr)
    assert remote.stdout == local.stdout


@pytest.mark.parametrize("kind", ["dir", "jsonl", "parquet"])
def test_extract_on_the_cluster_is_the_local_run(kind: str, corpora: dict[str, list[str]], scheduler: str) -> None:
    args = ["extract", *corpora[kind], "--format", "json"]
    local = _run(*args)
    data = json.loads(local.stdout)
    assert len(data["quotes"]) > 100, "the corpus must give the comparison something to compare"
    assert local.exit_code == 2 and local.stderr.count("\n") >= 1  # the bad records are reported
    _same(local, _run(*args, "--scheduler", scheduler))


@pytest.mark.parametrize("kind", ["dir", "jsonl", "parquet"])
@pytest.mark.parametrize("fmt", ["json", "lines"])
def test_check_on_the_cluster_is_the_local_run(kind: str, fmt: str, corpora: dict[str, list[str]], scheduler: str) -> None:
    args = ["check", *corpora[kind], "--format", fmt]
    local = _run(*args)
    if fmt == "json":
        data = json.loads(local.stdout)
        assert data["groups"] and data["findings"], "alignment and rules must have something to agree on"
    _same(local, _run(*args, "--scheduler", scheduler))


def test_bad_records_are_reported_on_the_cluster(corpora: dict[str, list[str]], scheduler: str) -> None:
    errors = _run("extract", *corpora["jsonl"], "--scheduler", scheduler).stderr.splitlines()
    jsonl = corpora["jsonl"][0]
    assert any(e.startswith(f"quotes: {jsonl}:5: invalid JSON") for e in errors), errors
    assert any(e.startswith(f"quotes: {jsonl}:7: record is a JSON list") for e in errors), errors
    assert any("a non-string (int) 'text' field" in e for e in errors), errors
    parquet = _run("extract", *corpora["parquet"], "--scheduler", scheduler).stderr
    assert f"{corpora['parquet'][0]}#p5: no 'text' field" in parquet


def test_jsonl_ids_seen_in_an_earlier_partition_are_named_by_line(corpora: dict[str, list[str]], scheduler: str) -> None:
    out = json.loads(_run("extract", *corpora["jsonl"], "--format", "json", "--scheduler", scheduler).stdout)
    paths = [s["path"] for s in out["sources"]]
    named = [p for p in paths if "#" in p]
    assert len(named) == len(set(named)) and f"{corpora['jsonl'][0]}#a0" in named
    assert sum(":" in p.rsplit("/", 1)[1] for p in paths) >= len(_articles()) - 40


def test_dask_flag_starts_a_local_cluster(corpora: dict[str, list[str]]) -> None:
    args = ["check", *corpora["jsonl"], "--format", "json"]
    _same(_run(*args), _run(*args, "--dask", "--jobs", "2"))


def test_standard_input_with_a_scheduler(scheduler: str) -> None:
    text = '"We will win," Maria Lopez said. "Soon."\n'
    args = ["extract", "-", "--format", "json", "--stdin-filename", "a.txt"]
    local = CliRunner().invoke(main, args, input=text)
    remote = CliRunner().invoke(main, [*args, "--scheduler", scheduler], input=text)
    assert "Maria Lopez" in local.stdout
    _same(local, remote)


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(dist, "CONNECT_TIMEOUT", 1)
    with socket.socket() as s:  # a loopback port with nothing listening on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text('"Yes," she said.\n', encoding="utf-8")
    result = _run("extract", str(article), "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"quotes: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1 and not result.stdout


def test_without_dask_installed_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    article = tmp_path / "a.txt"
    article.write_text('"Yes," she said.\n', encoding="utf-8")
    for flag in (["--dask"], ["--scheduler", "tcp://127.0.0.1:8786"]):
        result = _run("check", str(article), *flag)
        assert (result.exit_code, result.stderr) == (2, f"quotes: {dist.INSTALL}\n")


def test_scheduler_and_dask_together_is_a_usage_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('"Yes," she said.\n', encoding="utf-8")
    result = _run("extract", str(article), "--dask", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_alignment_comparisons_run_on_the_workers_in_blocks(scheduler: str) -> None:
    from distributed import Client, get_task_stream

    from quotes.align import align
    from quotes.config import Config
    from quotes.pipeline import load
    from quotes.sources import ReadOptions

    run = load([str(ARCHIVE)], Config(), ReadOptions())
    quotes = [q for d in run.docs for q in d.quotes]
    with Client(scheduler) as client, get_task_stream(client) as tasks:
        remote = align(quotes, compare=dist.comparer(client))
    blocks = [t for t in tasks.data if str(t["key"]).startswith("links-")]
    assert len(blocks) > 5, "the candidate pairs must be decided on the workers, block by block"
    assert remote == align(quotes)


def test_pair_blocks_cut_only_where_the_probing_piece_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dist, "PAIR_BLOCK", 2)
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (4, 5), (4, 6), (4, 7), (4, 8), (9, 10)]
    blocks = [list(b) for b in dist._pair_blocks(pairs)]
    assert blocks == [[(0, 1), (0, 2), (0, 3)], [(1, 2), (4, 5), (4, 6), (4, 7), (4, 8)], [(9, 10)]]
