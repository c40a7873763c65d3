"""HTML pages: the article's main text and metadata, extracted by trafilatura.

In: a path and the page's decoded markup. Out: one `Source` whose `text` is the extracted
article (navigation, scripts, footers and comments dropped), with title, outlet (site name,
else host name), date and canonical URL when the page declares them. Offsets refer to the
extracted text, where every block (paragraph, heading, list item) is a paragraph of its own,
followed by a blank line; `origin` says so. trafilatura is imported lazily (it is the `html`
extra) and only ever given a string: nothing is fetched and no script runs. This module
refuses to know about quotes or about how the page was found.
"""

from __future__ import annotations

import functools
import re
from configparser import ConfigParser
from typing import Any

from quotes.model import Source
from quotes.readers.decode import normalise_newlines

MISSING = "HTML input needs the 'html' extra: pip install 'quotes[html]'"
ORIGIN = "text extracted from HTML by trafilatura; offsets refer to the extracted text"
# <meta charset="..."> or http-equiv content="...; charset=...": read before detection.
_LINES = re.compile(r"\n+")
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


@functools.cache
def _config(max_bytes: int) -> ConfigParser:
    """trafilatura's settings with its 20 MB page limit raised to ours."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeouts in a library
    return config


def _extract(markup: str, max_bytes: int, recall: bool) -> Any:
    """One trafilatura pass: text and metadata in a single parse."""
    import trafilatura

    return trafilatura.bare_extraction(
        markup,
        url=None,
        include_comments=False,
        include_tables=True,
        favor_precision=not recall,
        favor_recall=recall,
        with_metadata=True,
        output_format="python",
        config=_config(max_bytes),
    )


def read_html(path: str, markup: str, encoding: str | None, max_bytes: int) -> Source:
    """Extract the main text and metadata of one HTML page into a Source."""
    try:
        import trafilatura  # noqa: F401  (only to tell a missing extra from a failure)
    except ImportError:
        return Source(path, encoding=encoding, format="html", error=MISSING)
    if not markup.strip():
        return Source(path, "", encoding=encoding, format="html", origin=ORIGIN)
    try:
        doc = _extract(markup, max_bytes, recall=False)
        # Precision mode drops short pages entirely; recall mode still finds their text.
        if doc is None or not (doc.text or "").strip():
            doc = _extract(markup, max_bytes, recall=True)
    except Exception as e:  # lxml and trafilatura raise many types on hostile markup
        why = str(e).splitlines()[0] if str(e) else ""
        return Source(
            path, encoding=encoding, format="html",
            error=f"HTML extraction failed: {type(e).__name__}{': ' if why else ''}{why}",
        )  # fmt: skip
    if doc is None or not (doc.text or "").strip():
        return Source(
            path, encoding=encoding, format="html", error="no article text found in the HTML page"
        )
    # trafilatura ends every block with one newline; paragraphs downstream are split at blank
    # lines (plain-text articles), so each extracted line becomes a paragraph of its own.
    text = _LINES.sub("\n\n", normalise_newlines(doc.text).strip("\n"))
    return Source(
        path,
        text,
        encoding=encoding,
        format="html",
        title=doc.title or None,
        # The site name is the outlet; pages without one still name their host.
        outlet=doc.sitename or doc.hostname or None,
        date=doc.date or None,
        url=doc.url or None,
        origin=ORIGIN,
    )
