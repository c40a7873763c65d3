"""The text around quotes, read once: masked text, sentences, paragraphs, tokens, mentions, cues.

In: a text, the spans of the quotes in it (masked so that words inside quotes never act as
names or cues), a `NameIndex` and a speech-verb table. Out: a `TextView` whose sentences are
tokenised lazily and cached, each with its name, pronoun and description mentions (in subject
or object position), its speech-verb cues with their subjects, and pronoun resolution to the
most salient compatible mention. Everything is compiled regexes plus small loops over the
tokens of the few sentences near a quote. This module refuses to know what a quote is or how
an attribution is scored: `quotes.attribute` decides that.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterator, Mapping

from quotes import function_words, lexicon
from quotes.mentions import Sentence
from quotes.model import Attribution
from quotes.phrases import Mention, Token, cached_facts, is_person_word, make_tokens
from quotes.speakers import ARTICLE_NAME, NameIndex, fold, is_org, is_place, split_role

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
# A capitalised word; a full stop only after a title abbreviation or an initial (Mr., Dr., J.).
_ABBR = "|".join(sorted((w.capitalize() for w in function_words.ABBREVIATIONS if w.isalpha()), key=len, reverse=True))
_ABBR_LONGEST = max(len(w) for w in _ABBR.split("|"))
# Arabic surnames keep a lower-case article: "al-Mansouri said", "Tariq bin Saleh al-Amiri".
_ARTICLE_NAME = ARTICLE_NAME.pattern + r"[\w’'\-]*"
# (The look-ahead before the abbreviations only spares the engine trying each one in turn.)
_CAPW = (rf"(?<![\w’'\-])(?=[{_UP}\[]|{_ARTICLE_NAME})(?:(?:[{_UP}]\.){{2,}}(?=\s)|(?=[{_UP}]\w{{0,{_ABBR_LONGEST}}}\.)(?:{_ABBR}|[{_UP}])\.(?=\s)"
         rf"|[{_UP}][\w’'\-]*(?!\.\w)|{_ARTICLE_NAME}|\[[{_UP}][^\]\n]{{0,30}}\])")
_PARTICLE_RE = "(?:" + "|".join(sorted(function_words.NAME_PARTICLES | {"of"})) + ")"
# One to five capitalised words, no particles: the names of the fast path ("Jane Okafor said").
NAME_WORDS = rf"{_CAPW}(?:[ \t]+{_CAPW}){{0,4}}"
# Two or more capitalised words: candidate full names, registered before any quote is read.
_RUN = re.compile(rf"{_CAPW}(?:[ \t]+(?:{_PARTICLE_RE}[ \t]+)*{_CAPW})+")
# `_RUN` for a text with no article name (al-, el-): the first word's branches, each taken after
# its first character, in the same order. A pattern that opens on a character class lets the
# regex engine skip to the next capital instead of trying every position (four times faster).
# The first word is taken whole (possessive): a shorter one would be followed by a word
# character, never by the space the next word needs, so giving characters back cannot match.
_ABBR_TAIL = "|".join(f"(?<={re.escape(a[0])}){re.escape(a[1:])}" for a in _ABBR.split("|"))
_FIRST_CAPW = (rf"[{_UP}\[](?<![\w’'\-].)(?:(?<=[{_UP}])\.(?:[{_UP}]\.)+(?=\s)|(?<=[{_UP}])(?=\w{{0,{_ABBR_LONGEST}}}\.)(?:{_ABBR_TAIL}|)\.(?=\s)"
               rf"|(?<=[{_UP}])[\w’'\-]*+(?!\.\w)|(?<=\[)[{_UP}][^\]\n]{{0,30}}\])")
_RUN_CAPITAL = re.compile(rf"{_FIRST_CAPW}(?:[ \t]+(?:{_PARTICLE_RE}[ \t]+)*{_CAPW})+")
# Where a word may open with an Arabic article (a superset of `ARTICLE_NAME`'s starts): found by
# its hyphen, which the engine skips to.
_ARTICLES = ARTICLE_NAME.pattern.removeprefix("(?:").split(")")[0].split("|")
_ARTICLE_HINT = re.compile("-(?:" + "|".join(rf"(?<={a}-)(?<![\w’'\-]{a}-)" for a in _ARTICLES) + r")[^\W\d_]")
# Full stops after an abbreviation or an initial are no sentence end (Mr. Smith, J. Bos, U.S. officials).
_ABBR_FORMS = {form for abbr in function_words.ABBREVIATIONS for form in (abbr, abbr.capitalize(), abbr.upper())}
# One look-behind per length (a look-behind must have a fixed width): a few checks per full stop.
_NOT_AFTER = "".join(
    rf"(?<!\b(?:{'|'.join(re.escape(f) for f in sorted(_ABBR_FORMS) if len(f) == n)})\.)"
    for n in sorted({len(f) for f in _ABBR_FORMS})
) + rf"(?<!\b[{_UP}]\.)"
# A sentence ends at the first stop of a run; the look-behind that says "first" comes after the
# stop, not before it, and the pattern opens on one character class (a stop or a line break,
# each branch checking which it was), so the engine can skip ahead to the next candidate.
SENT_END = re.compile(
    rf"[.!?…\n](?:(?<=[.!?…])(?<![.!?…][.!?…]){_NOT_AFTER}[.!?…]*+[\x00\"”’'»)\]]*+\s+(?=[\"“‘'«(\[]*[{_UP}0-9\x00])"
    r"|(?<=\n)[^\S\n]*\n\s*|(?<=\n)(?=[^\S\n]*[^\sa-z]))"
)
_PARA = re.compile(r"\n[^\S\n]*\n\s*")
_MAX_CHAIN = 24
_end = operator.methodcaller("end")
# Numbers with thousands separators are one token ("some 12,000 owners", not "000 owners").
_TOKEN = re.compile(r"\x00+(?:[.!?…]\x00+)?|\[[^\]\n\x00]{1,40}\]|\d{1,3}(?:,\d{3})+\b|\w+(?:[’'\-.&]\w+)*|[^\w\s]")
# Each token with the space before it: every character that is no space belongs to a token.
_SPACE_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")
_second = operator.itemgetter(1)
# A line that opens with a dash, past Markdown ">" marks: the byline under a pull quote.
_DASH_OPENING = re.compile(r"[\s>]*[—–―-]")
_WORDCHAR = re.compile(r"\w")
APPOSITIVE = re.compile(r"\s*,\s+(?:the|a|an)\s+([^,.;:!?\x00\n]{2,80}?)(?=\s*[,.;:!?\x00\n])")
# A role right after a name's comma, without an article: "Rajesh Kumar, SP (Rural),", "Ann Lee, CEO of Acme,".
_BARE_ROLE_AFTER = re.compile(r"\s*,\s+([A-Za-z][\w.\-]*)(?:[ \t]+(?:and|of|for|at|[A-Za-z][\w.\-]*)){0,5}?(?=\s*[,.;:!?\x00\n(])")
_COMMA_NEXT = re.compile(r"\s*,")
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")
_ROLE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Ii]ts|\b[Hh]is|\b[Hh]er|\b[Tt]heir|[’']s)\s+([^,.;:!?\x00\n]{2,50}?),\s+\Z")
_PRONOUNS = {"he": "m", "she": "f", "they": None, "i": None, "we": None}
_GENDER_WORDS = {"woman": "f", "mother": "f", "wife": "f", "daughter": "f", "girl": "f", "sister": "f",
                 "mum": "f", "mom": "f", "grandmother": "f", "aunt": "f",
                 "man": "m", "father": "m", "husband": "m", "son": "m", "boy": "m", "brother": "m",
                 "dad": "m", "grandfather": "m", "uncle": "m"}
_ROLE_OR_ORG = lexicon.ROLE_WORDS | lexicon.ORG_HEADS | lexicon.ORG_TAILS
person_words = lexicon.PERSON_NOUNS | lexicon.ANONYMOUS_HEADS
# How many candidates before a pronoun in its own sentence may take it (the nearest ones).
_NEAR = 40


class TextView:
    """Masked text with lazily analysed sentences, shared by every quote of one source."""

    def __init__(self, text: str, base: int, spans: list[tuple[int, int]], names: NameIndex,
                 verbs: Mapping[str, str], end: int | None = None,
                 blanks: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.text, self.base, self.names, self.verbs = text, base, names, verbs
        self.end = len(text) if end is None else end
        self.masked = self._mask(spans, blanks)
        n = len(self.masked)
        self._sent_starts = [base] + [base + e for e in map(_end, SENT_END.finditer(self.masked)) if e < n]
        paras = [base] + [base + m.end() for m in _PARA.finditer(self.masked)]
        if len(paras) == 1 and "\n" in self.masked:
            paras += [base + m.end() for m in re.finditer(r"\n\s*", self.masked)]
        self._para_starts = paras
        self._cache: dict[int, Sentence] = {}
        # The last speaker attributed in this text (paragraph index, attribution), kept by the sieve.
        self.last: tuple[int, Attribution] | None = None
        self._resolved: dict[int, Mention | None] = {}
        # Per-sentence facts a caller computes once (attribute: the last cue word of a sentence).
        self.cue_memo: dict[int, int] = {}

    def _mask(self, spans: list[tuple[int, int]], blanks: frozenset[tuple[int, int]]) -> str:
        out, prev = [], self.base
        for s0, e0 in sorted(spans):
            # Spans may overlap or run past the view; the masked text keeps the text's length.
            s, e = max(s0, prev), min(e0, self.end)
            if s >= e:
                continue
            if (s0, e0) in blanks:
                # A nickname inside a name (Declan “Dex” Moorcroft) becomes space: one name run.
                out.append(self.text[prev:s])
                out.append(" " * (e - s))
                prev = e
                continue
            out.append(self.text[prev:s])
            # Keep a closing sentence mark so that “….” Next sentence still splits.
            # i12: behind a two-character close (''…'' or ‘…’”) the mark sits one further back.
            k = e - 3 if e - s > 4 and self.text[e - 2] in "'’\"”" and self.text[e - 3] in ".!?…" else e - 2
            last = self.text[k] if e - s > 2 and self.text[k] in ".!?…" else "\x00"
            out.append("\x00" * (k - s) + last + "\x00" * (e - k - 1) if e - s > 2 else "\x00" * (e - s))
            prev = e
        out.append(self.text[prev : self.end])
        return "".join(out)

    @property
    def n_sentences(self) -> int:
        """Number of sentences in the view."""
        return len(self._sent_starts)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding absolute offset `pos`."""
        return (bisect.bisect_right(self._sent_starts, pos) or 1) - 1  # (max(0, k - 1) without a call)

    def sentence_start(self, i: int) -> int:
        """Absolute start offset of sentence `i`."""
        return self._sent_starts[i]

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding absolute offset `pos`."""
        return (bisect.bisect_right(self._para_starts, pos) or 1) - 1  # (max(0, k - 1) without a call)

    def only_quotes(self, para: int) -> bool:
        """True when paragraph `para` holds nothing but quotes (a floating quote paragraph)."""
        s = self._para_starts[para] - self.base
        e = self._para_starts[para + 1] - self.base if para + 1 < len(self._para_starts) else len(self.masked)
        return _WORDCHAR.search(self.masked, s, e) is None

    def paragraph_masked(self, para: int) -> str:
        """The masked text of paragraph `para` (quotes blanked out)."""
        s = self._para_starts[para] - self.base
        e = self._para_starts[para + 1] - self.base if para + 1 < len(self._para_starts) else len(self.masked)
        return self.masked[s:e]

    def rest_of_sentence_empty(self, pos: int) -> bool:
        """True when no word follows absolute offset `pos` in its sentence."""
        i = self.sentence_of(pos)
        end = self._sent_starts[i + 1] if i + 1 < len(self._sent_starts) else self.end
        return _WORDCHAR.search(self.masked, pos - self.base, end - self.base) is None

    def rest_of_sentence(self, pos: int) -> str:
        """The masked text from absolute offset `pos` to the end of its sentence."""
        i = self.sentence_of(pos)
        end = self._sent_starts[i + 1] if i + 1 < len(self._sent_starts) else self.end
        return self.masked[pos - self.base : end - self.base]

    def colon_before(self, pos: int) -> bool:
        """True when the sentence before the one holding `pos` ends in a colon (a lead-in)."""
        i = self.sentence_of(pos)
        if i == 0:
            return False
        return self.masked[self._sent_starts[i - 1] - self.base : self._sent_starts[i] - self.base].rstrip().endswith(":")

    def opens_with_dash(self, first: int, last: int) -> bool:
        """True when one of sentences first..last opens with a dash, past any ">" marks (a byline line).

        A cheap test on the masked text, so that a caller looking for “…” ⏎ — X need not
        tokenise the sentences after every quote.
        """
        starts, base = self._sent_starts, self.base
        for i in range(max(first, 0), min(last + 1, len(starts))):
            end = starts[i + 1] if i + 1 < len(starts) else self.end
            if _DASH_OPENING.match(self.masked, starts[i] - base, end - base) is not None:
                return True
        return False

    def sentence(self, i: int) -> Sentence:
        """The analysed sentence `i` (cached)."""
        s = self._cache.get(i)
        if s is None:
            end = self._sent_starts[i + 1] if i + 1 < len(self._sent_starts) else self.end
            s = self._cache[i] = Sentence(i, self._sent_starts[i], self._tokens(self._sent_starts[i], end),
                                          self.text, self.names, self.verbs)
        return s

    def _tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of masked text start..end (absolute offsets), found in bulk.

        One findall gives each token with the space before it; the offsets are running sums
        of their lengths. Only a full stop is looked at on its own: after an abbreviation or an
        initial it joins the word before ("Mr." "U.S." "J.").
        """
        base = self.base
        pairs = _SPACE_TOKEN.findall(self.masked, start - base, end - base)
        texts: list[str] = list(map(_second, pairs))
        offsets = list(itertools.accumulate(map(len, itertools.chain.from_iterable(pairs)), initial=start))
        starts, ends = offsets[1::2], offsets[2::2]
        if "." in texts:
            joined: set[int] = set()  # the full stops joined to the word before
            for i in [i for i, t in enumerate(texts) if t == "."]:
                p = i - 1
                while p in joined:
                    p -= 1
                last = texts[p] if p >= 0 else ""
                if last and ends[p] == starts[i] and (
                    cached_facts(last)[3] in function_words.ABBREVIATIONS or (len(last) == 1 and last.isupper())
                    or _INITIALS.fullmatch(last) is not None  # "A.N." Bhatnagar
                ):
                    texts[p], ends[p] = last + ".", ends[i]
                    joined.add(i)
            if joined:
                keep = [i for i in range(len(texts)) if i not in joined]
                texts, starts, ends = [texts[i] for i in keep], [starts[i] for i in keep], [ends[i] for i in keep]
        toks = make_tokens(starts, ends, texts)
        return _drop_name_asides(toks) if self.masked.find("(", start - base, end - base) >= 0 else toks

    def register_names(self, names: NameIndex | None = None) -> None:
        """Record every full name in the text, with roles from titles and appositives."""
        masked, base = self.masked, self.base
        names = names if names is not None else self.names
        pending: list[tuple[str, str, int]] = []
        for m in name_runs(masked):
            parts = _run_names(m.group())
            if not parts:
                continue
            start, stop = m.span()
            after: tuple[str, str] | None = None
            for name, role, rel, single in parts:
                off = start + rel
                pos = base + off
                if single:
                    if role:
                        pending.append((name, role, pos))
                    continue
                names.add(name, pos, role)
                if off == start:  # a lower-case role right before: "city engineer Sione …"
                    before = masked[max(0, off - 40) : off].split()
                    if before and before[-1][:1].islower() and is_person_word(before[-1]):
                        names.add_role(name, " ".join(before[-2:]))
                    # A role before, set off by a comma: "the Health Minister, Anika Pearce" (the
                    # regex runs only where a comma and a space come right before the name).
                    if masked[off - 1 : off].isspace() and (
                            before[-1][-1:] == "," if before else masked[max(0, off - 60) : off].rstrip().endswith(",")):
                        lead = _ROLE_BEFORE.search(masked, max(0, off - 60), off)
                        if lead and any(is_person_word(w.lower()) for w in lead.group(1).split()):
                            names.add_role(name, lead.group(1))
                if after is None:
                    # Both roles after a name are set off by a comma: no comma, no regex.
                    after = _role_after(masked, stop) if _COMMA_NEXT.match(masked, stop) else ("", "")
                if after[0]:
                    names.add_role(name, after[1])  # "the mayor of Y", "Rajesh Kumar, SP (Rural)", "Jane Doe, CEO of Y"
        for name, role, pos in pending:
            full = names.resolve(name, pos, role)
            if names.known(full):
                names.add_role(full, role)
            elif any(w.lower().rstrip(".") in lexicon.ROLE_WORDS and w.lower() not in lexicon.HONORIFICS
                     for w in role.split()):
                names.add(name, pos, role)  # a surname only ever seen with its office: "Mr Justice Pendleton"

    def full_name(self, m: Mention) -> str:
        """The full name a name mention stands for in this source ("Blinken" -> "Antony Blinken")."""
        return self.names.resolve(m.name, m.start, m.role) if m.kind == "name" else m.name

    def is_person(self, m: Mention, spoken: bool = True) -> bool:
        """True when a name mention is known to be a person: a title, a role, a full name, a gender.

        With `spoken`, a name already found speaking counts too ("Moorcroft told me"); a single
        word that speaks may also be a business ("Northline said"), so `recent_company` asks
        without it.
        """
        if m.evidence:
            return True
        name = self.full_name(m)
        # A surname whose full name was given before ("Tobias Wren ... Wren, who ...") is a person.
        return len(name.split()) > 1 or self.names.has_role(name) or self.names.gender(name) is not None or (
            spoken and self.names.has_spoken(name))

    def resolve_pronoun(self, m: Mention, exclude: frozenset[str], nested: bool = False,
                        depth: int = 0) -> Mention | None:
        """The mention a he/she/they stands for: first compatible candidate, nearest sentence first."""
        if m.start in self._resolved:
            return self._resolved[m.start]
        # A chain of pronouns (he … he … he) is followed a few links back, never as deep as the
        # text is long: thousands of quotes in one sentence must not exhaust the stack.
        if depth > _MAX_CHAIN:
            return None
        self._resolved[m.start] = None  # guards against cycles
        gender = _PRONOUNS.get(m.low)
        si = self.sentence_of(m.start)
        para = self.paragraph_of(m.start)
        found: Mention | None = None
        for back in range(8):
            i = si - back
            if i < 0 or para - self.paragraph_of(self._sent_starts[i]) > 2:
                break
            s = self.sentence(i)
            # Salience: within a sentence, people who speak come first, then the others in order
            # ("After Smith left, Jones said …": Jones).
            # In its own sentence, only the nearest candidates before the pronoun (a sentence with
            # thousands of quotes would otherwise be rescanned per pronoun).
            near = s.candidates_before(m.start, _NEAR) if not back else s.candidates()
            cands = sorted(near, key=lambda c: not c.speaks)
            for c in cands:
                ent: Mention | None = c
                if c.kind == "pron":
                    if c.low != m.low:
                        continue
                    ent = self.resolve_pronoun(c, exclude, nested, depth + 1)
                    if ent is None:
                        continue
                if self._compatible(ent, gender, m.low, exclude, c is cands[0]):
                    found = ent
                    break
            if found is None and gender and back:
                found = self._opening_role(s, gender, m.low, exclude)
            if found is not None:
                break
        if found is None and nested:
            s = self.sentence(si)
            found = s.description_before(s.token_at(m.start))
        if found is not None and found.kind == "name" and gender:
            self.names.set_gender(self.full_name(found), gender)
        self._resolved[m.start] = found
        return found

    def gendered_description(self, m: Mention) -> Mention | None:
        """A description of the pronoun's gender just before it ("... from his daughter. “She said")."""
        gender = _PRONOUNS.get(m.low)
        si = self.sentence_of(m.start)
        for i in (si, si - 1):
            if i < 0:
                break
            s = self.sentence(i)
            d = s.description_before(s.token_at(m.start) if i == si else len(s.tokens))
            if d is not None and gender is not None and _GENDER_WORDS.get(d.head or "") == gender:
                return d
        return None

    def recent_person(self, m: Mention, exclude: frozenset[str], depth: int = 0) -> str | None:
        """The named person a definite epithet stands for ("the striker", "the 24-year-old").

        Sports and feature copy name a person, then call them by what they are: the most recent
        person before `m` (nearest sentence first, speakers first), within this paragraph and
        the one before. A description with the same head ("a firefighter ... the firefighter")
        means someone unnamed; a person known by another office ("Mayor Ana Ruiz" for "the
        firefighter") is someone else, though any age fits ("the 31-year-old" is Captain X).
        """
        head = m.head or ""
        heads = lexicon.role_synonyms(head)
        si = self.sentence_of(m.start)
        para = self.paragraph_of(m.start)
        for back in range(5):
            i = si - back
            if i < 0 or para - self.paragraph_of(self._sent_starts[i]) > 1:
                break
            cands = sorted((c for c in self.sentence(i).candidates() if back or c.end <= m.start),
                           key=lambda c: (not c.speaks, -c.start))
            for c in cands:
                if c.kind == "desc" and c.head == head:
                    return None
                if c.kind == "desc" and c.definite and c.speaks and not c.plural and depth < 3 \
                        and lexicon.person_noun(c.head or "") is not None and (c.head or "") not in lexicon.ANONYMOUS_HEADS:
                    # An epithet chain: McAllister ... the 54-year-old said ... the Scot added.
                    named = self.recent_person(c, exclude, depth + 1)
                    if named is not None:
                        return named
                    continue
                if c.kind != "name" or not (c.speaks or self.is_person(c)):
                    continue
                name = self.full_name(c)
                if any(fold(w) in exclude for w in name.split()):
                    continue
                if head != "year-old":  # an age fits anyone; "the firefighter" is not the mayor
                    words = {w.lower().rstrip(".") for r in self.names.roles(name) for w in r.split()}
                    known = words & lexicon.ROLE_WORDS - set(lexicon.HONORIFICS) - {"dr", "prof"}
                    if head == "incumbent":
                        if not known:
                            continue  # the incumbent holds an office: Mayor Dunmore, not her challenger
                    elif known and heads.isdisjoint(words):
                        continue
                return name
        return None

    def recent_company(self, m: Mention) -> str | None:
        """The business a definite "the company" / "the firm" stands for: the nearest earlier one.

        Candidates, as subjects or possessives only ("Northline said", "Brightwater's shares",
        not "an analyst at Hollis Carter Securities"): organisation names, and single
        capitalised words that are not people and either speak or are named at least twice in
        the text (so "Germany's history" is no company).
        """
        si = self.sentence_of(m.start)
        para = self.paragraph_of(m.start)
        for back in range(12):
            i = si - back
            if i < 0 or para - self.paragraph_of(self._sent_starts[i]) > 3:
                break
            s = self.sentence(i)
            s.cues  # noqa: B018  (the cues mark which mentions speak)
            toks = s.tokens
            for k in range(len(toks) - 1, -1, -1):
                t = toks[k]
                if (back == 0 and t.start >= m.start) or (k and toks[k - 1].text == "("):
                    continue  # after the mention, or an abbreviation: "Supply Board (ESB)"
                org = self._company_at(s, t)
                if org is not None:
                    return org
        return None

    def _company_at(self, s: Sentence, t: Token) -> str | None:
        """The business named by the mention ending at token `t`, if any."""
        if not t.cap or t.low in function_words.NON_NAME_WORDS or t.low in lexicon.ROLE_WORDS:
            return None
        for m in s.mentions:
            if m.end == t.end:
                if not m.subject:
                    return None
                if m.kind == "org":
                    return None if m.name.split()[-1].lower() in lexicon.GOVERNMENT_HEADS else m.name
                if m.kind != "name" or " " in m.name or self.is_person(m, spoken=False):
                    return None
                return m.name if m.speaks or self.text.count(m.name) > 1 else None
        bare = t.text[:-2]
        if t.poss and bare.isalpha() and not self.names.known(self.names.resolve(bare)) \
                and self.text.count(bare) > 1:
            return bare  # "Brightwater's shares": a possessive is no mention of its own
        return None

    def _opening_role(self, s: Sentence, gender: str, pron: str, exclude: frozenset[str]) -> Mention | None:
        """A sentence that opens with a definite role ("The mayor was defiant."), for he/she."""
        toks = s.tokens
        if not toks or toks[0].low != "the":
            return None
        d = s.desc_forward(0, min(len(toks) - 1, 6))
        return d if d is not None and self._compatible(d, gender, pron, exclude, False) else None

    def _compatible(self, ent: Mention | None, gender: str | None, pron: str,
                    exclude: frozenset[str], first: bool) -> bool:
        if ent is None:
            return False
        if pron == "they":
            # A group, an organisation, or one unnamed person ("A reader ... wrote. “…,” they write").
            return ent.kind == "org" or (ent.kind == "desc" and ent.speaks and (
                ent.plural or (not ent.definite and (ent.head or "") in lexicon.ANONYMOUS_HEADS)))
        if ent.kind == "desc":
            head = ent.head or ""
            g = _GENDER_WORDS.get(head)
            if ent.plural or (g is not None and gender is not None and g != gender):
                return False
            # he/she stand for people: "a budget office" or "the report" cannot take the pronoun.
            if head not in lexicon.ROLE_WORDS and lexicon.person_noun(head) is None:
                return False
            # "The mayor was defiant. “…,” she said.": a definite role held by a named person.
            holder = self.names.by_role(head, ent.start) if ent.definite and ent.subject else None
            if holder:
                return not any(fold(w) in exclude for w in holder.split())
            return first and ent.speaks
        if ent.kind != "name" or not (ent.speaks or self.is_person(ent)):
            return False
        name = self.full_name(ent)
        if any(fold(w) in exclude for w in name.split()):
            return False
        g = self.names.gender(name)
        return g is None or gender is None or g == gender


def name_runs(masked: str) -> Iterator[re.Match[str]]:
    """The runs of two or more capitalised words in `masked` (`_RUN`'s matches, found faster)."""
    return (_RUN if _ARTICLE_HINT.search(masked) else _RUN_CAPITAL).finditer(masked)


def _drop_name_asides(toks: list[Token]) -> list[Token]:
    """Tokens without a short parenthetical right after a name.

    "Rep. Tomas Ibarra (D-N.M.), the bill's sponsor, told reporters", "the World Health
    Organization (WHO) said": the aside would otherwise stand between the name and its verb.
    """
    if not any(t.text == "(" for t in toks):
        return toks
    out: list[Token] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.text == "(" and out and out[-1].cap:
            e = i + 1
            while e < n and e - i <= 8 and toks[e].text != ")" and not toks[e].q:
                e += 1
            if e < n and toks[e].text == ")":
                i = e + 1
                continue
        out.append(t)
        i += 1
    return out


def _bare(word: str) -> str:
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _split_of(words: list[str], start: int) -> list[tuple[list[str], int]]:
    """Split a capitalised run at "of" unless it belongs to a title ("Secretary of State")."""
    parts: list[tuple[list[str], int]] = []
    cur: list[str] = []
    off = cur_off = start
    for w in words:
        if w == "of" and cur and cur[-1].lower() not in _ROLE_OR_ORG:
            parts.append((cur, cur_off))
            cur, cur_off = [], off + len(w) + 1
        else:
            cur.append(w)
        off += len(w) + 1
    parts.append((cur, cur_off))
    return parts


def _role_after(masked: str, end: int) -> tuple[str, str]:
    """The role set off by a comma after a name ending at `end`: ("app" | "bare" | "", role)."""
    app = APPOSITIVE.match(masked, end)
    if app and any(is_person_word(w) for w in app.group(1).split()):
        return "app", app.group(1)
    bare = _BARE_ROLE_AFTER.match(masked, end)
    if bare is not None and (bare.group(1).isupper() or bare.group(1).lower() in lexicon.ROLE_WORDS):
        return "bare", bare.group(0).strip(" ,")
    return "", ""



@functools.lru_cache(maxsize=32768)
def _run_names(run: str) -> tuple[tuple[str, str | None, int, bool], ...]:
    """(name, role, offset in the run, single word) for each name in a capitalised run.

    Depends on the run's words only, so it is computed once per distinct run: the same names
    come back in article after article.
    """
    out: list[tuple[str, str | None, int, bool]] = []
    for words, off in _split_of(run.split(), 0):
        while words and _bare(words[0]) in function_words.NON_NAME_WORDS:
            words = words[1:]
        while len(words) > 1 and _bare(words[-1]) in function_words.WEEKDAYS:
            words = words[:-1]  # "Mike Pence Thursday said": the day is no part of the name
        for k, w in enumerate(words):
            if w.endswith(("’s", "'s")) and len(w) > 3:  # "Boris Jensen’s government": Boris Jensen
                words = [*words[:k], w[:-2]]
                break
        if not words or is_org(words) or is_place(words):
            continue
        name, role = split_role(" ".join(words))
        if name:
            out.append((name, role, off, len(name.split()) == 1))
    return tuple(out)
