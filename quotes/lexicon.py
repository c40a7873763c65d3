"""Word lists the heuristics stand on: speech verbs, attribution phrases, anonymous sources, titles.

Data only, plus the inflection helper that expands lemmas into surface forms. Every list says
which case it exists for. Nothing here knows about offsets, quotes or documents.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

# Speech and reporting verbs (lemmas). Written for this project from the usual reporting-verb
# inventories; left out on purpose: believe, hope, fear, think, feel, know, want, wish, expect,
# seem, mean: they introduce opinions and paraphrase far more often than direct quotes; and
# figure, direct, rule, point, signal, start, finish, calculate: as nouns or adjectives
# ("direct messages", "at one point") they sit beside quotes far more often than as verbs.
SPEECH_VERB_LEMMAS: frozenset[str] = frozenset(
    """
    say tell add ask answer reply respond retort explain note observe remark comment state declare
    announce claim assert insist maintain contend argue admit acknowledge concede confess concur agree
    disagree deny dispute counter object protest complain grumble lament mourn warn caution threaten
    promise pledge vow swear guarantee assure reassure urge plead beg implore appeal demand call
    recall recount describe write tweet post text email blog report reveal disclose confirm
    testify quip joke laugh shout yell scream cry exclaim whisper mutter murmur sigh stammer
    stress emphasise emphasize underline highlight mention suggest propose recommend advise
    predict forecast estimate conclude summarise summarize continue begin
    repeat reiterate echo quote cite charge accuse allege blame criticise criticize condemn denounce
    praise hail welcome thank congratulate apologise apologize boast brag vent fume snap rage
    scoff sneer taunt tease muse wonder ponder query question inquire enquire interject interrupt
    clarify elaborate affirm reaffirm proclaim pronounce decree instruct command reckon posit
    opine mumble chant sing preach lecture brief inform notify counsel speak dismiss rebut rebuke
    slam blast chide scold tout gush rail speculate concede vouch narrate relate recite read
    bark growl bellow holler mock decry grouse surmise
    """.split()
) | frozenset(
    # Checked against a list of common reporting verbs (memory, praise and blame, manner of
    # speaking, writing): "she remembered", "he extolled", "she drawled", "he scribbled".
    """
    remember recollect reminisce remind underscore confide divulge aver attest expound laud extol
    commend applaud deplore bemoan gripe whine jest chuckle giggle snicker jeer gloat exult enthuse
    groan wail snarl rant fulminate lambaste lambast berate upbraid admonish insinuate blurt intone
    drawl sputter splutter stutter shriek scribble riposte rejoin refute restate paraphrase theorize
    theorise hypothesize hypothesise conjecture imply marvel riff portray dub label
    retaliate boom crack beam
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
    "speak": ("spoke", "spoken"),
    "read": ("read",),
    "slam": ("slammed", "slamming"),
    "rebut": ("rebutted", "rebutting"),
    "chant": ("chanted",),
    "aver": ("averred", "averring"),
    "extol": ("extolled", "extolling"),
    "marvel": ("marveled", "marvelled", "marveling", "marvelling"),
    "label": ("labeled", "labelled", "labeling", "labelling"),
    "dub": ("dubbed", "dubbing"),
    "riff": ("riffed", "riffing"),
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


# Lemmas whose bare form is a noun far more often than a verb ("the state", "a report", "State
# media", "a post on X"): only their inflections (stated, reports, reported, posted) are cues.
NOUN_FIRST_LEMMAS: frozenset[str] = frozenset(
    "state report post text brief question jest rant label riff boom crack jeer groan wail snarl beam".split())


def speech_verb_forms(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Map every inflected form (lower case) to its lemma; `extra` adds configured lemmas."""
    table: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERB_LEMMAS | set(extra)):
        for form in _inflect(lemma):
            if form == lemma and lemma in NOUN_FIRST_LEMMAS and lemma not in extra:
                continue
            table.setdefault(form, lemma)
    return table


SPEECH_VERB_FORMS: dict[str, str] = speech_verb_forms()

# Verb + particle pairs that report speech though the verb alone does not ("he shot back",
# "as she points out", "he went on"); the bare verbs stay out of the lexicon (a shot, a point).
_PHRASAL: dict[tuple[str, str], tuple[str, ...]] = {
    ("shoot", "back"): ("shot",), ("fire", "back"): (), ("hit", "back"): ("hit",), ("push", "back"): (),
    ("strike", "back"): ("struck",), ("snap", "back"): ("snapped",), ("point", "out"): (),
    ("chime", "in"): (), ("cut", "in"): ("cut",), ("go", "on"): ("went",), ("pipe", "up"): ("piped",),
}
PHRASAL_CUES: frozenset[tuple[str, str]] = frozenset(
    (form, particle) for (lemma, particle), extra in _PHRASAL.items() for form in _inflect(lemma) | set(extra)
)

# Nouns that introduce speech without a verb: "in a statement", "her remarks", "he wrote in a post".
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    statement remarks remark comments comment interview speech address testimony tweet post
    letter email message briefing announcement words response reply memo op-ed column
    """.split()
)

# Documents that speak for their author: "the statement said", "according to a note from X",
# "a report by Y found" (the author is named after "from"/"by", or was quoted just before).
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    statement letter post tweet email message memo announcement release note report filing study
    survey analysis document notice testimony op-ed column
    """.split()
) | frozenset(
    # What political and court copy quotes as a source of its own: "the ad says", "the suit
    # reads", "the unsigned opinion said", "a Wednesday editorial in the Register reads",
    # "her Twitter account posted".
    """
    ad advertisement commercial video editorial article book ruling opinion lawsuit suit
    complaint indictment resolution transcript cable petition poll passage website account
    """.split()
)

# "According to X" and its cousins put the speaker after a preposition, with no verb.
# ("per X" is left out: "per cent" and "per year" outnumber it by far.)
ACCORDING_TO_FORMS: tuple[str, ...] = (
    "according to",
    "in the words of",
    "as put by",
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
    "asked not to be named",
    "asked not to be identified",
    "declined to be named",
    "declined to be identified",
    "spoke on condition",
    "speaking on condition",
    "granted anonymity",
    "not authorised to",
    "not authorized to",
)

# Honorifics and roles that precede a name. Stripped from the canonical name and kept as `role`.
# Gender is read from the honorific where it says one (used to resolve he/she).
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f",
    "shri": "m", "sri": "m", "smt": "f", "smt.": "f", "shrimati": "f",
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
    speaker secretary-general under-secretary undersecretary chairperson treasurer lawmaker
    legislator assemblyman assemblywoman mp mep king queen prince princess emir sheikh cardinal
    archbishop marshal magistrate prosecutor coroner provost dean rector commander maj.
    brig. cpl. pvt. sir dame lord baroness coun. coun cllr cllr. const. hon. atty. insp. supt. det.
    incumbent challenger nominee
    """.split()
)

# Role words that name the same job, so "said the coach" finds "Harrowgate manager Steve
# Kettering" and "the boss" finds a chief executive (sports and business copy vary the word).
ROLE_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset("coach manager boss gaffer".split()),
    frozenset("ceo executive boss chief".split()),
    frozenset("chairman chairwoman chair chairperson".split()),
    frozenset("spokesman spokeswoman spokesperson".split()),
    frozenset("lawyer attorney counsel".split()),
    frozenset("lawmaker legislator congressman congresswoman representative senator mp".split()),
    frozenset("judge justice magistrate".split()),
    frozenset("doctor dr dr. physician surgeon".split()),
)


def role_synonyms(word: str) -> frozenset[str]:
    """`word` and the role words that name the same job ("coach" -> coach, manager, boss...)."""
    return _ROLE_SYNONYMS.get(word, frozenset((word,)))


_ROLE_SYNONYMS: dict[str, frozenset[str]] = {}
for _group in ROLE_SYNONYMS:
    for _word in _group:
        _ROLE_SYNONYMS[_word] = _ROLE_SYNONYMS.get(_word, frozenset()) | _group

# Organisation heads: a capitalised phrase ending in one of these is an organisation, a valid speaker.
ORG_HEADS: frozenset[str] = frozenset(
    """
    kremlin department ministry office council committee commission agency administration
    government police service services bureau board court company corporation inc corp ltd
    group union federation party white house pentagon embassy university hospital club
    authority authorities army navy military team league association institute foundation
    organisation organization alliance coalition society firm campaign newspaper magazine outlet
    """.split()
)

# --- Attribution (quotes/attribute.py, quotes/speakers.py) -------------------------------------

# Nouns that stand for a business named earlier: "Brightwater ... The company said".
# Government heads (ministry, department, council, police) are left out: "the ministry said"
# names its own speaker more often than it points back to one ministry.
COMPANY_NOUNS: frozenset[str] = frozenset(
    """
    company firm group carmaker automaker operator maker retailer airline bank insurer lender
    utility chain brand broadcaster network platform manufacturer supplier business corporation
    conglomerate startup club charity label publisher developer provider union alliance
    association federation coalition society organisation organization foundation
    """.split()
)
# Organisation heads of government bodies, never what "the company" points back to.
GOVERNMENT_HEADS: frozenset[str] = frozenset(
    """
    ministry department government council committee commission agency administration police
    court army navy military parliament senate congress assembly office bureau authority
    authorities embassy kremlin pentagon
    """.split()
)

# Nouns that make a lower-case description a person or a group of people ("a nurse at the
# clinic", "my first coach", "one large shareholder"): a description with one of these as its
# head can be a speaker. Singular forms; plurals are derived by `person_noun`.
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    official source person insider aide adviser advisor spokesperson spokesman spokeswoman
    diplomat resident witness eyewitness observer employee staffer member analyst expert worker
    neighbour neighbor nurse doctor physician surgeon epidemiologist scientist researcher
    astronomer economist banker trader investor shareholder customer client passenger driver
    pilot farmer baker owner manager executive director chairman chairwoman chair president
    minister secretary senator councillor councilor mayor governor candidate voter protester
    activist organiser organizer campaigner tenant landlord victim survivor patient relative
    coach player captain fan supporter striker goalkeeper referee priest pastor bishop imam rabbi
    author writer journalist reporter editor commentator critic historian professor lecturer
    academic scholar veteran commander general colonel lieutenant sergeant soldier officer
    ambassador envoy negotiator mediator prosecutor defendant plaintiff juror detective inspector
    sheriff guard clerk teacher student pupil parent mother father son daughter wife husband
    child boy girl man woman friend colleague lawyer attorney counsel judge engineer firefighter
    policeman policewoman paramedic medic founder entrepreneur boss partner representative
    delegate grandmother grandfather uncle aunt cousin brother sister local onlooker bystander
    commuter shopper vendor seller buyer user consumer citizen villager someone somebody
    spokesperson insurer broker consultant contractor architect planner operator technician
    volunteer organiser leader head chief deputy administrator regulator auditor accountant
    lawmaker legislator politician campaigner demonstrator marcher striker miner nun monk
    midfielder defender winger substitute keeper teammate rookie singer actor actress musician
    drummer guitarist poet novelist artist painter sculptor composer photographer filmmaker
    designer chef dancer comedian playwright broadcaster presenter incumbent challenger nominee
    superintendent commissioner chancellor premier coroner magistrate provost dean rector marshal
    comptroller alderman councilwoman councilman congressman congresswoman assemblyman
    assemblywoman principal headteacher headmaster headmistress archbishop cardinal pope emir
    sheikh king queen prince princess chairperson ceo cfo coo cto
    freshman sophomore junior senior dad mum mom grandma grandpa granddad fiance fiancee
    boyfriend girlfriend stepfather stepmother
    host anchor narrator announcer moderator pollster strategist operative columnist
    correspondent blogger pundit tycoon mogul billionaire millionaire businessman businesswoman
    magnate hopeful frontrunner front-runner contender confidant heckler panelist
    year-old
    attendee appointee trainee detainee retiree evacuee refugee devotee interviewee invitee
    donor advocate lobbyist surrogate loyalist opponent rival backer superdelegate elector
    contributor developer homeowner rancher immigrant migrant preacher evangelist cleric
    """.split()
) | frozenset(
    # Nationality nouns that sports and foreign copy use for a person named before ("the Scot
    # added", "said the Australian"): a person, never an organisation.
    """
    scot scotsman scotswoman englishman englishwoman irishman irishwoman welshman welshwoman
    frenchman frenchwoman dutchman dutchwoman dane swede finn pole brit briton aussie kiwi
    spaniard turk american australian canadian german italian brazilian argentine argentinian
    nigerian ghanaian kenyan norwegian belgian austrian croat croatian serb serbian ukrainian
    russian mexican colombian chilean uruguayan peruvian egyptian moroccan iranian israeli
    greek portuguese hungarian romanian bulgarian jamaican zimbabwean zambian ugandan
    """.split()
)

# Person nouns that are also given names or surnames, so never read as a title before a name
# ("Baker Mayfield", "Miner Wells").
NAME_LIKE_NOUNS: frozenset[str] = frozenset("baker driver farmer miner guard priest".split())

# Words with an agent-noun ending that name things, not people, so "a letter said" or
# "one quarter" never become an unnamed speaker (see `mentions.desc_forward`).
NOT_AGENT_NOUNS: frozenset[str] = frozenset(
    """
    letter paper order number matter water power counter border corner quarter chapter register
    poster banner computer monitor sector factor error mirror motor tractor elevator indicator
    calculator meter liter center filter folder trailer thriller container cancer fever weather
    winter summer dinner answer character barrier corridor theater tower flower river shoulder
    finger layer other another either neither rather whether further together however never
    under after major minor interior exterior constant distant instant restaurant variant
    relevant elephant
    """.split()
)

# Irregular plurals of person nouns ("two men", "several women", "residents and children").
PERSON_PLURALS: dict[str, str] = {
    "men": "man", "women": "woman", "people": "person", "children": "child",
    "policemen": "policeman", "spokesmen": "spokesman", "chairmen": "chairman",
    "locals": "local", "police": "police",
    # A family speaks as a group ("a statement from the family read"), never as one epithet.
    "family": "relative", "families": "relative",
    # A crowd chants as one ("“Lock her up!” the crowd yelled"): a group of unnamed people.
    "crowd": "person", "crowds": "person", "audience": "person",
}


def person_noun(word: str) -> str | None:
    """The singular person noun `word` stands for (officials -> official), or None."""
    return _person_noun(word.lower())


def plural_person(word: str) -> bool:
    """True when `word` is a plural person noun ("officials", "two 17-year-olds")."""
    w = word.lower()
    return _person_noun(w) not in (None, w) and (not w[:1].isdigit() or w.endswith("s"))


@functools.lru_cache(maxsize=16384)
def _person_noun(w: str) -> str | None:
    if w in PERSON_NOUNS:
        return w
    if w[:1].isdigit() and "-year-old" in w:
        return _person_noun(w.split("-", 1)[1])  # "the 24-year-old", "two 17-year-olds"
    if w in PERSON_PLURALS:
        return PERSON_PLURALS[w]
    if w.endswith("ies") and w[:-3] + "y" in PERSON_NOUNS:
        return w[:-3] + "y"
    if w.endswith("es") and w[:-2] in PERSON_NOUNS:
        return w[:-2]
    if w.endswith("s") and w[:-1] in PERSON_NOUNS:
        return w[:-1]
    return None


# Place-name heads: a capitalised run ending in one of these is a place, never a speaker
# antecedent ("Eastshore Road", "Harlow Bay", "Calder Vale").
PLACE_HEADS: frozenset[str] = frozenset(
    """
    road street st avenue ave lane square park bay point city county river lake mount mountain
    island islands valley vale hill hills beach coast bridge station airport port harbour harbor
    district province region republic kingdom estate estates village town heights falls sea
    ocean gulf strait peninsula desert forest field fields gardens quay wharf way drive close
    crescent terrace place row court hall centre center tower plaza stadium arena building
    """.split()
)

# Further organisation heads for capitalised runs that name a company, club or outlet
# ("Calloway Tern Systems", "Rivermouth Athletic", "Worthy News"); used with ORG_HEADS.
ORG_TAILS: frozenset[str] = frozenset(
    """
    systems securities observatory athletic rovers united wanderers fc holdings partners
    capital bank trust network networks media news times post journal herald tribune gazette
    press telegraph guardian wire courier ledger meridian beat reuters associated laboratories
    labs technologies industries chemicals logistics airlines airways motors energy pharma
    council assembly parliament congress senate ministry department office agency commission
    foods brands stores resources pharmaceuticals electronics communications solutions
    """.split()
)


# Nationality and place adjectives that open a title but are not part of a name
# ("American Paul Whelan", "Russian arms dealer Viktor Bout").
DEMONYMS: frozenset[str] = frozenset(
    """
    american russian british chinese french german ukrainian indian israeli palestinian iranian
    iraqi syrian turkish japanese korean canadian mexican brazilian australian italian spanish
    polish dutch swedish norwegian danish finnish irish scottish welsh english european african
    egyptian saudi pakistani afghan nigerian kenyan ethiopian greek hungarian czech romanian
    serbian croatian belarusian georgian armenian lebanese jordanian qatari emirati thai
    vietnamese indonesian filipino malaysian argentine argentinian chilean colombian venezuelan
    peruvian cuban south north east west u.s. us uk u.k. eu un nato
    """.split()
)

# Given names whose bearers are almost all of one gender, used to resolve he/she when no
# honorific or earlier pronoun says: `quotes/data/given_names.txt` (hand-written for this
# project, many languages, ambiguous names such as Jean, Andrea or Kim left out).
@functools.lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    text = resources.files("quotes").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[name] = gender.strip()
            out.setdefault(_fold_name(name), gender.strip())
    return out


def _fold_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def given_name_gender(first: str) -> str | None:
    """'f' or 'm' for a given name (lower-case, accents folded or not) of one gender, else None."""
    return _given_names().get(first)


# Surname endings that mark a woman in Slavic and Baltic naming (Sorokina, Zakharova, Kowalska).
FEMALE_SURNAME_ENDINGS: tuple[str, ...] = ("ova", "eva", "ina", "aya", "skaya", "ska", "cka", "iene", "yte")
MALE_SURNAME_ENDINGS: tuple[str, ...] = ("ov", "ev", "sky", "ski", "skiy")


# Verbs of thinking. Not speech verbs (they introduce opinion, not quotes), except right before
# a quote nested in a speaker's own words: “When I saw it I thought, ‘That’s it.’”
THOUGHT_VERBS: frozenset[str] = frozenset("thought think wondered wonder figured reckoned".split())
