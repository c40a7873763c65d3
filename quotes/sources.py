"""Paths to `Source` records: finding files, decoding them and choosing a reader by format.

In: the path arguments of a command (files and directories) and `ReadOptions`. Out: `Source`
records, streamed one file at a time (a JSONL file gives one per line); a path that cannot
be read yields a Source whose `error` is one line, and reading goes on. Directories are
walked recursively in sorted order, following symlinks but never the same directory twice,
skipping hidden entries, and keeping files whose name (or path below the argument) matches
a glob, case-insensitively; files named explicitly are read whatever their extension.
`Source.path` is the path as found from the argument. Text is decoded (see
`quotes.readers.decode`) and CRLF / lone CR are turned into LF, so every offset is a code
point offset into that normalised text. Formats by extension: .md/.markdown (raw text plus
masked code ranges), .html/.htm/.xhtml (trafilatura's extracted text, offsets into it),
.jsonl/.ndjson (one record per line), .parquet (one record per row, the JSONL options
name its columns), anything else plain text. This module refuses to
know what a quote is.
"""

from __future__ import annotations

import errno
import fnmatch
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence

import attrs

from quotes.model import Source
from quotes.readers.decode import decode
from quotes.readers.html import declared_charset, read_html
from quotes.readers.jsonl import iter_jsonl
from quotes.readers.markdown import read_markdown
from quotes.readers.parquet import iter_parquet

MB = 1 << 20
FORMATS = {
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet",
}  # fmt: skip


def _as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """Globs given as any iterable (a list from a config file) become a tuple."""
    return tuple(values)


@attrs.frozen
class ReadOptions:
    """How paths are found and read: globs for directories, JSONL field names, a size limit."""

    globs: tuple[str, ...] = attrs.field(default=("*.txt", "*.md"), converter=_as_tuple)
    jsonl_text: str = "text"
    jsonl_id: str | None = None
    jsonl_outlet: str | None = None
    # Files past this are refused with a clear error instead of exhausting memory.
    max_bytes: int = 256 * MB
    # The path `-` reads these bytes (standard input, read by the CLI) under this name.
    stdin: tuple[str, bytes] | None = None


def format_of(path: str) -> str:
    """The reader a file's extension selects: text, markdown, html or jsonl."""
    return FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def _why(e: OSError, path: str | None = None) -> str:
    """One lower-case line for an OS error, without the path (the caller prints it)."""
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return "broken symbolic link"
    return (e.strerror or type(e).__name__).lower()


def _matcher(globs: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive regex for all globs."""
    return re.compile("|".join(fnmatch.translate(g) for g in globs) or "(?!)", re.I)


def _walk(top: str, match: re.Pattern[str], seen: set[str]) -> Iterator[tuple[str, str | None, str]]:
    """Matching files below a directory, entries sorted by name, descending in place.

    Each comes with its real path: the directory's real path and the entry's name, unless the
    entry is a symbolic link (`os.path.realpath` per file reads every component of the path).
    """
    stack: list[tuple[str, Iterator[str]]] = []

    def enter(d: str, real_d: str) -> str | None:
        try:
            names = sorted(os.listdir(d))
        except OSError as e:
            return f"cannot list directory: {_why(e)}"
        # Hidden entries (.git, .cache, editor droppings) are tooling, not articles.
        stack.append((real_d, iter([n for n in names if not n.startswith(".")])))
        return None

    real_top = os.path.realpath(top)
    seen.add(real_top)
    if (err := enter(top, real_top)) is not None:
        yield top, err, real_top
    dirs = [top]  # the directory path of each stack entry, as written
    while stack:
        real_d, names = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            dirs.pop()
            continue
        path = os.path.join(dirs[-1], name)
        rel = os.path.relpath(path, top).replace(os.sep, "/")
        hit = bool(match.match(name) or match.match(rel))
        try:
            st = os.lstat(path)
            link = stat.S_ISLNK(st.st_mode)
            if link:
                st = os.stat(path)
        except OSError as e:
            if hit:  # a broken link or a link loop in place of an article
                yield path, _why(e, path), ""
            continue
        real = os.path.realpath(path) if link else os.path.join(real_d, name)
        if stat.S_ISDIR(st.st_mode):
            if real in seen:
                continue  # a symlink back to a directory already walked: a loop or an alias
            seen.add(real)
            if (err := enter(path, real)) is not None:
                yield path, err, real
            else:
                dirs.append(path)
        elif hit:
            yield path, None if stat.S_ISREG(st.st_mode) else "not a regular file", real


def iter_paths(args: Sequence[str], options: ReadOptions) -> Iterator[tuple[str, str | None]]:
    """Expand path arguments in order into (path, error or None), each file once."""
    match = _matcher(options.globs)
    files: set[str] = set()
    for arg in args:
        if arg == "-" and options.stdin is not None:
            yield arg, None
            continue
        try:
            st = os.stat(arg)
        except OSError as e:
            yield arg, _why(e, arg)
            continue
        found = failed = 0
        walked = _walk(arg, match, set()) if stat.S_ISDIR(st.st_mode) else iter([(arg, None, "")])
        for path, err, known in walked:
            found += err is None
            failed += path == arg
            if err is None:
                real = known or os.path.realpath(path)
                if real in files:
                    continue  # the same file through another link or argument: read it once
                files.add(real)
            yield path, err
        if stat.S_ISDIR(st.st_mode) and not found and not failed:
            yield arg, "no files matching " + ", ".join(options.globs)


def _read_bytes(path: str, limit: int) -> bytes:
    """The whole file, refusing more than `limit` bytes (even from pipes and devices)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise _TooBig(size)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _TooBig(len(data))
    return data


def _limited(data: bytes, limit: int) -> bytes:
    """Bytes already read (standard input), refused past `limit` as a file would be."""
    if len(data) > limit:
        raise _TooBig(len(data))
    return data


class _TooBig(Exception):
    """Raised inside this module only, turned into an error Source."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _iter_file(path: str, options: ReadOptions) -> Iterator[Source]:
    """The Sources of one file, streamed; every failure becomes an error Source."""
    stdin = options.stdin if path == "-" else None
    if stdin is not None:
        path = stdin[0]
    fmt = format_of(path)
    try:
        if fmt == "parquet":
            yield from iter_parquet(path, options.jsonl_text, options.jsonl_id, options.jsonl_outlet,
                                    options.max_bytes, stdin[1] if stdin is not None else None)
            return
        if fmt == "jsonl":
            with io.BytesIO(stdin[1]) if stdin is not None else open(path, "rb") as fh:
                yield from iter_jsonl(
                    path, fh, options.jsonl_text, options.jsonl_id, options.jsonl_outlet,
                    options.max_bytes,
                )  # fmt: skip
            return
        data = _read_bytes(path, options.max_bytes) if stdin is None else _limited(stdin[1], options.max_bytes)
    except _TooBig as e:
        limit = options.max_bytes
        yield Source(
            path,
            format=fmt,
            error=f"file too large: {e.size / MB:.0f} MB, the limit is {limit / MB:.0f} MB",
        )
        return
    except IsADirectoryError:
        yield Source(path, format=fmt, error="is a directory")
        return
    except OSError as e:
        yield Source(path, format=fmt, error=f"cannot read: {_why(e)}")
        return
    if not data:
        yield Source(path, "", format=fmt)  # empty, not an error: the caller may report it
        return
    decoded = decode(data, declared_charset(data) if fmt == "html" else None)
    del data  # the bytes are not needed past here: keep peak memory to one copy of the text
    if decoded.error:
        yield Source(path, format=fmt, error=decoded.error)
    elif fmt == "html":
        yield read_html(path, decoded.text, decoded.encoding, options.max_bytes)
    else:
        yield source_of_text(path, decoded.text, decoded.encoding)


def source_of_text(path: str, text: str, encoding: str | None = None) -> Source:
    """A Source for decoded text (a file's, or a gold file's), read as its extension says:
    a `.md` path gets the markdown reader's masks (code, comments, link targets)."""
    if format_of(path) == "markdown":
        md = read_markdown(text)
        return Source(path, text, encoding=encoding, format="markdown", title=md.title, outlet=md.outlet,
                      date=md.date, url=md.url, masked=md.masked)
    return Source(path, text, encoding=encoding, format="text")


def read_file(path: str, options: ReadOptions | None = None) -> list[Source]:
    """Read one file into its Sources (one, or one per JSONL record); errors become Sources."""
    return list(_iter_file(path, options or ReadOptions()))


def read_sources(args: Sequence[str], options: ReadOptions | None = None) -> Iterator[Source]:
    """Stream the Sources of every path argument, one file at a time, errors included."""
    options = options or ReadOptions()
    for path, err in iter_paths(args, options):
        if err is not None:
            yield Source(path, error=err)
        else:
            yield from _iter_file(path, options)
