"""Word lists the heuristics stand on: speech verbs, attribution phrases, anonymous sources, titles.

Data only, plus the inflection helper that expands lemmas into surface forms. Every list says
which case it exists for. Nothing here knows about offsets, quotes or documents.
"""

from __future__ import annotations

# Speech and reporting verbs (lemmas). Written for this project from the usual reporting-verb
# inventories; left out on purpose: believe, hope, fear, think, feel, know, want, wish, expect,
# seem, mean: they introduce opinions and paraphrase far more often than direct quotes.
SPEECH_VERB_LEMMAS: frozenset[str] = frozenset(
    """
    say tell add ask answer reply respond retort explain note observe remark comment state declare
    announce claim assert insist maintain contend argue admit acknowledge concede confess concur agree
    disagree deny dispute counter object protest complain grumble lament mourn warn caution threaten
    promise pledge vow swear guarantee assure reassure urge plead beg implore appeal demand call
    recall recount describe write tweet post text email blog report reveal disclose confirm
    testify tell quip joke laugh shout yell scream cry exclaim whisper mutter murmur sigh stammer
    stress emphasise emphasize underline highlight point mention suggest propose recommend advise
    predict forecast estimate calculate conclude summarise summarize continue begin start finish
    repeat reiterate echo quote cite charge accuse allege blame criticise criticize condemn denounce
    praise hail welcome thank congratulate apologise apologize boast brag vent fume snap rage
    scoff sneer taunt tease muse wonder ponder query question inquire enquire interject interrupt
    chime concede caution signal indicate specify clarify elaborate acknowledge affirm reaffirm
    proclaim pronounce decree rule order instruct command direct tell reckon figure posit
    predict opine mumble chant sing preach lecture brief inform notify advise counsel
    """.split()
)

# Irregular and awkward past forms that the suffix rules below cannot make.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "swear": ("swore", "sworn"),
    "begin": ("began", "begun"),
    "sing": ("sang", "sung"),
    "forecast": ("forecast",),
    "cry": ("cried", "cries"),
    "reply": ("replied", "replies"),
    "testify": ("testified", "testifies"),
    "clarify": ("clarified", "clarifies"),
    "specify": ("specified", "specifies"),
    "query": ("queried", "queries"),
    "deny": ("denied", "denies"),
    "quip": ("quipped", "quipping"),
    "snap": ("snapped", "snapping"),
    "text": ("texted", "texting"),
    "admit": ("admitted", "admitting"),
    "regret": ("regretted",),
    "vow": ("vowed",),
    "rule": ("ruled",),
    "figure": ("figured",),
}


def _inflect(lemma: str) -> set[str]:
    """Regular English inflections of a verb lemma: -s, -ed, -ing, with the usual spelling rules."""
    forms = {lemma}
    forms.update(_IRREGULAR.get(lemma, ()))
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ied")
        forms.add(lemma + "ing")
    else:
        forms.add(lemma + "ed")
        forms.add(lemma + "ing")
    return forms


def speech_verb_forms(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Map every inflected form (lower case) to its lemma; `extra` adds configured lemmas."""
    table: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERB_LEMMAS | set(extra)):
        for form in _inflect(lemma):
            table.setdefault(form, lemma)
    return table


SPEECH_VERB_FORMS: dict[str, str] = speech_verb_forms()

# Nouns that introduce speech without a verb: "in a statement", "her remarks", "he wrote in a post".
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    statement remarks remark comments comment interview speech address testimony tweet post
    letter email message briefing announcement words response reply memo op-ed column
    """.split()
)

# "According to X" and its cousins put the speaker after a preposition, with no verb.
ACCORDING_TO_FORMS: tuple[str, ...] = (
    "according to",
    "in the words of",
    "as put by",
    "per",
)

# Descriptions that stand for a person who is not named. A speaker made only of these
# words (plus determiners and modifiers) is anonymous.
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    """
    official officials source sources person people insider insiders aide aides spokesperson
    spokesman spokeswoman diplomat diplomats resident residents witness witnesses observer
    observers employee employees staffer staffers member members analyst analysts expert experts
    worker workers neighbour neighbours neighbor neighbors someone somebody one man woman
    """.split()
)

# Phrases that mark a source as anonymous wherever they appear near the attribution.
ANONYMOUS_PHRASES: tuple[str, ...] = (
    "on condition of anonymity",
    "on the condition of anonymity",
    "speaking anonymously",
    "who asked not to be named",
    "who declined to be named",
    "who did not want to be named",
    "who requested anonymity",
    "not authorised to speak",
    "not authorized to speak",
    "familiar with the matter",
    "familiar with the talks",
    "familiar with the discussions",
    "familiar with the negotiations",
    "briefed on",
    "close to the",
)

# Honorifics and roles that precede a name. Stripped from the canonical name and kept as `role`.
# Gender is read from the honorific where it says one (used to resolve he/she).
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f",
    "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
}

# Role words that can open a title before a name ("U.S. Secretary of State Antony Blinken").
ROLE_WORDS: frozenset[str] = frozenset(
    """
    president vice prime minister secretary chancellor premier governor mayor senator
    representative rep. sen. gov. congressman congresswoman councillor councilor councilman
    councilwoman alderman judge justice chief director chairman chairwoman chair ceo cfo coo cto
    spokesperson spokesman spokeswoman ambassador envoy general gen. admiral colonel col. captain
    capt. lieutenant lt. sergeant sgt. officer inspector detective commissioner superintendent
    minister deputy foreign state defence defense finance health interior attorney sheriff coach
    manager head leader chief executive founder pastor father rev. reverend bishop pope rabbi imam
    nurse doctor engineer professor dr. dr prof. prof mr mr. mrs mrs. ms ms. president-elect
    """.split()
)

# Organisation heads: a capitalised phrase ending in one of these is an organisation, a valid speaker.
ORG_HEADS: frozenset[str] = frozenset(
    """
    kremlin department ministry office council committee commission agency administration
    government police service services bureau board court company corporation inc corp ltd
    group union federation party white house pentagon embassy university hospital club
    authority authorities army navy military team league association institute foundation
    """.split()
)

# Pronouns that can stand for a speaker, with the gender they imply (None: any, plural).
SPEAKER_PRONOUNS: dict[str, str | None] = {
    "he": "m", "she": "f", "they": None, "i": None, "we": None,
}
