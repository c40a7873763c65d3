"""Word lists that decide what a quotation is: speech, a title, a term or interface text.

Data only, used by `quotes.extract`: the verbs and nouns around a quote that make it a label
(so-called, dubbed, Press “Enter”, the “Book” button), a work (a report titled “…”), page
furniture (share prompts, copyright lines) or a speaker's own characterisation. Every list
says which case it exists for. The speech verbs themselves are `quotes.lexicon`'s.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

# --- Extraction (quotes/extract.py owns this block) -------------------------------------------
# Words directly before a quoted phrase that make it a label, not speech: so-called “storms”,
# dubbed “the Bear”, nicknamed “the Lantern”, the term “wunderwaffe”.
NAMING_CUES: frozenset[str] = frozenset(
    """
    so-called dubbed nicknamed nickname termed branded labelled labeled christened styled
    term word phrase slogan motto label moniker nickname hashtag
    """.split()
)

# Forms of "call" that name something (staff call “Project Heron”) when the quote is short.
CALL_FORMS: frozenset[str] = frozenset({"call", "calls", "called", "calling"})

# Verbs that put a quoted word on a screen control: Press “Enter”, click “Sign up”.
UI_VERBS: frozenset[str] = frozenset(
    """
    press click tap hit select choose type toggle check uncheck swipe push enter pressing clicking
    tapping selecting choosing clicked tapped pressed selected
    """.split()
)

# Speech verbs that also say what a sign, button or banner shows: buttons that read “No Cuts.”
SIGN_VERBS: frozenset[str] = frozenset("read reads reading".split())

# Nouns after a quoted word that make it interface text: the “Book a Vaccine” button.
UI_NOUNS: frozenset[str] = frozenset(
    "button link tab menu icon key option field checkbox box toggle banner prompt".split()
)

# Nouns near a quoted Title Case phrase that make it the title of a work.
TITLE_NOUNS: frozenset[str] = frozenset(
    """
    report book paper study leaflet brochure film movie documentary series show album song
    article essay column headline novel play poem report podcast episode exhibition album
    programme program campaign strategy plan document white paper manifesto magazine newspaper
    thriller drama comedy musical sitcom memoir biopic opera single record track anthem ballad
    journal painting sculpture exhibit franchise sequel trilogy
    """.split()
)

# Small words that stay lower case inside a Title Case title (“Tides of Change”).
TITLE_SMALL_WORDS: frozenset[str] = frozenset(
    "a an the of in on at to for and or but nor by with from as vs vs. via per into onto up".split()
) | frozenset(
    # The same small words in the titles of other languages: “Corazón de Acero”, “Der Untergang”.
    "de del la le les el los las von van der den di da du des y e et und".split()
)

# Lines of page furniture in plain-text scrapes: share/comment prompts, "Read also", copyright.
BOILERPLATE_PREFIXES: tuple[str, ...] = (
    "read also", "read more", "see also", "related", "share", "tags", "copyright", "©",
    "all rights reserved", "leave a reply", "leave a comment", "click here", "sign up",
    "subscribe", "follow us", "more news", "comments", "be first to comment", "powered by",
    "advertisement", "sponsored", "skip to content", "press enter", "also read", "read |",
    "watch |", "listen |", "more on this story", "most read",
)

# Headings over a list of links to other stories ("Related Stories", "Read more:", "RELATED
# COVERAGE", "You may also like"): the headlines under them quote words nobody says here.
LINK_LIST_HEADINGS: tuple[str, ...] = (
    "related", "read more", "read also", "also read", "more on this", "more from", "more stories",
    "most read", "most popular", "recommended", "you may also like", "you might also like",
    "see also", "further reading", "trending", "top stories", "latest news", "editor's picks",
    "editors' picks", "more news", "in other news", "what to read next", "read |", "watch |",
)

# Verbs whose "VERB ... as “…”" gives a speaker's own words, not a label ("described the
# mood as “funereal”", "characterised it as “reckless”"); "known as" and "such as" are not here.
CHARACTERISE_VERBS: frozenset[str] = frozenset(
    """
    describe describes described describing characterise characterises characterised
    characterize characterizes characterized dismiss dismisses dismissed denounce denounced
    deride derided condemn condemned brand branded label labelled labeled hail hailed
    """.split()
)

# Words right before a quote that make it the title of a work, whatever its case:
# a report titled “Why the river keeps rising”.
TITLE_CUES: frozenset[str] = frozenset("titled entitled headlined captioned".split())

# Words that cannot be the noun a short quote modifies: after a “…” phrase they show it ends a
# noun phrase or a clause (“outrageous” and, “clear path” back, “danger” is), so it is not a
# pre-modifier like the “undue burden” standard or a “no-disparagement” clause.
NOT_HEAD_NOUNS: frozenset[str] = frozenset(
    """
    a an the this that these those it its they them he him his she her hers we us our you your i
    me my their there here who whom whose which what when where why how whether if as than then
    and or but nor so yet for of to in on at by with from into onto upon about against across
    through throughout toward towards within without under over after before since until while
    during despite because although though unless once like per via among between beyond amid
    back out up down off away around ahead forward together apart aside instead too very also
    not no never ever always often just only even still again already now later today soon
    is are was were be been being am has have had do does did will would can could may might
    must shall should said says say told tells according including such rather all both each
    some any more most less many much few other another every either neither
    """.split()
)

# "X of" before a quoted Title Case name that make it a work: the author of “…”, host of “…”.
WORK_OF: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in (
        "author of", "co-author of", "coauthor of", "host of", "hosts of", "star of", "stars of",
        "director of", "producer of", "creator of", "editor of", "charge of", "episode of",
        "edition of", "issue of", "appearance on", "appearances on",
    )
)
