"""`--jobs N`: the output is byte-identical across runs and whatever the number of worker processes.

The corpus is seeds/ plus about forty generated files (deterministic): articles in .txt and .md that
share quotes with drifted wording (so groups, drift and cross-source findings appear), a JSONL file
of records, nested directories, an empty file, a binary file, a symlink loop and an unreadable file.
"""

from __future__ import annotations

import builtins
import json
import os
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import quotes.pipeline
from quotes.cli import main

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")

PEOPLE = ["Olena Marchenko", "Ana Ruiz", "Kofi Mensah", "Petra Novak", "Tomas Berg", "Mia Holm",
          "Ivan Petrov", "Aroha Teviot", "Jean Martin", "Lena Vaskelis"]  # fmt: skip
ROLES = ["Defence Minister", "Mayor", "Finance Minister", "Professor", "Police Chief", "Senator"]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "explained"]
WORDS = ["the", "bridge", "budget", "river", "families", "will", "not", "never", "open", "close",
         "spring", "winter", "council", "we", "they", "pay", "build", "again", "today", "schools",
         "water", "prices", "war", "peace", "talks", "vote", "three", "million", "because", "and"]  # fmt: skip


def _sentence(rng: random.Random, lo: int = 5, hi: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize()


def _drift(rng: random.Random, text: str) -> str:
    """The same words as another outlet printed them: a word dropped, changed or left alone."""
    words = text.split()
    roll = rng.random()
    if roll < 0.3 and len(words) > 4:
        del words[rng.randrange(1, len(words))]
    elif roll < 0.5:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def _paragraph(rng: random.Random, pool: list[tuple[str, str]]) -> str:
    text, who = rng.choice(pool)
    text = _drift(rng, text)
    role = rng.choice(ROLES)
    verb = rng.choice(VERBS)
    shape = rng.randrange(8)
    if shape == 0:
        return f"“{text},” {role} {who} {verb}. {_sentence(rng)}."
    if shape == 1:
        return f"{who} {verb}: “{text}.”"
    if shape == 2:
        return f"“{text},” {verb} {who.split()[-1]}, ‘{_sentence(rng, 2, 3).lower()}’ included."
    if shape == 3:
        return f"“{text},” a senior official {verb} on condition of anonymity."
    if shape == 4:
        return f"{_sentence(rng)}.\n\n“{text}.”"  # no speaker anywhere: a Q101
    if shape == 5:
        return f"«{text}», a déclaré {who}. {_sentence(rng)} “{_sentence(rng, 3, 6)}"  # one unclosed mark
    if shape == 6:
        return f"The so-called “{_sentence(rng, 1, 2).lower()}” plan, {who} {verb}, is “{text}.”"
    return f"{_sentence(rng)}. {_sentence(rng)}."


def make_corpus(root: Path, files: int = 40, seed: int = 2024) -> list[Path]:
    """Write the generated corpus under `root`; return the special files (binary, unreadable ...)."""
    rng = random.Random(seed)
    pool = [(_sentence(rng, 6, 16), rng.choice(PEOPLE)) for _ in range(30)]
    for n in range(files):
        folder = root / f"outlet{n % 4}" / ("2024" if n % 3 else "2025")
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(_paragraph(rng, pool) for _ in range(rng.randint(3, 12)))
        if n % 5 == 0:
            (folder / f"story{n:02d}.md").write_text(f"# Story {n}\n\n{body}\n\n```\n“code” here\n```\n", encoding="utf-8")
        else:
            (folder / f"story{n:02d}.txt").write_text(f"STORY {n}\n\n{body}\n", encoding="utf-8")
    records = [f'{{"id": "r{i}", "text": "{_paragraph(rng, pool)}"}}' for i in range(5)]
    jsonl = root / "wire.jsonl"
    jsonl.write_text("\n".join(r.replace("\n", "\\n") for r in records) + "\n", encoding="utf-8")
    (root / "outlet0" / "empty.txt").write_bytes(b"")
    binary = root / "outlet1" / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)))
    os.symlink(root / "outlet2" / "loop.txt", root / "outlet2" / "loop.txt")
    unreadable = root / "outlet3" / "locked.txt"
    unreadable.write_text("“Nobody may read this,” said Ana Ruiz.\n", encoding="utf-8")
    return [jsonl, binary, unreadable]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "corpus"
    *_, locked = make_corpus(root)
    # The suite runs as root, where chmod 0 does not stop reading: refuse the open instead.
    # Worker processes are forked, so they inherit the patch.
    real_open = builtins.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    yield root


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--format", "json"],
        ["check", "--format", "json"],
        ["check"],
        ["diff", "--no-color"],
    ],
    ids=["extract-json", "check-json", "check-lines", "diff"],
)
def test_output_is_identical_across_runs_and_jobs(corpus: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    pools: list[int] = []
    real_pool = ProcessPoolExecutor

    def counting_pool(*a: Any, **kw: Any) -> ProcessPoolExecutor:
        pools.append(kw.get("max_workers", 0))
        return real_pool(*a, **kw)

    monkeypatch.setattr(quotes.pipeline, "ProcessPoolExecutor", counting_pool)
    inputs = [SEEDS, str(corpus), str(corpus / "wire.jsonl")]  # directories are walked for *.txt, *.md
    first = run([*args, *inputs])
    again = run([*args, *inputs])
    assert pools == []  # --jobs 1 never starts a pool
    parallel = run([*args, "--jobs", "2", *inputs])
    assert pools == [2]  # --jobs 2 really ran in worker processes
    assert first == again
    assert first == parallel
    code, stdout, stderr = first
    assert code == 2  # the unreadable inputs decide the exit code
    assert sorted(line.split(": ", 2)[-1] for line in stderr.splitlines()) == [
        "binary file, not text", "cannot read: permission denied", "empty file", "symbolic link loop",
    ]  # fmt: skip
    assert "Traceback" not in stdout + stderr
    if args[0] != "diff":  # the readable files are all there: the 40 stories, the 5 records and the seeds
        assert stdout.count("story") >= 40 and "wire.jsonl" in stdout and "001_e400aa89e684923d" in stdout


def test_corpus_exercises_groups_findings_and_every_file(corpus: Path) -> None:
    """The generated corpus is not trivial: several sources, groups with drift, findings of several rules."""
    code, stdout, _ = run(["check", "--format", "json", str(corpus), str(corpus / "wire.jsonl")])
    assert code == 2  # the binary, unreadable and looping files
    data = json.loads(stdout)
    readable = [s for s in data["sources"] if s["error"] is None]
    assert len(readable) >= 45  # 40 stories + 5 JSONL records (+ the empty file)
    assert len(data["groups"]) >= 10
    assert {"Q101", "Q102", "Q301"} <= {f["code"] for f in data["findings"]}
    assert len({q["speaker_id"] for q in data["quotes"] if q["speaker_id"]}) >= 5


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    make_corpus(tmp_path / "a")
    make_corpus(tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) >= 44
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_alignment_on_forked_workers_is_the_in_process_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--jobs 2`: the candidate pairs and the groups are decided on forked workers, block by block."""
    from quotes import parallel
    from quotes.align import align
    from quotes.config import Config
    from quotes.pipeline import load
    from quotes.sources import ReadOptions

    archive = Path(__file__).resolve().parent.parent / "fixtures" / "archive"
    run = load([str(archive)], Config(), ReadOptions())
    quotes = [q for d in run.docs for q in d.quotes]
    forks: list[tuple[str, int]] = []
    real_forked = parallel._forked

    def counting(jobs: int, total: int, work: Any, state: Any) -> Any:
        out = real_forked(jobs, total, work, state)
        forks.append((work.__name__, total))
        assert parallel._STATE == ()  # nothing of the run stays behind in the parent
        return out

    monkeypatch.setattr(parallel, "MIN_WORK", 1)  # the fixture is small: fork for any work
    monkeypatch.setattr(parallel, "_forked", counting)
    local = align(quotes, compare=parallel.comparer(2), build=parallel.builder(2))
    assert [name for name, _ in forks] == ["_links_block", "_groups_block"]
    assert all(total > 1 for _, total in forks)
    assert local == align(quotes)
    assert len(local) >= 5


def _squares(start: int, end: int) -> list[tuple[int, int, int]]:
    """(i, the worker's pid, i squared) for a block (a module function: it is sent by name)."""
    return [(i, os.getpid(), i * i) for i in range(start, end)]


def test_forked_blocks_come_back_in_order() -> None:
    from quotes import parallel

    out = parallel._forked(2, 100, _squares, ())
    assert [i for i, _, _ in out] == list(range(100))
    assert [sq for _, _, sq in out] == [i * i for i in range(100)]
    # This process did the first half; a forked worker did the rest.
    assert {pid for i, pid, _ in out if i < 50} == {os.getpid()}
    assert os.getpid() not in {pid for i, pid, _ in out if i >= 50}


def test_small_work_stays_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import parallel

    def refuse(*_: Any) -> Any:
        raise AssertionError("forked for a handful of pairs")

    monkeypatch.setattr(parallel, "_forked", refuse)
    assert parallel.comparer(2)([], [], None) == []  # type: ignore[arg-type]
    assert parallel.builder(2)([], None) == []  # type: ignore[arg-type]
