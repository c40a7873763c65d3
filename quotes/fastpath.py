"""The commonest attribution shapes, read straight off the masked text, and the step confidences.

In: a `TextView` and a quote's outer span. Out: an `Attribution` for “…,” Jane Okafor said /
“…,” said Jane Okafor / Jane Okafor said: “…” and for “I told them, ‘…’” inside a quote, or
None, which sends the quote to the full sieve in `quotes.attribute` (it answers these shapes
the same way, only slower). Also the cheap test of whether a nested quote can have a cue at
all. This module refuses to know about pronouns, descriptions and asides: they fall through.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

import attrs

from quotes import function_words, lexicon
from quotes.model import Attribution, Quote, Span
from quotes.phrases import is_person_word
from quotes.speakers import is_org, is_place, speaker_id, split_role
from quotes.textscan import APPOSITIVE, NAME_WORDS, SENT_END, TextView

# Confidence of each step when it names a speaker directly; pronouns and roles cost a little.
CONFIDENCE: dict[str, float] = {
    "cue_after": 0.95, "cue_before": 0.9, "according_to": 0.9, "dash": 0.85, "colon": 0.75,
    "adjacent_next": 0.75, "adjacent_prev": 0.65, "floating": 0.5, "nested": 0.7, "repeated": 0.6,
    "subject": 0.4,
}
_CUE_TOKENS = re.compile(r"[\w’']+|[,:]")
_CUE_NEIGHBOURS = frozenset(["he", "she", "they", "i", "we", "who", "and", "to", ",", "me", "us", "him", "her", "them"])
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
_FAST_AFTER = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<n1>{NAME_WORDS})[ \t]+(?P<v1>[a-z]+)(?P<after1>\W?)"
    rf"|(?P<v2>[a-z]+)[ \t]+(?P<n2>{NAME_WORDS})(?=[ \t]*(?:[,.;:!?\n]|$)))"
)
_FAST_NESTED = re.compile(
    rf"(?P<n>{NAME_WORDS}|\b(?:I|we|We))[ \t]+(?P<v>[a-z]+)\b(?P<mid>[^\n.!?;“”\"‘’«»]{{0,100}})$"
)
_MARK = re.compile(r"[“”\"‘’«»]")
_NICKNAME = re.compile(r"[“\"‘«][^“”\"‘’«»\n]{1,30}[”\"’»]")
_FAST_BEFORE = re.compile(rf"(?P<n>{NAME_WORDS})[ \t]+(?P<v>[a-z]+)\b(?P<mid>[^\x00\n.!?;“”\"‘’]{{0,100}})$")
_DASH = re.compile(r"\s*(?:[—–―]|--?\s)")
# Where `_DASH` can match: a dash, or a hyphen before a space.
_DASH_AT = re.compile(r"[—–―]|-\s")


def outer_span(q: Quote) -> tuple[int, int]:
    """The span of `q` with its marks."""
    return q.start - len(q.open_mark), q.end + len(q.close_mark or "")



def fast(view: TextView, o: int, c: int) -> Attribution | None:
    """The commonest shapes, read straight off the masked text without tokenising the sentence.

    “…,” Jane Okafor said / “…,” said Jane Okafor, the mayor / Jane Okafor said: “…”. Anything
    else (pronouns, descriptions, asides, titles split by "of") falls through to the full sieve,
    which gives the same answer for these shapes, only slower.
    """
    masked, base, verbs = view.masked, view.base, view.verbs
    m = _FAST_AFTER.match(masked, c - base)
    if m is not None and view.sentence_of(m.end() + base - 1) != view.sentence_of(c - 1):
        return None  # the words after the quote open a new sentence: the full sieve reads them
    if m is not None:
        if m.group("n1") and m.group("n1").endswith(("'s", "’s")):
            return None  # a possessive makes the verb form a noun: "”Editor’s note:", "Ruiz’s reply"
        if m.group("n1") and m.group("v1") in verbs and m.group("after1") not in ("'", "’"):
            return fast_name(view, m.start("n1") + base, m.end("n1") + base, m.span("v1"), "cue_after")
        if m.group("n2") and m.group("v2") in verbs:
            return fast_name(view, m.start("n2") + base, m.end("n2") + base, m.span("v2"), "cue_after")
        return None
    if not view.rest_of_sentence_empty(c) and _rest_has_cue_word(view, c):
        return None  # a cue after the quote ("…,” he added) is the full sieve's to weigh
    sent = view.sentence_start(view.sentence_of(o)) - base
    start = max(sent, o - base - 160)
    m = _FAST_BEFORE.search(masked, start, o - base)
    if m is None or m.group("v") not in verbs or has_cue_word(m.group("mid"), verbs) or m.group("n").endswith(("'s", "’s")):
        return None  # (a possessive is no subject: "that Bell’s comments “…”")
    before = masked[max(start, m.start("n") - 12) : m.start("n")].split()
    if (not before and m.start("n") > sent) or (
            before and not (before[-1].lower() in function_words.CLAUSE_OPENERS or not before[-1][-1].isalnum())):
        return None  # "Secretary of State Antony …", "told Sergei Lavrov …": the full sieve decides
    return fast_name(view, m.start("n") + base, m.end("n") + base, m.span("v"), "cue_before")


def has_cue_word(text: str, verbs: Mapping[str, str]) -> bool:
    """True when `text` holds a speech-verb form, a dash or "according" (a possible cue)."""
    if "according" in text or _DASH.search(text):
        return True
    return not verbs.keys().isdisjoint(w.lower() for w in _CUE_TOKENS.findall(text))


def _rest_has_cue_word(view: TextView, c: int) -> bool:
    """`has_cue_word` on the rest of the sentence after offset `c`, from a per-sentence memo.

    For a sentence with thousands of quotes: the position of its last cue word is found once,
    not the rest of the sentence rescanned per quote. Exact when `c` follows a masked quote
    (no token or dash runs across it); otherwise the rest is scanned as before.
    """
    b = view.base
    if c <= b or view.masked[c - 1 - b] != "\x00":
        return has_cue_word(view.rest_of_sentence(c), view.verbs)
    i = view.sentence_of(c)
    last = view.cue_memo.get(i)
    if last is None:
        start = view.sentence_start(i) - b
        end = (view.sentence_start(i + 1) if i + 1 < view.n_sentences else view.end) - b
        masked, verbs = view.masked, view.verbs
        last = max(masked.rfind("according", start, end),
                   max((m.start() for m in _DASH_AT.finditer(masked, start, end)), default=-1),
                   _last_cue_token(masked, start, end, verbs))
        view.cue_memo[i] = last
    return last >= c - b


def _last_cue_token(masked: str, start: int, end: int, verbs: Mapping[str, str]) -> int:
    """Offset of the last speech-verb form among the words of masked[start:end], or -1.

    The words are listed and lower-cased in bulk; only the last hit's offset is looked up.
    """
    words = _CUE_TOKENS.findall(masked, start, end)
    hits = [k for k, w in enumerate(map(str.lower, words)) if w in verbs]
    if not hits:
        return -1
    return next(itertools.islice(_CUE_TOKENS.finditer(masked, start, end), hits[-1], None)).start()


def fast_name(view: TextView, s: int, e: int, verb: tuple[int, int], method: str) -> Attribution | None:
    written = view.text[s:e]
    if _MARK.search(written):
        written = " ".join(_NICKNAME.sub(" ", written).split())  # Marcus “Tank” Odell -> Marcus Odell
    words = written.split()
    first = words[0].lower()
    if len(words) == 1 and len(first) < 2:
        return None
    if first in function_words.NON_NAME_WORDS or first in _PRONOUNS or (len(words) == 1 and lexicon.person_noun(first)):
        return None
    if len(words) > 1 and words[-1].lower() in function_words.WEEKDAYS:
        return None  # "said Tom Hale Wednesday": the full sieve leaves the day out of the name
    if is_org(words) or (is_place(words) and len(words) > 1) or words[-1].isdigit():
        return None  # organisations, places and numbered units ("IAFF Local 2290") are the full sieve's
    name, role = split_role(written)
    if not name:
        return None
    if method == "cue_after" and verb[0] + view.base < s:  # inversion: a role may follow the name
        app = APPOSITIVE.match(view.masked, e - view.base)
        if app and any(is_person_word(w) for w in app.group(1).split()):
            role = role or app.group(0).strip(" ,\t\n")
    base = view.base
    full = view.names.resolve(name, s, role)
    return Attribution(full, Span.of(view.text, s, e), Span.of(view.text, verb[0] + base, verb[1] + base),
                       False, CONFIDENCE[method], method, role, speaker_id(full, False))



def may_have_cue(view: TextView, outer: Quote, q: Quote) -> bool:
    """Cheap test: could the full nested sieve find a cue for `q` inside the outer quote?

    The words it reads: the outer sentence before the nested quote, and the first few tokens
    after it (“…,” she said / said Ann / — Ann).
    """
    text, verbs = view.text, view.verbs
    lo = max(outer.start, q.start - 160)
    pre = text[lo : q.start]
    cut = max(pre.rfind(". "), pre.rfind("? "), pre.rfind("! "))
    pre = pre[cut + 1 :]
    post = text[q.end : min(outer.end, q.end + 40)]
    head = [w for w in _CUE_TOKENS.findall(post)[:6] if w != ","]
    if "according" in pre or _DASH.match(post, 1):
        return True
    if head and (head[0].lower() in verbs or (
            (head[0][0].isupper() or head[0].lower() in _CUE_NEIGHBOURS or head[0].lower() in function_words.DETERMINERS)
            and not verbs.keys().isdisjoint(map(str.lower, head[1:])))):
        return True  # “…,” said Ann / “…,” she said / “…,” the man said
    toks = _CUE_TOKENS.findall(pre)
    if verbs.keys().isdisjoint(map(str.lower, toks)):
        return False
    for i, w in enumerate(toks):
        if w.lower() not in verbs:
            continue
        before = toks[i - 1] if i else ","
        after = toks[i + 1] if i + 1 < len(toks) else ","
        # A verb with a subject or object in sight: "she said,", "and said", "customer told",
        # "told me", "said Ann".
        if before.lower() in _CUE_NEIGHBOURS or before[0].isupper() or is_person_word(before) \
                or after.lower() in _CUE_NEIGHBOURS or after[0].isupper() or after in ",:":
            return True
    return False


def fast_nested(view: TextView, q: Quote, outer: Quote, outer_a: Attribution) -> Attribution | None:
    """Inside a quote, “I told them, ‘…’” or “Putin told me, ‘…’” read off the text directly.

    Falls through (None) to the full nested sieve for anything else, which answers these
    shapes the same way.
    """
    text, verbs = view.text, view.verbs
    o, c = outer_span(q)
    lo = max(outer.start, o - 160)
    start = lo
    for b in SENT_END.finditer(text, lo, o):
        start = b.end()
    if (start == lo and lo > outer.start) or _MARK.search(text, start, o):
        return None  # the sentence starts out of sight, or holds another quote
    after = text[c : outer.end]
    stop = SENT_END.search(after)
    if has_cue_word(after[: stop.start() if stop else len(after)], verbs):
        return None
    m = _FAST_NESTED.search(text, start, o)
    if m is None or m.group("v") not in verbs or has_cue_word(m.group("mid"), verbs):
        return None
    before = text[max(start, m.start("n") - 12) : m.start("n")].split()
    if before and not (before[-1].lower() in function_words.CLAUSE_OPENERS or not before[-1][-1].isalnum()):
        return None
    who, verb = m.group("n"), m.span("v")
    if who.lower() in ("i", "we"):
        if m.group("v") == "quote":
            return None  # "and I quote": the full sieve looks past it
        mention, cue = Span.of(text, *m.span("n")), Span.of(text, *verb)
        if outer_a.speaker is None:
            return Attribution(speaker_mention=mention, cue=cue, method="pronoun", confidence=0.1)
        return attrs.evolve(outer_a, speaker_mention=mention, cue=cue, method="nested",
                            confidence=CONFIDENCE["nested"])
    a = fast_name(view, m.start("n"), m.end("n"), (verb[0] - view.base, verb[1] - view.base), "cue_before")
    return attrs.evolve(a, method="nested", confidence=CONFIDENCE["nested"]) if a is not None else None
