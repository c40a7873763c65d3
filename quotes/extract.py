"""Source → Document: every quotation in a text, with speech told apart from titles, terms and UI.

In: a `Source` (decoded text plus masked code ranges). Out: a `Document` whose quotes carry exact
offsets, nesting, a category (speech | title | term | ui) and the one-line reason that decided it,
plus the mark problems found while pairing. Each decision looks only at a small window around the
quote (its sentence, its line, its paragraph), so the step stays linear. This module refuses to
know who said anything: attribution is left empty for the next step.
"""

from __future__ import annotations

import re

from quotes import category_words, function_words, lexicon
from quotes.furniture import PageContext, markup_ranges
from quotes.marks import Pair, pair_marks
from quotes.model import Document, Quote, Source

# How far the left context reaches (characters); a sentence is rarely longer.
_LEFT = 240

_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_TOKEN = re.compile(r"\S+")
# A sentence boundary (checked against abbreviations in `_sentence_start`), or a blank line.
_BOUNDARY = re.compile(r"[.!?…][\"”’'»)\]]*\s+|(\n[^\S\n]*\n)")
# Words ending in a full stop that do not end a sentence: Mr. Smith, Dr. Teviot, U.S. officials.
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Sen",
        "Gen",
        "Rep",
        "Gov",
        "Prof",
        "No",
        "Jr",
        "Sr",
        "Lt",
        "Col",
        "Capt",
        "Sgt",
        "Mt",
        "vs",
        "U.S",
    ]
)
# A URL on a line marks a citation (reference lists, "Sources:" blocks).
# (Both open on one character class, so that a search skips to the next h/w or 1/2 instead of
# trying every offset: `https?://|www\.\w` with IGNORECASE, and `\b(?:1[89]|20)\d\d\b`; ſ is
# what IGNORECASE also took for s.)
_URL = re.compile(r"[hHwW](?:(?<=[hH])[tT][tT][pP][sSſ]?://|(?<=[wW])[wW][wW]\.\w)")
_YEAR = re.compile(r"[12](?<!\w.)(?:(?<=1)[89]|(?<=2)0)\d\d\b")
# List markers that open a reference line: "0. ", "[3] ", "• ".
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}[.)]|\[\d{1,3}\]|[•*\-–·])?\s*")
_POSSESSIVE_BEFORE = re.compile(r"[A-Z][\w\-]*[’']s\s+\Z")
# An appositive after a quoted name: ", a memoir", " -- a movie set for release", ", the HBO series".
_WORK_APPOSITIVE = re.compile(r"[ \t]*(?:,|--|—|–)?[ \t]*(?:a|an|the)[ \t]", re.IGNORECASE)
_CAMEL = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z]*")
# Headline attribution: "Lavrov: West 'isolating itself'", a name and a colon open the line.
_NAME_COLON = re.compile(r"\s*[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}:\s")
_SENTENCE_PUNCT = ".!?…"
# The word right after a close mark, when it is a lower-case word one space on.
_NEXT_WORD = re.compile(r" ([a-z][a-z\-]+)\b")
# A capitalised word right before an opening mark, and one right after a closing mark.
_NAME_BEFORE = re.compile(r"(?<![\w’'.])([^\W\d_][\w’'\-]*) $")
_NAME_AFTER = re.compile(r" ([^\W\d_][\w’'\-]*)")
# "per" alone is left out: too common outside attributions (per cent, per year).
_ACCORDING = tuple(f for f in lexicon.ACCORDING_TO_FORMS if " " in f)
_ACCORDING_FIRST = frozenset(f.split()[0] for f in _ACCORDING)
_CUE_WORDS = frozenset(lexicon.SPEECH_VERB_FORMS) | lexicon.SPEECH_NOUNS
# The end of an attributed quote on the same line: “Is it fair?” she asked. (then “No.”)
_REPLY_AFTER = re.compile(
    r"[”\"’»][^\S\n]+(?:[A-Z][\w’'\-.]*[^\S\n]+){0,3}?(?:" + "|".join(sorted(
        w for w in lexicon.SPEECH_VERB_FORMS if w.isalpha())) + r")(?:[^\S\n]+[A-Z][\w’'\-.]*){0,3}[.,][^\S\n]+\Z"
    + r"|[”\"’»][^\S\n]+(?:he|she|they|I|we)[^\S\n]+\w+[.,][^\S\n]+\Z"
)


def extract(source: Source) -> Document:
    """Find every quotation in `source` and decide whether each one is speech."""
    text = source.text
    # Markup tags left in a plain-text scrape are masked like code: <tweet author="@x"> is no quote.
    tags = markup_ranges(text)
    pairs, problems = pair_marks(text, _merge(source.masked, tags) if tags else source.masked)
    ctx = PageContext(text)
    quotes: list[Quote] = []
    kept: dict[int, int] = {}  # pair index -> quote index
    for k, p in enumerate(pairs):
        if p.close is None and p.open_mark in "‘’'‚":
            continue  # an unclosed single mark is more often a stray apostrophe than a quote
        parent = kept.get(p.parent) if p.parent is not None else None
        parent_q = quotes[parent] if parent is not None else None
        parent_id = parent_q.id if parent_q is not None else None
        category, reason = _classify(ctx, p, parent_q)
        prev = quotes[-1] if quotes else None
        if category in ("speech", "term") and prev is not None and prev.category in ("ui", "title", "term") \
                and prev.parent == parent_id \
                and _coordinated(text, prev, p.open) and len(text[p.start : p.end].split()) <= 8:
            # click “Accept all” or “Manage preferences”: a list of labels shares its category.
            category, reason = prev.category, f"listed with the {prev.category} before it ({prev.reason})"
        line, column = source.position(p.start)
        n = len(quotes) + 1
        quotes.append(
            Quote(
                id=f"{source.path}#{n}",
                source=source.path,
                start=p.start,
                end=p.end,
                text=text[p.start : p.end],
                line=line,
                column=column,
                open_mark=p.open_mark,
                close_mark=p.close_mark,
                speech=category == "speech",
                category=category,
                reason=reason if p.close is not None else f"unclosed; {reason}",
                parent=parent_id,
                depth=parent_q.depth + 1 if parent_q is not None else 0,
            )
        )
        kept[k] = len(quotes) - 1
    return Document(source=source, quotes=tuple(quotes), problems=tuple(problems))


def _merge(a: tuple[tuple[int, int], ...], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two sets of ranges as one sorted list without overlaps (pairing bisects on it)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted([*a, *b]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _coordinated(text: str, prev: Quote, open_: int) -> bool:
    """True when only "or", "and", "/" or a comma stands between `prev`'s close and this open mark."""
    gap = text[prev.end + len(prev.close_mark or "") : open_]
    return len(gap) <= 8 and gap.strip(" ,/").lower() in ("", "or", "and", "nor")


def _words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def _title_case(content: str) -> bool:
    """Every significant word capitalised (Tides of Change, Two Doses, Full Stop)."""
    words = content.split()
    if not words or len(words) > 14:
        return False
    if content.rstrip()[-1:] in ".!,;:":
        return False
    for i, w in enumerate(words):
        w = w.strip("“”\"‘’'()[],:;-–—")
        if not any(ch.isalnum() for ch in w):
            continue  # "&", "/", "+": Urban Health & Climate
        c = w[0]
        if c.isupper() or c.isdigit():
            continue
        if i and w.lower() in category_words.TITLE_SMALL_WORDS:
            continue
        if i == 0 and w.lower() == "the" and len(words) > 1:
            continue  # nicknames: “the Lantern”, “the Sump”
        return False
    return any(ch.isalpha() for ch in content)


def _classify(ctx: PageContext, p: Pair, parent: Quote | None) -> tuple[str, str]:
    """Category and reason for one quote, from its local context."""
    text = ctx.text
    start, end = p.start, p.end
    close_end = end + (len(p.close_mark) if p.close_mark else 0)
    content = text[start:end]
    if parent is not None and not parent.speech:
        return parent.category, f"inside a {parent.category}"
    if not any(ch.isalnum() for ch in content):
        return "term", "no words inside the marks"  # “”, “…”, “?”: nothing anyone said
    if ctx.embedded(p.open):
        return "ui", "inside an embedded social post (<tweet>…</tweet>, a post signed (@handle) and date)"
    floor = parent.start if parent is not None else 0
    nwords = content.count(" ") + 1 if len(content) < 80 else len(content.split())
    last = content.rstrip()[-1:]

    # Page furniture in plain-text scrapes: headline lists, share prompts, copyright lines.
    if parent is None:
        verdict = _page_context(ctx, p, close_end, nwords, content)
        if verdict is not None:
            return verdict
    sentence = last in _SENTENCE_PUNCT or (last == "," and nwords >= 3)
    title_case = not sentence and nwords <= 14 and _title_case(content)
    lwords = _words(text[max(p.open - 40, floor) : p.open])[-5:]
    if (
        sentence
        and nwords >= 6
        and not category_words.TITLE_CUES.intersection(lwords[-2:])
        # host of “The Late Hour with Sam Reyes.”: a work's name may read as a sentence
        and not (tuple(lwords[-2:]) in category_words.WORK_OF or category_words.TITLE_NOUNS.intersection(lwords[-1:]))
    ):
        return "speech", "a sentence inside the marks"  # the common case, decided early
    if nwords == 1 and _CAMEL.fullmatch(content):
        return "term", "one word with capitals inside (a brand or a coined name: TrolleyCount)"
    if nwords <= 3 and _inside_name(text, p.open, close_end, content) and not ctx.headline(p, close_end):
        return "term", "nickname inside a name (Marcus “Tank” Odell)"
    right_hi = min(len(text), close_end + 60)
    if parent is not None:
        right_hi = min(right_hi, parent.end)
    right = text[close_end:right_hi]
    nl = right.find("\n")
    if nl != -1:
        right = right[:nl]
    rwords = _words(right)
    # A work named as such: a report titled “Why the river keeps rising”.
    if category_words.TITLE_CUES.intersection(lwords[-2:]):
        return "title", "after 'titled' / 'entitled' / 'headlined'"
    # Interface text: Press “Enter”, the “Book a Vaccine” button.
    if lwords and lwords[-1] in category_words.UI_VERBS and nwords <= 4:
        return "ui", f"after the UI verb '{lwords[-1]}'"
    if nwords <= 5 and category_words.UI_NOUNS.intersection(rwords[:2]):
        return "ui", "followed by a UI noun (button, link, tab...)"
    tail3 = lwords[-3:]
    # Labels: so-called “hundred-year storms”, dubbed “the Bear”, known as “the Sump”.
    naming = bool(category_words.NAMING_CUES.intersection(tail3)) or tail3[-2:] == ["so", "called"]
    if naming and (nwords <= 5 or title_case):
        return "term", "after a naming cue (so-called, dubbed, nicknamed...)"
    if lwords and lwords[-1] == "as" and (nwords <= 2 or title_case) and not (
        # which he described as “a provocation”: a speaker's characterisation, not a label.
        len(lwords) > 1 and lwords[-2] in _CUE_WORDS and content.lower().startswith(("a ", "an "))
    ) and not (
        # a sum she will describe only as “embarrassing.”, described the mood ... as “funereal”:
        # one word after a characterising verb is the speaker's adjective, not a label.
        nwords == 1 and category_words.CHARACTERISE_VERBS.intersection(_words(text[max(p.open - 100, floor) : p.open])[-12:])
    ):
        return "term", "short phrase after 'as' (known as, described as)"
    if (nwords <= 2 or title_case) and _names_by_call(lwords):
        return "term", "short phrase named by 'call' (staff call “Project Heron”)"
    # A work of someone's: Ilse Marchetti’s ‘Salt Road’ (also in a headline-case line).
    if title_case and _POSSESSIVE_BEFORE.search(text, max(floor, p.open - 40), p.open):
        return "title", "Title Case phrase after a possessive (someone's work)"
    # A named work, its punctuation inside the marks: the network's “Face the Nation,” the 2005
    # book ''Lost Causes: A Memoir,'' host of “The Late Hour.” The noun or the possessive says so.
    if (
        not title_case
        and last in ".,!?"
        and (
            category_words.TITLE_NOUNS.intersection(lwords[-2:])
            or tuple(lwords[-2:]) in category_words.WORK_OF
            or _POSSESSIVE_BEFORE.search(text, max(floor, p.open - 40), p.open)
        )
        and _title_case(content.rstrip(" .,!?"))
        and not ctx.headline(p, close_end)
    ):
        return "title", "Title Case name of a work after its noun or a possessive, punctuation inside"
    # A work named, then described in apposition: ''Night Ferry,'' a thriller by …; “Salt
    # Road” -- a memoir. Not when a cue follows (“We Will Win,” a campaign ad said).
    if (
        nwords <= 8
        and _WORK_APPOSITIVE.match(right)
        and category_words.TITLE_NOUNS.intersection(rwords[1:4])
        and not _has_cue(rwords[:7])
        and _title_case(content.rstrip(" .,!?"))
        and not ctx.headline(p, close_end)
    ):
        return "title", "Title Case name followed by an appositive naming a work (“X,” a memoir)"
    # Title Case, not a sentence: the title of a work, or a capitalised nickname. Not in a
    # headline-case line (Blinken Urges Russia To “Reverse Course”), where case says nothing.
    if (
        title_case
        and not (nwords == 1 and _has_cue(lwords[-4:]))
        and not ctx.headline(p, close_end)
    ):
        if category_words.TITLE_NOUNS.intersection(lwords[-4:] + rwords[:2]) or nwords >= 3:
            return "title", "Title Case phrase (name of a work)"
        return "term", "short Title Case phrase (nickname or name)"
    # A show named as the listener or the venue: Ruiz told “Fox and Friends,” / on “Morning
    # Edition,” Hale said. Words spoken are never told's object nor on's.
    if (
        last in ".,"
        and 2 <= nwords <= 5
        and lwords[-1:] in (["told"], ["on"])
        and _title_case(content.rstrip()[:-1])
        and not ctx.headline(p, close_end)
    ):
        return "title", "Title Case name after 'told' / 'on' (a show), punctuation inside"
    # American punctuation inside the marks: it was ‘Born to Run,’ and I still have it; buttons
    # that read “Books Not Budget Cuts.” A title, unless a speech verb stands right beside it
    # (“Happy New Year,” she said); "read" is what signs and buttons do.
    if (
        last in ".,"
        and 2 <= nwords <= 5
        and _title_case(content.rstrip()[:-1])
        and (not _has_cue(rwords[:3]) or (lwords[-1:] and lwords[-1] in category_words.TITLE_NOUNS))
        and not (lwords and lwords[-1] in _CUE_WORDS and lwords[-1] not in category_words.SIGN_VERBS)
        and not ctx.headline(p, close_end)
    ):
        # ... the streaming thriller “Night Ferry,” and says: the noun names a work.
        return "title", "Title Case phrase with the punctuation inside the marks"
    # A “no-disparagement” clause, the ''undue burden'' standard: a short quote followed by the
    # noun it modifies is a term. Not right after a speech verb (residents describe ‘terrifying’
    # scenes), where the word is the speaker's own.
    if nwords <= 2 and last.isalnum() and _modifies_noun(right) and not (lwords and lwords[-1] in _CUE_WORDS):
        return "term", "short quote used as a modifier before a noun (a “no-brainer” decision)"
    # A one- or two-word lower-case fragment inside a sentence (its nation's “crumbling
    # infrastructure.”) is no sentence of its own, whatever its punctuation: a cue must decide.
    if sentence and (nwords >= 2 or last in "!?") and not (
        nwords <= 2 and content[:1].islower() and bool(lwords)
    ):
        return "speech", "a sentence inside the marks"
    if sentence and _REPLY_AFTER.search(text, max(floor, p.open - 80), p.open):
        return "speech", "a one-word reply after an attributed quote (“Is it fair?” she asked. “No.”)"
    left = text[max(p.open - _LEFT, floor) : p.open]
    cut = _sentence_start(left)
    left = left[cut:]
    if _has_cue(_words(left)) or _has_cue(rwords[:6]):
        return "speech", "speech cue verb in the sentence"
    if left.rstrip().endswith(":"):
        return "speech", "colon lead-in"
    if _NAME_COLON.match(left):
        return "speech", "headline attribution (Name: ...)"
    if nwords >= 4:
        return "speech", "four or more words"
    if parent is not None and nwords >= 3:
        return "speech", "nested quote inside speech"
    return "term", "short phrase without a speech cue (scare quote or term)"


def _page_context(
    ctx: PageContext, p: Pair, close_end: int, nwords: int, content: str
) -> tuple[str, str] | None:
    """Boilerplate lines, headline runs and citation lines: never speech."""
    text = ctx.text
    ls, le = ctx.line(p.open)
    if ctx.boiler_line(ls, le):
        return (
            "ui" if nwords <= 3 else "title"
        ), "boilerplate line (share/comment/copyright prompt)"
    if ctx.link_list(ls):
        return "title", "headline in a list of links under a 'Related' / 'Read more' heading"
    if ctx.furniture(ls, le):
        if nwords <= 2 and not _title_case(content):
            return "term", "in a run of short headline lines; short phrase"
        return "title", "in a run of short headline lines (page furniture)"
    # Reference lists: a citation line with a URL, or outlet and year after the quote.
    if le - ls > 1000:
        return None  # a citation is one short line, not a whole one-line article
    tail = text[close_end : min(le, close_end + 300)]
    if _URL.search(tail):
        return "title", "citation line with a URL"
    if (
        _YEAR.search(tail)
        and _LIST_MARKER.fullmatch(text, ls, p.open)
        and not _has_cue(_words(tail))
    ):
        return "title", "citation line: quote then outlet and year"
    return None


def _inside_name(text: str, open_: int, close_end: int, content: str) -> bool:
    """A short capitalised quote between a given name and a surname: Earvin “Magic” Johnson."""
    if not content[:1].isupper() or content.rstrip()[-1:] in ".!?,;:":
        return False
    before = _NAME_BEFORE.search(text, max(0, open_ - 30), open_)
    after = _NAME_AFTER.match(text, close_end)
    return (before is not None and after is not None
            and before.group(1)[0].isupper() and after.group(1)[0].isupper()
            and before.group(1).lower() not in function_words.NON_NAME_WORDS
            and after.group(1).lower() not in function_words.NON_NAME_WORDS)


def _modifies_noun(right: str) -> bool:
    """Does a lower-case content word follow the close mark, one space on (“…” standard)?"""
    m = _NEXT_WORD.match(right)
    return m is not None and m.group(1) not in category_words.NOT_HEAD_NOUNS


def _names_by_call(lwords: list[str]) -> bool:
    """'call' a few words before the quote, naming it (not 'called on', 'called for')."""
    for i in range(len(lwords) - 1, max(-1, len(lwords) - 5), -1):
        if lwords[i] in category_words.CALL_FORMS:
            return i + 1 >= len(lwords) or lwords[i + 1] not in ("on", "for", "upon", "out")
    return False


def _sentence_start(left: str) -> int:
    """Offset in `left` where the sentence holding its end begins (skips Mr., Dr., U.S.)."""
    for m in reversed(list(_BOUNDARY.finditer(left))):
        i = m.start()
        if m.group(1) is None and left[i] == ".":
            word = left[max(0, i - 5) : i].rsplit(None, 1)[-1:]
            if word and (len(word[0].strip(".")) <= 1 or word[0] in _ABBREVIATIONS):
                continue
        return m.end()
    return 0


def _has_cue(words: list[str]) -> bool:
    """A speech verb, speech noun or 'according to' among `words`."""
    if not _CUE_WORDS.isdisjoint(words):
        return True
    if len(words) < 2 or _ACCORDING_FIRST.isdisjoint(words):
        return False
    joined = " " + " ".join(words) + " "
    return any(f" {form} " in joined for form in _ACCORDING)
