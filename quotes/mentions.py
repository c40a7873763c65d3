"""One sentence, read for attribution: tokens, the people mentioned in it, and its speech cues.

In: the tokens of one sentence (quotes already masked into single placeholder tokens), the
source's `NameIndex` and a speech-verb table. Out: a `Sentence` with its `Mention`s (capitalised
names with titles split off, pronouns, and the descriptions that speak: "a nurse at the clinic"),
each marked as subject or object, and its `cues`: every speech verb with the mention that is
its subject ("X, who represents Ward 4, said"; "he looked ... and said"; "..., adding that").
Phrase parsing here is a few token rules, not a grammar. This module refuses to know about
other sentences: `quotes.textscan` links sentences and resolves pronouns.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping

import attrs

from quotes import lexicon
from quotes.speakers import NameIndex, is_org, is_place, split_role

_PARTICLES = lexicon.NAME_PARTICLES
_PRONOUNS = frozenset({"he", "she", "they"})
_ALL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_CHUNK_BREAK = frozenset(",;:()—–―[]")
_CONJ = lexicon.CLAUSE_OPENERS
_NOUN_MARKERS = lexicon.NOUN_MARKERS
_QUANTIFIERS = lexicon.QUANTIFIERS
_BARE_QUANTIFIERS = frozenset({"another", "one", "others", "some", "many", "several", "most", "few"})
_POSTMOD = lexicon.POSTMODIFIERS
_STOP = lexicon.DESCRIPTION_STOPS
# Prepositions after which a name is the source of words, not their subject ("came from X").
_AGENT_MARKERS = frozenset({"from", "by", "of"})
_ROLE_OR_ORG = lexicon.ROLE_WORDS | lexicon.ORG_HEADS | lexicon.ORG_TAILS
_NOT_ADVERBS = lexicon.NOT_ADVERBS
_SUBORDINATORS = lexicon.SUBORDINATORS
# Prepositions of a phrase that follows a name ("X of Pellmore Securities", "X at the university").
_PP_HEADS = frozenset({"of", "at", "from", "for", "with", "in"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
# An agent noun by its ending: signaller, reader, cyclist, librarian, attendant.
_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:er|or|ist|ian|ant)")


def _acronym(toks: list[Token], i: int) -> bool:
    """An all-caps token that spells a function word, amid ordinary case: WHO, not "who" or "THE WHO"."""
    t = toks[i]
    if len(t.text) < 2 or not t.text.isupper():
        return False
    return not any(0 <= k < len(toks) and toks[k].word and toks[k].text.isupper() and len(toks[k].text) > 1
                   for k in (i - 1, i + 1))


class Token:
    """One token: a word, a punctuation mark, or a masked quote (`q`)."""

    __slots__ = ("cap", "end", "low", "poss", "q", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.q = text[0] == "\x00"
        self.word = not self.q and (text[0].isalnum() or text[0] == "[")
        low = text.lower()
        self.poss = low.endswith(("'s", "’s"))
        self.low = low[:-2] if self.poss else low
        self.cap = self.word and (text[0].isupper() or (text[0] == "[" and text[1:2].isupper()))


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


class Sentence:
    """The tokens, mentions and speech cues of one sentence."""

    def __init__(self, index: int, start: int, tokens: list[Token], text: str,
                 names: NameIndex, verbs: Mapping[str, str]) -> None:
        self.index, self.start, self.tokens, self.text = index, start, tokens, text
        self.names, self.verbs = names, verbs
        self.mentions: list[Mention] = []
        self._by_first: dict[int, Mention] = {}
        self._by_last: dict[int, Mention] = {}
        # Caches for sentences with thousands of quotes: token starts for bisect, and the
        # sorted candidates with their starts (rebuilt when a mention is added).
        self._tok_starts: list[int] | None = None
        self._cands: tuple[list[Mention], list[int]] | None = None
        self._scan()
        self._cues: list[tuple[int, Mention | None]] | None = None

    @property
    def cues(self) -> list[tuple[int, Mention | None]]:
        """Every speech verb of the sentence with its subject (computed on first use)."""
        if self._cues is None:
            tokens = self.tokens
            self._cues = []
            for i in range(len(tokens)):
                if self.is_cue(i):
                    subject = self._cue_subject(i)
                    if subject is not None:
                        subject.speaks = True
                        subject.cue = subject.cue or (tokens[i].start, tokens[i].end)
                        self._add(subject)
                    self._cues.append((i, subject))
        return self._cues

    def _cue_subject(self, i: int) -> Mention | None:
        """The subject of the speech verb at token `i`, inversion included."""
        tokens = self.tokens
        subject = self._subject_of(i)
        if subject is None and i > 0 and (tokens[i - 1].q or (
                tokens[i - 1].text == "," and (i == 1 or tokens[i - 2].q))):
            subject = self.np_forward(i + 1)  # inversion: “…,” said X (not "X, who …, told Y")
        return subject

    # -- building --------------------------------------------------------------------------

    def _add(self, m: Mention) -> Mention:
        old = self._by_first.get(m.first_tok)
        if old is not None and old.last_tok == m.last_tok:
            return old
        self.mentions.append(m)
        self._cands = None
        self._by_first.setdefault(m.first_tok, m)
        self._by_last.setdefault(m.last_tok, m)
        return m

    def _dateline_end(self) -> int:
        """The token after a dateline that opens the sentence, else 0.

        "WASHINGTON (Reuters) -", "NEW DELHI:", "KYIV, Ukraine (AP) —": the place and the agency
        are no subjects of what follows.
        """
        toks, n = self.tokens, len(self.tokens)
        k = 0
        while k < n and k < 4 and toks[k].word and toks[k].text.isupper():
            k += 1
        if k == 0 or sum(len(t.text) for t in toks[:k]) < 4:
            return 0
        if k + 1 < n and toks[k].text == "," and (toks[k + 1].cap or toks[k + 1].text.isdigit()):
            k += 1  # "KYIV, Ukraine", "LONDON, March 3"
            while k < n and k < 9 and toks[k].word and (toks[k].cap or toks[k].text.isdigit()):
                k += 1
        if k < n and toks[k].text == "(":
            e = k + 1
            while e < n and e - k < 5 and toks[e].text != ")":
                e += 1
            k = e + 1
        return k + 1 if k < n and toks[k].text in ("—", "–", "-", ":", "--") else 0

    def _scan(self) -> None:
        toks, n = self.tokens, len(self.tokens)
        i = self._dateline_end()
        while i < n:
            t = toks[i]
            if t.word and t.low in _PRONOUNS:
                self._add(self._pronoun(i))
                i += 1
                continue
            if t.cap:
                j = i + 1
                while j < n:
                    u = toks[j]
                    joins = j + 1 < n and toks[j + 1].cap and (
                        u.low in _PARTICLES or (u.low == "of" and toks[j - 1].low in _ROLE_OR_ORG))
                    if (u.cap and not toks[j - 1].poss) or joins:
                        j += 1
                    else:
                        # Lower-case role words between capitals: "Public health director Aroha ...".
                        k = j
                        while k < n and k - j < 3 and toks[k].word and not toks[k].cap and is_person_word(toks[k].low):
                            k += 1
                        if k > j and k < n and toks[k].cap:
                            j = k
                            continue
                        break
                self._add_name(i, j - 1)
                i = j
                continue
            i += 1

    def _pronoun(self, i: int) -> Mention:
        t = self.tokens[i]
        # he/she/they/I/we are nominative: always a subject, whatever precedes them.
        return Mention(t.start, t.end, t.text, "pron", t.low, i, i, subject=True)

    def _add_name(self, i: int, j: int) -> None:
        toks = self.tokens
        first = i
        while i <= j and toks[i].low in lexicon.NON_NAME_WORDS and toks[i].low not in lexicon.HONORIFICS \
                and not _acronym(toks, i):
            i += 1
        if i > j or toks[j].poss:
            return  # nothing left, or a possessive ("Lavrov's press conference") that is no mention
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.word and not nxt.cap and not nxt.poss and is_person_word(nxt.low):
            # A modifier, not a person: "The United Nations envoy, Helga Strandberg", "Biden aides".
            self.desc_forward(first, min(len(toks) - 1, j + 9))
            return
        text = self.text[toks[i].start : toks[j].end]
        if any(toks[k + 1].start - toks[k].end > 1 for k in range(i, j)):
            text = " ".join(t.text for t in toks[i : j + 1])  # a nickname blanked out, or a line break
        words = text.split()
        definite = i > 0 and toks[i - 1].low == "the"
        at = i - 1 if definite else i
        m = Mention(toks[i].start, toks[j].end, text, "name", text.lower(), i, j,
                    subject=self._subject_pos(at), agent=self._agent_pos(at), definite=definite)
        if lexicon.person_noun(toks[j].low) is not None and (i == j or toks[j].low != toks[j].text.lower()):
            self.desc_forward(i, j)  # "Officials", "Health officials", "Police": a description
            return
        if definite and i == j and (toks[i].low in lexicon.ROLE_WORDS or (
                toks[i].text.isupper() and self.names.is_role_word(toks[i].low))):
            # "the Premier", "the CEO", "the SP" (after "Rajesh Kumar, SP (Rural)"): an office.
            m.kind, m.head, m.role = "desc", toks[i].low, text
        elif is_org(words) or (definite and i == j and not self.names.known(self.names.resolve(text))):
            m.kind, m.name = "org", " ".join(w for w in words)
        elif is_place(words) and not (j + 1 < len(toks) and self.is_cue(j + 1)):
            m.kind = "place"  # (a place name followed by "said" is a person: "Lena Park said")
        else:
            name, role = split_role(text)
            if not name:
                m.kind, m.head, m.definite, m.role = "desc", words[-1].lower(), True, role
            else:
                m.name = name  # surnames resolve lazily (`TextView.full_name`): most never need it
                m.role = role
                app = self._appositive(j)
                if app:
                    m.role = m.role or app
                # A person: a title or appositive role, a known gender, or a first name and a surname.
                m.evidence = bool(role or app or len(m.name.split()) > 1)
        self._add(m)

    def _appositive(self, j: int) -> str | None:
        """The role in “X, the mayor of Y, …” right after token `j`, if any."""
        toks = self.tokens
        if j + 2 < len(toks) and toks[j + 1].text == "," and toks[j + 2].low in ("the", "a", "an"):
            e, person = j + 3, False
            while e < len(toks) and toks[e].word and e - j < 14 and not self.is_cue(e):
                person = person or is_person_word(toks[e].low)
                e += 1
            if person:
                return self.text[toks[j + 2].start : toks[e - 1].end]
        return None

    def _subject_pos(self, i: int) -> bool:
        """True when a mention starting at token `i` is a subject, not an object or an agent."""
        if i <= 0:
            return True
        p = self.tokens[i - 1]
        if p.q or not p.word or (p.low in lexicon.SUBJECT_OPENERS and p.low not in _AGENT_MARKERS):
            return True
        if p.low in lexicon.NON_NAME_WORDS and p.cap:
            return True  # a stripped sentence opener: "But X"
        toks = self.tokens
        if i >= 2 and p.word and not p.cap and not self.is_cue(i - 1) and toks[i - 2].low in ("the", "a", "an") \
                and (i == 2 or not toks[i - 3].word):
            return True  # a title noun between an opening article and the name: "The poet Mairead Quigley died"
        # Inversion after a quote (“…,” said X); otherwise a name after a verb is its object
        # ("Y, who asked not to be named, told the BBC": the BBC is no subject).
        return self.is_cue(i - 1) and (i == 1 or toks[i - 2].q or (
            toks[i - 2].text == "," and (i == 2 or toks[i - 3].q)))

    def _agent_pos(self, i: int) -> bool:
        """True for "came from X", "the words of X", "started by X", "according to X"."""
        if i <= 0:
            return False
        p = self.tokens[i - 1]
        return p.low in _AGENT_MARKERS or (p.low == "to" and i >= 2 and self.tokens[i - 2].low == "according")

    # -- cues and their subjects -------------------------------------------------------------

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

    def _skip_aux(self, j: int) -> int:
        toks = self.tokens
        while j >= 0 and toks[j].word and not toks[j].cap and (
            toks[j].low in lexicon.AUX_WORDS
            or (toks[j].low.endswith("ly") and len(toks[j].low) > 4 and toks[j].low not in _NOT_ADVERBS)
        ):
            j -= 1
        return j

    def _subject_of(self, vi: int) -> Mention | None:
        toks = self.tokens
        if vi >= 2 and toks[vi - 1].low == "as" and toks[vi].low.endswith("ing"):
            quoted = self._quoted_as(vi - 1)
            if quoted is not None:
                return quoted
        j = self._skip_aux(vi - 1)
        if j >= 0 and toks[j].low == "to":  # "used to say", "went on to tell"
            j -= 1
            if j >= 1 and toks[j].low == "on":
                j -= 1  # "went on to say"
            if j >= 0 and toks[j].word and not toks[j].cap and toks[j].low not in _ALL_PRONOUNS \
                    and not is_person_word(toks[j].low):
                j = self._skip_aux(j - 1)  # the verb before "to": "used", "refused", "wanted"
        if j < 0:
            return None
        t = toks[j]
        if t.low in ("who", "which") and not _acronym(toks, j):
            k = j - 1
            if k >= 0 and toks[k].text == ",":
                return self._across_commas(k)  # "X, an analyst at Y, who quoted …"
            return self._np_at(k) if k >= 0 else None
        if t.text == ",":
            if toks[vi].low.endswith("ing"):
                # "…, Fed Chair Jerome Powell said on Wednesday, adding that": the participle
                # shares the subject of the speech verb before it, else the main clause's.
                for k in range(j - 1, max(-1, j - 12), -1):
                    if toks[k].text in ";:" or (toks[k].q and k < j - 1):
                        break
                    if self.is_cue(k) and not toks[k].low.endswith("ing"):
                        return self._cue_subject(k) or self.main_subject(vi)
                return self.main_subject(vi)
            return self._across_commas(j)
        if t.low in ("and", "but", "or"):
            # "she taught high school English in Nogales and wrote": the verb shares a subject,
            # never the object of the clause before ("English in Nogales" is no speaker).
            return self._parallel_subject(j) or self._nearest_subject(j) or self.main_subject(j)
        m = self._np_at(j) or self._pp_subject(j)
        if m is not None:
            return m
        return self._clause_description(j)

    def _quoted_as(self, a: int) -> Mention | None:
        """Who "quoted X as saying" names: X, or the subject of "X was quoted as saying"."""
        toks = self.tokens
        for k in range(a - 1, max(-1, a - 14), -1):
            if toks[k].q or toks[k].text in ";:":
                return None
            if toks[k].low in ("quoted", "quotes", "quoting", "quote"):
                if k + 1 < a:
                    # "quoted its Chairman, Shri A.N. Bhatnagar, as saying": the name, else the phrase.
                    names = [self._by_first[e] for e in range(k + 1, a) if e in self._by_first
                             and self._by_first[e].kind == "name"]
                    m = names[0] if names else self.np_forward(k + 1)
                    if m is not None:
                        m.subject = True  # the one quoted speaks, though the grammar makes them an object
                    return m
                return self._subject_of(k) if k > 0 else None
        return None

    def _parallel_subject(self, j: int) -> Mention | None:
        """The subject of the sentence's first main-clause speech verb before token `j`.

        "She added that ... if Northline agreed ..., but said ...": the second verb shares the
        subject of the first, not that of a clause in between.
        """
        toks = self.tokens
        opener = False
        for k in range(j):
            u = toks[k]
            if u.text in ",;:" or u.q:
                opener = False
            elif k == 0 or toks[k - 1].text in ",;:" or toks[k - 1].q:
                opener = u.low in _SUBORDINATORS  # "After Y warned ...": not the main clause
            if not opener and self.is_cue(k):
                return self._subject_of(k)
        return None

    def _pp_subject(self, j: int) -> Mention | None:
        """A name before a lower-case prepositional phrase ending at token `j`.

        "Thomas Veil of the Sciences Po research centre said": the phrase is no description.
        """
        toks = self.tokens
        for k in range(j - 1, max(0, j - 9), -1):
            u = toks[k]
            if not u.word or u.low in lexicon.AUX_WORDS or self.is_cue(k):
                return None
            if u.low in _PP_HEADS:
                m = self._np_at(k - 1) if k >= 1 else None
                return m if m is not None and m.kind == "name" else None
        return None

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
            aside = first.low in lexicon.ASIDE_OPENERS or (
                first.word and not first.cap and first.low.endswith(("ing", "ed")))
            if aside and c0 >= 1 and toks[c0 - 1].text == ",":
                if first.low in ("the", "a", "an"):
                    skipped = (c0, c1)
                k = c0 - 1
                continue
            m = self._interpret_chunk(c0, c1)
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
        if t.low in _ALL_PRONOUNS:
            return self._by_first.get(j) or self._pronoun(j)
        m = self._by_last.get(j)
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
                if comma and j2 >= 1 and (toks[j2].low == "the" or toks[j2].low in _PP_HEADS):
                    k = j2
            if k >= 2 and toks[k].low == "the":
                k -= 1  # "Ute Brandauer of the Federation of German Consumer Organisations"
            if k >= 1 and toks[k].low in _PP_HEADS:
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
            if p.q or not p.word or p.low in _STOP or p.low in _CONJ or p.low in lexicon.AUX_WORDS or self.is_cue(k - 1):
                break
            if p.low == "of":
                if start == k and k >= 2 and toks[k - 2].low in _QUANTIFIERS:
                    k, start = k - 2, k - 2  # "one of our forklift drivers"
                    continue
                break
            if start is not None and not (toks[start].poss and p.cap):
                break
            k -= 1
            if p.low in lexicon.DETERMINERS or p.poss:
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
            if not u.word or (h > c0 and (self.is_cue(h) or u.low in lexicon.AUX_WORDS)):
                break
            if (not u.cap or h == c0) and (lexicon.person_noun(u.low) or u.low in lexicon.ORG_HEADS):
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
        if not (first.low in lexicon.DETERMINERS or first.poss or plural or head == c0 or first.cap
                or hw in lexicon.ROLE_WORDS):
            return None
        end = head
        if head + 1 <= c1 and toks[head + 1].low in _POSTMOD:
            e = head + 1
            while e <= c1 and toks[e].word and toks[e].low not in ("who", "which", "that") \
                    and not self.is_cue(e) and toks[e].low not in lexicon.AUX_WORDS and e - head < 9:
                e += 1
            end = e - 1
        text = self.text[first.start : toks[end].end]
        if agent:
            singular, plural = "person", False  # an unnamed person: anonymous, takes he/she/they
        m = Mention(first.start, toks[end].end, text, "desc", text.lower(), c0, end, head=singular,
                    definite=first.low in ("the", "this", "that") or first.low not in lexicon.DETERMINERS,
                    plural=plural,
                    subject=self._subject_pos(c0), agent=self._agent_pos(c0))
        return self._add(m)

    def np_forward(self, k: int) -> Mention | None:
        """The noun phrase that starts at token `k` (after "said", "according to", a dash)."""
        toks = self.tokens
        if k >= len(toks):
            return None
        t = toks[k]
        if t.low in _ALL_PRONOUNS and t.word:
            return self._by_first.get(k) or self._add(self._pronoun(k))
        if k + 3 < len(toks) and t.low in ("a", "an", "the") and toks[k + 1].low in lexicon.SPEECH_NOUNS \
                and toks[k + 2].low in ("from", "by"):
            return self.np_forward(k + 3)  # said a statement from Hallam Rovers: the club speaks
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

    def _named_in_apposition(self, m: Mention) -> Mention:
        """The name set off right after a description: "says her sister, Carmen Ibarra, 61"."""
        e = m.last_tok + 1
        if m.kind != "desc" or e + 1 >= len(self.tokens) or self.tokens[e].text != ",":
            return m
        name = self._by_first.get(e + 1)
        return name if name is not None and name.kind == "name" and name.evidence else m

    def verb_after(self, m: Mention) -> int | None:
        """Index of the speech verb right after mention `m` (past an appositive and adverbs)."""
        toks, n = self.tokens, len(self.tokens)
        k = m.last_tok + 1
        if k < n and toks[k].text == ",":
            e = k + 1
            while e < n and toks[e].text != "," and not toks[e].q and e - k < 25:
                e += 1
            if e >= n or toks[e].text != ",":
                return None
            k = e + 1
        while k < n and toks[k].word and (toks[k].low in lexicon.AUX_WORDS or toks[k].low.endswith("ly")):
            k += 1
        return k if k < n and self.is_cue(k) else None

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

    # -- queries -------------------------------------------------------------------------------

    def candidates(self) -> list[Mention]:
        """Mentions that could be a speaker, in text order (places and objects left out)."""
        return self._candidates()[0]

    def candidates_before(self, pos: int, limit: int) -> list[Mention]:
        """The last `limit` candidates that start before absolute offset `pos`, in text order."""
        cands, starts = self._candidates()
        k = bisect.bisect_left(starts, pos)
        return cands[max(0, k - limit) : k]

    def _candidates(self) -> tuple[list[Mention], list[int]]:
        self.cues  # noqa: B018  (the cues mark which mentions speak; cues may add mentions)
        if self._cands is None:
            cands = sorted((m for m in self.mentions if m.kind != "place" and (m.subject or m.agent or m.speaks)),
                           key=lambda m: m.start)
            self._cands = (cands, [m.start for m in cands])
        return self._cands

    def description_before(self, ti: int) -> Mention | None:
        """The last description of a person before token `ti` ("the insurance man ... he")."""
        found = None
        for k in range(ti):
            t = self.tokens[k]
            if t.word and (t.low in lexicon.DETERMINERS or t.poss):
                m = self.desc_forward(k, ti - 1)
                if m is not None and lexicon.person_noun(m.head or "") is not None:
                    found = m
        return found

    def token_at(self, pos: int) -> int:
        """Index of the token covering absolute offset `pos` (the nearest one before it)."""
        if self._tok_starts is None:
            self._tok_starts = [t.start for t in self.tokens]
        return max(0, bisect.bisect_right(self._tok_starts, pos) - 1)

    def has_words(self, i: int, j: int) -> bool:
        """True when tokens i..j-1 include a word."""
        return any(t.word for t in self.tokens[i:j])

    def ends_with_colon(self) -> bool:
        """True when the sentence's last token is a colon (a lead-in)."""
        return bool(self.tokens) and self.tokens[-1].text == ":"
