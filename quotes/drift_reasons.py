"""A changed stretch of words → why it changed: cosmetic, wording or meaning.

In: the reference and variant tokens of one stretch, as `diff.compare` aligned and cut them.
Out: one-line reasons: cosmetic (spelling, number style, transliteration, case, punctuation),
wording (words substituted, inserted or deleted; contractions) and meaning (negation, numbers,
modals, tense, a fragment that starts just after a negation). The word classes they stand on
live here. This module refuses to know how the stretches were found: only what they say.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from quotes.tokens import CLAUSE_END, Tok, as_text, expand, gap, is_number, numbers

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
# Words that may stand between a negation and the start of a fragment ("not [be] the ...").
_NEAR_NEGATION = frozenset(MODALS | set(_AUX_TENSE) | {"be", "been", "a", "an", "the", "any"})

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


def cosmetic_reason(a: Sequence[Tok], b: Sequence[Tok]) -> str | None:
    """Why a changed stretch is only cosmetic (spelling, hyphens, number style), or None."""
    if not a or not b:
        return None
    ja = "".join(_spelling(t.key) for t in a)
    jb = "".join(_spelling(t.key) for t in b)
    if ja == jb:
        return f"spelling: '{as_text(a)}' → '{as_text(b)}'"
    na, nb = numbers([t.key for t in a]), numbers([t.key for t in b])
    if na and na == nb:
        rest_a = "".join(_spelling(t.key) for t in a if not is_number(t.key))
        rest_b = "".join(_spelling(t.key) for t in b if not is_number(t.key))
        if rest_a == rest_b:
            return f"number style: '{as_text(a)}' → '{as_text(b)}'"
    if len(a) == len(b) and all(
        x.key == y.key or (x.text[:1].isupper() and y.text[:1].isupper()
                           and _translit(x.text) == _translit(y.text))
        for x, y in zip(a, b, strict=True)
    ):
        return f"transliteration: '{as_text(a)}' → '{as_text(b)}'"
    return None


def equal_cosmetics(reference: str, ref: Sequence[Tok], variant: str, var: Sequence[Tok],
                    i1: int, i2: int, j1: int) -> list[str]:
    """Case and punctuation differences inside an aligned run (the quote's edges excepted)."""
    out: list[str] = []
    for k in range(i2 - i1):
        x, y = ref[i1 + k], var[j1 + k]
        # The first word of a quote is capitalised by the quoting sentence, not the speaker.
        if j1 + k > 0 and x.text != y.text:
            out.append(f"case: '{x.text}' → '{y.text}'")
        if k + 1 < i2 - i1:
            gx, gy = gap(reference, ref, i1 + k), gap(variant, var, j1 + k)
            if gx != gy:
                out.append(f"punctuation: '{x.text}{gx} {ref[i1 + k + 1].text}' → "
                           f"'{y.text}{gy} {var[j1 + k + 1].text}'")
    return out


def wording_reason(a: Sequence[Tok], b: Sequence[Tok]) -> str:
    """One-line reason for a substituted, inserted or deleted stretch."""
    if a and b:
        ea = [w for t in a for w in expand(t.key)]
        eb = [w for t in b for w in expand(t.key)]
        what = "contraction" if ea == eb else "words substituted"
        return f"{what}: '{as_text(a)}' → '{as_text(b)}'"
    return f"words deleted: '{as_text(a)}'" if a else f"words inserted: '{as_text(b)}'"


def meaning_keys(toks: Sequence[Tok]) -> list[str]:
    """Keys for meaning checks, with idioms that only look negative neutralised ("no matter")."""
    out = [t.key for t in toks]
    for i in range(len(out) - 1):
        if out[i] == "no" and out[i + 1] in ("matter", "doubt"):
            out[i] = "no~"
    return out


def meaning_reasons(removed: list[str], added: list[str], pairs: list[tuple[str, str]]) -> list[str]:
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


def negation_cut(reference: str, ref: Sequence[Tok], start: int) -> str | None:
    """A fragment that starts just after a negation ("not [recommending closures]") flips it."""
    for back in (1, 2):
        i = start - back
        if i < 0 or ref[i].kind != "w" or CLAUSE_END.search(gap(reference, ref, i)):
            return None
        if any(w in NEGATORS for w in expand(ref[i].key)):
            return f"negation cut: the quote starts after '{ref[i].text}'"
        if ref[i].key not in _NEAR_NEGATION:
            return None
    return None
