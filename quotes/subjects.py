"""The subject of a speech verb: who a sentence says is speaking.

In: a sentence's tokens and the noun-phrase rules of `quotes.phrases`. Out: the mention that
is the subject of the speech verb at a token, read past auxiliaries ("has repeatedly said"),
appositives and relative clauses ("X, who represents Ward 4, said"), "and" ("she taught
English and wrote"), participles ("…, X said on Wednesday, adding that"), prepositional
phrases ("Thomas Veil of the Sciences Po centre said") and "quoted X as saying". It refuses
to know about other sentences: `quotes.textscan` links sentences and resolves pronouns.
"""

from __future__ import annotations

from quotes import function_words, lexicon
from quotes.phrases import ALL_PRONOUNS, PP_HEADS, Mention, PhraseRules, is_acronym, is_person_word

# Prepositions before a town whose region follows after a comma ("in Ames, Iowa,").
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "outside"])
# Verbs that follow a long appositive with commas inside: "X, now 81 and retired in Salem, Mass., said".
_SAY_LEMMAS = frozenset(["say", "tell", "add", "write", "explain", "note", "ask", "recall", "reply", "respond"])
# Prepositions whose object is never the subject of a participle after it ("posted on Twitter reading").
_OBJECT_PREPOSITIONS = frozenset(["on", "in", "at", "to", "for", "from", "into", "onto", "via", "about"])
# Adverbs before a fronted phrase's opener ("Even before X spoke, …", "Long after …,").
_OPENER_ADVERBS = frozenset(["ever", "back", "even", "just", "only", "right", "long", "shortly", "soon", "well", "minutes", "hours", "days", "weeks", "months", "years", "moments"])
# Time nouns that end a short fronted phrase before a comma ("The next day, …", "Last week, …").
_TIME_NOUNS = frozenset(["day", "days", "week", "weeks", "month", "months", "year", "years", "night", "morning", "afternoon", "evening", "weekend", "time"])
# Determiners that may open the main clause's subject after a fronted phrase ("…, his campaign sent").
_CLAUSE_DETERMINERS = frozenset(["the", "his", "her", "their", "its"])
# Days that may stand between a subject and its verb ("Hale on Wednesday called"), and the
# words before them.
_DAY_PREFIXES = frozenset(["on", "late", "early", "last", "this"])
# Dashes that close a dateline or an appositive ("DENVER —", "a candidate -- X, who … -- said").
_DASHES = frozenset(["-", "—", "–", "--"])
# Words right before a mention that may end a subject's postmodifier ("to X", "by The X").
_POSTMODIFIER_ENDS = frozenset(["to", "by", "the"])
# Tokens that end the clause a postmodified subject is looked for in.
_CHUNK_STOPS = frozenset(",;:()—–")
# Words that open a fronted phrase up to a comma ("After the Denver floods, X …", "Like Hale,
# X …"): a name inside it is no subject of the main clause.
_FRONTED_OPENERS = function_words.SUBORDINATORS | frozenset(
    ["like", "unlike", "during", "following", "amid", "despite", "before", "after", "in", "at", "on", "with", "without", "among", "shortly", "soon"])


class SubjectRules(PhraseRules):
    """Speech-verb subject rules over a sentence's tokens and mentions."""

    def _skip_aux(self, j: int) -> int:
        toks = self.tokens
        while j >= 0 and toks[j].word:
            if toks[j].low in function_words.WEEKDAYS and toks[j].cap:
                # "X on Wednesday called", "X late Thursday told": a day between subject and verb
                j -= 2 if j >= 1 and toks[j - 1].low in _DAY_PREFIXES else 1
            elif not toks[j].cap and (
                toks[j].low in function_words.AUX_WORDS
                or (toks[j].low.endswith("ly") and len(toks[j].low) > 4 and toks[j].low not in function_words.NOT_ADVERBS)
            ):
                j -= 1
            else:
                break
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
            if j >= 0 and toks[j].word and not toks[j].cap and toks[j].low not in ALL_PRONOUNS \
                    and not is_person_word(toks[j].low):
                j = self._skip_aux(j - 1)  # the verb before "to": "used", "refused", "wanted"
        if j < 0:
            return None
        t = toks[j]
        if t.q and j > 0 and toks[vi].low.endswith("ing"):
            # "X hailed the vote as “fantastic,” telling reporters" / "she stated, “…,” adding":
            # the participle after a quote shares the subject of the speech verb before the
            # quote, else the clause's; "reporters" is no inverted speaker.
            for k in range(j - 1, max(-1, j - 12), -1):
                if toks[k].text in ";:" or toks[k].q:
                    break
                if self.is_cue(k) and not toks[k].low.endswith("ing") and not self._nominal(k):
                    m = self._cue_subject(k)
                    if m is not None:
                        return m
                    break
            m = self.main_subject(j)
            if m is not None:
                return m
        if t.low == "that" and j >= 1 and toks[j - 1].word:
            # "a television ad that claims …": right before its verb, "that" is a relative
            # pronoun standing for the noun before it (a complementiser would have a subject next).
            m = self._np_at(j - 1)
            if m is not None:
                return m
        if t.low in ("who", "which") and not is_acronym(toks, j):
            k = j - 1
            if k >= 0 and toks[k].text == ",":
                return self._across_commas(k)  # "X, an analyst at Y, who quoted …"
            return self._np_at(k) if k >= 0 else None
        if t.text == ",":
            if toks[vi].low.endswith("ing"):
                # "…, Fed Chair Jerome Powell said on Wednesday, adding that": the participle
                # shares the subject of the speech verb before it, else the main clause's.
                for k in range(j - 1, max(self._opener_end(), j - 12), -1):  # (not into a fronted clause)
                    if toks[k].text in ";:" or (toks[k].q and k < j - 1):
                        break
                    if self.is_cue(k) and not toks[k].low.endswith("ing") and not self._nominal(k):
                        m = self._cue_subject(k)
                        if m is not None and m.first_tok >= 1 and toks[m.first_tok - 1].low == "that" \
                                and m.kind != "pron":
                            continue  # "X repeated claims that Y recites …, calling him": the clause's verb is not X's
                        return m or self.main_subject(vi)
                return self.main_subject(vi)
            return self._across_commas(j)
        if t.text in _DASHES and j >= 2:
            # "A former candidate -- Tom Hale, who lost in 2008 -- said": the phrase before the
            # dashes speaks, or the name that opens them.
            e = j
            while e >= 1 and toks[e - 1].text == t.text:
                e -= 1  # ("--" may come as two tokens)
            for k in range(e - 1, max(0, e - 25), -1):
                if toks[k].q or toks[k].text in ";:":
                    break
                if toks[k].text == t.text:
                    named = self._by_first.get(k + 1)
                    if named is not None and named.kind == "name":
                        return named
                    while k >= 1 and toks[k - 1].text == t.text:
                        k -= 1
                    return self._np_at(k - 1) if k >= 1 else None
        if t.low in ("and", "but", "or"):
            # "she taught high school English in Nogales and wrote": the verb shares a subject,
            # never the object of the clause before ("English in Nogales" is no speaker).
            return self._parallel_subject(j) or self._nearest_subject(j) or self.main_subject(j)
        m = self._np_at(j) or self._pp_subject(j)
        if m is not None and m.first_tok >= 2 and toks[m.first_tok - 1].low in _POSTMODIFIER_ENDS \
                and not toks[vi].low.endswith("ing"):
            head = self._postmodified_head(m)
            if head is not None:
                return head
        after_prep = m is not None and m.first_tok > 0 and toks[m.first_tok - 1].low in _OBJECT_PREPOSITIONS
        if m is not None and not m.subject and toks[vi].low.endswith("ing") and (m.kind in ("desc", "org") or after_prep) \
                and not (m.first_tok > 0 and toks[m.first_tok - 1].low in ("with", "without")):
            # "The senator emailed supporters saying": the object before a participle is not its
            # subject; the clause's subject is.
            return self.main_subject(j) or m
        if m is not None:
            return m
        return self._clause_description(j)

    def _postmodified_head(self, m: Mention) -> Mention | None:
        """The document or description that a "to"/"by" phrase ending in `m` modifies.

        "Hale's email to his supporters notes that", "A letter from the Trust obtained by The
        Ledger warns that": a finite verb right after "to X"/"by X" has the phrase before as
        its subject, not X.
        """
        toks, f = self.tokens, m.first_tok
        if f >= 1 and toks[f - 1].low == "the":
            f -= 1  # "by The Daily Ledger"
        if f < 2 or toks[f - 1].low not in ("to", "by") or not toks[f - 2].word or toks[f - 2].cap \
                or (self.is_cue(f - 2) and toks[f - 2].low not in lexicon.DOCUMENT_NOUNS) \
                or toks[f - 2].low in function_words.AUX_WORDS:
            return None
        for k in range(f - 2, max(-1, f - 14), -1):
            u = toks[k]
            if u.q or u.text in _CHUNK_STOPS:
                return None
            if u.low in lexicon.DOCUMENT_NOUNS and not u.poss:
                d = self._document_start(k)
                if d is not None:
                    return self._by_last.get(k) or self._document(d, k)
        return None

    def subject_at(self, vi: int) -> Mention | None:
        """The subject of the verb at token `vi`, by the speech-verb rules (for verbs outside the lexicon)."""
        return self._subject_of(vi)

    def _nominal(self, k: int) -> bool:
        """True when the speech-verb form at `k` is a noun: "a Twitter comment", "her reply"."""
        toks = self.tokens
        d = k - 1
        if d >= 1 and toks[d].cap and toks[d - 1].low in function_words.NOUN_MARKERS:
            d -= 1  # "a Twitter comment"
        return d >= 0 and toks[d].low in function_words.NOUN_MARKERS

    def main_subject(self, j: int) -> Mention | None:
        """The first subject mention before token `j` (no region after a place), or the clause's description."""
        limit = self.tokens[j].start if j < len(self.tokens) else 1 << 60
        # Sorted once per set of mentions (they are only ever added): a sentence with thousands
        # of quotes asks this for each of them.
        cached = self.__dict__.get("_by_start")
        if cached is None or cached[0] != len(self.mentions):
            cached = (len(self.mentions), sorted(self.mentions, key=lambda m: m.start))
            self.__dict__["_by_start"] = cached
        opener = self._opener_end()
        for m in cached[1]:
            if m.start >= limit:
                break
            if m.subject and m.kind in ("name", "pron", "org") and m.first_tok > opener \
                    and not self._region_of_place(m):
                return m
        return self._clause_head(opener + 1, j) or self._clause_description(j)

    def _clause_head(self, c0: int, j: int) -> Mention | None:
        """A description or document that opens the main clause at token `c0`, before token `j`.

        "The Denver senator sought to calm …, saying", "Hale's letter makes a case: “…”": with no
        name in subject position, the phrase that opens the clause is the subject.
        """
        toks = self.tokens
        if c0 >= j or c0 >= len(toks) or not toks[c0].word:
            return None
        for k in range(c0 + 1, min(j, c0 + 4)):
            m = self._by_first.get(k)
            if toks[k - 1].poss and m is not None and m.kind == "name" and all(t.cap for t in toks[c0:k]):
                return m  # "The Ledger’s Tom Hale provided …, saying": the name after an outlet's possessive
        for k in range(c0, min(j, c0 + 5)):
            if toks[k].low in lexicon.DOCUMENT_NOUNS and not toks[k].poss and self._document_start(k) == c0:
                return self._by_last.get(k) or self._document(c0, k)
        m = self.desc_forward(c0, min(j - 1, c0 + 8))
        return m if m is not None and m.first_tok == c0 and not m.plural else None

    def _opener_end(self) -> int:
        """The comma or dash that closes a fronted phrase or a dateline at the sentence start, else -1.

        "After the Denver floods, Ruiz released …", "Like Hale, Ruiz …", "DENVER, Colo. - Judge
        X issued …": a name inside the opener is no subject of the main clause.
        """
        cached = self.__dict__.get("_opener")
        if cached is not None:
            return int(cached)
        toks, end = self.tokens, -1
        if toks and toks[0].word:
            first = toks[0]
            if first.text.isupper() and len(first.text) > 2 and len(toks) > 1 and toks[1].text == ",":
                for k in range(2, min(len(toks) - 1, 14)):
                    if toks[k].q or toks[k].text in ";:":
                        break
                    if toks[k].text in _DASHES:
                        end = k  # the dateline: "DENVER, Dec. 8 (UPI) —"
                        break
            s0 = end + 1
            if s0 < len(toks) - 1 and toks[s0].word:
                first = toks[s0]
                fronted = first.low in _FRONTED_OPENERS or (
                    first.low in _OPENER_ADVERBS and toks[s0 + 1].low in _FRONTED_OPENERS)
                if not fronted:
                    for k in range(s0, min(s0 + 4, len(toks) - 1)):
                        if toks[k + 1].text == "," and toks[k].low in _TIME_NOUNS:
                            fronted = True
                            break
                # ("Even before X spoke, …", "Hours after …,", "The next day, …", "DENVER — In response to …,")
                for k in range(s0 + 1, min(len(toks) - 1, s0 + 30)) if fronted else ():
                    u = toks[k]
                    if u.q or u.text in ";:":
                        break
                    if u.text == "," and (toks[k + 1].cap or toks[k + 1].low in ALL_PRONOUNS
                                          or toks[k + 1].low in _CLAUSE_DETERMINERS):
                        end = k  # the main clause starts with its subject; a comma before a lower-case
                        break    # word is an appositive inside the opener ("While X, representing Y, said")
        self.__dict__["_opener"] = end
        return end

    def _region_of_place(self, m: Mention) -> bool:
        """True for the state or country in "in Salem, New Hampshire," / "at a rally in Ames, Iowa,".

        After a comma it looks like a subject, but it only places the town before it.
        """
        toks, f = self.tokens, m.first_tok
        if f < 3 or toks[f - 1].text != "," or m.last_tok + 1 >= len(toks) or toks[m.last_tok + 1].text not in ",.":
            return False
        k = f - 2
        while k >= 0 and toks[k].cap and f - 2 - k < 4:
            k -= 1  # the town: "Des Moines", "Salt Lake City"
        return f - 2 > k >= 0 and toks[k].low in _PLACE_PREPOSITIONS

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
                opener = u.low in function_words.SUBORDINATORS  # "After Y warned ...": not the main clause
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
            if not u.word or u.low in function_words.AUX_WORDS or self.is_cue(k):
                return None
            if u.low in PP_HEADS:
                m = self._np_at(k - 1) if k >= 1 else None
                return m if m is not None and m.kind == "name" else None
        return None

    def verb_after(self, m: Mention) -> int | None:
        """Index of the speech verb right after mention `m` (past an appositive and adverbs)."""
        toks, n = self.tokens, len(self.tokens)
        k = m.last_tok + 1
        if k < n and toks[k].text == ",":
            # One appositive, or one with a town and state inside ("Mr. Dorn, now 81 and
            # retired in Salem, Mass., said"): up to three commas, 25 tokens in all.
            start, e = k, k + 1
            for seg in range(3):
                while e < n and toks[e].text != "," and not toks[e].q and e - start < 25:
                    e += 1
                if e >= n or toks[e].text != ",":
                    return None
                j = e + 1
                while j < n and toks[j].word and (toks[j].low in function_words.AUX_WORDS or toks[j].low.endswith("ly")):
                    j += 1
                if j < n and self.is_cue(j) and (seg == 0 or self.verbs.get(toks[j].low) in _SAY_LEMMAS):
                    return j  # past a second comma only "said" and its kin ("…, Fla., charged a fee")
                e += 1
            return None
        while k < n and toks[k].word and (toks[k].low in function_words.AUX_WORDS or toks[k].low.endswith("ly")):
            k += 1
        return k if k < n and self.is_cue(k) else None
