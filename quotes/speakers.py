"""Names: a person's canonical name within one source, and one identity across sources.

In: name mentions as written ("U.S. Secretary of State Antony Blinken", "Mr Zahrani-Holt",
"the mayor") while attribution runs, and finally the attributed Documents of a whole run.
Out: (name, role) splits, a per-source `NameIndex` that maps surname, title and role forms
to the full name mentioned elsewhere in the source, and `link_speakers`, which merges
transliterations and surname-plus-initial forms across sources (rapidfuzz) and gives each
quote a stable `speaker_id`. This module refuses to know where mentions come from in the
text: finding them is the attribution step's job.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs
from rapidfuzz import fuzz, process

from quotes import function_words, lexicon
from quotes.model import Attribution, Document, Quote

_PARTICLES = function_words.NAME_PARTICLES
_ORG_WORDS = lexicon.ORG_HEADS | lexicon.ORG_TAILS
_SLUG = re.compile(r"[^a-z0-9]+")
# A first name written as an initial ("S. Lavrov", "J Smith").
_INITIAL = re.compile(r"^[A-Z]\.?$")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case `text` and drop accents and dots, for comparing names (Magnúsdóttir ~ magnusdottir)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")
    return text.replace(".", "").casefold()


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A stable ASCII identifier for a name: "Sergey Lavrov" -> "sergey-lavrov"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-") or "unknown"


def _clean_token(token: str) -> str:
    # "[Vladimir]" is an editor's insertion of a real first name: keep the name, drop brackets.
    return token.strip("[]")


def is_org(words: Sequence[str]) -> bool:
    """True when a capitalised run names an organisation ("State Department", "the Kremlin")."""
    if not words:
        return False
    last = words[-1].lower()
    if last in _ORG_WORDS or (len(words[-1]) > 1 and words[-1].isupper()):
        return True
    if last.endswith("s") and last[:-1] in _ORG_WORDS:
        return True  # "Federation of German Consumer Organisations", "Emergency Services"
    # "Union of Tourist Rental Hosts", "Ministry of Health": an organisation head, then "of" and
    # a capitalised name; not "Department of Education Secretary Miguel Cardona" (a title).
    return (len(words) > 2 and words[0].lower() in _ORG_WORDS and words[1] == "of"
            and all(w[:1].isupper() and w.lower() not in lexicon.ROLE_WORDS for w in words[2:]))


def is_place(words: Sequence[str]) -> bool:
    """True when a capitalised run names a place ("Eastshore Road", "Harlow Bay"), not "Lena Park"."""
    if not words or words[-1].lower() not in lexicon.PLACE_HEADS:
        return False
    first = fold(words[0])
    return lexicon.given_name_gender(first) is None


# An Arabic surname with its lower-case article ("al-Mansouri", "al-Khatib told") is a
# capitalised name word, not a title (shared by the name scanners of mentions and textscan).
ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|an|at|ash|az)-[^\W\d_]")


def _is_role_token(token: str) -> bool:
    low = token.lower()
    return (
        low in lexicon.ROLE_WORDS
        or low in lexicon.HONORIFICS
        or low in lexicon.DEMONYMS
        or low.rstrip(".") in lexicon.HONORIFICS
        or (token[:1].islower() and low not in _PARTICLES and not ARTICLE_NAME.match(token))
        # "Economist Thomas Veil", "Resident Tom Whitlock"; not "Baker Mayfield" (a given name).
        or (lexicon.person_noun(low) is not None and low not in lexicon.NAME_LIKE_NOUNS)
    )


@functools.lru_cache(maxsize=65536)
def split_role(mention: str) -> tuple[str, str | None]:
    """Split a mention into (name, role): "Mayor Odalys Ferreira-Quint" -> ("Odalys Ferreira-Quint", "Mayor")."""
    words = [_clean_token(w) for w in mention.split()]
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return "", None
    if is_org(words):
        return " ".join(words), None
    if words[-1].lower() in lexicon.ROLE_WORDS and words[-1].lower() not in lexicon.HONORIFICS:
        return "", " ".join(words)  # "the Secretary of State", "the mayor": a role, no name
    # The rightmost role word before the last token ends the title; the rest is the name.
    cut = -1
    for i in range(len(words) - 2, -1, -1):
        if _is_role_token(words[i]):
            cut = i
            break
    if cut < 0 and words[-1][:1].islower() and not ARTICLE_NAME.match(words[-1]):
        return "", " ".join(words)
    name = " ".join(words[cut + 1 :])
    role = " ".join(words[: cut + 1]) or None
    return name, role


def gender_of(name: str, role: str | None = None) -> str | None:
    """'m', 'f' or None from an honorific in `role`, the given name, or a Slavic surname ending."""
    return _gender_evidence(name, role)[0]


def honorific_gender(role: str | None) -> str | None:
    """The gender an honorific in `role` says ("Mr." m, "Ms" f), else None."""
    for word in (role or "").split():
        g = lexicon.HONORIFICS.get(word.lower())
        if g:
            return g
    return None


@functools.lru_cache(maxsize=65536)
def _gender_evidence(name: str, role: str | None) -> tuple[str | None, int]:
    """Gender and how sure: 3 honorific, 2 given name, 1 surname ending, 0 nothing."""
    g = honorific_gender(role)
    if g is not None:
        return g, 3
    words = name.split()
    if not words:
        return None, 0
    if len(words) > 1:
        g = lexicon.given_name_gender(fold(words[0]))
        if g is not None:
            return g, 2
    # Slavic and Baltic surnames mark gender in their ending (Sorokina-Hale, Zakharova, Lavrov);
    # only a guess: outside those languages (Ms. Kwiatkowski in Ohio) an honorific overrides it.
    last = fold(words[-1]).split("-")[0]
    if len(last) > 5 and last.endswith(lexicon.FEMALE_SURNAME_ENDINGS):
        return "f", 1
    if len(last) > 4 and last.endswith(lexicon.MALE_SURNAME_ENDINGS):
        return "m", 1
    return None, 0


@attrs.define
class _Person:
    name: str
    first_pos: int
    roles: list[str] = attrs.Factory(list)
    gender: str | None = None
    certainty: int = 0  # of the gender: see `_gender_evidence`


# Generational suffixes after a surname ("Charles Ellery III").
_NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, ...]:
    """The keys a full name is found by: folded surname, given name, a middle surname, hyphen parts.

    Depends on the name only, so it is computed once per distinct name (the same names come back
    in article after article). A key may repeat: the name is then listed twice under it.
    """
    words = name.split()
    if len(words) > 2 and fold(words[-1]).rstrip(".") in _NAME_SUFFIXES:
        words = words[:-1]  # "Charles Ellery III", "Martin Luther King Jr.": the surname is before the suffix
    keys = {fold(words[-1]), fold(words[0])}
    if len(words) == 3 and words[1][:1].isupper() and len(words[1]) > 2:
        keys.add(fold(words[1]))  # "Marta Acosta Ferrer": "Ms. Acosta" (a compound surname)
    return (*sorted(keys), *(part for part in fold(words[-1]).split("-") if len(part) > 2))


class NameIndex:
    """Full names seen in one source, so that surname, title and role forms map back to them."""

    def __init__(self, loader: Callable[[NameIndex], None] | None = None) -> None:
        self._people: dict[str, _Person] = {}
        self._by_key: dict[str, list[str]] = {}
        self._spoke: set[str] = set()  # names already attributed a quote by a cue in this source
        self._role_words: set[str] = set()  # every word of every role seen
        # Registration is deferred until a query needs it: most quotes name their speaker in full.
        self._loader = loader

    def detach(self) -> None:
        """Drop a loader that was never needed (it may hold the whole text view alive)."""
        self._loader = None

    def _ensure(self) -> None:
        if self._loader is not None:
            loader, self._loader = self._loader, None
            loader(self)

    def add(self, name: str, pos: int, role: str | None = None) -> str:
        """Register a full name (two words or more) mentioned at `pos`; returns its canonical form."""
        person = self._people.get(name)
        if person is None:
            gender, certainty = _gender_evidence(name, role)
            person = self._people[name] = _Person(name, pos, gender=gender, certainty=certainty)
            by_key = self._by_key
            for key in _name_keys(name):
                hits = by_key.get(key)
                if hits is None:
                    by_key[key] = [name]
                else:
                    hits.append(name)
        if role:
            self.add_role(name, role)
        return name

    def add_role(self, name: str, role: str) -> None:
        """Remember a role for a known person ("mayor of Harlow Bay"); honorifics also set gender."""
        person = self._people.get(name)
        if person is None:
            return
        if role not in person.roles:
            person.roles.append(role)
            self._role_words.update(role.lower().split())
        gender, certainty = _gender_evidence(name, role)
        if gender is not None and certainty > person.certainty:
            person.gender, person.certainty = gender, certainty  # "Ms." beats a surname ending

    def known(self, name: str) -> bool:
        """True when `name` is a registered full name."""
        self._ensure()
        return name in self._people

    def resolve(self, name: str, pos: int = 0, role: str | None = None) -> str:
        """Map "Blinken", "Mr. Blinken" or "A. Blinken" to the full name mentioned in this source.

        With the `role` written before the surname, an honorific's gender must fit: after "his
        daughter, Ruth Alvarez", "Mr. Alvarez" is not Ruth.
        """
        words = name.split()
        if not words:
            return name
        if len(words) > 1 and not _INITIAL.match(words[0]):
            return name
        self._ensure()
        hits = self._by_key.get(fold(words[-1]), ())
        if len(words) > 1:  # an initial: the first name must start with it
            hits = [h for h in hits if fold(h)[:1] == fold(words[0])[:1] and h.split()[-1] == words[-1]]
        if not hits:
            return name
        gender = honorific_gender(role)
        if gender is not None:
            fitting = [h for h in hits if self._people[h].gender in (None, gender)]
            if not fitting:
                return name
            hits = fitting
        before = [h for h in hits if self._people[h].first_pos <= pos]
        return before[-1] if before else hits[0]

    def by_role(self, head: str, pos: int, words: Iterable[str] = ()) -> str | None:
        """The person whose role contains `head` ("mayor") or a synonym ("coach" ~ "manager").

        Preferred, in order: the head itself over a synonym, more of the description's other
        `words` in the role ("the Harrowgate manager"), the latest person before `pos`.
        """
        self._ensure()
        head = head.lower()
        heads = lexicon.role_synonyms(head)
        extra = {w.lower() for w in words} - {head, "the", "a", "an"}
        best: tuple[bool, int, bool, int] | None = None
        found: str | None = None
        for person in self._people.values():
            if not person.roles:
                continue
            role_words = {w for role in person.roles for w in role.lower().split()}
            if heads.isdisjoint(role_words):
                continue
            before = person.first_pos <= pos
            key = (head in role_words, len(extra & role_words), before,
                   person.first_pos if before else -person.first_pos)
            if best is None or key > best:
                best, found = key, person.name
        return found

    def gender(self, name: str) -> str | None:
        """The gender known for a registered name, if any."""
        self._ensure()
        person = self._people.get(name)
        return person.gender if person else gender_of(name)

    def set_gender(self, name: str, gender: str) -> None:
        """Record a gender learnt from a pronoun that referred to `name`."""
        self._ensure()
        person = self._people.get(name)
        if person is not None and person.gender is None:
            person.gender, person.certainty = gender, 2

    def roles(self, name: str) -> list[str]:
        """Every role seen with a registered name."""
        self._ensure()
        person = self._people.get(name)
        return list(person.roles) if person else []

    def note_speaker(self, name: str) -> None:
        """Record that `name` was found speaking ("Moorcroft told me"): a person, later."""
        self._spoke.add(name)

    def has_spoken(self, name: str) -> bool:
        """True when `name` was recorded by `note_speaker`."""
        return name in self._spoke

    def is_role_word(self, word: str) -> bool:
        """True when `word` is part of a role seen with some person ("the SP" after "Kumar, SP")."""
        self._ensure()
        return word.lower() in self._role_words

    def has_role(self, name: str) -> bool:
        """True when a role or honorific was seen with `name`."""
        self._ensure()
        person = self._people.get(name)
        return bool(person and person.roles)


@functools.lru_cache(maxsize=65536)
def _folded_words(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


def same_person(a: str, b: str) -> bool:
    """True when two names are one person: transliterations, a surname alone, or an initial."""
    ta, tb = _folded_words(a), _folded_words(b)
    if not ta or not tb:
        return False
    if fuzz.ratio(ta[-1], tb[-1]) < 85:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    fa, fb = ta[0], tb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    # Transliterations (Sergey/Sergei 83, Mohammed/Muhammad 75, Yusuf/Yousef 73) keep most letters.
    score = fuzz.ratio(fa, fb)
    return score >= 85 or (score >= 70 and fa[0] == fb[0]) or (score >= 80 and fa[-2:] == fb[-2:])


def _near_surnames(surnames: Iterable[str]) -> dict[str, set[str]]:
    """For each surname, the surnames that `same_person` may find close (ratio >= 85), itself included.

    Surnames are compared within their first letter (as `_cluster` buckets them); the cut-off is a
    point lower so that rounding can never drop a pair `same_person` would keep (it checks every
    candidate again). A ratio of 84 needs a long common subsequence, so two close surnames share
    a string left after deleting a few letters from each: in a large bucket, candidates come from an
    index of those strings (every pair in a bucket was quadratic: 7.4 s for the 44k surnames of 30k
    articles); a small bucket compares every pair, which is cheaper than building the index.
    """
    by_letter: dict[str, list[str]] = {}
    for s in surnames:
        by_letter.setdefault(s[:1], []).append(s)
    near: dict[str, set[str]] = {}
    for group in by_letter.values():
        for s in group:
            near[s] = {s}
        if len(group) <= _ALL_PAIRS_MAX:
            # A small bucket (a run of a few thousand articles): every pair, compared in rapidfuzz's
            # loop, costs less than building the deletion index (4x less for 1,500 surnames).
            for i, s in enumerate(group):
                for hit in process.extract(s, group[i + 1:], scorer=fuzz.ratio, score_cutoff=84, limit=None):
                    near[s].add(hit[0])
                    near[hit[0]].add(s)
            continue
        # Shortest first: an indexed surname is never longer than the one looking it up, so it
        # needs fewer deletions (`_index_cut`) than the one looking (`_query_cut`).
        index: dict[str, list[str]] = {}
        for s in sorted(group, key=lambda s: (len(s), s)):
            n = len(s)
            if n > _DELETION_MAX:
                hits = process.extract(s, group, scorer=fuzz.ratio, score_cutoff=84, limit=None)
            else:
                hits = process.extract(s, _indexed(s, index), scorer=fuzz.ratio, score_cutoff=84, limit=None)
            for hit in hits:
                near[s].add(hit[0])
                near[hit[0]].add(s)
    return near


# Longer surnames have too many deletion variants; each is compared with its whole bucket instead.
_DELETION_MAX = 14
# Buckets up to this size compare every pair (quadratic, but in C); larger ones use the index.
# Measured on random surnames: 1,000 take 0.015 s by pairs and 0.06 s by the index.
_ALL_PAIRS_MAX = 1000


def _close(n: int, m: int, common: int) -> bool:
    """Whether strings of lengths n and m sharing a subsequence of `common` letters may reach ratio 84."""
    return 200 * common >= 84 * (n + m) - 1  # the -1: a margin below the cut-off, for rounding


@functools.cache
def _query_cut(n: int) -> int:
    """The most letters a surname of length n loses to a common subsequence with any close one."""
    return max((n - next(c for c in range(min(n, m) + 1) if _close(n, m, c))
                for m in range(1, 3 * n + 2) if _close(n, m, min(n, m))), default=0)


@functools.cache
def _index_cut(n: int) -> int:
    """The same when the other surname is at least as long (the fewest letters then are lost)."""
    return next((n - c for c in range(n + 1) if _close(n, n, c)), 0)


def _deletions(s: str, cut: int) -> list[tuple[str, int]]:
    """(variant, letters deleted) for every string made by deleting up to `cut` letters of s."""
    level, out = {s}, [(s, 0)]
    for k in range(1, cut + 1):
        level = {w[:i] + w[i + 1:] for w in level for i in range(len(w))}
        out.extend((w, k) for w in level)
    return out


def _indexed(s: str, index: dict[str, list[str]]) -> set[str]:
    """The indexed surnames sharing a deletion variant with s that could be close; then index s."""
    n, keep = len(s), _index_cut(len(s))
    found: set[str] = set()
    for variant, cut in _deletions(s, _query_cut(n)):
        common = len(variant)
        for other_cut in range(keep + 1):  # the indexed one is no longer: it lost no more letters
            if not _close(n, common + other_cut, common):
                break
            found.update(index.get(chr(1 + other_cut) + variant, ()))
        if cut <= keep:
            index.setdefault(chr(1 + cut) + variant, []).append(s)
    return found


def _cluster(names: Counter[str], first_seen: dict[str, int]) -> dict[str, str]:
    """Group names of one person; map every name to its cluster's canonical form."""
    order = sorted(names, key=lambda n: (len(n.split()) < 2, -names[n], first_seen[n]))
    clusters: list[list[str]] = []
    # Clusters are bucketed by the first letter of the folded surname, so that a run with
    # thousands of speakers compares each name with a few candidates only; within a bucket a
    # name is compared only with the clusters that hold a surname close to its own (`holders`),
    # which are the only ones `same_person` can accept, taken in the same order.
    surname = {name: (_folded_words(name) or ("",))[-1] for name in order}
    near = _near_surnames(set(surname.values()))
    buckets: dict[str, list[list[str]]] = {}
    holders: dict[str, list[int]] = {}  # surname -> indices (in its bucket) of clusters holding it
    for name in order:
        sur = surname[name]
        bucket = buckets.setdefault(sur[:1], [])
        home = None
        for i in sorted({i for t in near[sur] for i in holders.get(t, ())}):
            if any(same_person(name, m) for m in bucket[i]):
                home = i
                break
        if home is None:
            home = len(bucket)
            bucket.append([name])
            clusters.append(bucket[home])
        else:
            bucket[home].append(name)
        held = holders.setdefault(sur, [])
        if not held or held[-1] != home:
            held.append(home)
    canonical: dict[str, str] = {}
    for members in clusters:
        full = [m for m in members if len(m.split()) > 1] or members
        best = max(full, key=lambda m: (names[m], -first_seen[m]))
        for m in members:
            canonical[m] = best
    return canonical


def speaker_id(speaker: str | None, anonymous: bool) -> str | None:
    """The stable id of a speaker: the slug of its name, or "anonymous:<slug>" for descriptions."""
    if speaker is None:
        return None
    if anonymous:
        words = speaker.split()
        if len(words) > 1 and words[0].lower() in function_words.DETERMINERS and words[1].lower() != "of":
            words = words[1:]  # "a senior official" -> senior-official; "one of our drivers" stays
        return "anonymous:" + slug(" ".join(words) or speaker)
    return slug(speaker)


class SpeakerLinker:
    """Links speaker names across sources: `add` every document first, then `link` each one.

    The two passes let a caller stream documents (and spill them to disk) while names are
    collected, so the whole run never has to be held at once.
    """

    def __init__(self) -> None:
        self.names: Counter[str] = Counter()
        self.first_seen: dict[str, int] = {}
        self._canonical: dict[str, str] | None = None
        self._ids: dict[tuple[str, bool], tuple[str, str | None]] = {}

    def add(self, doc: Document) -> None:
        """Count the named speakers of one document."""
        for q in doc.quotes:
            a = q.attribution
            if q.speech and a.speaker and not a.anonymous:
                self.names[a.speaker] += 1
                self.first_seen.setdefault(a.speaker, len(self.first_seen))
        self._canonical = None

    def link(self, doc: Document) -> Document:
        """The document with every speaker canonical across all added documents, and a speaker_id."""
        if self._canonical is None:
            self._canonical = _cluster(self.names, self.first_seen)
            self._ids = {}
        canonical, ids = self._canonical, self._ids
        quotes = []
        changed = False
        for q in doc.quotes:
            a = q.attribution
            if not q.speech or a.speaker is None:
                quotes.append(q)
                continue
            key = (a.speaker, a.anonymous)
            if key not in ids:
                name = a.speaker if a.anonymous else canonical.get(a.speaker, a.speaker)
                ids[key] = (name, speaker_id(name, a.anonymous))
            name, sid = ids[key]
            if name == a.speaker and sid == a.speaker_id:
                quotes.append(q)  # already canonical (the usual case): no need to rebuild the records
                continue
            changed = True
            # Direct constructor calls: attrs.evolve costs more than the attribution itself here.
            a = Attribution(name, a.speaker_mention, a.cue, a.anonymous, a.confidence, a.method, a.role, sid)
            quotes.append(Quote(q.id, q.source, q.start, q.end, q.text, q.line, q.column, q.open_mark,
                                q.close_mark, q.speech, q.category, q.reason, q.parent, q.depth, a))
        return Document(doc.source, tuple(quotes), doc.problems, doc.suppressions) if changed else doc


def link_speakers(docs: Sequence[Document]) -> list[Document]:
    """Resolve speaker names across all sources and set a stable `speaker_id` on every quote."""
    linker = SpeakerLinker()
    for doc in docs:
        linker.add(doc)
    return [linker.link(doc) for doc in docs]
