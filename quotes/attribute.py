"""Quote → Attribution: an ordered sieve over the sentence and paragraph around each quote.

In: a `Document` whose quotes are found and classified (speech or not). Out: the same Document
with every speech quote's `Attribution` filled: speaker, the mention and cue spans it came
from, anonymity, a confidence and the name of the sieve step that fired (`method`). Steps,
in order: `cue_after` (“…,” X said / said X), `cue_before` (X said: “…”), `according_to`,
`dash` (“…” — X), `colon` (a lead-in ending in a colon), `adjacent_next` / `adjacent_prev`
(the speaker in the sentence after or before), `floating` (a paragraph that is only a quote
inherits the previous speaker), `nested` (a quote inside a quote gets its speaker from
the outer quote's words) and, last, `repeated` (a headline quote with no named speaker takes
the speaker of the body quote that repeats its words). A pronoun found by any step is resolved to the most salient
compatible person before it and reported as `pronoun`. Quote contents are masked before any
pattern runs, so words inside quotes never act as cues. This module refuses to know about
other sources: cross-source identity is `quotes.speakers.link_speakers`' job. The commonest
shapes are read first, without tokenising, by `quotes.fastpath`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

from quotes import function_words, lexicon
from quotes.fastpath import CONFIDENCE, fast, fast_nested, may_have_cue, outer_span
from quotes.mentions import Sentence
from quotes.model import Attribution, Document, Quote, Span
from quotes.phrases import Mention, is_person_word
from quotes.speakers import NameIndex, fold, speaker_id, split_role
from quotes.textscan import TextView, person_words

_PRONOUN_PENALTY = 0.1
# Steps that read a speaker straight off a cue: the name they find is a person (or organisation).
_CUE_METHODS = frozenset({"cue_after", "cue_before", "according_to", "dash", "colon"})
_ROLE_PENALTY = 0.1
_ANON_PHRASES = tuple(p.lower() for p in lexicon.ANONYMOUS_PHRASES)
_FIRST_PERSON = frozenset({"i", "me", "we", "us"})
_RELATIVES = frozenset({"who", "which", "that"})
# Verbs that report a clause ("X said the executives were calling “…”"), and verbs that bring
# a direct quote of their own, whose subject keeps the quote ("X said Y told her “…”").
_REPORTING_LEMMAS = frozenset(["say", "tell", "claim", "insist", "argue", "note", "add", "write", "declare", "state", "explain", "warn", "admit", "acknowledge", "suggest", "predict", "report", "confirm", "reveal", "contend", "assert", "maintain"])
_DIRECT_LEMMAS = frozenset(["say", "tell", "ask", "add", "reply", "respond", "write", "declare", "shout", "yell", "scream", "answer"])
_FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
# Words that end a phrase but never name who speaks ("“…,” the next day said" is no speaker).
_NOT_PHRASE_HEADS = frozenset(["day", "week", "month", "year", "time", "way", "same", "other", "next"])
# Prepositions before a relative pronoun that opens a new clause ("…, to which Y replied").
_PREPOSITIONS = frozenset(["to", "at", "in", "with", "for", "on", "after", "upon"])
# Words a speaker after a quote never starts with: prepositions ("“…” without reporters asking").
_NOT_SUBJECT_STARTS = frozenset(["without", "with", "from", "for", "of", "by", "about", "to", "into", "against"])
# A headline is short: longer sentences are never read as Title Case headlines.
_HEADLINE_TOKENS = 40
_MARKS_IN = re.compile("[”\"’'»]")
_OBJECT_PRONOUNS = frozenset(["them", "him", "her", "us", "me", "it", "you"])
# Verbs that put their subject after them ("…, said X", "explained X:"); "telling reporters"
# and "asked X" name the listener.
_INVERTING_LEMMAS = frozenset(["say", "add", "write", "explain", "note", "recall", "reply", "respond", "continue",
                               "declare", "observe", "remark", "quip", "joke", "insist", "argue", "warn", "conclude"])
# First person and a verb of thinking right before a nested quote: "I thought, ‘…’".
_THOUGHT = re.compile(r"\b(I|[Ww]e)[ \t]+(?:(?:just|then|only|simply|still|\w+ly)[ \t]+)?(" + "|".join(sorted(lexicon.THOUGHT_VERBS)) + r")[ \t]*[,:][ \t]*$")
_NORMAL = re.compile(r"[^\w\s]")
# A paragraph that opens with its subject: a capitalised word or he/she, then on to a verb.
_SUBJECT_AT_START = re.compile(r"(?:He|She|[^\W\d_a-z][\w’'\-.]*)\b")
_CAP_BEFORE = re.compile(r"(?<![\w’'])[^\W\d_a-z][\w’'\-]* $")
# A relative pronoun right before a speech verb (past auxiliaries and adverbs): "X, who said".
_RELATIVE_BEFORE_CUE = re.compile(r"(?:^|,)[ \t]*(who|which|that)((?:[ \t]+[a-z]+)*)[ \t]+$")
# A relative clause that opens right after the subject and runs on to the quote: "X, who has
# in the past described Y as “…”" / "a foundation that focuses on the “…”".
_RELATIVE_CLAUSE = re.compile(r"(?:[ \t]*,[ \t]*(who|which)|[ \t]+(that|who))[ \t][^,;:.!?\n]*$")
# A capitalised word addressed inside a quote ("I am not worried, Rupert, I am attentive"):
# the person addressed is not the one speaking.
_VOCATIVE = re.compile(r"(?:^|[,;:!?.]\s+)([^\W\d_][\w’'\-]+)(?=\s*[,.!?;])")


@attrs.frozen
class _Found:
    """What a step found: the mention standing for the speaker, its cue, and the step's name."""

    mention: Mention
    cue: tuple[int, int] | None
    method: str


class Chooser(Protocol):
    """Chooses among a quote's candidate attributions (the sieve's own answer first): `quotes.ranker`."""

    def reopens(self, a: Attribution) -> bool:
        """True when the sieve's answer `a` is open to another candidate."""

    def choose(self, view: TextView, q: Quote, cands: list[Attribution]) -> Attribution:
        """The candidate kept for `q`."""


def attribute_document(doc: Document, verbs: Mapping[str, str] | None = None,
                       chooser: Chooser | None = None) -> Document:
    """Fill the attribution of every speech quote in `doc` (speaker names as written in this source).

    With `chooser`, a top-level quote whose answer it reopens has its candidates (the sieve's
    answer, then what each step would say alone) chosen by it.
    """
    text = doc.source.text
    verbs = verbs if verbs is not None else lexicon.SPEECH_VERB_FORMS
    names = NameIndex(loader=lambda idx: view.register_names(idx))
    top = [q for q in doc.quotes if q.parent is None]
    blanks = frozenset(outer_span(q) for q in top if not q.speech and _inside_name(text, q))
    view = TextView(text, 0, [outer_span(q) for q in top], names, verbs, blanks=blanks)
    by_id = {q.id: q for q in doc.quotes}
    done: dict[str, Attribution] = {}
    last: tuple[int, Attribution] | None = None  # paragraph index and attribution of the last speaker
    lead: tuple[int, Attribution] | None = None  # sentence index of a “…,” X said sentence, and X
    subviews: dict[str, TextView] = {}  # the view over each outer quote's words, built once per outer quote
    children: dict[str, list[Quote]] = {}  # each outer quote's nested quotes, listed once per document
    for x in doc.quotes:
        if x.parent is not None:
            children.setdefault(x.parent, []).append(x)
    for q in sorted(doc.quotes, key=lambda q: (q.depth, q.start)):
        if not q.speech:
            continue
        if q.parent is None or q.parent not in by_id:
            a = _follows_lead(view, q, lead) or _attribute_top(view, q, last)
            if chooser is not None and chooser.reopens(a):
                a = chooser.choose(view, q, [a, *_alternatives(view, q, last)])
            a = _relative_mention(view, q, a)
            if a.method == "floating" and a.speaker_mention is None and last is not None and last[1].speaker == a.speaker:
                # A quote paragraph that goes on a turn points at the mention that named the turn's
                # speaker ("“…,” he said. ⏎ “…”": that "he"), as `adjacent_prev` does.
                a = attrs.evolve(a, speaker_mention=last[1].speaker_mention)
            if a.speaker is not None:
                last = view.last = (view.paragraph_of(q.start), a)
                if a.method in _CUE_METHODS and not a.anonymous:
                    names.note_speaker(a.speaker)  # “…,” Moorcroft told me: later, Moorcroft is a person
            o = outer_span(q)[0]
            lead = (view.sentence_of(o), a) if (a.method == "cue_after" or _it_after(a, q)) and _opens_sentence(view, o) else None
        else:
            outer = by_id[q.parent]
            a = _attribute_nested(view, q, outer, children[outer.id], done.get(outer.id, Attribution()), subviews)
        done[q.id] = a
    _repeated_in_body(view, doc.quotes, done)
    names.detach()  # the loader refers to the view: break the cycle so the view is freed at once
    quotes = tuple(with_attribution(q, done[q.id]) if q.id in done else q for q in doc.quotes)
    return Document(doc.source, quotes, doc.problems, doc.suppressions)


def _relative_mention(view: TextView, q: Quote, a: Attribution) -> Attribution:
    """The relative pronoun as the mention when it is the speech verb's subject: "X, who said “…”".

    As for he/she, the mention is the word the verb reads ("who") and the speaker the person it
    stands for; an editor sees which word the attribution hangs on.
    """
    m = a.speaker_mention
    if m is None or a.method not in ("cue_before", "subject") or m.text.lower() in _RELATIVES:
        return a
    if a.cue is not None:
        if not m.end <= a.cue.start <= m.end + 60 or a.cue.start > q.start:
            return a
        hit = _RELATIVE_BEFORE_CUE.search(view.masked, m.end - view.base, a.cue.start - view.base)
        if hit is None or any(w not in function_words.AUX_WORDS and not w.endswith("ly") for w in hit.group(2).split()):
            return a
        k = 1
    elif a.method == "subject":
        o = outer_span(q)[0]
        if not m.end <= o <= m.end + 200:
            return a
        hit = _RELATIVE_CLAUSE.match(view.masked, m.end - view.base, o - view.base)
        if hit is None or hit.end() != o - view.base:
            return a
        k = 1 if hit.group(1) else 2
    else:
        return a
    s, e = hit.span(k)
    return attrs.evolve(a, speaker_mention=Span.of(view.text, s + view.base, e + view.base))


def _repeated_in_body(view: TextView, quotes: tuple[Quote, ...], done: dict[str, Attribution]) -> None:
    """A headline quote with no named speaker takes the speaker of the body quote that repeats it.

    ‘We will not back down,’ says union leader / ... Coyle told the BBC: ‘We will not back down. …’
    (method `repeated`). Only the first paragraph is read, so the cost is a few quotes per text.
    """
    heads = [q for q in quotes if q.parent is None and q.id in done and view.paragraph_of(q.start) == 0]
    for q in heads:
        a = done[q.id]
        if a.speaker is not None and not a.anonymous and a.speaker[:1].isupper():
            continue  # already named
        words = _NORMAL.sub(" ", q.text).casefold().split()
        if len(words) < 3:
            continue
        needle = " ".join(words)
        for later in quotes:
            b = done.get(later.id)
            if later.start <= q.end or b is None or b.speaker is None or b.anonymous:
                continue
            if needle in " ".join(_NORMAL.sub(" ", later.text).casefold().split()):
                done[q.id] = attrs.evolve(b, method="repeated", confidence=CONFIDENCE["repeated"])
                break


def _it_after(a: Attribution, q: Quote) -> bool:
    """“…,” it said: a cue after the quote whose subject is "it" (a document or organisation) leads too."""
    m = a.speaker_mention
    return a.method == "pronoun" and m is not None and m.text.lower() == "it" and m.start >= q.end


def _opens_sentence(view: TextView, o: int) -> bool:
    """True when nothing but space comes before offset `o` in its sentence."""
    start = view.sentence_start(view.sentence_of(o))
    return not view.masked[start - view.base : o - view.base].strip()


def _follows_lead(view: TextView, q: Quote, lead: tuple[int, Attribution] | None) -> Attribution | None:
    """“A,” said X. “B.”: B, a sentence of its own closing the paragraph, is X's (adjacent_prev).

    The same answer the full sieve gives (the first speaker of the previous sentence), without
    reading that sentence again.
    """
    if lead is None or lead[1].speaker_mention is None:
        return None
    o, c = outer_span(q)
    i = view.sentence_of(o)
    if i != lead[0] + 1 or not _opens_sentence(view, o) or not view.rest_of_sentence_empty(c):
        return None
    para = view.paragraph_of(o)
    if view.paragraph_of(view.sentence_start(lead[0])) != para:
        return None
    if i + 1 < view.n_sentences and view.paragraph_of(view.sentence_start(i + 1)) == para:
        return None  # a next sentence in the paragraph may name the speaker: the full sieve decides
    return attrs.evolve(lead[1], method="adjacent_prev", confidence=CONFIDENCE["adjacent_prev"])


def with_attribution(q: Quote, a: Attribution) -> Quote:
    """`q` with attribution `a` and its speaker_id (direct constructor calls: attrs.evolve is slow here)."""
    if a.speaker is not None and a.speaker_id is None:
        a = Attribution(a.speaker, a.speaker_mention, a.cue, a.anonymous, a.confidence, a.method, a.role,
                        speaker_id(a.speaker, a.anonymous))
    return Quote(q.id, q.source, q.start, q.end, q.text, q.line, q.column, q.open_mark, q.close_mark,
                 q.speech, q.category, q.reason, q.parent, q.depth, a)


def _inside_name(text: str, q: Quote) -> bool:
    """A short non-speech quote between two capitalised words: Declan “Dex” Moorcroft."""
    o, c = outer_span(q)
    return (c - o < 40 and o >= 2 and text[o - 1] == " " and text[o - 2].isalpha() and c + 1 < len(text)
            and text[c] == " " and text[c + 1].isupper() and _CAP_BEFORE.search(text, max(0, o - 30), o) is not None)


def _vocatives(q: Quote) -> frozenset[str]:
    return frozenset(m.group(1).lower() for m in _VOCATIVE.finditer(q.text))


def _attribute_top(view: TextView, q: Quote, last: tuple[int, Attribution] | None) -> Attribution:
    """Run the sieve for a quote that is not inside another quote."""
    o, c = outer_span(q)
    quick = fast(view, o, c)
    if quick is not None:
        return quick
    para = view.paragraph_of(o)
    if view.only_quotes(para) and not view.colon_before(o):
        return _floating(view, o, last)  # the full sieve finds nothing else in such a paragraph
    exclude = _vocatives(q)
    s_pre = view.sentence(view.sentence_of(o))
    s_post = view.sentence(view.sentence_of(max(c - 1, o)))
    qi = s_pre.token_at(o)
    qj = s_post.token_at(c - 1)
    found = (
        _cue_after(view, s_post, qj + 1)
        or _cue_before(view, s_pre, qi)
        or _cue_later(s_post, qj + 1)
        or _according_to(s_pre, qi)
        or _colon(view, s_pre, qi)
        or _headline(s_pre, qi, s_post, qj)
    )
    if found is None and not s_pre.has_words(0, qi) and not s_post.has_words(qj + 1, len(s_post.tokens)):
        found = _adjacent(view, s_pre, s_post, exclude)
    if found is not None:
        a = _resolve(view, found, exclude, nested_in=None)
        if a.speaker is not None or found.mention.kind != "pron":
            return a
    if view.only_quotes(para):
        a = _floating(view, o, last)
        if a.speaker is not None:
            return a
    if found is None and qi > 0 and s_pre.has_words(0, qi):
        found = _subject(view, s_pre, qi)
    return Attribution(confidence=0.0) if found is None else _resolve(view, found, exclude, None)


def _alternatives(view: TextView, q: Quote, last: tuple[int, Attribution] | None) -> list[Attribution]:
    """What each step of the sieve would answer for `q` on its own (for a learned chooser)."""
    o, c = outer_span(q)
    exclude = _vocatives(q)
    s_pre = view.sentence(view.sentence_of(o))
    s_post = view.sentence(view.sentence_of(max(c - 1, o)))
    qi, qj = s_pre.token_at(o), s_post.token_at(c - 1)
    steps = (lambda: _cue_after(view, s_post, qj + 1), lambda: _cue_before(view, s_pre, qi),
             lambda: _cue_later(s_post, qj + 1), lambda: _according_to(s_pre, qi),
             lambda: _colon(view, s_pre, qi), lambda: _headline(s_pre, qi, s_post, qj),
             lambda: _adjacent(view, s_pre, s_post, exclude),
             lambda: _subject(view, s_pre, qi) if qi > 0 and s_pre.has_words(0, qi) else None)
    out = []
    for step in steps:
        found = step()
        if found is not None:
            out.append(_resolve(view, found, exclude, None))
    para = view.paragraph_of(o)
    if view.only_quotes(para):
        out.append(_floating(view, o, last))
    return [a for a in out if a.speaker is not None or a.speaker_mention is not None]


def _title_case(s: Sentence) -> bool:
    """True for a headline in Title Case: three or more words outside quotes, nearly all capitalised."""
    cached = s.__dict__.get("_title_case")
    if cached is None:
        words = lower = 0
        for t in s.tokens:
            if t.word and not t.q:
                words += 1
                if not t.cap and not t.text[0].isdigit():
                    lower += 1
                    if lower > 3 and lower > 0.2 * len(s.tokens):
                        break  # (most sentences show it within a few words)
        cached = s.__dict__["_title_case"] = words >= 3 and lower <= 0.2 * words
    return bool(cached)


def _headline(s_pre: Sentence, qi: int, s_post: Sentence, qj: int) -> _Found | None:
    """A Title Case headline, whose verb is capitalised too.

    "Guns Are ‘A Crisis,’ Ana Ruiz Tells Convention" / "Tom Hale Says ‘We Will Win’": the
    capitalised run between the quote and a speech-verb form (or before it) speaks.
    """
    toks = s_post.tokens
    if len(toks) <= _HEADLINE_TOKENS:
        k = qj + 1
        while k < len(toks) and toks[k].text == ",":
            k += 1
        for v in range(k + 1, min(len(toks), k + 7)):
            if not toks[v].word or toks[v].q:
                break
            if toks[v].cap and toks[v].low in s_post.verbs:
                return _run_as_name(s_post, k, v) if _title_case(s_post) else None
    toks = s_pre.tokens
    if qi >= 2 and len(toks) <= _HEADLINE_TOKENS:
        v = (qi - 1 if toks[qi - 1].text in ",:" else qi) - 1
        if v < 1 or not toks[v].cap or toks[v].low not in s_pre.verbs:
            return None
        a = v
        while a - 1 >= 0 and toks[a - 1].word and toks[a - 1].cap and v - a < 6:
            a -= 1
        if a < v and (a == 0 or toks[a - 1].text in ":-—–|") and _title_case(s_pre):
            return _run_as_name(s_pre, a, v)
    return None


def _run_as_name(s: Sentence, a: int, v: int) -> _Found | None:
    """Capitalised tokens `a`..`v - 1` as a name, with the verb at `v` as the cue."""
    toks = s.tokens
    if not all(t.word and t.cap for t in toks[a:v]) or toks[a].low in _FIRST_PERSON \
            or toks[a].low in function_words.NON_NAME_WORDS:
        return None
    text = s.text[toks[a].start : toks[v - 1].end]
    m = s._by_first.get(a)
    if m is None or m.last_tok != v - 1:
        m = s._add(Mention(toks[a].start, toks[v - 1].end, text, "name", text.lower(), a, v - 1, name=text, subject=True))
    return _Found(m, (toks[v].start, toks[v].end), "cue_after")


def _subject(view: TextView, s: Sentence, qi: int) -> _Found | None:
    """No cue at all: a quote inside a sentence is most often its subject's words.

    "The lawsuit contends that “…”", "Beck, who has described Trump as “…”": news puts a
    partial quote in the mouth of the clause's subject; a low confidence says it was inferred.
    """
    m = s.main_subject(qi)
    if m is None or m.low in _FIRST_PERSON:
        return None
    # Only mentions that can speak: a person, an organisation, a he/she/they, a document or a
    # role ("Hours later", "Section 1001" and "Audiences" open sentences too).
    if m.kind == "pron" and m.low not in ("he", "she", "they"):
        return None
    if m.kind == "name" and not view.is_person(m):
        return None
    if m.kind == "desc" and not (m.head in lexicon.DOCUMENT_NOUNS or m.head in lexicon.COMPANY_NOUNS
                                 or is_person_word(m.head or "")):
        return None
    if m.kind == "place":
        return None
    return _Found(m, None, "subject")


def _floating(view: TextView, o: int, last: tuple[int, Attribution] | None) -> Attribution:
    """A paragraph that is only a quote (at offset `o`) inherits the speaker of the paragraph before, if any."""
    para = view.paragraph_of(o)
    if last is not None and last[0] >= para - 1:
        return attrs.evolve(last[1], speaker_mention=None, cue=None, method="floating",
                            confidence=CONFIDENCE["floating"])
    reported = _reported_before(view, o)
    if reported is not None:
        # Tom Reyes said the plant would stay open. ⏎ “We are not going anywhere.”: the person
        # whose words the paragraph before reports holds the turn (a new speaker resets it).
        a = _resolve(view, reported, frozenset(), None)
        if a.speaker is not None:
            return attrs.evolve(a, speaker_mention=None, cue=None, method="floating",
                                confidence=round(CONFIDENCE["floating"] - _PRONOUN_PENALTY, 2))
    if last is not None and last[0] == para - 2 and _about(view.paragraph_masked(para - 1), last[1]):
        # “…,” she said. ⏎ Silva has run the shelter since 2009. ⏎ “I will not close it.”: a
        # paragraph of narration about the speaker, with no quote of its own, does not end her turn.
        return attrs.evolve(last[1], speaker_mention=None, cue=None, method="floating",
                            confidence=round(CONFIDENCE["floating"] - _PRONOUN_PENALTY, 2))
    return Attribution(confidence=0.0)


def _reported_before(view: TextView, o: int) -> _Found | None:
    """The speaker of the first cue in the paragraph before offset `o`'s when it is narration (reported speech)."""
    para = view.paragraph_of(o)
    if para == 0 or "\x00" in view.paragraph_masked(para - 1):
        return None  # a quote of its own there: the sieve's last speaker already speaks for it
    first = i = view.sentence_of(o) - 1
    while first >= 0 and view.paragraph_of(view.sentence_start(first)) == para - 1:
        first -= 1
    for i in range(first + 1, view.sentence_of(o)):
        s = view.sentence(i)
        for vi, subject in s.cues:
            if subject is None or subject.low in _FIRST_PERSON or subject.kind not in ("name", "pron", "org", "desc"):
                continue
            if (subject.kind == "pron" and subject.low not in ("he", "she", "they")) or subject.low.split()[0] in ("which", "who", "that"):
                continue  # a relative clause's subject is not who the paragraph reports
            if subject.kind == "name" and not (subject.speaks or view.is_person(subject)):
                continue
            if subject.kind == "desc" and not (is_person_word(subject.head or "") and subject.definite):
                continue  # "which included staff members", "other news organizations"
            t = s.tokens[vi]
            return _Found(subject, (t.start, t.end), "floating")
    return None


def _about(narration: str, a: Attribution) -> bool:
    """True when a paragraph holds no quote and names the speaker of `a` (surname) as its subject."""
    if "\x00" in narration or a.speaker is None or a.anonymous:
        return False
    surname = a.speaker.split()[-1]
    return _SUBJECT_AT_START.match(narration.lstrip()) is not None and (
        narration.lstrip().startswith(surname) or narration.lstrip().split(" ", 1)[0] in ("He", "She"))


def _cue_after(view: TextView, s: Sentence, k: int) -> _Found | None:
    """“…,” X said / “…,” said X, the mayor / “…” — X / “…,” according to X."""
    toks = s.tokens
    k0 = k
    while k < len(toks) and toks[k].text in ",;>":  # ">": a Markdown pull quote's next line
        k += 1
    if k >= len(toks):
        return _byline_after(view, s)
    t = toks[k]
    if t.low in function_words.CLAUSE_OPENERS and k > 0 and toks[k - 1].text == ",":
        return None  # ‘…’, though engineers said …: a new clause, with its own speaker
    if t.text in ("—", "–", "-", "--", "―") or (t.text == ":" and _ends_after_name(s, k + 1)):
        m = s.np_forward(k + 1)  # “…” — Carla Mendes / headline ‘We will win’: Brevnikov
        return _Found(m, None, "dash") if m is not None and m.kind != "pron" else None
    if t.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
        m = s.np_forward(k + 2)
        return _Found(m, (t.start, toks[k + 1].end), "according_to") if m is not None else None
    if s.is_cue(k):
        if t.low.endswith("ing"):
            return None  # “…,” recalling visits to Lake X: a participle never inverts (its subject is before)
        m = s.np_forward(k + 1)
        if m is None and s.verbs.get(t.low) in _INVERTING_LEMMAS and not t.low.endswith("ing") and _closes_clause(s, k0):
            m = _bare_phrase(s, k + 1, _phrase_end(s, k + 1))  # “…,” said former Gov. and chairman Ed Rendon
        if m is not None:
            return _Found(m, (t.start, t.end), "cue_after")
        return None
    if t.low == "it" and k + 1 < len(toks) and s.is_cue(k + 1):
        # “…,” it said: an organisation or a document named before speaks (resolved in `_resolve`).
        it = Mention(t.start, t.end, t.text, "pron", "it", k, k, subject=True)
        return _Found(it, (toks[k + 1].start, toks[k + 1].end), "cue_after")
    m = s.np_forward(k)
    if m is not None and toks[m.first_tok].low in _NOT_SUBJECT_STARTS:
        m = None  # “…” without reporters asking him: a preposition's object is no speaker
    v = s.verb_after(m) if m is not None else None
    if m is not None and v is not None and not toks[v].low.endswith("ing"):
        return _Found(m, (toks[v].start, toks[v].end), "cue_after")
    if m is None and t.low == "as" and k + 1 < len(toks):
        m = s.np_forward(k + 1)  # “…,” as Ruiz put it
        p = m.last_tok + 1 if m is not None else len(toks)
        if m is not None and p + 1 < len(toks) and toks[p].low in ("put", "puts") and toks[p + 1].low == "it":
            return _Found(m, (toks[p].start, toks[p + 1].end), "cue_after")
        return None
    if m is not None:
        p = m.last_tok + 1
        while p < len(toks) and toks[p].word and (toks[p].low in function_words.AUX_WORDS or toks[p].low.endswith("ly")):
            p += 1
        if _phrasal(s, p):
            return _Found(m, (toks[p].start, toks[p + 1].end), "cue_after")  # “…,” Hale shot back
    return _phrase_then_cue(s, k) if _closes_clause(s, k0) else None


def _closes_clause(s: Sentence, k: int) -> bool:
    """True when the quote before token `k` ends its clause: “…,” / “…?” / “…!” / “…”, then the cue."""
    toks = s.tokens
    if k < 1 or not toks[k - 1].q:
        return False
    if k < len(toks) and toks[k].text == ",":
        return True
    inner = s.text[toks[k - 1].start : toks[k - 1].end].rstrip("”’\"'» \t")
    return inner.endswith((",", "?", "!"))


def _phrase_end(s: Sentence, a: int) -> int:
    """The token after a phrase that starts at `a` and runs to a comma, a quote or the sentence end."""
    toks, e = s.tokens, a
    while e < len(toks) and e - a < 13 and toks[e].text not in ",;:" and not toks[e].q:
        e += 1
    return e if e == len(toks) or toks[e].text in ",;:" or toks[e].q else a


def _phrase_then_cue(s: Sentence, k: int) -> _Found | None:
    """“…,” Read said / “…,” the two write: a short phrase the phrase rules did not read, then a cue."""
    toks = s.tokens
    commas = 0
    for j in range(k + 1, min(len(toks), k + 10)):
        commas += toks[j].text == ","
        if toks[j].q or toks[j].text in ";:" or commas > (1 if toks[k].low in function_words.DETERMINERS else 0):
            return None  # (one comma only between adjectives: "the bespectacled, 71-year-old diplomat")
        if s.is_cue(j):
            if s.verbs.get(toks[j].low) not in _INVERTING_LEMMAS or toks[j].low.endswith("ing"):
                return None
            e = j
            while e - 1 > k and toks[e - 1].word and toks[e - 1].low in function_words.AUX_WORDS:
                e -= 1  # "Read also said"
            m = _bare_phrase(s, k, e)
            return _Found(m, (toks[j].start, toks[j].end), "cue_after") if m is not None else None
    return None


def _bare_phrase(s: Sentence, a: int, b: int) -> Mention | None:
    """Tokens `a`..`b - 1` as a speaker when the phrase rules found no mention there.

    A surname that is also a word ("Read said", "Jun wrote"), a number ("the two write"), an
    adjective list ("the bespectacled, 71-year-old diplomat said") or a long role before a
    name ("said former Gov. and party chairman Ed Rendon") still names who speaks.
    """
    toks = s.tokens
    if not 0 <= a < b <= len(toks) or b - a > 12 or not toks[a].word \
            or any(t.q or t.text in ";:()—–" for t in toks[a:b]):
        return None
    first, last = toks[a], toks[b - 1]
    if any(t.low in _OBJECT_PRONOUNS for t in toks[a:b]):
        return None  # "one of them said": a partitive, read by the other steps
    if first.low in function_words.DETERMINERS:
        if not last.word or last.cap or last.low in function_words.AUX_WORDS or last.low in _NOT_PHRASE_HEADS:
            return None
        text = s.text[first.start : last.end]
        return s._add(Mention(first.start, last.end, text, "desc", text.lower(), a, b - 1, head=last.low,
                              definite=first.low in ("the", "this", "that"), plural=last.low.endswith("s") or last.low == "two",
                              subject=True))
    names = [m for m in s.mentions if a <= m.first_tok and m.last_tok < b and m.kind == "name"]
    if names:
        return names[-1]
    if b - a == 1 and first.cap and not first.text.isupper() and first.low not in _FIRST_PERSON \
            and first.low not in ("he", "she", "they", "it", "this", "that", "there"):
        return s._add(Mention(first.start, first.end, first.text, "name", first.low, a, a, name=first.text,
                              subject=True))
    return None


def _phrasal(s: Sentence, p: int) -> bool:
    """True when tokens `p`, `p + 1` are a verb and particle that report speech ("shot back", "points out")."""
    toks = s.tokens
    if p + 1 >= len(toks) or (toks[p].low, toks[p + 1].low) not in lexicon.PHRASAL_CUES:
        return False
    if p + 2 >= len(toks) or not toks[p + 2].word:
        return True
    # "pointed out to reporters", "shot back at him"; never "went on to win"
    return toks[p + 1].low != "on" and toks[p + 2].low in ("with", "at", "to", "that", "in", "on")


def _phrasal_before(s: Sentence, qi: int) -> _Found | None:
    """A verb and particle right before the quote: "Ruiz shot back, “…”", "fired back forcefully: “…”", "as X puts it, “…”"."""
    toks = s.tokens
    j = qi - 1
    if j >= 0 and toks[j].text in ",:":
        j -= 1
    if j >= 0 and toks[j].low.endswith("ly") and toks[j].word:
        j -= 1
    if j < 1:
        return None
    pair = (toks[j - 1].low, toks[j].low)
    if pair in lexicon.PHRASAL_CUES or (pair[0] in ("put", "puts") and pair[1] == "it" and j >= 3):
        m = s.subject_at(j - 1)
        if m is not None and m.low not in _FIRST_PERSON:
            return _Found(m, (toks[j - 1].start, toks[j].end), "cue_before")
    return None


def _byline_after(view: TextView, s: Sentence) -> _Found | None:
    """A pull quote credited on the next line: “…” ⏎ — Marcus Whitcombe, president and CEO."""
    i = s.index + 1
    if not view.opens_with_dash(i, i + 2):
        return None  # no line in reach opens with a dash: no sentence need be read
    while i < view.n_sentences and i <= s.index + 2 and not view.sentence(i).has_words(0, len(view.sentence(i).tokens)):
        i += 1  # a bare ">" line between the quote and its byline
    if i >= view.n_sentences:
        return None
    nxt = view.sentence(i)
    if view.paragraph_of(nxt.start) - view.paragraph_of(s.start) > 1:
        return None
    toks, k = nxt.tokens, 0
    while k < len(toks) and toks[k].text == ">":
        k += 1
    # A line opening with a hyphen is a dash too ("- Ana Ruiz." in quote round-ups).
    hyphen = toks[k].text == "-" and k == 0
    if k + 1 < len(toks) and (toks[k].text in ("—", "–", "―", "--") or hyphen):
        m = nxt.np_forward(k + 1)
        if m is not None and m.kind in ("name", "org") and not (hyphen and m.kind == "org"):  # "- Reuters.": a wire credit
            return _Found(m, None, "dash")
    return None


def _ends_after_name(s: Sentence, k: int) -> bool:
    """True when tokens k.. are a capitalised name and nothing else (a headline's byline)."""
    toks = s.tokens
    return k < len(toks) and toks[k].cap and all(t.cap or not t.word for t in toks[k:])


def _cue_later(s: Sentence, k: int) -> _Found | None:
    """A cue further on in the sentence: “…” was how Ms Brannagh put it / is what X told me."""
    at, cues = _subject_cues(s)
    for vi, subject in cues[bisect.bisect_left(at, k):]:
        if subject.low not in _FIRST_PERSON:
            t = s.tokens[vi]
            if subject.last_tok == vi - 2 and s.tokens[vi - 1].text == "," and _after_preposition(s, subject.first_tok):
                # “…” for the EU, said X: a preposition's object before the comma; X speaks.
                m = s.np_forward(vi + 1) if s.verbs.get(t.low) in _INVERTING_LEMMAS else None
                if m is None or not (m.kind == "name" or (m.kind == "desc" and is_person_word(m.head or ""))):
                    return None
                return _Found(m, (t.start, t.end), "cue_after")
            return _Found(subject, (t.start, t.end), "cue_after")
    return _inverted_after_aside(s, k)


def _after_preposition(s: Sentence, i: int) -> bool:
    """True when a preposition (then perhaps a determiner) stands right before token `i`."""
    toks = s.tokens
    j = i - 1
    if j >= 0 and toks[j].low in function_words.DETERMINERS:
        j -= 1
    return j >= 0 and toks[j].low in function_words.OBJECT_PREPOSITIONS


def _inverted_after_aside(s: Sentence, k: int) -> _Found | None:
    """“…,” like the swings of the markets, said X: an inversion after an aside that follows the quote.

    The first speech verb after token `k` has no subject of its own, comes right after a comma
    and is followed by a name or a description, which is the speaker.
    """
    toks = s.tokens
    for vi, subject in s.cues:
        if vi < k + 2:
            continue
        if subject is not None or toks[vi - 1].text != "," or any(t.q or t.text in ";:" for t in toks[k:vi]) \
                or s.verbs.get(toks[vi].low) not in _INVERTING_LEMMAS or toks[vi].low.endswith("ing"):
            return None  # "…, charged a fee", "…, telling reporters": only verbs of saying invert
        m = s.np_forward(vi + 1)
        if m is None or m.low in _FIRST_PERSON or not (
                m.kind == "name" or (m.kind == "desc" and is_person_word(m.head or ""))):
            return None
        return _Found(m, (toks[vi].start, toks[vi].end), "cue_after")
    return None


def _cue_before(view: TextView, s: Sentence, qi: int) -> _Found | None:
    """X said: “…” / X told reporters “…” / X urged Moscow to “…” / ..., adding that “…”."""
    # The last cue before the quote, and the one before it (a reporting clause): found by bisect,
    # so a sentence with thousands of quotes costs no scan of its cues per quote.
    named = _dash_name_colon(s, qi) or _phrasal_before(s, qi)
    if named is not None:
        return named
    cues = _subject_cues(s)
    n = bisect.bisect_left(cues[0], qi)
    as_src = _as_source(s, qi) if s.tokens[0].low == "as" or (len(s.tokens) > 1 and s.tokens[1].low == "as") else None
    if as_src is not None and (n == 0 or cues[0][n - 1] <= as_src[1]):
        return as_src[0]  # "As Hale noted in an op-ed, the candidate “…”": no cue of the main clause's own
    if n == 0:
        return _it_cue(s, qi, -1)
    vi, subject = cues[1][n - 1]
    if vi < s._opener_end() < qi and (s.tokens[0].low != "as" or s.verbs.get(s.tokens[vi].low) in ("speak", "talk")):
        # "When Hale spoke, the crowd chanted “…”", "As Hale spoke, the union …": the cue is the
        # fronted clause's ("As Hale put it," / "As Hale explained," still speak).
        return None
    aside = _closed_aside(s, vi, qi)
    if aside > 0:
        # "… whether her plan, which the Trust says would cost millions, would risk “…”": a
        # cue inside a relative aside closed before the quote speaks for the aside only.
        n = bisect.bisect_left(cues[0], aside)
        if n == 0:
            return None
        vi, subject = cues[1][n - 1]
    it = _it_cue(s, qi, vi)
    if it is not None:
        return it
    passive = _passive_agent(s, vi, qi)
    if passive is not None:
        return passive
    outer = _reporting_clause(s, cues[1][n - 2:n - 1], vi, subject)
    if outer is not None:
        vi, subject = outer
    t = s.tokens[vi]
    return _Found(subject, (t.start, t.end), "cue_before")


def _as_source(s: Sentence, qi: int) -> tuple[_Found, int] | None:
    """A fronted "As X noted (…)," / "As X puts it," before token `qi`: X and the closing comma's index.

    "As the Ledger's Tom Hale pointed out in December, “…”", "But as the Times noted, the
    candidate “…”": the reporter of the main clause's words, when that clause has no cue of its own.
    """
    toks = s.tokens
    i = 1 if toks[0].low in ("but", "and", "yet", "so") else 0
    if toks[i].low != "as" or i + 2 >= qi:
        return None
    for p in range(i + 2, min(qi - 1, i + 14)):
        if toks[p].q or toks[p].text in ",;:":
            return None
        if s.is_cue(p) and not toks[p].low.endswith("ing"):
            if s.verbs.get(toks[p].low) in ("speak", "talk"):
                return None  # "As Hale spoke, the union …": a time, not a source
            e = p
        elif (toks[p].low, toks[p + 1].low) in lexicon.PHRASAL_CUES or (toks[p].low in ("put", "puts") and toks[p + 1].low == "it"):
            e = p + 1
        else:
            continue
        m = s.subject_at(p) or (  # ("the nationalist Harbour Times tabloid noted")
            s.desc_forward(i + 1, p - 1) if toks[i + 1].low in function_words.DETERMINERS else None)
        if m is None or m.first_tok <= i or m.low in _FIRST_PERSON or m.kind not in ("name", "org", "desc", "pron") or (
                m.kind == "pron" and m.low not in ("he", "she", "they")):
            return None
        for k in range(e + 1, min(qi, e + 12)):
            if toks[k].q or toks[k].text in ";:":
                return None
            if toks[k].text == ",":
                return _Found(m, (toks[p].start, toks[e].end), "cue_before"), k
        return None
    return None


def _closed_aside(s: Sentence, vi: int, qi: int) -> int:
    """The opening comma of a ", which/who …," aside around token `vi` that closes before token `qi`, else -1."""
    toks = s.tokens
    j = vi - 1
    while j > 0 and toks[j].text != "," and not toks[j].q:
        j -= 1
    if j < 1 or toks[j].text != "," or vi - j > 12 or toks[j + 1].low not in ("which", "who", "whom"):
        return -1
    return j if any(t.text == "," for t in toks[vi + 1 : qi - 1]) else -1


def _passive_agent(s: Sentence, vi: int, qi: int) -> _Found | None:
    """"Ruiz was asked by host Tom Hale, “…?”": the agent of a passive asking verb asked the question."""
    toks = s.tokens
    if not (vi > 0 and vi + 2 < qi and toks[vi - 1].low in ("was", "were", "is", "are", "been", "being")
            and toks[vi + 1].low == "by" and s.verbs.get(toks[vi].low) in ("ask", "question")):
        return None
    m = s.np_forward(vi + 2)
    if m is None or not (m.kind == "name" or (m.kind == "desc" and is_person_word(m.head or ""))):
        return None
    return _Found(m, (toks[vi].start, toks[vi].end), "cue_before")


def _dash_name_colon(s: Sentence, qi: int) -> _Found | None:
    """A round-up line "Pollsters agree - Tom Hale: “…”": the name between a dash and the colon speaks."""
    toks = s.tokens
    if qi < 4 or toks[qi - 1].text != ":":
        return None
    m = s._by_last.get(qi - 2)
    if m is None or m.kind != "name" or m.first_tok < 1 or toks[m.first_tok - 1].text not in ("-", "—", "–", "--"):
        return None
    return _Found(m, None, "colon")


def _it_cue(s: Sentence, qi: int, after: int) -> _Found | None:
    """The last speech verb before token `qi` (after token `after`) whose subject is "it", or inverted.

    "It stated that X was “rattled”", "It added, “…”": a document or an organisation named
    before speaks (resolved in `_resolve`); the sieve keeps no subject for "it" otherwise.
    """
    toks = s.tokens
    if not any(t.low == "it" or (t.text == "," and k + 1 < qi and s.is_cue(k + 1))
               for k, t in enumerate(toks[after + 1:qi], after + 1)):
        return None
    for vi, subject in reversed(s.cues):
        if vi >= qi:
            continue
        if vi <= after or subject is not None:
            return None
        m = s.np_forward(vi + 1) if vi + 1 < qi and toks[vi - 1].text == "," and not toks[vi].low.endswith("ing") \
            and s.verbs.get(toks[vi].low) in _INVERTING_LEMMAS else None
        if m is not None and m.last_tok == qi - 2 and toks[qi - 1].text in ",:" and (
                m.kind == "name" or (m.kind == "desc" and is_person_word(m.head or ""))):
            # "In other words, explained moderator Ann Cole: “…”": an inversion before the quote.
            return _Found(m, (toks[vi].start, toks[vi].end), "cue_before")
        j = vi - 1
        while j >= 0 and toks[j].word and (toks[j].low in function_words.AUX_WORDS or toks[j].low.endswith("ly")):
            j -= 1
        if j >= 0 and toks[j].low == "it":
            t = toks[j]
            return _Found(Mention(t.start, t.end, t.text, "pron", "it", j, j, subject=True),
                          (toks[vi].start, toks[vi].end), "cue_before")
    return None


def _subject_cues(s: Sentence) -> tuple[list[int], list[tuple[int, Mention]]]:
    """The sentence's cues that have a subject, in order, with their token positions (cached)."""
    cached = s.__dict__.get("_subject_cues")
    if cached is None:
        pairs = [(vi, subject) for vi, subject in s.cues if subject is not None]
        cached = ([vi for vi, _ in pairs], pairs)
        s.__dict__["_subject_cues"] = cached
    return cached


def _reporting_clause(s: Sentence, earlier: list[tuple[int, Mention]], vi: int,
                      subject: Mention) -> tuple[int, Mention] | None:
    """The cue whose reported clause holds cue `vi`: "X said the executives were calling “…”".

    A quote in the clause a say-verb reports is the reporter's words when the inner verb is
    no verb of direct speech (calling, continue, comments): the reporter chose to quote it.
    """
    if not earlier or s.verbs.get(s.tokens[vi].low) in _DIRECT_LEMMAS or subject.kind == "pron":
        return None
    vj, outer = earlier[-1]
    if s.verbs.get(s.tokens[vj].low) not in _REPORTING_LEMMAS or (outer.kind == "desc" and outer.plural):
        return None
    if not vj < subject.first_tok or outer.last_tok >= vj:
        return None  # the inner subject must sit in the outer verb's clause, after the verb
    if vj < s._opener_end() < subject.first_tok:
        return None  # "After Hale said no, Ruiz called it “…”": the outer verb is the fronted clause's
    between = s.tokens[vj + 1 : subject.first_tok]
    if any(t.text in ";:" or t.q or (t.low in ("and", "but", "while", "who", "which") and i and between[i - 1].text == ",")
           or (t.low in ("which", "whom") and i > 1 and between[i - 2].text == "," and between[i - 1].low in _PREPOSITIONS)
           for i, t in enumerate(between)):
        return None  # a new clause: "X said A, and Y called it “…”", "…, to which Y interjected: “…”"
    return vj, outer


def _according_to(s: Sentence, qi: int) -> _Found | None:
    """According to X, “…” (the speaker after a preposition, no verb)."""
    toks = s.tokens
    spots = s.__dict__.get("_according")
    if spots is None:  # positions of "according to", once per sentence
        spots = [k for k in range(1, len(toks)) if toks[k].low == "to" and toks[k - 1].low == "according"]
        s.__dict__["_according"] = spots
    for k in reversed(spots[:bisect.bisect_left(spots, qi)]):
        m = s.np_forward(k + 1)
        if m is not None:
            return _Found(m, (toks[k - 1].start, toks[k].end), "according_to")
    return None


def _colon(view: TextView, s: Sentence, qi: int) -> _Found | None:
    """A lead-in that ends in a colon: “The minister was blunt: “…””."""
    if qi == 0 or s.tokens[qi - 1].text != ":":
        return None
    m = s.main_subject(qi - 1)
    return _Found(m, None, "colon") if m is not None else None


def _adjacent(view: TextView, s_pre: Sentence, s_post: Sentence, exclude: frozenset[str]) -> _Found | None:
    """A quote that is a sentence of its own: the speaker named in the next or previous sentence."""
    para = view.paragraph_of(s_post.start)
    turn = _turn_before(view, s_pre, s_post)
    if turn is not None:
        return turn
    nxt = s_post.index + 1
    # A line break before the next sentence ends the paragraph, even where the text mostly
    # parts paragraphs with blank lines: the name on the next line is another turn.
    if nxt < view.n_sentences and view.paragraph_of(view.sentence_start(nxt)) == para \
            and "\n" not in view.text[view.sentence_start(nxt) - 3:view.sentence_start(nxt)] \
            and "\n" not in view.text[s_post.start:view.sentence_start(nxt)].rstrip():
        for m in view.sentence(nxt).candidates():
            if m.kind == "pron" or (m.kind == "desc" and m.speaks) or (
                    m.kind == "name" and (m.speaks or view.is_person(m))):
                return _Found(m, m.cue, "adjacent_next")
    prev = s_pre.index - 1
    if prev >= 0:
        s_prev = view.sentence(prev)
        same_para = view.paragraph_of(s_prev.start) == view.paragraph_of(s_pre.start)
        if same_para or s_prev.ends_with_colon():
            for m in s_prev.candidates():
                if m.speaks and m.kind != "org":
                    return _Found(m, m.cue, "colon" if s_prev.ends_with_colon() else "adjacent_prev")
            if s_prev.ends_with_colon() and len(s_prev.tokens) > 1:
                # "The Harbour Trust set out its aims in a letter:" ⏎ “…”: the lead-in's subject,
                # an organisation too, as for a colon in the quote's own sentence.
                lead = s_prev.main_subject(len(s_prev.tokens) - 1)
                if lead is not None and lead.kind in ("name", "org") and (lead.kind == "org" or view.is_person(lead)):
                    return _Found(lead, None, "colon")
            if same_para and s_prev.tokens:
                # "Senator Ruth Alder had a simpler view. “Fire them all.”": the sentence before
                # introduces the person the quote then gives the words of.
                lead = s_prev.main_subject(len(s_prev.tokens) - 1)
                if lead is not None and lead.kind in ("name", "pron") and lead.low not in _FIRST_PERSON_SUBJECTS and (
                        lead.kind == "pron" or view.is_person(lead)):
                    return _Found(lead, None, "adjacent_prev")
    return None


def _turn_before(view: TextView, s_pre: Sentence, s_post: Sentence) -> _Found | None:
    """“A,” Rubio said. “B.” His aide, X, stressed …: B goes on the turn of the sentence before.

    The sentence before, in the same paragraph, is a quote with its speaker after it; the next
    sentence's subject speaks of something else.
    """
    prev = s_pre.index - 1
    if prev < 0 or not _MARKS_IN.search(view.text, view.sentence_start(prev), s_pre.start):
        return None  # (a cheap look for a quote mark before the sentence is built)
    s_prev = view.sentence(prev)
    if view.paragraph_of(s_prev.start) != view.paragraph_of(s_pre.start) or not s_prev.tokens:
        return None
    toks = s_prev.tokens
    q = max((k for k, t in enumerate(toks) if t.q), default=-1)
    if q < 0 or len(toks) - q > 12:
        return None
    nxt = s_post.index + 1
    if nxt < view.n_sentences and view.paragraph_of(view.sentence_start(nxt)) == view.paragraph_of(s_post.start) \
            and "\n" not in view.text[view.sentence_start(nxt) - 3:view.sentence_start(nxt)]:
        s_next = view.sentence(nxt)  # (only where `_adjacent` reads the next sentence too)
        first = s_next.candidates()[:1]
        if first and first[0].first_tok == 0 and first[0].speaks and first[0].cue is not None \
                and first[0].cue[0] - first[0].end <= 2 and s_next.token_at(first[0].cue[0]) + 4 >= len(s_next.tokens) \
                and not any(t.q for t in s_next.tokens[s_next.token_at(first[0].cue[0]):]):
            # “…?” Trump said.: the next sentence is the quote's own cue ("Reid said both …" is
            # not, nor "He added: “…”", which opens a quote of its own).
            return None
    last = None
    for m in s_prev.candidates():
        if m.first_tok > q and m.speaks and m.kind in ("name", "pron", "desc") and m.low not in _FIRST_PERSON:
            last = m  # (the last: "“…,” Ebeling said, and her husband cut in. “…”")
    return _Found(last, last.cue, "adjacent_prev") if last is not None else None


def _resolve(view: TextView, found: _Found, exclude: frozenset[str], nested_in: Attribution | None,
             outer_view: TextView | None = None) -> Attribution:
    """Turn the mention a step found into an Attribution: pronouns, roles, anonymity, names.

    For a nested quote, `view` reads the outer quote alone and `outer_view` the whole text:
    a he/she with no antecedent inside the outer quote is looked for outside it.
    """
    m = found.mention
    method = found.method
    conf = CONFIDENCE.get(method, 0.5)
    cue = Span.of(view.text, *found.cue) if found.cue else None
    mention_span = Span.of(view.text, m.start, m.end)
    if m.kind == "pron" and m.low == "it":
        doc = _recent_document(view, m.start)
        if doc is not None and doc[1]:
            # "“…,” the email read. It stated that …": the document that just spoke.
            return _resolved_as(view, _resolve(view, _Found(doc[0], found.cue, method), exclude, nested_in),
                                mention_span, conf)
        org = view.recent_company(m) or _recent_reporter(view, m.start, kinds=("org",)) or _recent_org(view, m.start)
        if org is None and doc is not None:
            # "It put out a statement. In it, … it said, “…”": the document named just before.
            return _resolved_as(view, _resolve(view, _Found(doc[0], found.cue, method), exclude, nested_in),
                                mention_span, conf)
        if org is None:
            return Attribution(speaker_mention=mention_span, cue=cue, method="pronoun", confidence=0.2)
        name = org if isinstance(org, str) else (org.name or org.text)
        return Attribution(speaker=name, speaker_mention=mention_span, cue=cue, method="pronoun",
                           confidence=round(conf - _PRONOUN_PENALTY, 2))
    if m.kind == "pron":
        if m.low in _FIRST_PERSON:
            if nested_in is not None and nested_in.speaker is not None:
                return attrs.evolve(nested_in, speaker_mention=mention_span, cue=cue, method="nested",
                                    confidence=CONFIDENCE["nested"])
            return Attribution(speaker_mention=mention_span, cue=cue, method="pronoun", confidence=0.1)
        target = view.resolve_pronoun(m, exclude, nested=nested_in is not None)
        if target is None and outer_view is not None and nested_in is not None and m.low in ("he", "she"):
            # Keane said: “She told me, ‘…’”: she is the poet named before the outer quote, and
            # never the outer speaker himself.
            speaker_words = frozenset(fold(w) for w in (nested_in.speaker or "").split())
            target = outer_view.gendered_description(m) or outer_view.resolve_pronoun(m, exclude | speaker_words)
            if target is not None:
                inner = _resolve(outer_view, _Found(target, found.cue, method), exclude, nested_in)
                if inner.speaker != nested_in.speaker:
                    return attrs.evolve(inner, speaker_mention=mention_span, method="nested",
                                        confidence=round(conf - _PRONOUN_PENALTY, 2))
                target = None
        if target is None:
            if nested_in is not None:
                return Attribution(speaker=m.text, speaker_mention=mention_span, cue=cue, anonymous=True,
                                   method="nested", confidence=0.4)
            return Attribution(speaker_mention=mention_span, cue=cue, method="pronoun", confidence=0.2)
        inner = _resolve(view, _Found(target, found.cue, method), exclude, nested_in)
        return attrs.evolve(inner, speaker_mention=mention_span,
                            method="nested" if nested_in is not None else "pronoun",
                            confidence=round(conf - _PRONOUN_PENALTY, 2))
    if nested_in is not None:
        method = "nested"
        conf = CONFIDENCE["nested"]
    if m.kind == "desc" and (m.head or "") in lexicon.DOCUMENT_NOUNS:
        # “…,” the statement said: the document speaks for whoever was just reported issuing it.
        writer = _recent_reporter(view, m.start)
        if writer is not None:
            return attrs.evolve(_resolve(view, _Found(writer, found.cue, method), exclude, nested_in),
                                speaker_mention=mention_span, confidence=round(conf - _ROLE_PENALTY, 2))
        author = view.last[1] if view.last is not None and view.paragraph_of(m.start) - view.last[0] <= 2 else None
        if author is None or author.speaker is None:
            # "said a joint statement from the two agencies" with no issuer named before: the
            # document itself is what an editor can cite.
            return Attribution(speaker=m.text, speaker_mention=mention_span, cue=cue, method=method,
                               confidence=round(conf - 2 * _ROLE_PENALTY, 2))
        return attrs.evolve(author, speaker_mention=mention_span, cue=cue, method=method,
                            confidence=round(conf - _ROLE_PENALTY, 2))
    if m.kind == "desc":
        head = m.head or ""
        is_role = head in lexicon.ROLE_WORDS or lexicon.person_noun(head) is not None or (
            m.text.isupper() and view.names.is_role_word(head))  # "the SP" after "Rajesh Kumar, SP"
        # "the mayor" is the mayor named before; "the authors" are not one named co-author.
        named = view.names.by_role(head, m.start, m.low.split()) if m.definite and is_role and not m.plural else None
        office = m.definite and head in lexicon.ROLE_WORDS and head not in lexicon.ANONYMOUS_HEADS
        if named is None and office and view.last is not None:
            # “…,” said Dr. Anthony Fauci. The director added …: the office-holder just quoted.
            named = _recent_office_holder(view, view.last, head, m.start)
        if named is None and m.definite and is_role and head not in lexicon.ANONYMOUS_HEADS and not m.plural:
            # Okafor headed the winner. “…,” said the 24-year-old / the striker said.
            named = view.recent_person(m, exclude)
        if named is None and m.definite and head in lexicon.COMPANY_NOUNS and not m.plural:
            # Brightwater's shares fell. The company said …: the business named before.
            company = view.recent_company(m)
            if company is not None:
                return Attribution(speaker=company, speaker_mention=mention_span, cue=cue, method=method,
                                   role=m.text, confidence=round(conf - _ROLE_PENALTY, 2))
        if named is not None:
            return Attribution(speaker=named, speaker_mention=mention_span, cue=cue, method=method,
                               role=m.text, confidence=round(conf - _ROLE_PENALTY, 2))
        # An office ("the prime minister") is identifiable; other descriptions are anonymous.
        anonymous = (head in person_words and not office) or _anonymous_context(view, m)
        return Attribution(speaker=m.text, speaker_mention=mention_span, cue=cue, anonymous=anonymous,
                           method=method, confidence=round(conf - _ROLE_PENALTY, 2))
    if m.kind == "name":
        name, role = view.full_name(m), m.role
    elif m.kind == "org" and m.name and m.name.split()[-1].isdigit():
        name, role = m.name, None  # "IAFF Local 2290": no title to strip
    else:
        name, role = split_role(m.text)[0] or m.text, None
    return Attribution(speaker=name, speaker_mention=mention_span, cue=cue, method=method, role=role,
                       confidence=conf)


def _resolved_as(view: TextView, a: Attribution, mention: Span, conf: float) -> Attribution:
    """`a` reached through a pronoun: the pronoun is the mention, at a pronoun's confidence."""
    return attrs.evolve(a, speaker_mention=mention, method="pronoun", confidence=round(conf - _PRONOUN_PENALTY, 2))


def _recent_document(view: TextView, pos: int) -> tuple[Mention, bool] | None:
    """The nearest document before `pos` ("a statement", "the email") in its sentence or the one before.

    The flag says it is the subject of a speech verb ("the email read"): then an "it" right
    after it is that document for certain.
    """
    si, para = view.sentence_of(pos), view.paragraph_of(pos)
    for i in range(si, max(-1, si - 2), -1):
        if para - view.paragraph_of(view.sentence_start(i)) > 1:
            break
        for c in reversed(view.sentence(i).candidates()):
            if c.start < pos and c.kind == "desc" and (c.head or "") in lexicon.DOCUMENT_NOUNS and not c.plural:
                return c, c.speaks
    return None


def _recent_reporter(view: TextView, pos: int, kinds: tuple[str, ...] = ("name", "org")) -> Mention | None:
    """The nearest earlier name or organisation that speaks ("In a statement, Marchbanks said …")."""
    si, para = view.sentence_of(pos), view.paragraph_of(pos)
    for i in range(si - 1, max(-1, si - 6), -1):
        if para - view.paragraph_of(view.sentence_start(i)) > 2:
            break
        for c in reversed(view.sentence(i).candidates()):  # candidates() reads the cues first
            if c.speaks and c.kind in kinds:
                return c
    return None


def _recent_org(view: TextView, pos: int) -> Mention | None:
    """The organisation that is the subject of the sentence before, in the same paragraph.

    "The Business Council opposed an increase. “…,” it recommended.": government and trade
    bodies that have not spoken yet.
    """
    si = view.sentence_of(pos)
    if si == 0 or view.paragraph_of(view.sentence_start(si - 1)) != view.paragraph_of(pos):
        return None
    s = view.sentence(si - 1)
    m = s.main_subject(len(s.tokens) - 1) if s.tokens else None
    return m if m is not None and m.kind == "org" else None


def _recent_office_holder(view: TextView, last: tuple[int, Attribution], head: str, pos: int) -> str | None:
    """The last named speaker, when no other role is known for them and they were just quoted."""
    para, a = last
    if a.anonymous or not a.speaker or para < view.paragraph_of(pos) - 1:
        return None
    words = {w.lower().rstrip(".") for r in view.names.roles(a.speaker) for w in r.split()}
    known = words & lexicon.ROLE_WORDS - set(lexicon.HONORIFICS) - {"dr", "prof"}
    return a.speaker if not known or not words.isdisjoint(lexicon.role_synonyms(head)) else None


def _anonymous_context(view: TextView, m: Mention) -> bool:
    window = view.masked[m.start : m.end + 120].lower()
    return any(p in window for p in _ANON_PHRASES)


def _attribute_nested(view: TextView, q: Quote, outer: Quote, nested: Sequence[Quote], outer_a: Attribution,
                      subviews: dict[str, TextView]) -> Attribution:
    """A quote inside a quote: its speaker comes from the outer quote's own words."""
    o = outer_span(q)[0]
    thought = _THOUGHT.search(view.text, max(outer.start, o - 24), o)
    if thought is not None and outer_a.speaker is not None:
        # “… I thought, ‘That’s it, it’s gone.’”: the outer speaker's own words to themself.
        return attrs.evolve(outer_a, speaker_mention=Span.of(view.text, *thought.span(1)),
                            cue=Span.of(view.text, *thought.span(2)), method="nested",
                            confidence=CONFIDENCE["nested"])
    if not may_have_cue(view, outer, q):
        return Attribution(method="nested", confidence=0.0)
    quick = fast_nested(view, q, outer, outer_a)
    if quick is not None:
        return quick
    sub = subviews.get(outer.id)
    if sub is None:
        # One view per outer quote, shared by all its nested quotes (600 of them must not mean 600 views).
        inner = [outer_span(x) for x in nested]
        sub = subviews[outer.id] = TextView(view.text, outer.start, inner, view.names, view.verbs, end=outer.end)
    o, c = outer_span(q)
    s_pre = sub.sentence(sub.sentence_of(o))
    s_post = sub.sentence(sub.sentence_of(max(c - 1, o)))
    qi, qj = s_pre.token_at(o), s_post.token_at(c - 1)
    found = _cue_after(sub, s_post, qj + 1) or _cue_before(sub, s_pre, qi) or _according_to(s_pre, qi)
    if found is None:
        return Attribution(method="nested", confidence=0.0)
    return _resolve(sub, found, _vocatives(q), nested_in=outer_a, outer_view=view)
