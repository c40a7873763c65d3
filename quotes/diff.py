"""Two variants of one quote → a word-level `Drift`, classified cosmetic, wording or meaning.

In: a reference text and a variant text. Out: `Drift(klass, ops, alterations, reasons)`, where
`ops` is the word-level diff (rapidfuzz `Levenshtein.opcodes` over normalised word tokens,
refined with an LCS pass) restricted to the stretch of the reference the variant covers, so a
fragment is not drift. An ellipsis or a `[bracketed insertion]` in the variant is an alteration,
never drift. This module refuses to know about sources, speakers or groups: only words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from quotes.model import DiffOp, Drift

ELLIPSIS = "…"
_ELL_KEY = "\x00…"  # every ellipsis is the same token
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
            out.append(Tok("ell", ELLIPSIS, _ELL_KEY, m.start(), m.end()))
        elif kind == "br":
            inner = " ".join(raw[1:-1].split())
            out.append(Tok("br", f"[{inner}]", _BR_KEY + _word_key(inner), m.start(), m.end()))
        else:
            out.append(Tok("w", raw.translate(_APOS), _word_key(raw), m.start(), m.end()))
    return out


@functools.lru_cache(maxsize=4096)
def _lexed(text: str) -> tuple[Tok, ...]:
    """`lex`, remembered: a group's reference is compared with every member."""
    return tuple(lex(text))


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


# ---------------------------------------------------------------- word classes for meaning drift

# Negators: a change in their count flips what the speaker asserted.
NEGATORS = frozenset(("not", "never", "no", "nothing", "none", "nobody", "neither", "nor", "nowhere",
                      "without", "cannot"))
# Modals: "may" → "will" turns a possibility into a promise.
MODALS = frozenset(("will", "would", "shall", "should", "may", "might", "can", "could", "must"))
# Tense-carrying auxiliaries: "is" → "was" moves the claim in time.
_AUX_TENSE = {"is": "present", "are": "present", "am": "present", "has": "present",
              "have": "present", "do": "present", "does": "present", "was": "past",
              "were": "past", "had": "past", "did": "past"}
# Common irregular past forms, for "say" → "said" style tense changes without an auxiliary.
_PAST = {"said": "say", "went": "go", "took": "take", "made": "make", "came": "come",
         "knew": "know", "saw": "see", "gave": "give", "got": "get", "thought": "think",
         "told": "tell", "became": "become", "left": "leave", "felt": "feel",
         "brought": "bring", "began": "begin", "kept": "keep", "held": "hold",
         "wrote": "write", "stood": "stand", "heard": "hear", "meant": "mean", "met": "meet",
         "ran": "run", "paid": "pay", "spoke": "speak", "lost": "lose", "grew": "grow",
         "won": "win", "bought": "buy", "fell": "fall", "built": "build", "sent": "send",
         "spent": "spend", "showed": "show", "found": "find", "chose": "choose", "rose": "rise"}
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
_DIGITS = re.compile(r"^[$€£]?\d[\d,]*(?:\.\d+)?%?$")


def expand(key: str) -> tuple[str, ...]:
    """A word key with contractions spelled out: "won't" → ("will", "not")."""
    if key in _CONTRACTED:
        return _CONTRACTED[key]
    for suffix, full in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return (key[: -len(suffix)], full)
    return (key,)


def _numeric(key: str) -> bool:
    return bool(_DIGITS.match(key.rstrip("%"))) or _number_word(key)


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
        elif key == "and" and inside and i + 1 < len(words) and _number_word(words[i + 1]) \
                and words[i - 1] in _SCALES:
            continue  # "one hundred and five" is one number
        else:
            flush()
    flush()
    return out


# ---------------------------------------------------------------- cosmetic equivalence

# British/American spellings: "colour"/"color", "organise"/"organize", "centre"/"center".
_SPELLING = [(re.compile(p), r) for p, r in (
    (r"(?<=\w{2})our(s?)$", r"or\1"), (r"(?<=\w)is(e|es|ed|ing|ation|ations)$", r"iz\1"),
    (r"(?<=\w)ys(e|es|ed|ing)$", r"yz\1"), (r"(?<=\w{2})tre(s?)$", r"ter\1"),
    (r"(?<=\w)ll(ed|ing|er|ers)$", r"l\1"), (r"(?<=\w)ogue(s?)$", r"og\1"),
    (r"^programme", "program"), (r"ae", "e"), (r"^grey", "gray"),
    (r"^(de|of)fence", r"\1fense"), (r"^licence", "license"), (r"^per$", "per"),
)]


def _fold(key: str) -> str:
    s = unicodedata.normalize("NFKD", key)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("'", "").replace("-", "")


def _spelling(key: str) -> str:
    s = _fold(key).replace(".", "").replace("%", "percent")
    for pattern, repl in _SPELLING:
        s = pattern.sub(repl, s)
    return s


_TRANSLIT = [(re.compile(p), r) for p, r in (
    (r"kh", "h"), (r"ph", "f"), (r"ck", "k"), (r"w", "v"), (r"[yjie]", "i"), (r"[ou]", "u"),
    (r"(.)\1+", r"\1"),
)]


def _translit(word: str) -> str:
    s = _fold(word.casefold())
    for pattern, repl in _TRANSLIT:
        s = pattern.sub(repl, s)
    return s


def _cosmetic(a: Sequence[Tok], b: Sequence[Tok]) -> str | None:
    """Why a changed stretch is only cosmetic (spelling, hyphens, number style), or None."""
    if not a or not b:
        return None
    ja = "".join(_spelling(t.key) for t in a)
    jb = "".join(_spelling(t.key) for t in b)
    if ja == jb:
        return f"spelling: '{_words(a)}' → '{_words(b)}'"
    na, nb = numbers([t.key for t in a]), numbers([t.key for t in b])
    if na and na == nb:
        rest_a = "".join(_spelling(t.key) for t in a if not _numeric(t.key))
        rest_b = "".join(_spelling(t.key) for t in b if not _numeric(t.key))
        if rest_a == rest_b:
            return f"number style: '{_words(a)}' → '{_words(b)}'"
    if len(a) == len(b) and all(
        x.key == y.key or (x.text[:1].isupper() and y.text[:1].isupper()
                           and _translit(x.text) == _translit(y.text))
        for x, y in zip(a, b, strict=True)
    ):
        return f"transliteration: '{_words(a)}' → '{_words(b)}'"
    return None


def _words(toks: Iterable[Tok]) -> str:
    return " ".join(t.text for t in toks)


# ---------------------------------------------------------------- alignment

def _window(ref: list[str], var: list[str]) -> list[tuple[int, int]]:
    """Candidate reference windows `[lo, hi)` the variant covers (best segment alignment)."""
    segs: list[list[str]] = []
    cur: list[str] = []
    for k in var:
        if is_special(k):
            if cur:
                segs.append(cur)
            cur = []
        else:
            cur.append(k)
    if cur:
        segs.append(cur)
    if not segs or not ref:
        return [(0, len(ref))]
    longest = max(len(s) for s in segs)
    lo, hi = len(ref), 0
    for seg in segs:
        # One stray word after an ellipsis must not stretch the window across the reference.
        if len(seg) < 2 and longest >= 2:
            continue
        al = fuzz.partial_ratio_alignment(seg, ref)
        if al is None:
            continue
        lo, hi = min(lo, al.dest_start), max(hi, al.dest_end)
    if lo >= hi:
        return [(0, len(ref))]
    pad_lo = 3 if is_special(var[0]) else 0
    pad_hi = 3 if is_special(var[-1]) else 0
    # Padding lets an edge substitution ("will" for "may") sit inside the window.
    return [(max(0, lo - pad_lo), min(len(ref), hi + pad_hi)),
            (max(0, lo - 3), min(len(ref), hi + 3))]


def _chunks(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes over key lists: Levenshtein, then an LCS pass inside each changed stretch."""
    merged: list[list[int]] = []
    for op in Levenshtein.opcodes(a, b):
        equal = op.tag == "equal"
        if merged and not equal and merged[-1][0] == 0:
            merged[-1][2], merged[-1][4] = op.src_end, op.dest_end
        else:
            merged.append([1 if equal else 0, op.src_start, op.src_end, op.dest_start, op.dest_end])
    out: list[tuple[str, int, int, int, int]] = []
    for eq, i1, i2, j1, j2 in merged:
        if eq:
            out.append(("equal", i1, i2, j1, j2))
            continue
        # Levenshtein may pair words positionally past a shared word ([2,3]→[3,4]); LCS finds it.
        sub = Indel.opcodes(a[i1:i2], b[j1:j2])
        pending: list[int] | None = None
        for op in sub:
            s1, s2, d1, d2 = i1 + op.src_start, i1 + op.src_end, j1 + op.dest_start, j1 + op.dest_end
            if op.tag == "equal":
                if pending:
                    out.append(("change", pending[0], pending[1], pending[2], pending[3]))
                    pending = None
                out.append(("equal", s1, s2, d1, d2))
            elif pending:
                pending[1], pending[3] = s2, d2
            else:
                pending = [s1, s2, d1, d2]
        if pending:
            out.append(("change", pending[0], pending[1], pending[2], pending[3]))
    return out


def _span(keys: Sequence[str]) -> int:
    """How many reference words a run of variant words can stand for (we're = we are)."""
    return sum(len(expand(k)) for k in keys)


def _trim(chunks: list[tuple[str, int, int, int, int]], vk: list[str]
          ) -> list[tuple[str, int, int, int, int]]:
    """Drop reference words outside the variant's stretch: edge deletions are not drift."""
    out = list(chunks)
    nvar = len(vk)
    if out and out[0][0] == "change" and out[0][3] == 0:
        _, i1, i2, j1, j2 = out[0]
        if j2 == j1:
            out.pop(0)
        else:
            # A leading ellipsis stands for everything before it; the padded words are its own.
            keep = i2 - i1 if vk[0] == _ELL_KEY else min(i2 - i1, _span(vk[j1:j2]))
            out[0] = ("change", i2 - keep, i2, j1, j2)
    if out and out[-1][0] == "change" and out[-1][4] == nvar:
        _, i1, i2, j1, j2 = out[-1]
        if j2 == j1:
            out.pop()
        else:
            keep = i2 - i1 if vk[-1] == _ELL_KEY else min(i2 - i1, _span(vk[j1:j2]))
            out[-1] = ("change", i1, i1 + keep, j1, j2)
    return out


_CLAUSE_END = re.compile(r"[.;:!?,\"'()\-]")
_NEAR_NEGATION = frozenset(MODALS | set(_AUX_TENSE) | {"be", "been", "a", "an", "the", "any"})


def _gap(text: str, toks: Sequence[Tok], i: int) -> str:
    """Punctuation between token i and token i+1, marks unified, whitespace dropped."""
    end = toks[i + 1].start if i + 1 < len(toks) else len(text)
    return "".join(text[toks[i].end:end].split()).translate(_MARKS)


def _disp(text: str, toks: Sequence[Tok], i1: int, i2: int, lead: bool) -> str:
    """The words i1..i2 as written, with the punctuation that follows them."""
    if i1 >= i2:
        return ""
    start = 0 if lead and i1 == 0 else toks[i1].start
    end = toks[i2].start if i2 < len(toks) else len(text)
    return " ".join(text[start:end].split())


def _split(a: Sequence[Tok], b: Sequence[Tok]) -> list[tuple[str, list[Tok], list[Tok]]]:
    """Cut a changed stretch around ellipses/brackets: (kind, ref words, variant words) pieces."""
    spec_b = [i for i, t in enumerate(b) if t.kind != "w"]
    spec_a = [i for i, t in enumerate(a) if t.kind != "w"]
    if not spec_b and not spec_a:
        return [("plain", list(a), list(b))] if a or b else []
    # The side holding the special gives it the words between its plain edges.
    flip = not spec_b
    x, y, spec = (b, a, spec_a) if flip else (a, b, spec_b)
    left, right = list(y[: spec[0]]), list(y[spec[-1] + 1:])
    nl = min(len(left), len(x))
    rest = list(x[nl:])
    nr = min(len(right), len(rest))
    x_left, x_mid, x_right = list(x[:nl]), rest[: len(rest) - nr], rest[len(rest) - nr:]
    out: list[tuple[str, list[Tok], list[Tok]]] = []

    def plain(xs: list[Tok], ys: list[Tok]) -> None:
        if xs or ys:
            out.append(("plain", ys, xs) if flip else ("plain", xs, ys))

    plain(x_left, left)
    first = y[spec[0]]
    kind = ("ref-" if flip else "") + first.kind
    out.append((kind, x_mid, [first]) if not flip else (kind, [first], x_mid))
    middle = [t for t in y[spec[0] + 1: spec[-1]] if t.kind == "w"]
    plain([], middle)  # words between two alterations: no partner left to pair them with
    plain(x_right, right)
    return out


def _meaning(removed: list[str], added: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Reasons a change alters meaning: negation, numbers, modals, tense."""
    rem = [w for k in removed for w in expand(k)]
    add = [w for k in added for w in expand(k)]
    reasons: list[str] = []
    neg_r, neg_a = [w for w in rem if w in NEGATORS], [w for w in add if w in NEGATORS]
    if len(neg_a) < len(neg_r):
        reasons.append(f"negation dropped: {' '.join(neg_r)}")
    elif len(neg_a) > len(neg_r):
        reasons.append(f"negation added: {' '.join(neg_a)}")
    num_r, num_a = numbers(removed), numbers(added)
    if Counter(num_r) != Counter(num_a):
        if num_r and num_a:
            reasons.append(f"number changed: {', '.join(num_r)} → {', '.join(num_a)}")
        elif num_r:
            reasons.append(f"number dropped: {', '.join(num_r)}")
        else:
            reasons.append(f"number added: {', '.join(num_a)}")
    mod_r, mod_a = [w for w in rem if w in MODALS], [w for w in add if w in MODALS]
    # "I'd" may stand for "I would" or "I had": it cancels one of either.
    if "'d" in add:
        for w in ("would", "had"):
            if w in mod_r:
                mod_r.remove(w)
                break
    verbs = MODALS | set(_AUX_TENSE) | {"be", "been"}
    if Counter(mod_r) != Counter(mod_a):
        before = " ".join(w for w in rem if w in verbs) or "—"
        after = " ".join(w for w in add if w in verbs) or "—"
        reasons.append(f"modal changed: {before} → {after}")
        return reasons
    tense_r = {_AUX_TENSE[w] for w in rem if w in _AUX_TENSE}
    tense_a = {_AUX_TENSE[w] for w in add if w in _AUX_TENSE}
    if tense_r and tense_a and tense_r != tense_a:
        before = " ".join(w for w in rem if w in _AUX_TENSE)
        after = " ".join(w for w in add if w in _AUX_TENSE)
        reasons.append(f"tense changed: {before} → {after}")
        return reasons
    for x, y in pairs:
        if _tense_pair(x, y) or _tense_pair(y, x):
            reasons.append(f"tense changed: {x} → {y}")
            break
    return reasons


def _tense_pair(present: str, past: str) -> bool:
    """`past` is a past form of the verb `present` ("say"/"says" → "said", "vote" → "voted")."""
    bases = {_PAST[past]} if past in _PAST else set()
    if past.endswith("ied"):
        bases.add(past[:-3] + "y")
    elif past.endswith("ed"):
        bases.update((past[:-2], past[:-1]))
    return any(present in (b, b + "s", b + "es") for b in bases if len(b) > 1)


def _negation_cut(reference: str, ref: Sequence[Tok], start: int) -> str | None:
    """A fragment that starts just after a negation ("not [recommending closures]") flips it."""
    for back in (1, 2):
        i = start - back
        if i < 0 or ref[i].kind != "w" or _CLAUSE_END.search(_gap(reference, ref, i)):
            return None
        if any(w in NEGATORS for w in expand(ref[i].key)):
            return f"negation cut: the quote starts after '{ref[i].text}'"
        if ref[i].key not in _NEAR_NEGATION:
            return None
    return None


def _cost(a: Sequence[str], b: Sequence[str]) -> int:
    """Changed words in a stretch; a contraction of the same words costs nothing."""
    ea = [w for k in a for w in expand(k)]
    eb = [w for k in b for w in expand(k)]
    return 0 if ea == eb else max(len(ea), len(eb))


def _best_chunks(rk: list[str], vk: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The window alignment with the fewest changed words (ties: the padded window)."""
    best: tuple[int, int, list[tuple[str, int, int, int, int]]] | None = None
    for rank, (lo, hi) in enumerate(dict.fromkeys(_window(rk, vk))):
        chunks = [(tag, i1 + lo, i2 + lo, j1, j2)
                  for tag, i1, i2, j1, j2 in _trim(_chunks(rk[lo:hi], vk), vk)]
        cost = sum(_cost(rk[i1:i2], vk[j1:j2]) for tag, i1, i2, j1, j2 in chunks if tag != "equal")
        # Padding turns an edge insertion into the substitution it is ("may" → "will").
        if best is None or (cost, -rank) < best[:2]:
            best = (cost, -rank, chunks)
    assert best is not None
    return best[2]


def compare(reference: str, variant: str, *, overhang: bool = True) -> Drift:
    """Word-level drift of `variant` against `reference`: ops, alterations, reasons, class.

    With `overhang=False`, variant words beyond the reference's first or last word (another
    source quoted more of the statement) are shown as insertions but are not drift.
    """
    ref, var = _lexed(reference), _lexed(variant)
    if not var:
        return Drift("none")
    if not ref:
        words = _disp(variant, var, 0, len(var), True)
        klass = "wording" if overhang else "none"
        return Drift(klass, (DiffOp("insert", "", words),), (), (f"words inserted: '{words}'",))
    chunks = _best_chunks([t.key for t in ref], [t.key for t in var])
    chunks = _extend_brackets(reference, ref, var, chunks)
    ops: list[DiffOp] = []
    alterations: list[str] = []
    cosmetic: list[str] = []
    wording: list[str] = []
    removed: list[str] = []
    added: list[str] = []
    pairs: list[tuple[str, str]] = []
    rkeys, vkeys = _meaning_keys(ref), _meaning_keys(var)
    for tag, i1, i2, j1, j2 in chunks:
        a_text, b_text = _disp(reference, ref, i1, i2, False), _disp(variant, var, j1, j2, True)
        if tag == "equal":
            ops.append(DiffOp("equal", a_text, b_text))
            cosmetic.extend(_equal_cosmetics(reference, ref, variant, var, i1, i2, j1))
            continue
        ops.append(DiffOp("replace" if a_text and b_text else "delete" if a_text else "insert",
                          a_text, b_text))
        if not overhang:
            # Words before the reference's first word or after its last: quoted more, not changed.
            extra = max(0, (j2 - j1) - (i2 - i1))
            if i1 == 0 and j1 == 0:
                while extra and var[j1].kind == "w":
                    j1, extra = j1 + 1, extra - 1
            if i2 == len(ref) and j2 == len(var):
                while extra and var[j2 - 1].kind == "w":
                    j2, extra = j2 - 1, extra - 1
        for kind, a, b in _split(ref[i1:i2], var[j1:j2]):
            if kind == "ell":
                omitted = _words(a) if a else _words(_edge_omitted(ref, i1, i2, j1))
                alterations.append(f"ellipsis: omitted '{omitted}'" if omitted
                                   else "ellipsis: nothing omitted")
            elif kind == "br":
                alterations.append(f"bracket: '{_words(a)}' → '{b[0].text}'" if a
                                   else f"bracket: inserted '{b[0].text}'")
            elif kind == "plain":
                why = _cosmetic(a, b)
                if why:
                    cosmetic.append(why)
                    continue
                wording.append(_wording(a, b))
                removed.extend(rkeys[ref.index(t, i1)] for t in a)
                added.extend(vkeys[var.index(t, j1)] for t in b)
                if len(a) == len(b):
                    pairs.extend((x.key, y.key) for x, y in zip(a, b, strict=True))
            # "ref-…" pieces: the reference's own ellipsis or bracket; nothing the variant did.
    meaning = _meaning(removed, added, pairs)
    start = next((c[1] for c in chunks if c[2] > c[1]), 0)
    if var[0].kind == "w":
        cut = _negation_cut(reference, ref, start)
        if cut:
            meaning.append(cut)
    klass = ("meaning" if meaning else "wording" if wording
             else "cosmetic" if cosmetic else "none")
    reasons = tuple(dict.fromkeys(meaning + wording + cosmetic))
    return Drift(klass, tuple(ops), tuple(dict.fromkeys(alterations)), reasons)


def _meaning_keys(toks: Sequence[Tok]) -> list[str]:
    """Keys for meaning checks, with idioms that only look negative neutralised ("no matter")."""
    out = [t.key for t in toks]
    for i in range(len(out) - 1):
        if out[i] == "no" and out[i + 1] in ("matter", "doubt"):
            out[i] = "no~"
    return out


def _wording(a: Sequence[Tok], b: Sequence[Tok]) -> str:
    """One-line reason for a substituted, inserted or deleted stretch."""
    if a and b:
        ea = [w for t in a for w in expand(t.key)]
        eb = [w for t in b for w in expand(t.key)]
        what = "contraction" if ea == eb else "words substituted"
        return f"{what}: '{_words(a)}' → '{_words(b)}'"
    return f"words deleted: '{_words(a)}'" if a else f"words inserted: '{_words(b)}'"


def _edge_omitted(ref: Sequence[Tok], i1: int, i2: int, j1: int) -> list[Tok]:
    """Reference words an edge ellipsis stands for: up to three beyond the variant's stretch."""
    if j1 == 0:
        return [t for t in ref[max(0, i1 - 3): i1] if t.kind == "w"]
    return [t for t in ref[i2: i2 + 3] if t.kind == "w"]


def _extend_brackets(reference: str, ref: Sequence[Tok], var: Sequence[Tok],
                     chunks: list[tuple[str, int, int, int, int]]
                     ) -> list[tuple[str, int, int, int, int]]:
    """A leading [bracket] replaces the words back to the clause start ("[Valdane]" for "The company")."""
    if not chunks or var[0].kind != "br" or chunks[0][0] != "change" or chunks[0][3] != 0:
        return chunks
    tag, i1, i2, j1, j2 = chunks[0]
    i = i1
    while i > 0 and i1 - i < 3 and ref[i - 1].kind == "w" \
            and not _CLAUSE_END.search(_gap(reference, ref, i - 1)):
        i -= 1
    if i == 0 or _CLAUSE_END.search(_gap(reference, ref, i - 1)):
        return [(tag, i, i2, j1, j2), *chunks[1:]]
    return chunks


def _equal_cosmetics(reference: str, ref: Sequence[Tok], variant: str, var: Sequence[Tok],
                     i1: int, i2: int, j1: int) -> list[str]:
    """Case and punctuation differences inside an aligned run (the quote's edges excepted)."""
    out: list[str] = []
    for k in range(i2 - i1):
        x, y = ref[i1 + k], var[j1 + k]
        # The first word of a quote is capitalised by the quoting sentence, not the speaker.
        if j1 + k > 0 and x.text != y.text:
            out.append(f"case: '{x.text}' → '{y.text}'")
        if k + 1 < i2 - i1:
            gx, gy = _gap(reference, ref, i1 + k), _gap(variant, var, j1 + k)
            if gx != gy:
                out.append(f"punctuation: '{x.text}{gx} {ref[i1 + k + 1].text}' → "
                           f"'{y.text}{gy} {var[j1 + k + 1].text}'")
    return out
