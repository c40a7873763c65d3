"""Page furniture in plain-text scrapes and web extracts: what on a page is nobody's speech.

In: the decoded text of one source and a line's offsets. Out: whether the line is a share,
comment or copyright prompt, a line in a run of short headline lines (menus, timestamps,
headline lists), a headline under a "Related Stories" / "Read more" heading or a "READ |" link,
a line in headline case, inline markup left in a scrape (`<tweet id="…">`), or an embedded social
post (`<tweet …>…</tweet>`, a paragraph signed "— Name (@handle) June 28, 2016"). Answers are cached per line: a page with thousands of quotes asks
about each line once. This module refuses to know about quotes and speakers: `quotes.extract`
asks it, then decides.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from quotes import category_words
from quotes.marks import Pair

_TIMESTAMP = re.compile(
    r"\s*(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{4},?\s+\w+|\d{1,2}\s+\w+(?:\s+\d{4})?)\s*$",
    re.IGNORECASE,
)
_BOILER = re.compile(
    r"\s*(?:" + "|".join(re.escape(p) for p in category_words.BOILERPLATE_PREFIXES) + r")(?!\w)",
    re.IGNORECASE,
)
_LINK_HEADING = re.compile(
    r"(?:" + "|".join(re.escape(h) for h in category_words.LINK_LIST_HEADINGS) + r")(?!\w)[\w\s’'|:]{0,30}",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\bcopyright\b|all rights reserved", re.IGNORECASE)
# A markup tag left in a plain-text scrape (<tweet id="1" author="@x">, </a>, <br/>): its
# attribute values sit in quotation marks but are code. Values may come with curly marks.
_TAG = re.compile(
    r"</?[A-Za-z][\w:.\-]*(?:\s+[\w:.\-]+(?:\s*=\s*(?:[\"“”][^\"“”<>\n]*[\"“”]|'[^'<>\n]*'|[^\s\"“”'<>]+))?)*\s*/?>"
)
# An embedded social post kept in the text: a <tweet …> element, or a blockquote with an
# embed class. Its words are the post's, shown on the page, not speech the story reports.
_EMBED_OPEN = re.compile(
    r"<tweet\b[^<>]*>|<blockquote\b[^<>]*(?:twitter-tweet|instagram-media|tiktok-embed)[^<>]*>",
    re.IGNORECASE,
)
_EMBED_CLOSE = re.compile(r"</tweet\s*>|<tweet\s*/>|</blockquote\s*>|\n", re.IGNORECASE)
# The text an embedded post leaves when its script is stripped: "… — Jane Doe (@jdoe) June 28,
# 2016" ends the paragraph.
_EMBED_SIGNATURE = re.compile(r"[—–-]\s*[^\n()]{1,60}\(@\w{1,15}\)\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}\s*$", re.MULTILINE)


def markup_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the markup tags in a plain text (their quoted values are not quotes)."""
    if "<" not in text:
        return []
    return [m.span() for m in _TAG.finditer(text)]


def embed_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of embedded social posts: a `<tweet>` element's text, or a signed post."""
    spans: list[tuple[int, int]] = []
    if "<" in text:
        for m in _EMBED_OPEN.finditer(text):
            close = _EMBED_CLOSE.search(text, m.end())
            spans.append((m.start(), close.start() if close else len(text)))
    if "(@" in text:
        for m in _EMBED_SIGNATURE.finditer(text):
            s = text.rfind("\n", 0, m.start()) + 1
            spans.append((s, m.end()))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class PageContext:
    """Paragraph and line lookups over one text, computed once (bisect, never rescans)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._boiler: dict[int, bool] = {}
        self._lines: dict[int, bool] = {}
        self._links: dict[int, bool] = {}
        self._embeds: tuple[list[int], list[int]] | None = None

    def line(self, offset: int) -> tuple[int, int]:
        """Bounds of the line holding `offset` (bounded search, never the whole text)."""
        text = self.text
        lo = max(0, offset - 2000)
        s = text.rfind("\n", lo, offset) + 1 or lo
        e = text.find("\n", offset, offset + 2000)
        return s, (e if e != -1 else min(len(text), offset + 2000))

    def embedded(self, offset: int) -> bool:
        """Is `offset` inside an embedded social post (computed once per text)?"""
        if self._embeds is None:
            spans = embed_ranges(self.text)
            self._embeds = ([s for s, _ in spans], [e for _, e in spans])
        starts, ends = self._embeds
        if not starts:
            return False
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and offset < ends[k]

    def boiler_line(self, start: int, end: int) -> bool:
        """Does the line starting at `start` open with a share/comment/copyright prompt?"""
        hit = self._lines.get(start)
        if hit is None:
            # Short lines only: "Comments from the minister, ..." in a long paragraph is prose.
            m = _BOILER.match(self.text, start, end)
            # A link line ("READ | …", "Read more: …") carries a whole headline.
            limit = 25 if m and _LINK_HEADING.match(self.text, start, end) else 12
            hit = bool(m) and (
                self.text.count(" ", start, end) <= limit
                or bool(_COPYRIGHT.search(self.text, start, end))
            )
            self._lines[start] = hit
        return hit

    def headline(self, p: Pair, close_end: int) -> bool:
        """Is the line around this quote itself in headline case (most words capitalised)?"""
        ls, le = self.line(p.open)
        outside = (self.text[ls : p.open] + " " + self.text[close_end:le]).split()
        words = [
            w for w in outside if w[:1].isalpha() and w.lower() not in category_words.TITLE_SMALL_WORDS
        ]
        if len(words) < 3 or len(outside) > 25:
            return False
        return sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)

    def link_list(self, start: int) -> bool:
        """Is the line at `start` one of a few short lines under a related-links heading?"""
        hit = self._links.get(start)
        if hit is None:
            hit = self._links[start] = self._link_list(start)
        return hit

    def _link_list(self, start: int) -> bool:
        text = self.text
        end = text.find("\n", start, start + 400)
        own = text[start : end if end != -1 else min(len(text), start + 400)].strip()
        if len(own.split()) > 20 or own[-1:] in ".,;":
            return False  # a headline is one short line without a full stop; prose is not
        blank = 0
        for line in itertools.islice(self._lines_before(start, 300), 12):
            line = line.strip()
            if not line:
                blank += 1
                if blank > 1:
                    return False
            elif _LINK_HEADING.fullmatch(line):
                return True
            elif blank or len(line.split()) > 20 or line[-1:] in ".;,":
                return False  # prose before the block: these lines are not a link list
        return False

    def _lines_before(self, start: int, width: int) -> Iterator[str]:
        """The lines before the one starting at `start`, nearest first, while each is under `width`."""
        text, s = self.text, start
        while s > 0:
            prev = text.rfind("\n", max(0, s - width), s - 1) + 1
            if prev == 0 and s - 1 > width:
                return
            yield text[prev : s - 1]
            s = prev

    def furniture(self, start: int, end: int) -> bool:
        """Is this line part of a run of short unpunctuated lines (headline lists, menus)?"""
        cached = self._boiler.get(start)
        if cached is not None:
            return cached
        text = self.text
        result = False
        if end - start < 300 and _furniture_line(text[start:end]):  # furniture lines are short
            # Up to three lines either side, not crossing a blank line.
            lines = [text[start:end]]
            lines += itertools.takewhile(bool, itertools.islice(self._lines_before(start, 400), 3))
            e = end
            for _ in range(3):
                if e + 1 >= len(text) or text[e + 1] == "\n":
                    break
                nxt = text.find("\n", e + 1, e + 400)
                nxt = nxt if nxt != -1 else min(len(text), e + 400)
                lines.append(text[e + 1 : nxt])
                e = nxt
            lines = [ln for ln in lines if ln.strip()]
            if len(lines) >= 4:
                result = sum(1 for ln in lines if _furniture_line(ln)) >= 0.6 * len(lines)
        self._boiler[start] = result
        return result


def _furniture_line(line: str) -> bool:
    """A line that looks like page furniture: a timestamp, or a short capitalised headline."""
    if _TIMESTAMP.match(line):
        return True
    words = line.split()
    if len(words) > 16:
        return False
    first = line.lstrip(" \t•*-–·")[:1]
    if not (first.isupper() or first.isdigit() or first in "“\"‘'"):
        return False  # hard-wrapped prose continues with a lower-case word
    return line.rstrip()[-1:] not in ".:;,\"”’'"
