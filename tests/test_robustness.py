"""Bad inputs through the CLI: one clear line each, no traceback, the right exit code, the other files go on.

Every case runs `quotes extract` and `quotes check` on a good file, the bad input, and another good
file, in one invocation, and asserts that both good files' quotes still come out. The 100 MB case
is a benchmark (benchmarks/memory_corpus.py, benchmarks/fuzz.py --big-mb 100), not a test; so are the
100,000 fuzzed inputs (benchmarks/fuzz.py), whose minimised crashers are replayed here.
"""

from __future__ import annotations

import builtins
import inspect
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner, Result

import quotes.pipeline
from quotes.cli import main
from quotes.engines import get_engine
from quotes.extract import extract
from quotes.model import Source

BEFORE = "“We will not retreat from the river,” Defence Minister Olena Marchenko said.\n"
AFTER = "“The bridge will open in the spring,” Mayor Ana Ruiz said on Tuesday.\n"
GOOD_SPEAKERS = {"before.txt": "Olena Marchenko", "after.txt": "Ana Ruiz"}
# A cap on the Q301/Q302 lines one file may produce; see quotes/rules/marks.py.
MAX_MARK_LINES = 101


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


FILLER_WORDS = ("the", "council", "met", "on", "monday", "to", "discuss", "budget", "for", "roads",
                "schools", "and", "new", "hospital", "while", "residents", "waited", "outside",
                "in", "rain", "a", "decision")  # fmt: skip


def filler(rng: random.Random, chars: int) -> str:
    """Plain news-like sentences with no quotation marks, about `chars` long."""
    words = FILLER_WORDS
    out: list[str] = []
    size = 0
    while size < chars:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(6, 18)))
        sentence = sentence[0].upper() + sentence[1:] + ". "
        out.append(sentence)
        size += len(sentence)
    return "".join(out)


# --- the bad inputs: each makes a file (or path) in tmp_path and says what to expect ----------


class Case(NamedTuple):
    make: Callable[[Path, pytest.MonkeyPatch], Path]
    error: str | None  # the one stderr line's reason, or None when the file is read
    check_exit: int  # exit code of `check` (extract exits 2 on an error, else 0)
    expect: Callable[[Path, dict[str, Any]], None] = lambda path, data: None


def binary(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    return write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)


def mixed_encoding(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    # A UTF-8 article with a paragraph pasted from a cp1252 page: the pasted curly quotes survive.
    raw = "Le café a rouvert.\n".encode() + "“We stay open,” said Jean Martin, the café’s owner.\n".encode("cp1252")
    return write(tmp_path / "mixed.txt", raw)


def expect_mixed(path: Path, data: dict[str, Any]) -> None:
    (src,) = [s for s in data["sources"] if s["path"] == str(path)]
    assert "invalid bytes" in src["encoding"]
    assert ("We stay open,", "Jean Martin") in {(q["text"], q["speaker"]) for q in data["quotes"]}


def invalid_encoding(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    # UTF-16 with an unpaired surrogate in the middle: replaced, never raised.
    text = "“Prices will fall,” said Minister Petra Novak.\n"
    raw = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8" + "Markets rose.\n".encode("utf-16-le")
    return write(tmp_path / "utf16.txt", raw)


def expect_invalid(path: Path, data: dict[str, Any]) -> None:
    (src,) = [s for s in data["sources"] if s["path"] == str(path)]
    assert src["encoding"].startswith("utf-16 (1 invalid")
    assert ("Prices will fall,", "Petra Novak") in {(q["text"], q["speaker"]) for q in data["quotes"]}


def empty(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    return write(tmp_path / "empty.txt", b"")


def expect_empty(path: Path, data: dict[str, Any]) -> None:
    (src,) = [s for s in data["sources"] if s["path"] == str(path)]
    assert src["chars"] == 0 and src["error"] is None
    assert not [q for q in data["quotes"] if q["source"] == str(path)]


def big(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    # About 20 MB: a quote at the top, 20 MB of prose, a quote on the very last line.
    rng = random.Random(20)
    block = "\n\n".join(filler(rng, 900) for _ in range(64)) + "\n\n"
    body = block * ((20 << 20) // len(block) + 1)
    text = "“We start here,” said Professor Ivan Petrov.\n\n" + body + "“We end here,” said Doctor Mia Holm.\n"
    return write(tmp_path / "big.txt", text)


def expect_big(path: Path, data: dict[str, Any]) -> None:
    mine = [q for q in data["quotes"] if q["source"] == str(path)]
    assert [(q["text"], q["speaker"]) for q in mine] == [("We start here,", "Ivan Petrov"), ("We end here,", "Mia Holm")]
    assert mine[-1]["line"] == path.read_text(encoding="utf-8").count("\n")
    assert path.stat().st_size >= 20 << 20


def unbalanced(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    return write(tmp_path / "marks.md", '“ « „ " ‘ ' * 20000)  # 10^5 opening marks, none closed


def expect_mark_findings(path: Path, data: dict[str, Any]) -> None:
    if "findings" not in data:
        return  # extract reports no findings
    mine = [f for f in data["findings"] if f["source"] == str(path)]
    q301 = [f for f in mine if f["code"] == "Q301"]
    # Thousands of unbalanced marks are reported, but not thousands of lines: the first
    # ones, then one line saying how many more there are.
    assert 10 <= len(q301) <= MAX_MARK_LINES, len(q301)
    assert "more" in q301[-1]["message"]
    assert len(mine) <= 3 * MAX_MARK_LINES


def long_line(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    # A scrape that lost its newlines: 1 MB of prose with quotes on one line.
    rng = random.Random(1)
    parts: list[str] = []
    size = n = 0
    while size < 1 << 20:
        n += 1
        part = filler(rng, 600) + f"“We counted {n} votes in ward {n % 97},” said Clerk Tomas Berg. "
        parts.append(part)
        size += len(part)
    return write(tmp_path / "line.txt", "".join(parts) + "“The end,” said Doctor Mia Holm.")


def expect_long_line(path: Path, data: dict[str, Any]) -> None:
    mine = [q for q in data["quotes"] if q["source"] == str(path)]
    assert len(mine) > 1000 and {q["line"] for q in mine} == {1}
    assert (mine[-1]["text"], mine[-1]["speaker"]) == ("The end,", "Mia Holm")
    if "findings" in data:  # each vote count is its own statement: no group, so no drift (Q401 is opt-in)
        assert {f["code"] for f in data["findings"] if f["source"] == str(path)} <= {"Q202", "Q401"}
    assert mine[-1]["column"] == len(path.read_text(encoding="utf-8")) - len("The end,” said Doctor Mia Holm.") + 1


def nested(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    return write(tmp_path / "nested.txt", "“‘" * 5000 + "deep" + "’”" * 5000 + "\n")


def symlink_loop(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    os.symlink(tmp_path / "loop_b.txt", tmp_path / "loop_a.txt")
    os.symlink(tmp_path / "loop_a.txt", tmp_path / "loop_b.txt")
    return tmp_path / "loop_a.txt"


def unreadable(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    bad = write(tmp_path / "secret.txt", BEFORE)
    # The suite runs as root, where chmod 0 does not stop reading: refuse the open instead.
    real_open = builtins.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    mp.setattr(builtins, "open", fake_open)
    return bad


def nonexistent(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    return tmp_path / "nowhere.txt"


def no_matching_files(tmp_path: Path, mp: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "docs" / "notes.rst", BEFORE)
    write(tmp_path / "docs" / "sub" / "data.csv", BEFORE)
    return tmp_path / "docs"


CASES = {
    "binary": Case(binary, "binary file, not text", 2),
    "mixed-encoding": Case(mixed_encoding, None, 0, expect_mixed),
    "invalid-encoding": Case(invalid_encoding, None, 0, expect_invalid),
    "empty": Case(empty, None, 0, expect_empty),
    "big-20MB": Case(big, None, 0, expect_big),
    "unbalanced-1e5": Case(unbalanced, None, 1, expect_mark_findings),
    "line-1MB": Case(long_line, None, 0, expect_long_line),
    "nested": Case(nested, None, 1, expect_mark_findings),
    "symlink-loop": Case(symlink_loop, "symbolic link loop", 2),
    "unreadable": Case(unreadable, "cannot read: permission denied", 2),
    "nonexistent": Case(nonexistent, "no such file or directory", 2),
    "no-matching-files": Case(no_matching_files, "no files matching *.txt, *.md", 2),
}


def invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result


def assert_good_files_processed(data: dict[str, Any], tmp_path: Path) -> None:
    speakers = {Path(q["source"]).name: q["speaker"] for q in data["quotes"] if q["source"].startswith(str(tmp_path / "good"))}
    assert speakers == GOOD_SPEAKERS


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_between_good_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, command: str) -> None:
    case = CASES[name]
    bad = case.make(tmp_path, monkeypatch)
    before = write(tmp_path / "good" / "before.txt", BEFORE)
    after = write(tmp_path / "good" / "after.txt", AFTER)
    result = invoke([command, str(before), str(bad), str(after), "--format", "json"])
    data = json.loads(result.stdout)
    assert_good_files_processed(data, tmp_path)
    stderr = result.stderr.splitlines()
    if case.error is None:
        assert stderr == ([f"quotes: {bad}: empty file"] if name == "empty" else []), stderr
        assert result.exit_code == (case.check_exit if command == "check" else 0)
    else:
        assert stderr == [f"quotes: {bad}: {case.error}"]
        assert result.exit_code == 2
        (src,) = [s for s in data["sources"] if s["path"] == str(bad)]
        assert src["error"] == case.error
    case.expect(bad, data)


def test_every_bad_input_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All the small bad inputs in one run, default output formats: one stderr line per unreadable one."""
    small = [n for n in CASES if n not in ("big-20MB", "line-1MB")]
    bad: dict[str, Path] = {}
    for n in small:
        (tmp_path / n).mkdir()
        bad[n] = CASES[n].make(tmp_path / n, monkeypatch)
    before = write(tmp_path / "good" / "before.txt", BEFORE)
    after = write(tmp_path / "good" / "after.txt", AFTER)
    args = [str(before), *map(str, bad.values()), str(after)]
    errors = [f"quotes: {bad[n]}: {CASES[n].error}" for n in small if CASES[n].error]
    lines = sorted([*errors, f"quotes: {bad['empty']}: empty file"])
    extract = invoke(["extract", *args])
    assert extract.exit_code == 2
    assert sorted(extract.stderr.splitlines()) == lines
    assert "Olena Marchenko" in extract.stdout and "Ana Ruiz" in extract.stdout
    check = invoke(["check", *args])
    assert check.exit_code == 2
    assert sorted(check.stderr.splitlines()) == lines
    assert f"{bad['unbalanced-1e5']}:1:1: Q301 " in check.stdout
    assert f"{bad['nested']}:1:" in check.stdout
    assert f"{len(errors)} unreadable" in check.stdout.splitlines()[-1]


def test_jsonl_corpus_with_bad_records(tmp_path: Path) -> None:
    """Each bad record is one stderr line naming file:line; the good records and files still come out."""
    corpus = write(tmp_path / "wire.jsonl", b"\n".join([
        '{"id": "a", "text": "\u201cWe won,\u201d said Mayor Ana Ruiz."}'.encode(),
        b"{not json",
        b"\x00\x01\x02\xff\xfe",
        b'{"text": 5}',
        b'{"id": 7}',
        '{"text": "\u201cWe lost,\u201d said Kofi Mensah."}'.encode(),
    ]) + b"\n")  # fmt: skip
    before = write(tmp_path / "good" / "before.txt", BEFORE)
    after = write(tmp_path / "good" / "after.txt", AFTER)
    for command in ("extract", "check"):
        result = invoke([command, str(before), str(corpus), str(after), "--format", "json"])
        assert result.exit_code == 2
        errors = result.stderr.splitlines()
        assert [line.split(": ", 2)[1] for line in errors] == [f"{corpus}:{n}" for n in (2, 3, 4, 5)]
        assert "binary file, not text" in errors[1] and "'text' field" in errors[3]
        data = json.loads(result.stdout)
        assert_good_files_processed(data, tmp_path)
        assert [q["speaker"] for q in data["quotes"] if q["source"].startswith(str(corpus))] == ["Ana Ruiz", "Kofi Mensah"]


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "scan\nof page 2.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    before = write(tmp_path / "good" / "before.txt", BEFORE)
    result = invoke(["check", str(before), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"quotes: {tmp_path}/scan\\nof page 2.txt: binary file, not text"]


def test_unbalanced_marks_are_not_quadratic(tmp_path: Path) -> None:
    """10^5 marks take seconds, not minutes: four times the marks takes well under sixteen times as long."""
    timings = []
    for n in (5000, 20000):
        path = write(tmp_path / f"marks{n}.txt", '“ « „ " ‘ ' * n)
        start = time.perf_counter()
        result = invoke(["check", str(path), "--format", "json"])
        timings.append(time.perf_counter() - start)
        assert result.exit_code == 1
    assert timings[1] < 30, timings
    assert timings[1] < 8 * timings[0] + 1.0, timings


def _cpu_limit() -> None:
    """In the child: stop after CPU_SECONDS of CPU time (SIGXCPU), however busy the machine is."""
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


# Linear work on these inputs, interpreter start-up included, takes about a second of CPU.
CPU_SECONDS = 4


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He said “yes” and she said “no”, " * 2000, id="4000-quotes-in-one-sentence"),
        pytest.param("“" + "He said ‘yes’ and she said ‘no’, " * 300 + "” Ana Ruiz said.", id="600-quotes-nested-in-one"),
        pytest.param("“Hi,” Ana Ruiz said. " + "." * 40000, id="40000-full-stops"),
        pytest.param("Ana Ruiz spoke. “We will win,” she said. " + "AB" * 16000, id="32000-letter-capitalised-word"),
        pytest.param("“Hi,” Ana Ruiz said. The council met. " * 3000, id="3000-copies-of-a-short-quote"),
    ],
)
def test_no_quadratic_blowup(tmp_path: Path, text: str) -> None:
    """Inputs of 10-120 KB whose work must stay linear: `quotes check` needs about a second of CPU when it is."""
    path = write(tmp_path / "input.txt", text)
    # A child process with a CPU-time limit, so that a quadratic case is stopped, not waited for.
    done = subprocess.run([sys.executable, "-m", "quotes", "check", "--format", "json", str(path)],
                          capture_output=True, text=True, preexec_fn=_cpu_limit, timeout=120)  # fmt: skip
    assert done.returncode != -signal.SIGXCPU, f"over {CPU_SECONDS} s of CPU"
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["sources"][0]["error"] is None


def test_stack_depth_does_not_grow_with_quotes_in_one_sentence() -> None:
    """16,000 quotes in one sentence need no deeper stack than a few: 150 frames to spare are plenty."""
    doc = extract(Source("dense.txt", "He said “yes” and she said “no”, " * 8000))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        (done,) = get_engine("builtin").attribute([doc])
    finally:
        sys.setrecursionlimit(limit)
    assert len(done.quotes) == 16000


class OverBudget(Exception):
    pass


def _over_budget(signum: int, frame: Any) -> None:
    raise OverBudget


def test_nested_quotes_needing_a_sub_view_stay_linear() -> None:
    """32,000 quotes, half nested inside the other half with a cue inside: a few seconds of CPU at most."""
    doc = extract(Source("nested.txt", "“My friend told me, ‘we will win,’ and then he left,” Ana Ruiz said. " * 16000))
    # CPU time, not wall time: a busy machine does not make a linear run fail.
    old = signal.signal(signal.SIGPROF, _over_budget)
    signal.setitimer(signal.ITIMER_PROF, 6.0)
    try:
        (done,) = get_engine("builtin").attribute([doc])
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
    assert {q.speaker for q in done.quotes if q.parent is None} == {"Ana Ruiz"}


def test_rule_lookups_are_built_once() -> None:
    """Rules look quotes up once per finding: the maps are built once per run (rebuilding was quadratic)."""
    from quotes.rules import Context

    doc = extract(Source("a.txt", AFTER))
    ctx = Context((doc,))
    assert ctx.quotes is ctx.quotes and ctx.sources is ctx.sources
    assert list(ctx.quotes) == ["a.txt#1"] and list(ctx.sources) == ["a.txt"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"h ‚V “/” T… «', id="unclosed-quote-ending-in-guillemet"),
        pytest.param('"‚D "s" N"‹» ›\n‘', id="low-single-mark-after-straight-quote"),
        pytest.param("“‚T „k“ Id. T", id="german-marks-and-an-initial"),
        pytest.param('". ‘M ‚1t‘ I recalled', id="quote-closed-by-its-own-opening-mark"),  # was IndexError in _fast_name
    ],
)
def test_inputs_found_by_fuzzing(tmp_path: Path, text: str) -> None:
    """Minimised inputs that once crashed the pipeline: `check` must report, not raise."""
    path = write(tmp_path / "found.txt", text + "\n")
    for command in ("extract", "check"):
        result = invoke([command, str(path), "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        assert all(q["source"] == str(path) for q in json.loads(result.stdout)["quotes"])


def test_sockets_are_blocked_while_extract_and_check_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The conftest `no_network` fixture is active while the pipeline runs: any connection would fail."""
    attempts: list[str] = []
    real_extract = quotes.pipeline.extract

    def connect() -> None:
        with socket.socket() as sock:
            sock.connect(("127.0.0.1", 9))

    def extract_and_try_the_network(source: Any) -> Any:
        for attempt in (
            lambda: socket.create_connection(("127.0.0.1", 9)),
            connect,
            lambda: socket.getaddrinfo("example.com", 80),
        ):
            with pytest.raises(OSError, match="network access is blocked"):
                attempt()
            attempts.append(source.path)
        return real_extract(source)

    monkeypatch.setattr(quotes.pipeline, "extract", extract_and_try_the_network)
    path = write(tmp_path / "a.txt", BEFORE)
    for command in ("extract", "check"):
        result = invoke([command, str(path), "--format", "json"])
        assert result.exit_code == 0
        assert [q["speaker"] for q in json.loads(result.stdout)["quotes"]] == ["Olena Marchenko"]
    assert attempts == [str(path)] * 6
