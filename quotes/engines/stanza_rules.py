"""The stanza engine's rules: speakers from dependency syntax, named entities and coreference.

In: a parsed `stanza.Document` (used only through its attributes, so hand-built Documents do)
and a quote's character span. Out: a `Found` (the speaker mention, its cue, its kind and the
rule that fired) and, from it, the quote's `Attribution` (`method = "stanza:<rule>"`). Rules:
the subject of a speech verb whose clausal complement (ccomp, parataxis, xcomp) holds the quote,
else whose subtree holds it or which stands next to it; a passive's `obl:agent`; "according to
X"; pronouns through coref chains. Pure functions: this module never imports stanza and refuses
to know how the pipeline is loaded or run (`quotes.engines.stanza`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from quotes import function_words, lexicon
from quotes.model import Attribution, Document, Quote, Span

# How sure each rule is when it names a speaker directly; a pronoun resolved by coref costs 0.1.
CONFIDENCE: dict[str, float] = {
    "ccomp": 0.95, "parataxis": 0.9, "xcomp": 0.9, "agent": 0.9, "according_to": 0.9,
    "subtree": 0.8, "adjacent": 0.7,
}
# Rank of each link between a speech verb and a quote: a clausal complement beats "according to",
# which beats a bare subtree, which beats mere adjacency.
_STRENGTH = {"ccomp": 4, "parataxis": 4, "xcomp": 4, "according_to": 3, "subtree": 2, "adjacent": 1}
# Entity types that name a speaker: OntoNotes (PERSON, ORG) and CoNLL-style (PER) models.
SPEAKER_ENTITIES = {"PERSON": "name", "PER": "name", "ORG": "org"}
# Modifiers that belong to a speaker's noun phrase ("the Harbor Council", "Maria Lopez").
_NP_DEPS = frozenset({"flat", "compound", "det", "amod", "nmod:poss", "nummod"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", None})
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})


@attrs.frozen
class Found:
    """What the rules found for one quote: the speaker mention, its cue, its kind and the rule."""

    rule: str
    start: int
    end: int
    kind: str  # "name" | "org" | "desc" | "pron"
    cue: tuple[int, int] | None = None
    # For a pronoun resolved through coref: the antecedent mention that names the speaker.
    antecedent: tuple[int, int, str] | None = None


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _children(sent: Any, head: int) -> list[Any]:
    return [w for w in sent.words if w.head == head]


def _subtree(sent: Any, root: Any) -> set[int]:
    ids, frontier = {root.id}, [root.id]
    while frontier:
        nxt = [w.id for w in sent.words if w.head in frontier and w.id not in ids]
        ids.update(nxt)
        frontier = nxt
    return ids


def _speech_lemma(w: Any, lemmas: frozenset[str]) -> str | None:
    """The speech-verb lemma of a word, from its lemma or (identity lemmatizer) its form."""
    lemma = (w.lemma or "").lower()
    if lemma not in lemmas:
        lemma = lexicon.SPEECH_VERB_FORMS.get(w.text.lower(), "")
    # Only predicates count: a speech lemma tagged as a noun is "a call", "the post".
    if lemma in lemmas and (w.upos in ("VERB", None) or w.deprel in ("root", "ccomp", "conj", "parataxis")):
        return lemma
    return None


def _entity_at(doc: Any, start: int, end: int) -> Any | None:
    for ent in doc.ents:
        if ent.type in SPEAKER_ENTITIES and _overlaps(ent.start_char, ent.end_char, start, end):
            return ent
    return None


def _mention(doc: Any, sent: Any, w: Any) -> tuple[int, int, str]:
    """The character span and kind of the noun phrase headed by `w`."""
    ent = _entity_at(doc, w.start_char, w.end_char)
    if ent is not None:
        return ent.start_char, ent.end_char, SPEAKER_ENTITIES[ent.type]
    if w.upos == "PRON" or w.text.lower() in _PRONOUNS:
        return w.start_char, w.end_char, "pron"
    for child in _children(sent, w.id):  # "the mayor, Jane Doe, said": the apposition names her
        if child.deprel == "appos":
            ent = _entity_at(doc, child.start_char, child.end_char)
            if ent is not None:
                return ent.start_char, ent.end_char, SPEAKER_ENTITIES[ent.type]
    words = [w]
    frontier = [w]
    while frontier:
        kids = [c for f in frontier for c in _children(sent, f.id) if c.deprel in _NP_DEPS]
        words.extend(kids)
        frontier = kids
    start, end = min(x.start_char for x in words), max(x.end_char for x in words)
    proper = w.upos == "PROPN" and all(x.upos in ("PROPN", "DET") for x in words)
    return start, end, "name" if proper else "desc"


def _speaker_word(sent: Any, v: Any, lemma: str) -> tuple[Any, bool] | None:
    """The word naming who speaks with verb `v`, and whether it is a passive's agent."""
    kids = _children(sent, v.id)
    by_rel = {c.deprel: c for c in reversed(kids)}
    if "nsubj" in by_rel:
        return by_rel["nsubj"], False
    if "nsubj:pass" in by_rel:
        # "X was quoted as saying": the passive subject of "quote" is the speaker.
        if lemma == "quote":
            return by_rel["nsubj:pass"], False
        if "obl:agent" in by_rel:  # "the council was told by X": the agent speaks
            return by_rel["obl:agent"], True
        return None
    if v.deprel.split(":")[0] in ("xcomp", "advcl", "conj") and v.head:
        # "X smiled and said", "X was quoted as saying": the controller's subject speaks.
        head = sent.words[v.head - 1]
        hk = {c.deprel: c for c in reversed(_children(sent, head.id))}
        subj = hk.get("nsubj") or hk.get("nsubj:pass")
        if subj is not None:
            return subj, False
    return None


def _link(sent: Any, v: Any, qids: set[int], gap: list[tuple[bool, Any]]) -> str | None:
    """How verb `v` is tied to the quote's words `qids` (same sentence) or across `gap` words."""
    if qids:
        for c in _children(sent, v.id):
            base = c.deprel.split(":")[0]
            if base in ("ccomp", "parataxis", "xcomp") and _subtree(sent, c) & qids:
                return base
        if _subtree(sent, v) & qids:
            return "subtree"
    subtree = _subtree(sent, v)
    # Adjacent: nothing but punctuation and the verb's own phrase between it and the quote.
    if all(x.upos == "PUNCT" or (same and x.id in subtree) for same, x in gap):
        return "adjacent"
    return None


def _clear_gap(doc: Any, v: Any, start: int, end: int, between: list[tuple[int, Any]], masked: Sequence[tuple[int, int]]) -> bool:
    """Adjacency holds only within a paragraph and with no other quote's words in between."""
    lo, hi = (v.end_char, start) if v.end_char <= start else (end, v.start_char)
    # A blank line starts a new paragraph, a new speaker's turn.
    if _BLANK_LINE.search(doc.text or "", lo, hi):
        return False
    return not any(w.upos != "PUNCT" and any(a <= w.start_char < b for a, b in masked) for _, w in between)


def _can_speak(doc: Any, w: Any, found: Found, masked: Sequence[tuple[int, int]]) -> bool:
    """Whether a mention may name a speaker at all."""
    # Words inside a quote are the quoted person's, never the attribution ("will not hit the Earth").
    if any(_overlaps(a, b, found.start, found.end) for a, b in masked):
        return False
    if found.kind == "name" and _entity_at(doc, found.start, found.end) is None:
        # A proper noun the tagger guessed, with no entity behind it: it needs a capitalised word
        # that can be a name (tiny or confused models tag "That", "and", "been" as PROPN).
        words = (doc.text or "")[found.start : found.end].split()
        return any(x[:1].isupper() and x.lower() not in function_words.NON_NAME_WORDS for x in words)
    if found.kind != "desc":
        return True
    # A description speaks only when its head is a person or a body ("the mayor", "the ministry");
    # "the ruling said", "That forecast" and misparsed function words ("and", "been") do not.
    head = (w.text if w is not None else (doc.text or "")[found.start : found.end].split()[-1]).lower()
    return (
        (w is None or w.upos in _NOMINAL)
        and (lexicon.person_noun(head) is not None or head in lexicon.ANONYMOUS_HEADS
             or head in lexicon.ORG_HEADS or head in lexicon.ORG_TAILS)
    )


def _according_to(doc: Any, sent: Any, qids: set[int]) -> Found | None:
    """'according to X' in the quote's sentence: X speaks."""
    words = sent.words
    for i, w in enumerate(words[:-1]):
        if w.text.lower() != "according" or words[i + 1].text.lower() != "to" or w.id in qids:
            continue
        head = words[w.head - 1] if w.deprel == "case" and w.head else None
        if head is None or head.id in qids:
            nxt = [x for x in words[i + 2 :] if x.upos in ("PROPN", "NOUN", "PRON")]
            if not nxt:
                continue
            head = nxt[0]
            while head.deprel in ("flat", "compound") and head.head:
                head = words[head.head - 1]
        start, end, kind = _mention(doc, sent, head)
        return Found("according_to", start, end, kind, (w.start_char, words[i + 1].end_char))
    return None


def _coref_antecedent(doc: Any, w: Any) -> tuple[int, int, str] | None:
    """A mention in `w`'s coref chain that names someone: an entity, else a proper noun."""
    for att in getattr(w, "coref_chains", None) or ():
        chain = att.chain
        mentions = list(chain.mentions)
        if chain.representative_index is not None:  # the representative first, then in order
            mentions.insert(0, mentions[chain.representative_index])
        for m in mentions:
            if isinstance(m.start_word, tuple):
                continue
            ws = doc.sentences[m.sentence].words[m.start_word : m.end_word]
            if not ws or all(x.upos == "PRON" or x.text.lower() in _PRONOUNS for x in ws):
                continue
            start, end = ws[0].start_char, ws[-1].end_char
            ent = _entity_at(doc, start, end)
            if ent is not None:
                return ent.start_char, ent.end_char, SPEAKER_ENTITIES[ent.type]
            if any(x.upos == "PROPN" for x in ws):
                return start, end, "name"
    return None


def find_speaker(
    doc: Any, start: int, end: int, masked: Sequence[tuple[int, int]] = (), lemmas: frozenset[str] | None = None
) -> Found | None:
    """Apply the rules to the quote at [start, end) of a parsed `stanza.Document`; None if none fires.

    `masked` holds the spans of all quotes (marks included): words inside them never cue.
    """
    lemmas = lemmas if lemmas is not None else lexicon.SPEECH_VERB_LEMMAS
    sents = doc.sentences
    touched = [i for i, s in enumerate(sents) if s.words and _overlaps(s.words[0].start_char, s.words[-1].end_char, start, end)]
    if not touched:
        return None
    lo, hi = touched[0], touched[-1]
    flat = [(si, w) for si in range(max(lo - 1, 0), min(hi + 2, len(sents))) for w in sents[si].words]
    inside = [k for k, (_, w) in enumerate(flat) if _overlaps(w.start_char, w.end_char, start, end)]
    if not inside:
        return None
    best: tuple[tuple[int, int], Found] | None = None
    for si in range(max(lo - 1, 0), min(hi + 2, len(sents))):
        sent = sents[si]
        qids = {w.id for w in sent.words if _overlaps(w.start_char, w.end_char, start, end)}
        candidates: list[tuple[str, Found]] = []
        if qids:
            acc = _according_to(doc, sent, qids)
            if acc is not None and _can_speak(doc, None, acc, [*masked, (start, end)]):
                candidates.append(("according_to", acc))
        for v in sent.words:
            if any(a <= v.start_char < b for a, b in masked) or (start <= v.start_char < end):
                continue
            lemma = _speech_lemma(v, lemmas)
            if lemma is None:
                continue
            k = next(i for i, (s2, w2) in enumerate(flat) if s2 == si and w2 is v)
            between = flat[k + 1 : inside[0]] if k < inside[0] else flat[inside[-1] + 1 : k]
            gap = [(s2 == si, w2) for s2, w2 in between]
            rule = _link(sent, v, qids, gap)
            if rule is None or (rule == "adjacent" and not _clear_gap(doc, v, start, end, between, masked)):
                continue
            sw = _speaker_word(sent, v, lemma)
            if sw is None:
                continue
            w, agent = sw
            ms, me, kind = _mention(doc, sent, w)
            antecedent = _coref_antecedent(doc, w) if kind == "pron" else None
            found = Found("agent" if agent else rule, ms, me, kind, (v.start_char, v.end_char), antecedent)
            if _can_speak(doc, w, found, [*masked, (start, end)]):
                candidates.append((rule, found))
        for rule, found in candidates:
            cue = found.cue or (found.start, found.end)
            distance = min(abs(cue[0] - end), abs(start - cue[1]))
            key = (_STRENGTH[rule], -distance)
            if best is None or key > best[0]:
                best = (key, found)
    return best[1] if best else None


def _full_name(text: str, names: Sequence[str]) -> str:
    """A bare surname becomes the full name seen earlier in the same source ("Lopez" -> "Maria Lopez")."""
    if " " not in text:
        for n in names:
            if n.split()[-1] == text and n != text:
                return n
    return text


def attribution_from_stanza(found: Found, text: str, fallback: Attribution, names: Sequence[str] = ()) -> Attribution:
    """Named constructor: the Attribution for a `Found`, or `fallback` where stanza cannot say."""
    from quotes.speakers import split_role

    kind, span = found.kind, (found.start, found.end)
    confidence = CONFIDENCE.get(found.rule, 0.6)
    method = f"stanza:{found.rule}"
    if kind == "pron":
        if found.antecedent is None:  # no coref chain: the built-in pronoun resolution decides
            return fallback
        span = found.antecedent[:2]
        kind = found.antecedent[2]
        confidence -= 0.1
        method = "stanza:coref"
    mention = Span.of(text, found.start, found.end)
    cue = Span.of(text, *found.cue) if found.cue else None
    words = text[span[0] : span[1]]
    fb = fallback.speaker_mention
    if fallback.speaker and fb is not None and _overlaps(fb.start, fb.end, *span):
        # The built-in engine read the same words: keep its name resolution (titles, surnames).
        return attrs.evolve(fallback, speaker_mention=mention, cue=cue, method=method, confidence=round(confidence, 2))
    if kind == "org":
        return Attribution(speaker=split_role(words)[0] or words, speaker_mention=mention, cue=cue,
                           confidence=round(confidence, 2), method=method)
    if kind == "name":
        name, role = split_role(words)
        return Attribution(speaker=_full_name(name or words, names), speaker_mention=mention, cue=cue,
                           confidence=round(confidence, 2), method=method, role=role)
    head = words.split()[-1] if words.split() else words
    anonymous = lexicon.person_noun(head) is not None or head.lower() in lexicon.ANONYMOUS_HEADS
    return Attribution(speaker=words, speaker_mention=mention, cue=cue, anonymous=anonymous,
                       confidence=round(confidence - 0.1, 2), method=method)


def attribute_parsed(doc: Document, parsed: Any, lemmas: frozenset[str] | None = None) -> Document:
    """Fill each top-level speech quote of `doc` from its stanza parse; others keep what they have."""
    text = doc.source.text
    masked = [(q.start - len(q.open_mark), q.end + len(q.close_mark or "")) for q in doc.quotes if q.parent is None]
    names = [e.text for e in parsed.ents if SPEAKER_ENTITIES.get(e.type) == "name" and " " in e.text]

    def one(q: Quote) -> Quote:
        # Nested quotes are spoken inside another quote: the built-in engine reads those.
        if not q.speech or q.parent is not None:
            return q
        found = find_speaker(parsed, q.start, q.end, masked, lemmas)
        if found is None:
            return q
        return attrs.evolve(q, attribution=attribution_from_stanza(found, text, q.attribution, names))

    return attrs.evolve(doc, quotes=tuple(one(q) for q in doc.quotes))
