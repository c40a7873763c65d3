"""Function words the phrase and name rules stand on: determiners, clause openers, auxiliaries.

Data only, used by `quotes.phrases`, `quotes.subjects`, `quotes.mentions` and
`quotes.textscan`: which words open a description ("a", "one of our"), a clause ("when",
"because"), a subordinate clause, or an aside; which capitalised words are no names
("Meanwhile", "Tuesday"); which abbreviations end in a full stop without ending a sentence.
Every list says which case it exists for.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

# Words that open a description ("a senior official", "one of our drivers", "my neighbour").
DETERMINERS: frozenset[str] = frozenset(
    """
    a an the one another some several two three four many most his her their its our my your
    this that these those each every any no
    """.split()
)

# Capitalised words that do not start or make a name: sentence openers, pronouns, days,
# months ("During", "However", "Monday's"). A capitalised run loses these at its start.
NON_NAME_WORDS: frozenset[str] = frozenset(
    """
    the a an this that these those it its he she they we i you his her their our my your there
    here in on at by for from with without during after before since until while when where why
    how what which who whom whose whether if as but and or nor so yet however meanwhile moreover
    also still then now today yesterday tomorrow tonight earlier later last next according
    despite although though because once many some most all both each every no not one two
    three four five several few more less another other such even only just among between under
    over into onto upon about against across through throughout toward towards within beyond
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mon tue wed thu fri sat sun jan feb mar
    apr jun jul aug sep sept oct nov dec please thanks yes image photo video read share key
    """.split()
) | frozenset(
    # Openers of a sentence's adverbial or participle phrase, never a name: "Hours later, X …",
    # "Speaking at a rally, X …", "Early in the race, X …", "Amid the row, X …".
    """
    seconds minutes hours days weeks months years decades moments early late amid amidst
    alongside speaking talking writing asked asking pressed responding continuing addressing
    appearing following noting citing referring reacting replying adding having being
    like unlike shortly soon ever back
    """.split()
) | frozenset(
    # A speech verb opening an inverted lead-in, never part of the name after it: "Said Ruiz:".
    "said stated added wrote".split()
)

# Words before a name that leave it in subject (or agent) position: sentence start, commas,
# conjunctions, "from"/"by"/"of" agents ("came from X", "the words of X"). After any other word
# (a verb or an object preposition: "told Lavrov", "called on Lavrov") the name is an object.
SUBJECT_OPENERS: frozenset[str] = frozenset(
    """
    and but or that while when as because since after before though although whereas if so then
    where once until unless from by of said says how what
    """.split()
)

# Auxiliaries and adverbs that may stand between a subject and its speech verb
# ("Blinken also said", "she had told", "Mr Marchbanks later added").
AUX_WORDS: frozenset[str] = frozenset(
    """
    also then later again once repeatedly previously had has have would will could can may might
    must should did does do was were is are been being just recently earlier today yesterday
    simply not never already still too only just even separately privately publicly reportedly allegedly
    himself herself themselves itself subsequently immediately quickly finally initially now
    """.split()
)

# Words that open a comma-delimited aside between a subject and its verb, so the aside is
# skipped ("X, who represents Ward 4, said"; "X, speaking on condition of anonymity, said").
ASIDE_OPENERS: frozenset[str] = frozenset(
    """
    who whose whom which a an the one another speaking writing talking however though meanwhile
    too in at for of from like as also according not himself herself itself themselves
    """.split()
)

# Abbreviations that end in a full stop without ending the sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof st sen rep gov gen col capt lt sgt rev jr sr mt no vs etc inc corp ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m fig approx est
    dept univ ave blvd pres cmdr adm maj cpl pvt insp supt det coun cllr const hon atty brig
    """.split()
)

# Lower-case particles inside a name ("Ursula von der Leyen", "Osama bin Laden").
NAME_PARTICLES: frozenset[str] = frozenset(
    "von van der den de del della di da du le la bin ibn al el ter ten dos das y".split()
)

# Words that open a clause; a description or subject starts after them ("that a parent had
# asked", "When the insurance man came").
CLAUSE_OPENERS: frozenset[str] = frozenset(
    "and but or so then while as when that because though although if where whereas wherever whenever".split()
)

# Words that open a subordinate clause ("After Y warned ..., X said ... and added"): its verb
# is not the sentence's main verb, so a later coordinated verb does not share its subject.
SUBORDINATORS: frozenset[str] = frozenset(
    "after when while because if as since before though although once unless until".split()
)

# Determiners that make a following speech-verb form a noun ("the report", "his reply").
NOUN_MARKERS: frozenset[str] = frozenset(
    "a an the his her their its our my your this these those every each any no".split()
)

# Quantifiers that head a partitive description ("one of our forklift drivers").
QUANTIFIERS: frozenset[str] = frozenset(
    "one some many most two three four several each none all both few any another".split()
)

# Words that continue a description after its head ("a nurse at the clinic", "people
# familiar with the matter").
POSTMODIFIERS: frozenset[str] = frozenset("at of from for with familiar close in on".split())

# Words a description never runs back across when read from its head leftwards.
DESCRIPTION_STOPS: frozenset[str] = frozenset(
    "to with on by for about against into over between than in who which whom".split()
)

# Words ending in -ly that are not adverbs, so never skipped between a subject and its verb.
NOT_ADVERBS: frozenset[str] = frozenset(
    "family ally italy rally assembly supply july reply belly bully early".split()
)

# Days of the week: after a name ("said Tom Hale Wednesday") or before a verb, never part of a name.
# Prepositions whose object a noun phrase after a quote may be ("“…” for Ruiz, said Cole").
OBJECT_PREPOSITIONS: frozenset[str] = frozenset(
    "for to of against with from at on in about into over toward towards by".split()
)

WEEKDAYS: frozenset[str] = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
