"""Bad inputs never crash reading: each gives one clear line (or reads fine) and the other files go on."""

from __future__ import annotations

import builtins
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quotes.model import Source
from quotes.sources import ReadOptions, read_file, read_sources

GOOD = "“We will not retreat,” the minister said.\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_with_neighbours(
    tmp_path: Path, bad: Path | str, options: ReadOptions | None = None
) -> list[Source]:
    """Read a good file, the bad input, and another good file in one call."""
    before = write(tmp_path / "good" / "before.txt", GOOD)
    after = write(tmp_path / "good" / "after.txt", GOOD)
    sources = list(read_sources([str(before), str(bad), str(after)], options))
    assert sources[0].path == str(before) and sources[-1].path == str(after)
    for good in (sources[0], sources[-1]):
        assert good.error is None and good.text == GOOD
    return sources[1:-1]


def assert_one_line(src: Source, starts: str) -> None:
    assert src.error is not None, src
    assert src.error.startswith(starts), src.error
    assert "\n" not in src.error and "Traceback" not in src.error and len(src.error) < 200


def png(tmp_path: Path) -> Path:
    return write(
        tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    )


def random_high_bytes(tmp_path: Path) -> Path:
    rng = random.Random(7)
    return write(tmp_path / "noise.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(20000)))


def random_bytes(tmp_path: Path) -> Path:
    rng = random.Random(8)
    return write(tmp_path / "blob.md", bytes(rng.randrange(256) for _ in range(20000)))


def elf(tmp_path: Path) -> Path:
    return write(
        tmp_path / "program", b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00>\x00" * 100
    )


@pytest.mark.parametrize("make", [png, random_high_bytes, random_bytes, elf])
def test_binary_file(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    (src,) = read_with_neighbours(tmp_path, make(tmp_path))
    assert_one_line(src, "binary file, not text")


@pytest.mark.parametrize(
    ("raw", "text", "note"),
    [
        # UTF-8 with a paragraph pasted from a cp1252 source: the pasted quotes survive.
        ("Café “ok”. ".encode() + "“pasted” naïve".encode("cp1252"), "Café “ok”. “pasted” naïve", "utf-8 (3 invalid bytes"),
        # A stray truncated sequence at the end.
        ("Dépêche “x”".encode() + b"\xe2\x80", "Dépêche “x”â€", "utf-8 (2 invalid bytes"),
        # Undefined in cp1252 too: replaced, never raised.
        ("Ça “va”".encode() + b"\x81", "Ça “va”\ufffd", "utf-8 (1 invalid bytes"),
        # UTF-16 with an unpaired surrogate.
        (b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8" + "cd".encode("utf-16-le"), "ab\ufffdcd", "utf-16 (1 invalid"),
    ],
)  # fmt: skip
def test_invalid_or_mixed_encoding_is_read_with_a_note(
    tmp_path: Path, raw: bytes, text: str, note: str
) -> None:
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "mixed.txt", raw))
    assert src.error is None
    assert src.text == text
    assert src.encoding is not None and src.encoding.startswith(note)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.jsonl"])
def test_empty_file_is_an_empty_source(tmp_path: Path, name: str) -> None:
    found = read_with_neighbours(tmp_path, write(tmp_path / name, b""))
    if name.endswith(".jsonl"):
        assert found == []  # no lines, no records
    else:
        assert [(s.text, s.error) for s in found] == [("", None)]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write(tmp_path / "secret.txt", GOOD)
    bad.chmod(0)
    try:
        with open(bad, "rb"):
            readable = True  # running as root: permissions do not stop reading
    except PermissionError:
        readable = False
    if readable:
        real_open = builtins.open

        def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) == str(bad):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", fake_open)
    try:
        (src,) = read_with_neighbours(tmp_path, bad)
    finally:
        bad.chmod(0o644)
    assert_one_line(src, "cannot read: permission denied")


def test_unreadable_directory_inside_a_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "corpus" / "a.txt", GOOD)
    locked = tmp_path / "corpus" / "locked"
    write(locked / "b.txt", GOOD)
    real_listdir = os.listdir

    def fake_listdir(path: Any) -> list[str]:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", fake_listdir)
    (good, src) = read_with_neighbours(tmp_path, tmp_path / "corpus")
    assert good.text == GOOD
    assert src.path == str(locked)
    assert_one_line(src, "cannot list directory: permission denied")


def test_nonexistent_path(tmp_path: Path) -> None:
    (src,) = read_with_neighbours(tmp_path, tmp_path / "nowhere.txt")
    assert_one_line(src, "no such file or directory")


def test_directory_with_no_matching_files(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "notes.rst", GOOD)
    write(tmp_path / "docs" / "sub" / "data.csv", GOOD)
    (src,) = read_with_neighbours(tmp_path, tmp_path / "docs")
    assert src.path == str(tmp_path / "docs")
    assert_one_line(src, "no files matching *.txt, *.md")


def test_directory_with_no_matching_files_names_custom_globs(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "notes.txt", GOOD)
    (src,) = read_with_neighbours(tmp_path, tmp_path / "docs", ReadOptions(globs=("*.html",)))
    assert_one_line(src, "no files matching *.html")


def test_symlink_loop_as_argument(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    (src,) = read_with_neighbours(tmp_path, tmp_path / "a.txt")
    assert_one_line(src, "symbolic link loop")


def test_symlink_loop_and_broken_link_inside_a_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "real.txt", GOOD)
    os.symlink(corpus / "loop.txt", corpus / "loop.txt")
    os.symlink(corpus / "gone.txt", corpus / "broken.txt")
    os.symlink(corpus, corpus / "again")  # a directory loop on top
    found = read_with_neighbours(tmp_path, corpus)
    assert [os.path.basename(s.path) for s in found] == ["broken.txt", "loop.txt", "real.txt"]
    assert_one_line(found[0], "broken symbolic link")
    assert_one_line(found[1], "symbolic link loop")
    assert found[2].text == GOOD


def test_fifo_inside_a_directory_is_not_opened(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "real.txt", GOOD)
    os.mkfifo(tmp_path / "corpus" / "pipe.txt")
    found = read_with_neighbours(tmp_path, tmp_path / "corpus")
    assert_one_line(found[0], "not a regular file")
    assert found[1].text == GOOD


def test_one_line_of_one_megabyte(tmp_path: Path) -> None:
    line = ("He said “yes” and she said “no”, " * 40000)[: 1 << 20]
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "line.txt", line))
    assert src.error is None and src.text == line and src.position(len(line) - 1) == (1, len(line))


def test_a_hundred_thousand_unbalanced_marks(tmp_path: Path) -> None:
    text = '“ « „ " ‘ ' * 20000
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "marks.md", text))
    assert src.error is None and src.text == text
    assert sum(text.count(m) for m in '“«„"‘') == 10**5


def test_deeply_nested_marks(tmp_path: Path) -> None:
    text = "“‘" * 5000 + "x" + "’”" * 5000
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "nested.txt", text))
    assert src.error is None and src.text == text


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "x" * (3 << 20))
    (src,) = read_with_neighbours(tmp_path, big, ReadOptions(max_bytes=2 << 20))
    assert_one_line(src, "file too large: 3 MB, the limit is 2 MB")


def test_a_jsonl_line_over_the_size_limit_spoils_only_that_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl", '{"text": "a"}\n{"text": "' + "x" * 5000 + '"}\n{"text": "c"}\n'
    )
    sources = read_file(str(path), ReadOptions(max_bytes=1000))
    assert [s.text for s in sources] == ["a", "", "c"]
    assert_one_line(sources[1], "line is longer than 1000 bytes")


def test_jsonl_line_with_binary_or_bad_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", b'{"text": "a"}\n\x00\x01\x02\xff\n{"text": "caf\xe9"}\n')
    sources = read_file(str(path))
    assert sources[0].text == "a"
    assert_one_line(sources[1], "binary file, not text")
    assert sources[2].text == "café"


def test_a_directory_named_as_a_jsonl_file(tmp_path: Path) -> None:
    (tmp_path / "dir.jsonl").mkdir()
    write(tmp_path / "dir.jsonl" / "x.txt", GOOD)
    (src,) = read_with_neighbours(tmp_path, tmp_path / "dir.jsonl")
    assert src.text == GOOD


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        (
            "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>",
            "no article text found",
        ),
        ("<<<>>> <! <!-- <?xml ?> </p></p></div>", "no article text found"),
    ],
)
def test_html_without_article_text(tmp_path: Path, markup: str, error: str) -> None:
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "page.html", markup))
    assert_one_line(src, error)


def test_html_extraction_failure_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quotes.readers.html as html

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("Document is empty\nwith a second line")

    monkeypatch.setattr(html, "_extract", explode)
    (src,) = read_with_neighbours(tmp_path, write(tmp_path / "page.html", "<p>Some text</p>"))
    assert_one_line(src, "HTML extraction failed: ValueError: Document is empty")
