"""Tokens and mentions of one sentence, and the rules that read its noun phrases and subjects.

In: a sentence's tokens (quotes masked into single placeholder tokens). Out: `Token` and
`Mention` records, and `PhraseRules`, the half of `quotes.mentions.Sentence` that reads
phrases: the noun phrase ending or starting at a token (a pronoun, a name, "a nurse at the
clinic", "a spokesman for the family"), the subject of a speech verb (past appositives,
relative clauses, "and", participles, "quoted X as saying") and the main subject of a clause.
A few token rules, not a grammar. It refuses to know how names are found and registered:
`Sentence` adds the mentions this reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import attrs

from quotes import function_words, lexicon
from quotes.speakers import ARTICLE_NAME

ALL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_CHUNK_BREAK = frozenset(",;:()—–―[]")
_CONJ = function_words.CLAUSE_OPENERS
_NOUN_MARKERS = function_words.NOUN_MARKERS
_QUANTIFIERS = function_words.QUANTIFIERS
_BARE_QUANTIFIERS = frozenset({"another", "one", "others", "some", "many", "several", "most", "few"})
_POSTMOD = function_words.POSTMODIFIERS
_STOP = function_words.DESCRIPTION_STOPS
_NOT_ADVERBS = function_words.NOT_ADVERBS
_SUBORDINATORS = function_words.SUBORDINATORS
# Prepositions of a phrase that follows a name ("X of Pellmore Securities", "X at the university").
_DOCUMENT_DETERMINERS = frozenset({"the", "his", "her", "its", "their"})
PP_HEADS = frozenset({"of", "at", "from", "for", "with", "in"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
# An agent noun by its ending: signaller, reader, cyclist, librarian, attendant.
_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:er|or|ist|ian|ant)")


def _org_head(word: str) -> bool:
    """An organisation head, singular or plural ("the two agencies", "both firms")."""
    return word in lexicon.ORG_HEADS or (word.endswith("ies") and word[:-3] + "y" in lexicon.ORG_HEADS) or (
        word.endswith("s") and word[:-1] in lexicon.ORG_HEADS)


def is_acronym(toks: list[Token], i: int) -> bool:
    """An all-caps token that spells a function word, amid ordinary case: WHO, not "who" or "THE WHO"."""
    t = toks[i]
    if len(t.text) < 2 or not t.text.isupper():
        return False
    return not any(0 <= k < len(toks) and toks[k].word and toks[k].text.isupper() and len(toks[k].text) > 1
                   for k in (i - 1, i + 1))


class Token:
    """One token: a word, a punctuation mark, or a masked quote (`q`)."""

    __slots__ = ("cap", "end", "low", "poss", "q", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str, facts: TokenFacts | None = None) -> None:
        """A token; `facts` are `cached_facts(text)` when the caller has them already."""
        self.start, self.end, self.text = start, end, text
        self.q, self.word, self.poss, self.low, self.cap = facts or cached_facts(text)


TokenFacts = tuple[bool, bool, bool, str, bool]
# What a token's text says about it, computed once per distinct text (a few µs saved per token).
_TOKEN_FACTS: dict[str, TokenFacts] = {}


def cached_facts(text: str) -> TokenFacts:
    """`token_facts(text)`, from the cache."""
    facts = _TOKEN_FACTS.get(text)
    if facts is None:
        if len(_TOKEN_FACTS) > 200_000:
            _TOKEN_FACTS.clear()  # an archive's vocabulary must not grow the cache without bound
        facts = _TOKEN_FACTS[text] = token_facts(text)
    return facts


def make_tokens(starts: list[int], ends: list[int], texts: list[str]) -> list[Token]:
    """Tokens from parallel lists of offsets and texts, their facts looked up in bulk."""
    facts = list(map(_TOKEN_FACTS.get, texts))
    if None in facts:
        facts = [f or cached_facts(t) for f, t in zip(facts, texts, strict=True)]
    return list(map(Token, starts, ends, texts, facts))


def token_facts(text: str) -> TokenFacts:
    """(q, word, poss, low, cap) of a token's text: a masked quote, a word, a possessive, its key, capitalised."""
    q = text[0] == "\x00"
    word = not q and (text[0].isalnum() or text[0] == "[")
    low = text.lower()
    poss = low.endswith(("'s", "’s"))
    cap = word and (text[0].isupper() or (text[0] == "[" and text[1:2].isupper())
                    or ARTICLE_NAME.match(text) is not None)  # al-Mansouri
    return q, word, poss, low[:-2] if poss else low, cap


@attrs.define(eq=False)
class Mention:
    """A name, pronoun or description, with what this sentence says about it."""

    start: int
    end: int
    text: str
    kind: str  # name | org | place | pron | desc
    low: str
    first_tok: int
    last_tok: int
    name: str = ""
    role: str | None = None
    subject: bool = False
    agent: bool = False
    speaks: bool = False
    evidence: bool = False
    head: str | None = None
    definite: bool = False
    plural: bool = False
    cue: tuple[int, int] | None = None


@functools.lru_cache(maxsize=8192)
def is_person_word(word: str) -> bool:
    """True for role words and person nouns ("mayor", "nurse", "officials")."""
    w = word.lower()
    return w in lexicon.ROLE_WORDS or lexicon.person_noun(w) is not None


class PhraseRules:
    """Noun-phrase and subject rules over `tokens`; `Sentence` supplies the mentions they read."""

    tokens: list[Token]
    text: str
    verbs: Mapping[str, str]
    mentions: list[Mention]
    _by_first: dict[int, Mention]
    _by_last: dict[int, Mention]

    # Supplied by `quotes.mentions.Sentence`, which owns the mention list.
    def _add(self, m: Mention) -> Mention:
        raise NotImplementedError

    def _pronoun(self, i: int) -> Mention:
        raise NotImplementedError

    def _subject_pos(self, i: int) -> bool:
        raise NotImplementedError

    def _agent_pos(self, i: int) -> bool:
        raise NotImplementedError

    def _cue_subject(self, i: int) -> Mention | None:
        raise NotImplementedError

    def is_cue(self, k: int) -> bool:
        """True when token `k` is a speech verb used as a verb (not "the report", not "I quote")."""
        t = self.tokens[k]
        if t.low == "put" and k + 1 < len(self.tokens) and self.tokens[k + 1].low == "it":
            return True  # "as X put it", "was how X put it"
        if not t.word or t.low not in self.verbs or (t.cap and k > 0) or t.poss:
            return False
        if k > 0:
            p = self.tokens[k - 1]
            if p.low in _NOUN_MARKERS or p.poss:
                return False
            if p.low == "of" and t.low.endswith("ing"):
                return False  # a gerund, not a verb: "head of forecasting", "the risk of warning"
            if t.low == "quote" and p.low in ("i", "we", ","):
                return False
        return True

    def _across_commas(self, k: int) -> Mention | None:
        """The subject before a comma: skip asides ("who …", "the chief financial officer")."""
        toks = self.tokens
        skipped: tuple[int, int] | None = None
        for _ in range(3):
            c1 = k - 1
            c0 = c1
            while c0 - 1 >= 0 and not (toks[c0 - 1].text in _CHUNK_BREAK or toks[c0 - 1].q):
                c0 -= 1
            if c1 < c0 or c0 < 0:
                break
            first = toks[c0]
            # A role with no article after a name: "Tobias Wrenfield, senior oil analyst at
            # Kestrel Markets, said" (the firm at the end is no subject).
            bare_role = (first.word and not first.cap and c0 >= 2 and toks[c0 - 2].cap
                         and any(is_person_word(toks[i].low) for i in range(c0, min(c1 + 1, c0 + 5))))
            aside = bare_role or first.low in function_words.ASIDE_OPENERS or (
                first.word and not first.cap and first.low.endswith(("ing", "ed")))
            if aside and c0 >= 1 and toks[c0 - 1].text == ",":
                if first.low in ("the", "a", "an") or bare_role:
                    skipped = (c0, c1)
                k = c0 - 1
                continue
            m = self._interpret_chunk(c0, c1)
            if m is not None and m.first_tok > c0 and c0 > 0 and toks[c0 - 1].q and (
                    toks[m.first_tok - 1].low in function_words.OBJECT_PREPOSITIONS
                    or any(t.low in function_words.AUX_WORDS for t in toks[c0 : m.first_tok])):
                # “…” for Ruiz, said Cole / “…” that Ruiz can catch Hale, said X: a
                # preposition's or a verb's object before the comma is no subject.
                return None
            if m is not None and m.kind == "name" and skipped:
                m.role = m.role or self.text[toks[skipped[0]].start : toks[skipped[1]].end]
                m.evidence = True
            if m is not None:
                return m
            break
        return self.desc_forward(skipped[0], skipped[1]) if skipped else None

    def _interpret_chunk(self, c0: int, c1: int) -> Mention | None:
        toks = self.tokens
        while c0 <= c1 and toks[c0].low in _CONJ:
            c0 += 1
        if c0 > c1:
            return None
        m = self._np_at(c1)
        if m is not None and m.first_tok >= c0:
            return m
        return self.desc_forward(c0, c1)

    def _np_at(self, j: int) -> Mention | None:
        """The noun phrase that ends at token `j`: a pronoun, a name, or a description."""
        toks = self.tokens
        t = toks[j]
        if t.q or not t.word:
            return None
        if t.low in ALL_PRONOUNS:
            return self._by_first.get(j) or self._pronoun(j)
        m = self._by_last.get(j)
        if m is None and t.low in lexicon.DOCUMENT_NOUNS and not (j + 1 < len(toks) and toks[j + 1].low in ("of", "from", "by")):
            d = self._document_start(j)
            if d is not None:
                return self._document(d, j)  # “…,” the statement said / the joint statement said
        if m is None and (is_person_word(t.low) or t.low in lexicon.ORG_HEADS):
            # "A spokesman for the family": the phrase after the preposition is no speaker.
            m = self._desc_backward(j)
            if m is None:
                return None
        if m is not None:
            k = m.first_tok - 1
            if k >= 2 and toks[k].low in ("and", "&"):
                # The last of a listed name: "a spokesperson for the Ministry of Housing,
                # Communities and Local Government". Look before the whole list.
                j2, comma = k - 1, False
                while j2 >= 0 and (toks[j2].cap or toks[j2].text == "," or toks[j2].low in ("of", "and", "&")):
                    comma = comma or toks[j2].text == ","
                    j2 -= 1
                if comma and j2 >= 1 and (toks[j2].low == "the" or toks[j2].low in PP_HEADS):
                    k = j2
            if k >= 2 and toks[k].low == "the":
                k -= 1  # "Ute Brandauer of the Federation of German Consumer Organisations"
            if k >= 1 and toks[k].low in PP_HEADS:
                # "Rupert Anandakrishnan of Pellmore Securities", "a reader in Clifden"
                m2 = self._np_at(k - 1) or self._clause_description(k - 1)
                if m2 is not None and m2.kind in ("name", "desc"):
                    return m2
            return None if m.kind == "place" else m
        if t.low in ("them", "us", "those") and j >= 2 and toks[j - 1].low == "of" and toks[j - 2].low in _QUANTIFIERS:
            # "one of them said": a member of a group described before, not named.
            q = toks[j - 2]
            return self._add(Mention(q.start, t.end, self.text[q.start : t.end], "desc", q.low + " of " + t.low,
                                     j - 2, j, head="person", plural=q.low not in ("one", "another", "each"),
                                     subject=self._subject_pos(j - 2)))
        if t.low in _BARE_QUANTIFIERS and (j == 0 or not toks[j - 1].word or toks[j - 1].low in _CONJ):
            # "Another said simply: …", "Others said …": a person not named, standing alone.
            return self._add(Mention(t.start, t.end, t.text, "desc", t.low, j, j, head="person",
                                     plural=t.low != "another" and t.low != "one", subject=True))
        return None

    def _desc_backward(self, j: int) -> Mention | None:
        toks = self.tokens
        k, start = j, None
        while k - 1 >= max(0, j - 7):
            p = toks[k - 1]
            if p.q or not p.word or p.low in _STOP or p.low in _CONJ or p.low in function_words.AUX_WORDS or self.is_cue(k - 1):
                break
            if p.low == "of":
                if start == k and k >= 2 and toks[k - 2].low in _QUANTIFIERS:
                    k, start = k - 2, k - 2  # "one of our forklift drivers"
                    continue
                break
            if start is not None and not (toks[start].poss and p.cap):
                break
            k -= 1
            if p.low in function_words.DETERMINERS or p.poss:
                start = k
        if start is None:
            plural = lexicon.plural_person(toks[j].low)
            if not (plural or (k < j and toks[k].cap)):
                return None
            start = k
        return self.desc_forward(start, j)

    def desc_forward(self, c0: int, c1: int) -> Mention | None:
        """A description starting at token `c0` ("a nurse at one of the clinics"), up to `c1`."""
        toks = self.tokens
        while c0 < c1 and toks[c0].low in _CONJ:
            c0 += 1  # "When the insurance man came …": the clause opener is no part of it
        first = toks[c0]
        if not first.word:
            return None
        head = None
        for h in range(c0, min(c0 + 7, c1 + 1)):
            u = toks[h]
            if not u.word or (h > c0 and (self.is_cue(h) or u.low in function_words.AUX_WORDS
                                          or (u.low in function_words.NOUN_MARKERS and toks[h - 1].low != "of"))):
                break  # (a second determiner opens another phrase: "a line her campaign repeated")
            if (not u.cap or h == c0) and (lexicon.person_noun(u.low) or _org_head(u.low)):
                head = h
                break
        agent = False
        if head is None and first.low in _INDEFINITE:
            # "One signaller", "a reader in Clifden": an unlisted agent noun after "a"/"one" is
            # an unnamed person (documents are left out: "a letter", "a paper").
            for h in range(c0 + 1, min(c0 + 4, c1 + 1)):
                u = toks[h]
                if not u.word or u.cap or self.is_cue(h):
                    break
                if _AGENT_NOUN.fullmatch(u.low) and u.low not in lexicon.NOT_AGENT_NOUNS:
                    head, agent = h, True
                    break
        if head is None:
            return None
        # A compound's head is its last noun: "a company spokesman", "union leader", "the
        # county spokesperson", "a police officer" (the first noun only modifies it).
        while head + 1 <= c1 and toks[head + 1].word and not toks[head + 1].cap \
                and lexicon.person_noun(toks[head + 1].low) and not self.is_cue(head + 1):
            head += 1
        hw = toks[head].low
        singular = lexicon.person_noun(hw) or hw
        plural = lexicon.plural_person(hw)
        # Without a determiner only plurals ("officials"), capitalised modifiers ("Health
        # officials") and bare roles of headlines ("observatory director says") are descriptions.
        if not (first.low in function_words.DETERMINERS or first.poss or plural or head == c0 or first.cap
                or hw in lexicon.ROLE_WORDS):
            return None
        end = head
        if head + 1 <= c1 and toks[head + 1].low in _POSTMOD and not (
                head + 2 <= c1 and toks[head + 2].low in function_words.NON_NAME_WORDS and toks[head + 2].cap):
            # (not a time: "the campaign on Tuesday rejected" is no "nurse at the clinic")
            e = head + 1
            while e <= c1 and toks[e].word and toks[e].low not in ("who", "which", "that") \
                    and not self.is_cue(e) and toks[e].low not in function_words.AUX_WORDS and e - head < 9:
                e += 1
            end = e - 1
        text = self.text[first.start : toks[end].end]
        if agent:
            singular, plural = "person", False  # an unnamed person: anonymous, takes he/she/they
        m = Mention(first.start, toks[end].end, text, "desc", text.lower(), c0, end, head=singular,
                    definite=first.low in ("the", "this", "that") or first.low not in function_words.DETERMINERS,
                    plural=plural,
                    subject=self._subject_pos(c0), agent=self._agent_pos(c0))
        return self._add(m)

    def np_forward(self, k: int) -> Mention | None:
        """The noun phrase that starts at token `k` (after "said", "according to", a dash)."""
        toks = self.tokens
        if k >= len(toks):
            return None
        t = toks[k]
        if t.low in ALL_PRONOUNS and t.word:
            return self._by_first.get(k) or self._add(self._pronoun(k))
        doc = self._document_after(k)
        if doc is not None:
            if doc + 2 < len(toks) and toks[doc + 1].low in ("from", "by", "of"):
                issuer = self.np_forward(doc + 2)  # said a statement from Hallam Rovers: the club speaks
                if issuer is not None:
                    return issuer
            # “…,” the statement said / said a joint statement from the two agencies (no issuer
            # named as a name or organisation): the document is what an editor can cite.
            return self._document(k, doc)
        if t.low in _BARE_QUANTIFIERS and (k + 1 >= len(toks) or not toks[k + 1].word):
            # “…,” said another. / said one, …: a person not named, standing alone.
            return self._add(Mention(t.start, t.end, t.text, "desc", t.low, k, k, head="person",
                                     plural=t.low not in ("another", "one"), subject=True))
        if not t.cap and t.word and t.low != "the":
            # Lower-case titles before a name: "said state Sen. John Hale", "said coach Steve Kerr",
            # "said lead author Dr. Ingrid Halvorsen" (the word before the name is a person word).
            j = k
            while j < len(toks) and j - k < 3 and toks[j].word and not toks[j].cap:
                j += 1
            named = self._by_first.get(j) if j > k and j < len(toks) and toks[j].cap else None
            if named is not None and (is_person_word(toks[j - 1].low) or (named.kind == "name" and named.evidence)):
                k, t = j, toks[j]  # ... or a full name after an unlisted title: "agreed harbour master Liam O’Connor"
        m = self._by_first.get(k + 1) if t.low == "the" else self._by_first.get(k)
        if m is not None and m.kind != "place" and (m.kind != "desc" or m.first_tok == k + 1 or m.first_tok == k):
            return self._named_in_apposition(m)
        d = self.desc_forward(k, len(toks) - 1)
        return self._named_in_apposition(d) if d is not None else None

    def _document_start(self, j: int) -> int | None:
        """The determiner of the document noun at token `j`, past up to three modifiers.

        "the statement", "the joint statement", "a Wednesday editorial", "the campaign’s
        statement": None when no determiner or possessive opens the phrase.
        """
        toks = self.tokens
        for k in range(j - 1, max(-1, j - 5), -1):
            u = toks[k]
            if u.low in _DOCUMENT_DETERMINERS or u.low in ("a", "an") or (u.poss and k < j):
                return k
            if u.q or not u.word or u.low in _STOP or u.low in _CONJ or u.low in function_words.AUX_WORDS \
                    or u.low in function_words.DETERMINERS or self.is_cue(k):
                return None
        return None

    def _document_after(self, k: int) -> int | None:
        """The document noun of a phrase opening at token `k` ("a joint statement"), if any."""
        toks = self.tokens
        if toks[k].low not in _DOCUMENT_DETERMINERS and toks[k].low not in ("a", "an"):
            return None
        for j in range(k + 1, min(len(toks), k + 5)):
            if toks[j].low in lexicon.DOCUMENT_NOUNS and not toks[j].poss:
                return j if self._document_start(j) == k else None
            if not toks[j].word or self.is_cue(j):
                return None
        return None

    def _document(self, d: int, n: int) -> Mention:
        """ "the statement", "his letter": a document standing for whoever wrote it."""
        toks = self.tokens
        text = self.text[toks[d].start : toks[n].end]
        return self._add(Mention(toks[d].start, toks[n].end, text, "desc", text.lower(), d, n, head=toks[n].low,
                                 definite=toks[d].low not in ("a", "an"),
                                 subject=self._subject_pos(d)))

    def _named_in_apposition(self, m: Mention) -> Mention:
        """The name set off right after a description: "says her sister, Carmen Ibarra, 61"."""
        e = m.last_tok + 1
        if m.kind != "desc" or e + 1 >= len(self.tokens) or self.tokens[e].text != ",":
            return m
        name = self._by_first.get(e + 1)
        return name if name is not None and name.kind == "name" and name.evidence else m

    def main_subject(self, j: int) -> Mention | None:
        """The first subject mention before token `j`, or the description that opens the clause."""
        limit = self.tokens[j].start if j < len(self.tokens) else 1 << 60
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.start >= limit:
                break
            if m.subject and m.kind in ("name", "pron", "org"):
                return m
        return self._clause_description(j)

    def _nearest_subject(self, j: int) -> Mention | None:
        limit = self.tokens[j].start
        best = None
        for m in self.mentions:
            if m.start < limit and m.subject and m.kind in ("name", "pron") and (best is None or m.start > best.start):
                best = m
        return best

    def _clause_description(self, j: int) -> Mention | None:
        c0 = j
        while c0 - 1 >= 0 and not (self.tokens[c0 - 1].text in _CHUNK_BREAK or self.tokens[c0 - 1].q):
            c0 -= 1
        return self.desc_forward(c0, j) if c0 <= j else None
