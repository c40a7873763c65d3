"""JSONL corpora: one article per line, streamed.

In: a path, an open binary file and the names of the text, id and outlet fields. Out: one
`Source` per non-blank line, yielded as the line is read. `Source.path` is
`"{file}:{line}"` (1-based line number), or `"{file}#{id}"` when an id field is named and
the record has a unique id; a record without one falls back to the line form. Records also
fill title/date/url from fields of those names. A bad line (invalid JSON, not an object,
no text field, too long) gives an error Source for that line only. Field names may be
dotted paths into nested objects ("article.body"). This module refuses to know the rest
of the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from quotes.model import Source
from quotes.readers.decode import decode, normalise_newlines

ORIGIN = "{kind} record, field '{field}'; offsets refer to that field's text"
CHUNK = 1 << 20


def _field(record: dict[str, Any], name: str) -> Any:
    """A field by name, or by dotted path into nested objects; None when absent."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _lines(fh: IO[bytes], max_bytes: int, first_line: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line over max_bytes."""
    n = first_line - 1
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Skip the rest of an over-long line without holding it in memory.
            while (rest := fh.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


def _text_value(value: Any) -> str | None:
    """A record's metadata value as a one-line string, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def iter_jsonl(
    path: str, fh: IO[bytes], text: str, id_field: str | None, outlet: str | None, max_bytes: int,
    first_line: int = 1, seen: set[str] | None = None,
) -> Iterator[Source]:
    """Yield one Source per record of a JSONL file, errors confined to their line.

    A piece of a file (quotes.distributed) starts at `first_line`, and `seen` holds the ids
    already taken before it; the set is updated with the ids this piece takes.
    """
    seen = set() if seen is None else seen
    for n, raw in _lines(fh, max_bytes, first_line):
        where = f"{path}:{n}"
        if raw is None:
            yield Source(where, format="jsonl", error=f"line is longer than {max_bytes} bytes")
            continue
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue  # blank lines (a trailing newline, a separator) are not records
        decoded = decode(raw)
        if decoded.error:
            yield Source(where, format="jsonl", error=decoded.error)
            continue
        try:
            record = json.loads(decoded.text)
        except ValueError as e:
            yield Source(where, format="jsonl", error=f"invalid JSON: {e}")
            continue
        if not isinstance(record, dict):
            yield Source(
                where,
                format="jsonl",
                error=f"record is a JSON {type(record).__name__}, not an object",
            )
            continue
        yield source_of_record(path, where, record, text, id_field, outlet, seen, decoded.encoding)


def source_of_record(
    path: str, where: str, record: dict[str, Any], text: str, id_field: str | None,
    outlet: str | None, seen: set[str], encoding: str | None, fmt: str = "jsonl",
) -> Source:
    """One record's Source (a JSONL line's, a Parquet row's): named by its id the first time it is seen."""
    ident = _text_value(_field(record, id_field)) if id_field else None
    if ident is not None and ident not in seen:
        seen.add(ident)
        where = f"{path}#{ident}"
    body = _field(record, text)
    if not isinstance(body, str):
        why = "no" if body is None else f"a non-string ({type(body).__name__})"
        return Source(where, format=fmt, error=f"{why} '{text}' field")
    return Source(
        where,
        normalise_newlines(body),
        encoding=encoding,
        format=fmt,
        title=_text_value(_field(record, "title")),
        outlet=_text_value(_field(record, outlet)) if outlet else None,
        date=_text_value(_field(record, "date")),
        url=_text_value(_field(record, "url")),
        origin=ORIGIN.format(kind="JSONL" if fmt == "jsonl" else "Parquet", field=text),
    )
