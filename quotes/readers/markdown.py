"""Markdown: which character ranges hold code or markup rather than prose.

In: the raw markdown text (already decoded). Out: `Markdown` with sorted, non-overlapping
`masked` ranges (front matter, fenced and indented code blocks, inline code spans, HTML
comments and tags, link destinations and titles) plus title/date/url/outlet read from YAML
front matter. The text itself is never changed, so offsets still point into the file;
emphasis markup is left alone (the extractor reads through it). This module refuses to
know what a quotation mark is; it is a masker, not a markdown renderer.
"""

from __future__ import annotations

import bisect
import re

import attrs

Ranges = tuple[tuple[int, int], ...]

# YAML front matter: "---" on the first line, closed by "---" or "..." (Jekyll, Hugo, Pandoc).
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.+?)[ \t]*$", re.M)
_META_KEYS = {
    "title": "title", "headline": "title", "date": "date", "published": "date",
    "url": "url", "link": "url", "canonical_url": "url", "permalink": "url",
    "outlet": "outlet", "publication": "outlet", "publisher": "outlet",
    "site_name": "outlet", "sitename": "outlet", "site": "outlet",
}  # fmt: skip
# An indented block needs a blank line (or the start) before it; otherwise it is a lazy
# paragraph continuation, not code.
_CODE_LINES = r"((?: {4}|\t)[^\n]*(?:\n|\Z)(?:(?: {4}|\t)[^\n]*(?:\n|\Z)|[ \t]*\n)*)"
_INDENTED = re.compile(r"\n[ \t]*\n" + _CODE_LINES)
_INDENTED_AT_START = re.compile(_CODE_LINES)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_BLANK = re.compile(r"\n[ \t]*\n")
_TICKS = re.compile(r"`+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Tags carry attribute values in straight quotes (<a title="...">) that are not speech.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,2000})?/?>")
# The "(url "title")" part of [text](url "title") and ![alt](src): link titles are quoted.
_LINK_DEST = re.compile(
    r"\](\((?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))"
)
# Reference definitions: [id]: url "title".
_REF_DEF = re.compile(
    r"(?:\A|\n)( {0,3}\[[^\]\n]+\]:[ \t]*\S+"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*)(?=\n|\Z)"
)


@attrs.frozen
class Markdown:
    """What the markdown reader found: masked ranges and front-matter metadata."""

    masked: Ranges = ()
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


def _front_matter(text: str) -> tuple[tuple[int, int] | None, dict[str, str]]:
    """The front-matter range and its simple `key: value` fields."""
    m = _FRONT.match(text)
    if not m:
        return None, {}
    meta: dict[str, str] = {}
    for key, value in _META.findall(m.group(1) or ""):
        field = _META_KEYS.get(key.lower())
        value = value.strip().strip("\"'").strip()
        if field and value and field not in meta:
            meta[field] = value
    return (0, m.end()), meta


def _fence_at(text: str, pos: int, char: str, least: int) -> tuple[int, int, int] | None:
    """The next fence line of `char` (at least `least` long) from `pos`: (start, end, length)."""
    run = char * least
    while (at := text.find(run, pos)) != -1:
        line = text.rfind("\n", 0, at) + 1
        end = at + len(run)
        while end < len(text) and text[end] == char:
            end += 1
        # A fence opens its line, after at most three spaces of indentation.
        if at - line <= 3 and not text[line:at].strip(" "):
            return line, end, end - at
        pos = end
    return None


def _fences(text: str, start: int) -> list[tuple[int, int]]:
    """Fenced code blocks: from the opening fence line to the closing one (or the end)."""
    blocks: list[tuple[int, int]] = []
    pos = start
    while True:
        found = [f for c in "`~" if (f := _fence_at(text, pos, c, 3)) is not None]
        if not found:
            return blocks
        line, end, length = min(found)
        char = text[end - 1]
        eol = text.find("\n", end)
        eol = len(text) if eol == -1 else eol
        if char == "`" and "`" in text[end:eol]:
            pos = end  # a backtick in the info string: inline code, not a fence
            continue
        # The closing fence is the same character, at least as long, alone on its line;
        # an unclosed fence runs to the end of the document, as CommonMark says.
        close, at = len(text), eol
        while (f := _fence_at(text, at, char, length)) is not None:
            close_eol = text.find("\n", f[1])
            close_eol = len(text) if close_eol == -1 else close_eol
            if not text[f[1] : close_eol].strip():
                close = close_eol
                break
            at = f[1]
        blocks.append((line, close))
        pos = close


def _in_list(text: str, start: int) -> bool:
    """Whether the last non-blank line before `start` belongs to a list item."""
    before = text[max(0, start - 4000) : start].rstrip()
    line = before[before.rfind("\n") + 1 :]
    # Indented paragraphs after a list item (or inside one) continue the item, not code.
    return bool(_LIST_ITEM.match(line)) or line.startswith("  ")


def _indented(text: str, begin: int, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Indented code blocks outside fenced blocks and list items."""
    starts = [b[0] for b in blocks]
    found = []
    first = _INDENTED_AT_START.match(text, begin)
    for m in [first, *_INDENTED.finditer(text, begin)]:
        if m is None:
            continue
        s, e = m.start(1), m.end(1)
        i = bisect.bisect_right(starts, s) - 1
        if (i >= 0 and blocks[i][1] > s) or _in_list(text, s):
            continue
        body = text[s:e].rstrip()
        if body.strip():
            found.append((s, s + len(body)))
    return found


def _code_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Inline code spans in text[lo:hi]: a backtick run closed by the next run of equal length."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, lo, hi)]
    if not runs:
        return []
    # Code spans never cross a blank line: pair only inside one paragraph.
    breaks = [m.start() for m in _BLANK.finditer(text, lo, hi)]
    by_len: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(runs):
        by_len.setdefault(e - s, []).append(i)
    spans = []
    i = 0
    while i < len(runs):
        s, e = runs[i]
        same = by_len[e - s]
        k = bisect.bisect_right(same, i)
        j = same[k] if k < len(same) else -1
        if j != -1 and bisect.bisect(breaks, s) == bisect.bisect(breaks, runs[j][0]):
            spans.append((s, runs[j][1]))
            i = j + 1
        else:
            i += 1  # an unmatched run is literal backticks
    return spans


def _merge(ranges: list[tuple[int, int]]) -> Ranges:
    """Sort and merge overlapping or touching ranges."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def read_markdown(text: str) -> Markdown:
    """Mask code and markup in markdown text and read its front matter."""
    front, meta = _front_matter(text)
    begin = front[1] if front else 0
    blocks = _fences(text, begin)
    blocks = sorted(blocks + _indented(text, begin, blocks))
    ranges = [front] if front else []
    ranges += blocks
    edges = [begin, *(x for b in blocks for x in b), len(text)]
    for lo, hi in zip(edges[::2], edges[1::2], strict=True):
        if hi <= lo:
            continue
        inline = _code_spans(text, lo, hi)
        for rx in (_COMMENT, _TAG):
            inline += [m.span() for m in rx.finditer(text, lo, hi)]
        for rx in (_LINK_DEST, _REF_DEF):
            inline += [m.span(1) for m in rx.finditer(text, lo, hi)]
        ranges += inline
    return Markdown(_merge(ranges), **meta)
