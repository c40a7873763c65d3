"""quotes.sources and its readers: decoding, walking, markdown masks, JSONL records, HTML pages."""

from __future__ import annotations

import codecs
import json
import os
import socket
import sys
from pathlib import Path

import pytest

from quotes.model import Source
from quotes.readers.html import MISSING
from quotes.sources import ReadOptions, format_of, iter_paths, read_file, read_sources

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"

FRENCH = (
    "Le ministre a déclaré « nous ne reculerons pas » à la télévision.\nDeuxième ligne, café.\n"
)
ENGLISH = "The minister said “we will not retreat” — it’s over, a spokesman added.\n"
RUSSIAN = "Министр сказал: «мы не отступим». Это было вчера в Москве.\n"
RUSSIAN_PLAIN = "Министр сказал, что мы не отступим. Это было вчера в Москве.\n"
GREEK = "Ο υπουργός δήλωσε «δεν θα υποχωρήσουμε» στην τηλεόραση.\n"
JAPANESE = "大臣は「我々は後退しない」と述べた。記者会見は東京で行われた。\n"
POLISH = "Minister powiedział: „Nie wycofamy się”. Zażółć gęślą jaźń.\n"


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def one(path: str, options: ReadOptions | None = None) -> Source:
    sources = read_file(path, options)
    assert len(sources) == 1
    return sources[0]


@pytest.mark.parametrize(
    ("text", "raw", "encoding"),
    [
        (ENGLISH, ENGLISH.encode("utf-8"), "utf-8"),
        (ENGLISH, codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8-sig"),
        (ENGLISH, ENGLISH.encode("cp1252"), "cp1252"),
        (FRENCH, FRENCH.encode("latin-1"), "cp1252"),
        (FRENCH, FRENCH.encode("utf-16"), "utf-16"),
        (FRENCH, codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16"),
        (FRENCH, FRENCH.encode("utf-32"), "utf-32"),
        (FRENCH, FRENCH.encode("utf-16-le"), "utf-16-le (no BOM)"),
        (RUSSIAN, RUSSIAN.encode("cp1251"), "cp1251"),
        (RUSSIAN_PLAIN, RUSSIAN_PLAIN.encode("koi8_r"), "koi8_r"),
        (GREEK, GREEK.encode("cp1253"), "cp1253"),
        (POLISH, POLISH.encode("cp1250"), "cp1250"),
        (JAPANESE, JAPANESE.encode("shift_jis"), "shift_jis"),
    ],
)
def test_decoding(tmp_path: Path, text: str, raw: bytes, encoding: str) -> None:
    src = one(write(tmp_path / "a.txt", raw))
    assert src.error is None
    assert src.text == text
    assert src.encoding == encoding


def test_bom_is_not_part_of_the_text_and_offsets_start_after_it(tmp_path: Path) -> None:
    src = one(write(tmp_path / "a.txt", codecs.BOM_UTF8 + "“Hi,” she said.".encode()))
    assert src.text.startswith("“Hi")
    assert src.text[1:4] == "Hi,"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\n\r\ntwo\rthree\n", "one\n\ntwo\nthree\n"),
    ],
)
def test_newlines_are_normalised_so_positions_count_lines(
    tmp_path: Path, raw: bytes, text: str
) -> None:
    src = one(write(tmp_path / "a.txt", raw))
    assert src.text == text
    assert src.position(src.text.index("two")) == (text[: text.index("two")].count("\n") + 1, 1)


def test_offsets_are_code_points(tmp_path: Path) -> None:
    src = one(write(tmp_path / "a.txt", "😀 “é” x"))
    assert src.text[3] == "é" and src.position(3) == (1, 4)


def make_tree(root: Path) -> None:
    for name in [
        "b.txt", "a.md", "c.html", "d.rst", "UPPER.TXT",
        "sub/e.txt", "sub/deeper/f.md", "sub/z.csv", "a/x.txt",
        ".hidden/g.txt", "sub/.h.txt",
    ]:  # fmt: skip
        write(root / name, f"text of {name}\n")


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        (
            ("*.txt", "*.md"),
            ["a/x.txt", "a.md", "b.txt", "sub/deeper/f.md", "sub/e.txt", "UPPER.TXT"],
        ),
        (("*.rst",), ["d.rst"]),
        (("*.csv", "*.html"), ["c.html", "sub/z.csv"]),
        (("sub/*.txt",), ["sub/e.txt"]),
        (("sub/*",), ["sub/deeper/f.md", "sub/e.txt", "sub/z.csv"]),
    ],
)
def test_directories_are_walked_in_sorted_order_by_glob(
    tmp_path: Path, globs: tuple[str, ...], expected: list[str]
) -> None:
    make_tree(tmp_path / "corpus")
    found = list(iter_paths([str(tmp_path / "corpus")], ReadOptions(globs=globs)))
    assert all(err is None for _, err in found)
    rel = [os.path.relpath(p, tmp_path / "corpus") for p, _ in found]
    # Sorted by name within each directory, descending into a directory where it sorts.
    assert rel == sorted(expected, key=lambda p: p.split("/"))


def test_default_globs_are_txt_and_md() -> None:
    assert ReadOptions().globs == ("*.txt", "*.md")
    assert ReadOptions(globs=["*.html"]).globs == ("*.html",)


def test_sockets_are_blocked_during_tests() -> None:
    with pytest.raises(OSError, match="network access is blocked"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(OSError, match="network access is blocked"):
        socket.getaddrinfo("example.com", 80)


def test_paths_are_reported_as_found_from_the_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [s.path for s in read_sources(["sub/"])] == ["sub/deeper/f.md", "sub/e.txt"]
    assert [s.path for s in read_sources(["sub"])] == ["sub/deeper/f.md", "sub/e.txt"]
    assert [s.path for s in read_sources(["./sub/e.txt"])] == ["./sub/e.txt"]


def test_arguments_keep_their_order_and_explicit_files_ignore_globs(tmp_path: Path) -> None:
    make_tree(tmp_path)
    args = [str(tmp_path / "d.rst"), str(tmp_path / "sub"), str(tmp_path / "sub" / "z.csv")]
    paths = [os.path.relpath(s.path, tmp_path) for s in read_sources(args)]
    assert paths == ["d.rst", "sub/deeper/f.md", "sub/e.txt", "sub/z.csv"]
    assert one(str(tmp_path / "d.rst")).text == "text of d.rst\n"


def test_each_file_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "x")
    os.symlink(tmp_path / "a.txt", tmp_path / "alias.txt")
    paths = [s.path for s in read_sources([str(tmp_path), str(tmp_path / "a.txt")])]
    assert paths == [str(tmp_path / "a.txt")]


def test_symlink_loop_to_a_parent_terminates(tmp_path: Path) -> None:
    write(tmp_path / "top.txt", "top")
    write(tmp_path / "sub" / "inner.txt", "inner")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "self")
    sources = list(read_sources([str(tmp_path)]))
    assert [os.path.relpath(s.path, tmp_path) for s in sources] == ["sub/inner.txt", "top.txt"]
    assert all(s.error is None for s in sources)


def test_a_symlinked_directory_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "x.txt", "x")
    write(tmp_path / "corpus" / "y.txt", "y")
    os.symlink(tmp_path / "elsewhere", tmp_path / "corpus" / "linked")
    paths = [os.path.relpath(s.path, tmp_path) for s in read_sources([str(tmp_path / "corpus")])]
    assert paths == ["corpus/linked/x.txt", "corpus/y.txt"]


def test_reading_streams_one_file_at_a_time(tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", "first")
    second = write(tmp_path / "2.txt", "before")
    stream = read_sources([str(tmp_path)])
    assert next(stream).path == first
    # The second file is read only when asked for: a change made now is seen.
    write(Path(second), "after")
    assert next(stream).text == "after"


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.txt", "text"), ("a.MD", "markdown"), ("a.markdown", "markdown"), ("a.htm", "html"),
     ("a.HTML", "html"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.rst", "text"), ("a", "text")],
)  # fmt: skip
def test_format_follows_the_extension(path: str, fmt: str) -> None:
    assert format_of(path) == fmt


# (markdown, substrings that must be masked exactly, substrings that must stay unmasked)
MARKDOWN = [
    ('He said "hi" and `code "x"` ok.', ['`code "x"`'], ['"hi"']),
    ("Use ``a ` b`` here and `c`.", ["``a ` b``", "`c`"], []),
    ('An `unclosed tick and "a quote".', [], ['"a quote"']),
    ('Para `one\n\ntwo` "q".', [], ['"q"']),
    (
        '```python\nprint("no")\n```\n\n"Yes," she said.',
        ['```python\nprint("no")\n```'],
        ['"Yes,"'],
    ),
    ('~~~\n"no"\n~~~\n"yes"', ['~~~\n"no"\n~~~'], ['"yes"']),
    ('```\n"never closed"\n\n"still code"', ['```\n"never closed"\n\n"still code"'], []),
    (
        'Intro.\n\n    indented "code"\n\n"Not code," he said.',
        ['    indented "code"'],
        ['"Not code,"'],
    ),
    ('- item\n\n    continued "para"', [], ['"para"']),
    ('Lazy\n    continuation "quote"', [], ['"quote"']),
    ('"*Really* big," he said, "**huge**."', [], ['"*Really* big,"', '"**huge**."']),
    ('"_We_ will," she said.', [], ['"_We_ will,"']),
    ('A [link "text"](http://x.y "Title") here.', ['(http://x.y "Title")'], ['"text"']),
    ('<span title="tip">"Said," he said.</span>', ['<span title="tip">', "</span>"], ['"Said,"']),
    ('Before <!-- quotes: ignore Q201 --> "after"', ["<!-- quotes: ignore Q201 -->"], ['"after"']),
    ('[1]: http://x.y "Ref"\n\n"Body"', ['[1]: http://x.y "Ref"'], ['"Body"']),
    ('---\ntitle: "Head"\n---\n"Body," he said.', ['---\ntitle: "Head"\n---\n'], ['"Body,"']),
]


@pytest.mark.parametrize(("text", "masked", "kept"), MARKDOWN)
def test_markdown_masks_code_and_markup(
    tmp_path: Path, text: str, masked: list[str], kept: list[str]
) -> None:
    src = one(write(tmp_path / "a.md", text))
    assert src.format == "markdown" and src.text == text
    assert [text[s:e] for s, e in src.masked] == masked
    for piece in kept:
        at = text.index(piece)
        assert not any(s < at + len(piece) and at < e for s, e in src.masked), piece


def test_markdown_front_matter_fills_metadata(tmp_path: Path) -> None:
    text = '---\ntitle: "Bridge to close"\ndate: 2024-03-12\npublication: Northbay Courier\nurl: https://n.example/a\n---\nBody.\n'
    src = one(write(tmp_path / "a.md", text))
    assert (src.title, src.date, src.outlet, src.url) == (
        "Bridge to close", "2024-03-12", "Northbay Courier", "https://n.example/a",
    )  # fmt: skip


def test_plain_text_is_never_masked(tmp_path: Path) -> None:
    assert one(write(tmp_path / "a.txt", 'x `code "y"` z')).masked == ()


def jsonl(path: Path, *records: object) -> str:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


def test_jsonl_one_source_per_line(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "c.jsonl",
        {
            "text": "“One,” he said.",
            "title": "T1",
            "date": "2024-01-02",
            "url": "https://a.example/1",
        },
        "",
        {"text": "Two\r\nlines", "site": "Courier"},
    )
    sources = read_file(path)
    assert [s.path for s in sources] == [f"{path}:1", f"{path}:3"]
    assert [s.text for s in sources] == ["“One,” he said.", "Two\nlines"]
    assert (sources[0].title, sources[0].date, sources[0].url) == (
        "T1",
        "2024-01-02",
        "https://a.example/1",
    )
    assert all(s.format == "jsonl" and s.error is None and s.origin for s in sources)


def test_jsonl_named_fields_and_ids(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "c.jsonl",
        {"body": {"plain": "first"}, "guid": 17, "site": "Courier"},
        {"body": {"plain": "second"}, "guid": "b-2", "site": "Herald"},
        {"body": {"plain": "duplicate id"}, "guid": "b-2"},
        {"body": {"plain": "no id"}},
    )
    options = ReadOptions(jsonl_text="body.plain", jsonl_id="guid", jsonl_outlet="site")
    sources = read_file(path, options)
    assert [s.path for s in sources] == [f"{path}#17", f"{path}#b-2", f"{path}:3", f"{path}:4"]
    assert [s.text for s in sources] == ["first", "second", "duplicate id", "no id"]
    assert [s.outlet for s in sources] == ["Courier", "Herald", None, None]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"text": "unterminated', "invalid JSON"),
        ('["a", "list"]', "record is a JSON list, not an object"),
        ('{"body": "no text field"}', "no 'text' field"),
        ('{"text": 42}', "a non-string (int) 'text' field"),
        ('{"text": null}', "no 'text' field"),
    ],
)
def test_jsonl_bad_line_is_an_error_for_that_line_only(
    tmp_path: Path, line: str, error: str
) -> None:
    path = jsonl(tmp_path / "c.jsonl", {"text": "good one"}, line, {"text": "good two"})
    sources = read_file(path)
    assert [s.path for s in sources] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert sources[1].error is not None and sources[1].error.startswith(error)
    assert "\n" not in sources[1].error
    assert [s.text for s in (sources[0], sources[2])] == ["good one", "good two"]


def test_jsonl_is_read_when_a_glob_matches_it(tmp_path: Path) -> None:
    jsonl(tmp_path / "c.jsonl", {"text": "a"}, {"text": "b"})
    write(tmp_path / "d.txt", "c")
    sources = list(read_sources([str(tmp_path)], ReadOptions(globs=("*.jsonl", "*.txt"))))
    assert [s.text for s in sources] == ["a", "b", "c"]


ARTICLE = FIXTURES / "article.html"
SAID = [
    "“We would rather have angry drivers than a bridge we cannot trust,” said council leader Miriam Osei",
    "“Every week it stays shut, another shop thinks about leaving,” said Tom Grady",
    "expected “a clear answer within days”.",
    "“This did not happen overnight,” Mehta said. “The warning signs were in the council’s own reports in 2019.”",
]
FURNITURE = ["SENTINEL", "Subscribe", "Read also", "Share this article", "All rights reserved", "Accept all",
             "skip to content", "Typical council"]  # fmt: skip


def test_html_article_text_and_metadata() -> None:
    src = one(str(ARTICLE))
    assert src.error is None and src.format == "html" and src.encoding == "utf-8"
    for sentence in SAID:
        assert sentence in src.text
    for junk in FURNITURE:
        assert junk not in src.text
    assert src.title == "Harbour bridge closure: council defends repair plan"
    assert src.outlet == "The Northbay Courier"
    assert src.date == "2024-03-12"
    assert src.url == "https://www.northbay-courier.example/local/2024/03/12/harbour-bridge-closure"
    assert src.origin is not None and "offsets refer to the extracted text" in src.origin


def test_html_blocks_become_paragraphs() -> None:
    text = one(str(ARTICLE)).text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 6 and all("\n" not in p and p.strip() == p for p in paragraphs)


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    src = one(write(tmp_path / "a.html", page.encode("cp1252")))
    assert src.encoding == "cp1252"
    assert SAID[0] in src.text


def test_html_without_the_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    src = one(str(ARTICLE))
    assert src.error == MISSING


def test_read_file_defaults_options(tmp_path: Path) -> None:
    assert read_file(write(tmp_path / "a.txt", "x"))[0].text == "x"
