"""Two variants of one quote → a word-level `Drift`, classified cosmetic, wording or meaning.

In: a reference text and a variant text. Out: `Drift(klass, ops, alterations, reasons)`, where
`ops` is the word-level diff (rapidfuzz `Levenshtein.opcodes` over normalised word tokens,
refined with an LCS pass) restricted to the stretch of the reference the variant covers, so a
fragment is not drift. An ellipsis or a `[bracketed insertion]` in the variant is an alteration,
never drift. Tokens and keys come from `quotes.tokens`, the one-line reasons from
`quotes.drift_reasons`; this module aligns and assembles. It refuses to know about sources,
speakers or groups: only words.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from quotes.drift_reasons import (
    MODALS,
    NEGATORS,
    cosmetic_reason,
    equal_cosmetics,
    meaning_keys,
    meaning_reasons,
    negation_cut,
    wording_reason,
)
from quotes.model import DiffOp, Drift
from quotes.tokens import (
    CLAUSE_END,
    ELL_KEY,
    ELLIPSIS,
    Tok,
    as_text,
    expand,
    gap,
    is_special,
    keys,
    lex,
    numbers,
    segments,
    tokenize,
)

# The word-level API callers have always imported from here.
__all__ = ["ELLIPSIS", "MODALS", "NEGATORS", "Tok", "compare", "expand", "is_special", "keys",
           "lex", "numbers", "tokenize"]


@functools.lru_cache(maxsize=4096)
def _lexed(text: str) -> tuple[Tok, ...]:
    """`lex`, remembered: a group's reference is compared with every member."""
    return tuple(lex(text))


def _window(ref: list[str], var: list[str]) -> list[tuple[int, int]]:
    """Candidate reference windows `[lo, hi)` the variant covers (best segment alignment)."""
    segs = segments(var)
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


def _span(ks: Sequence[str]) -> int:
    """How many reference words a run of variant words can stand for (we're = we are)."""
    return sum(len(expand(k)) for k in ks)


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
            keep = i2 - i1 if vk[0] == ELL_KEY else min(i2 - i1, _span(vk[j1:j2]))
            out[0] = ("change", i2 - keep, i2, j1, j2)
    if out and out[-1][0] == "change" and out[-1][4] == nvar:
        _, i1, i2, j1, j2 = out[-1]
        if j2 == j1:
            out.pop()
        else:
            keep = i2 - i1 if vk[-1] == ELL_KEY else min(i2 - i1, _span(vk[j1:j2]))
            out[-1] = ("change", i1, i1 + keep, j1, j2)
    return out


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
    rkeys, vkeys = meaning_keys(ref), meaning_keys(var)
    for tag, i1, i2, j1, j2 in chunks:
        a_text, b_text = _disp(reference, ref, i1, i2, False), _disp(variant, var, j1, j2, True)
        if tag == "equal":
            ops.append(DiffOp("equal", a_text, b_text))
            cosmetic.extend(equal_cosmetics(reference, ref, variant, var, i1, i2, j1))
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
                omitted = as_text(a) if a else as_text(_edge_omitted(ref, i1, i2, j1))
                alterations.append(f"ellipsis: omitted '{omitted}'" if omitted
                                   else "ellipsis: nothing omitted")
            elif kind == "br":
                alterations.append(f"bracket: '{as_text(a)}' → '{b[0].text}'" if a
                                   else f"bracket: inserted '{b[0].text}'")
            elif kind == "plain":
                why = cosmetic_reason(a, b)
                if why:
                    cosmetic.append(why)
                    continue
                wording.append(wording_reason(a, b))
                removed.extend(rkeys[ref.index(t, i1)] for t in a)
                added.extend(vkeys[var.index(t, j1)] for t in b)
                if len(a) == len(b):
                    pairs.extend((x.key, y.key) for x, y in zip(a, b, strict=True))
            # "ref-…" pieces: the reference's own ellipsis or bracket; nothing the variant did.
    meaning = meaning_reasons(removed, added, pairs)
    start = next((c[1] for c in chunks if c[2] > c[1]), 0)
    if var[0].kind == "w":
        cut = negation_cut(reference, ref, start)
        if cut:
            meaning.append(cut)
    klass = ("meaning" if meaning else "wording" if wording
             else "cosmetic" if cosmetic else "none")
    reasons = tuple(dict.fromkeys(meaning + wording + cosmetic))
    return Drift(klass, tuple(ops), tuple(dict.fromkeys(alterations)), reasons)


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
            and not CLAUSE_END.search(gap(reference, ref, i - 1)):
        i -= 1
    if i == 0 or CLAUSE_END.search(gap(reference, ref, i - 1)):
        return [(tag, i, i2, j1, j2), *chunks[1:]]
    return chunks
