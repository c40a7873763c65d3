"""Parquet corpora: one article per row, read one row group at a time.

In: a path (or the bytes of standard input), the names of the text, id and outlet columns, and
optionally a range of row groups with the row number its first row has. Out: one `Source` per
row, named `"{file}:{row}"` (1-based row number) or `"{file}#{id}"`, exactly as a JSONL record
is (`quotes.readers.jsonl.source_of_record`: dotted names reach into struct columns, title/date/
url columns fill those fields, a row without a text string is an error for that row only). A
file that is not Parquet, or pyarrow missing, gives one error Source. pyarrow is imported here
only, when a Parquet file is read. This module refuses to know the rest of the pipeline.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from quotes.model import Source
from quotes.readers.jsonl import _field, source_of_record

INSTALL = "reading Parquet needs pyarrow: pip install 'quotes[parquet]'"
# Columns read besides the text, id and outlet ones (when present): the JSONL reader's metadata.
META = ("title", "date", "url")


def open_parquet(path: str, data: bytes | None = None) -> Any:
    """A `pyarrow.parquet.ParquetFile`; raises ImportError without pyarrow, or pyarrow's error."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(io.BytesIO(data) if data is not None else path)


def row_counts(path: str) -> list[int]:
    """The number of rows of each row group, from the file's footer (the rows are not read)."""
    meta = open_parquet(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def _columns(names: list[str], wanted: list[str]) -> list[str]:
    """Top-level columns holding the wanted fields (a dotted name reads its struct column)."""
    out = [n for n in names if n in wanted or any(w.split(".", 1)[0] == n for w in wanted)]
    return list(dict.fromkeys(out))


def iter_parquet(
    path: str, text: str, id_field: str | None, outlet: str | None, max_bytes: int,
    data: bytes | None = None, groups: range | None = None, first_row: int = 1,
    seen: set[str] | None = None,
) -> Iterator[Source]:
    """Yield one Source per row of a Parquet file (of `groups` only, when given), errors per row."""
    try:
        pf = open_parquet(path, data)
    except ImportError:
        yield Source(path, format="parquet", error=INSTALL)
        return
    except Exception as exc:  # pyarrow raises several types for a bad file: each is one line
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Source(path, format="parquet", error=f"not a readable Parquet file: {why}")
        return
    seen = set() if seen is None else seen
    wanted = [f for f in (text, id_field, outlet, *META) if f]
    columns = _columns(pf.schema_arrow.names, wanted)
    row = first_row
    for g in groups if groups is not None else range(pf.metadata.num_row_groups):
        try:
            records = pf.read_row_group(g, columns=columns).to_pylist()
        except Exception as exc:  # a damaged row group: one error, the other groups go on
            yield Source(f"{path}:{row}", format="parquet", error=f"unreadable row group {g}: {exc}")
            row += pf.metadata.row_group(g).num_rows
            continue
        for record in records:
            where = f"{path}:{row}"
            row += 1
            body = _field(record, text)
            if isinstance(body, str) and len(body) > max_bytes:
                yield Source(where, format="parquet", error=f"text is longer than {max_bytes} bytes")
                continue
            yield source_of_record(path, where, record, text, id_field, outlet, seen, "utf-8", "parquet")
