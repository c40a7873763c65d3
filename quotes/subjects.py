"""The subject of a speech verb: who a sentence says is speaking.

In: a sentence's tokens and the noun-phrase rules of `quotes.phrases`. Out: the mention that
is the subject of the speech verb at a token, read past auxiliaries ("has repeatedly said"),
appositives and relative clauses ("X, who represents Ward 4, said"), "and" ("she taught
English and wrote"), participles ("…, X said on Wednesday, adding that"), prepositional
phrases ("Thomas Veil of the Sciences Po centre said") and "quoted X as saying". It refuses
to know about other sentences: `quotes.textscan` links sentences and resolves pronouns.
"""

from __future__ import annotations

from quotes import function_words
from quotes.phrases import ALL_PRONOUNS, PP_HEADS, Mention, PhraseRules, is_acronym, is_person_word

# Prepositions before a town whose region follows after a comma ("in Ames, Iowa,").
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "outside"])
# Verbs that follow a long appositive with commas inside: "X, now 81 and retired in Salem, Mass., said".
_SAY_LEMMAS = frozenset(["say", "tell", "add", "write", "explain", "note", "ask", "recall", "reply", "respond"])
# Prepositions whose object is never the subject of a participle after it ("posted on Twitter reading").
_OBJECT_PREPOSITIONS = frozenset(["on", "in", "at", "to", "for", "from", "into", "onto", "via", "about"])


class SubjectRules(PhraseRules):
    """Speech-verb subject rules over a sentence's tokens and mentions."""

    def _skip_aux(self, j: int) -> int:
        toks = self.tokens
        while j >= 0 and toks[j].word and not toks[j].cap and (
            toks[j].low in function_words.AUX_WORDS
            or (toks[j].low.endswith("ly") and len(toks[j].low) > 4 and toks[j].low not in function_words.NOT_ADVERBS)
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
                for k in range(j - 1, max(-1, j - 12), -1):
                    if toks[k].text in ";:" or (toks[k].q and k < j - 1):
                        break
                    if self.is_cue(k) and not toks[k].low.endswith("ing") and not self._nominal(k):
                        return self._cue_subject(k) or self.main_subject(vi)
                return self.main_subject(vi)
            return self._across_commas(j)
        if t.low in ("and", "but", "or"):
            # "she taught high school English in Nogales and wrote": the verb shares a subject,
            # never the object of the clause before ("English in Nogales" is no speaker).
            return self._parallel_subject(j) or self._nearest_subject(j) or self.main_subject(j)
        m = self._np_at(j) or self._pp_subject(j)
        after_prep = m is not None and m.first_tok > 0 and toks[m.first_tok - 1].low in _OBJECT_PREPOSITIONS
        if m is not None and not m.subject and toks[vi].low.endswith("ing") and (m.kind in ("desc", "org") or after_prep) \
                and not (m.first_tok > 0 and toks[m.first_tok - 1].low in ("with", "without")):
            # "The senator emailed supporters saying": the object before a participle is not its
            # subject; the clause's subject is.
            return self.main_subject(j) or m
        if m is not None:
            return m
        return self._clause_description(j)

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
        for m in cached[1]:
            if m.start >= limit:
                break
            if m.subject and m.kind in ("name", "pron", "org") and not self._region_of_place(m):
                return m
        return self._clause_description(j)

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
