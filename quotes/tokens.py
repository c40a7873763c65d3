"""Quote text → word tokens with normalised keys, and what a key stands for.

In: a text (a quote, a record sentence). Out: `Tok`s (a word, an ellipsis or a [bracketed
insertion], with offsets), their keys (casefolded, apostrophes unified, U.S. = US), the runs of
words between ellipses and brackets, contractions spelled out ("won't" → will not) and numbers
read ("seventy" → 70). Shared by `diff` (drift between two variants) and `align` (blocking and
scoring). This module refuses to know about quotes, sources or drift: only words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

ELLIPSIS = "…"
ELL_KEY = "\x00…"  # every ellipsis is the same token
_BR_KEY = "\x01"  # prefix of a bracket token's key; the bracket's content follows

# One token: an ellipsis (also inside brackets), a [bracketed insertion], or a word. Words keep
# inner apostrophes, hyphens and number punctuation (don't, forty-two, 48,000, 3:40, U.S).
_TOKEN = re.compile(
    r"(?P<ell>\[\s*(?:…|(?:\.\s?){2,}\.)\s*\]|…|(?:\.\s?){2,}\.)"
    r"|(?P<br>\[[^\[\]\n]{1,200}\])"
    r"|(?P<word>[$€£]?\w+(?:['’ʼ.,:/\-–]\w+)*%?)"
)
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "′": "'", "–": "-"})
# Punctuation between words, with curly and straight marks made one (mark *style* still differs).
_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                        "‟": '"', "«": '"', "»": '"', "…": "...", "–": "-", "—": "-"})


class Tok(NamedTuple):
    """One token of a text: kind is "w" (word), "ell" (ellipsis) or "br" (bracket)."""

    kind: str
    text: str
    key: str
    start: int
    end: int


def _word_key(word: str) -> str:
    key = word.casefold().translate(_APOS)
    # U.S. and US are one word (dots between letters only; 2.3 keeps its dot).
    if "." in key and not any(c.isdigit() for c in key):
        key = key.replace(".", "")
    return key


def lex(text: str) -> list[Tok]:
    """Tokens of `text` with their normalised keys and offsets."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        raw = m.group()
        if kind == "ell":
            out.append(Tok("ell", ELLIPSIS, ELL_KEY, m.start(), m.end()))
        elif kind == "br":
            inner = " ".join(raw[1:-1].split())
            out.append(Tok("br", f"[{inner}]", _BR_KEY + _word_key(inner), m.start(), m.end()))
        else:
            out.append(Tok("w", raw.translate(_APOS), _word_key(raw), m.start(), m.end()))
    return out


def tokenize(text: str) -> list[str]:
    """Word tokens of `text`: apostrophes and marks normalised, `…` and `[insertions]` kept whole."""
    return [t.text for t in lex(text)]


_WORD = re.compile(_TOKEN.pattern.split("|(?P<word>")[1][:-1])
_SLOW = re.compile(r"\[|…|\.\s?\.|[A-Za-z]\.[A-Za-z]")


def keys(text: str) -> list[str]:
    """Normalised token keys (casefolded, apostrophes unified); ellipses and brackets are special."""
    if _SLOW.search(text):
        return [t.key for t in lex(text)]
    # Fast path for the common case (no ellipsis, bracket or dotted abbreviation): one findall.
    return _WORD.findall(text.casefold().translate(_APOS))


def is_special(key: str) -> bool:
    """True for the key of an ellipsis or a bracketed insertion."""
    return key[:1] in ("\x00", "\x01")


def segments(ks: Sequence[str]) -> list[list[str]]:
    """Runs of word keys between ellipses and brackets, in order."""
    segs: list[list[str]] = []
    cur: list[str] = []
    for k in ks:
        if is_special(k):
            if cur:
                segs.append(cur)
            cur = []
        else:
            cur.append(k)
    if cur:
        segs.append(cur)
    return segs


# Punctuation between two words that ends a clause.
CLAUSE_END = re.compile(r"[.;:!?,\"'()\-]")


def gap(text: str, toks: Sequence[Tok], i: int) -> str:
    """Punctuation between token i and token i+1, marks unified, whitespace dropped."""
    end = toks[i + 1].start if i + 1 < len(toks) else len(text)
    return "".join(text[toks[i].end:end].split()).translate(_MARKS)


def as_text(toks: Iterable[Tok]) -> str:
    """The tokens as written, one space between them."""
    return " ".join(t.text for t in toks)


# Contractions expanded before counting negators and modals (won't = will not).
_CONTRACTED = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"),
               "shan't": ("shall", "not"), "ain't": ("is", "not")}
_SUFFIXES = (("n't", "not"), ("'ll", "will"), ("'re", "are"), ("'ve", "have"), ("'m", "am"),
             ("'d", "'d"))

_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
           "trillion": 10**12}
# Fractions and multiples: "fallen by half" → "by a third" changes the figure a speaker gave.
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
              "quarters": 0.25, "double": 2.0, "twice": 2.0, "triple": 3.0, "threefold": 3.0}
_DIGITS = re.compile(r"^[$€£]?\d[\d,]*(?:\.\d+)?%?$")


def expand(key: str) -> tuple[str, ...]:
    """A word key with contractions spelled out: "won't" → ("will", "not")."""
    if key in _CONTRACTED:
        return _CONTRACTED[key]
    for suffix, full in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return (key[: -len(suffix)], full)
    return (key,)


def is_number(key: str) -> bool:
    """True for a number key: digits ("48,000", "3%") or number words ("forty-two")."""
    return bool(_DIGITS.match(key.rstrip("%"))) or _number_word(key) or key in _FRACTIONS


def _number_word(key: str) -> bool:
    parts = key.split("-")
    return all(p in _UNITS or p in _TENS or p in _SCALES for p in parts)


def numbers(words: Sequence[str]) -> list[str]:
    """Numbers in a run of word keys, as canonical strings ("seventy" → "70", "14 million")."""
    out: list[str] = []
    total = current = 0.0
    inside = False

    def flush() -> None:
        nonlocal total, current, inside
        if inside:
            value = total + current
            out.append(str(int(value)) if value == int(value) else repr(value))
        total = current = 0.0
        inside = False

    for i, key in enumerate(words):
        if ":" in key and _DIGITS.match(key.replace(":", "")):
            flush()
            out.append(key)  # clock times (3:40) compare as written
            continue
        if _DIGITS.match(key):
            if inside and current:
                flush()
            current += float(key.strip("$€£%").replace(",", ""))
            inside = True
        elif _number_word(key):
            for part in key.split("-"):
                if part in _SCALES:
                    scale = _SCALES[part]
                    if scale == 100:
                        current = (current or 1) * 100
                    else:
                        total += (current or 1) * scale
                        current = 0.0
                else:
                    current += _UNITS.get(part, 0) + _TENS.get(part, 0)
            inside = True
        elif key in _FRACTIONS:
            value = (total + current or 1) * _FRACTIONS[key]  # "two thirds", "a third", "half"
            total = current = 0.0
            inside = False
            out.append(f"{value:.4g}")
        elif key == "and" and inside and i + 1 < len(words) and _number_word(words[i + 1]) \
                and words[i - 1] in _SCALES:
            continue  # "one hundred and five" is one number
        else:
            flush()
    flush()
    return out
