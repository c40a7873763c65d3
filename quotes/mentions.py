"""One sentence, read for attribution: tokens, the people mentioned in it, and its speech cues.

In: the tokens of one sentence (quotes already masked into single placeholder tokens), the
source's `NameIndex` and a speech-verb table. Out: a `Sentence` with its `Mention`s (capitalised
names with titles split off, pronouns, and the descriptions that speak: "a nurse at the clinic"),
each marked as subject or object, and its `cues`: every speech verb with the mention that is
its subject ("X, who represents Ward 4, said"; "he looked ... and said"; "..., adding that").
This module finds the names and builds the mention list; the noun-phrase rules live in
`quotes.phrases` and the speech-verb subject rules in `quotes.subjects`. It refuses to know
about other sentences: `quotes.textscan` links sentences and resolves pronouns.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping

from quotes import function_words, lexicon
from quotes.phrases import Mention, Token, is_acronym, is_person_word
from quotes.speakers import NameIndex, is_org, is_place, split_role
from quotes.subjects import SubjectRules

_PARTICLES = function_words.NAME_PARTICLES
_PRONOUNS = frozenset({"he", "she", "they"})
# Prepositions after which a name is the source of words, not their subject ("came from X").
_AGENT_MARKERS = frozenset({"from", "by", "of"})
_ROLE_OR_ORG = lexicon.ROLE_WORDS | lexicon.ORG_HEADS | lexicon.ORG_TAILS


# Organisation units named by a number: "IAFF Local 2290", "American Legion Post 12".
_NUMBERED_UNITS = frozenset({"local", "lodge", "chapter", "post", "unit", "station", "precinct", "branch"})
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][\w.]*")


@functools.lru_cache(maxsize=32768)
def _is_org(text: str) -> bool:
    """`is_org` of a name's words, once per distinct name (the same names recur across sentences)."""
    return is_org(text.split())


@functools.lru_cache(maxsize=32768)
def _is_place(text: str) -> bool:
    """`is_place` of a name's words, once per distinct name."""
    return is_place(text.split())


# `split_role` of a name, once per distinct name.
_split_role = functools.lru_cache(maxsize=32768)(split_role)



class Sentence(SubjectRules):
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
            tokens, verbs = self.tokens, self.verbs
            self._cues = []
            # Only a speech-verb form (or "put" of "as X put it") can be a cue: the rest are
            # passed over without a call per token.
            for i in [i for i, t in enumerate(tokens) if t.low in verbs or t.low == "put"]:
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
        # Only a pronoun or a capitalised word opens a mention: the loop visits those alone.
        for k in [k for k, t in enumerate(toks) if t.cap or (t.word and t.low in _PRONOUNS)]:
            if k < i:
                continue  # inside the name before, or the dateline
            t = toks[k]
            if t.word and t.low in _PRONOUNS:
                self._add(self._pronoun(k))
                i = k + 1
                continue
            j = k + 1
            while j < n:
                u = toks[j]
                joins = j + 1 < n and toks[j + 1].cap and (
                    u.low in _PARTICLES or (u.low == "of" and toks[j - 1].low in _ROLE_OR_ORG))
                numbered = u.text.isdigit() and toks[j - 1].low in _NUMBERED_UNITS  # "IAFF Local 2290"
                if (u.cap and not toks[j - 1].poss) or joins or numbered:
                    j += 1
                else:
                    # Lower-case role words between capitals: "Public health director Aroha ...".
                    r = j
                    while r < n and r - j < 3 and toks[r].word and not toks[r].cap and is_person_word(toks[r].low):
                        r += 1
                    if r > j and r < n and toks[r].cap:
                        j = r
                        continue
                    break
            self._add_name(k, j - 1)
            i = j

    def _pronoun(self, i: int) -> Mention:
        t = self.tokens[i]
        # he/she/they/I/we are nominative: always a subject, whatever precedes them.
        return Mention(t.start, t.end, t.text, "pron", t.low, i, i, subject=True)

    def _add_name(self, i: int, j: int) -> None:
        toks = self.tokens
        first = i
        while i <= j and toks[i].low in function_words.NON_NAME_WORDS and toks[i].low not in lexicon.HONORIFICS \
                and not is_acronym(toks, i):
            i += 1
        while j > i and toks[j].low in function_words.WEEKDAYS:
            j -= 1  # "said Tom Hale Wednesday": the day is no part of the name
        if i > j or toks[j].poss:
            return  # nothing left, or a possessive ("Lavrov's press conference") that is no mention
        if i == j and _PARTY_TAG.fullmatch(toks[i].text):
            return  # AP's party and home town: "state Sen. Alicia Ferreira-Holt, D-Wilmington,"
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.word and not nxt.cap and not nxt.poss and is_person_word(nxt.low):
            # A modifier, not a person: "The United Nations envoy, Helga Strandberg", "Biden aides".
            self.desc_forward(first, min(len(toks) - 1, j + 9))
            return
        text = self.text[toks[i].start : toks[j].end]
        if j > i and any(toks[k + 1].start - toks[k].end > 1 for k in range(i, j)):
            text = " ".join(t.text for t in toks[i : j + 1])  # a nickname blanked out, or a line break
        words = text.split()
        definite = i > 0 and toks[i - 1].low == "the"
        at = i - 1 if definite else i
        if lexicon.person_noun(toks[j].low) is not None and (i == j or toks[j].low != toks[j].text.lower()):
            self.desc_forward(i, j)  # "Officials", "Health officials", "Police": a description
            return
        m = Mention(toks[i].start, toks[j].end, text, "name", text.lower(), i, j,
                    subject=self._subject_pos(at), agent=self._agent_pos(at), definite=definite)
        if definite and i == j and (toks[i].low in lexicon.ROLE_WORDS or (
                toks[i].text.isupper() and self.names.is_role_word(toks[i].low))):
            # "the Premier", "the CEO", "the SP" (after "Rajesh Kumar, SP (Rural)"): an office.
            m.kind, m.head, m.role = "desc", toks[i].low, text
        elif _is_org(text) or (definite and i == j and not self.names.known(self.names.resolve(text))) or (
                j > i and toks[j].text.isdigit() and toks[j - 1].low in _NUMBERED_UNITS):
            m.kind, m.name = "org", " ".join(words)
        elif _is_place(text) and not (j + 1 < len(toks) and self.is_cue(j + 1)):
            m.kind = "place"  # (a place name followed by "said" is a person: "Lena Park said")
        else:
            name, role = _split_role(text)
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
        if p.q or not p.word or (p.low in function_words.SUBJECT_OPENERS and p.low not in _AGENT_MARKERS):
            return True
        if p.low in function_words.NON_NAME_WORDS and p.cap:
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
            if t.word and (t.low in function_words.DETERMINERS or t.poss):
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
        tokens = self.tokens  # no slice: a sentence can hold tens of thousands of tokens
        return any(tokens[k].word for k in range(i, min(j, len(tokens))))

    def ends_with_colon(self) -> bool:
        """True when the sentence's last token is a colon (a lead-in)."""
        return bool(self.tokens) and self.tokens[-1].text == ":"
