"""Property tests over the whole pipeline: extract → attribute → link speakers → align → rules → renderers.

Hypothesis generates one to three article-like texts (names, roles, speech verbs, every mark family,
nesting, apostrophes, ellipses, brackets, dashes, blank lines, Markdown) or arbitrary unicode, and
every result must satisfy the invariants checked by `violations()` in benchmarks/fuzz.py (the
100,000-input fuzz script runs the same steps and checks): nothing raises; `text[start:end] == text`
for quotes, speaker mentions and cues; quote ids, positions and parents; groups whose members
exist; findings inside their file with line/column matching their offset; every renderer works.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.model import Document, Finding, Member, Source
from quotes.pipeline import Run


def _load_fuzz() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("quotes_benchmarks_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()

FIRST = ["Ana", "Olena", "Kofi", "Jürgen", "Zoë", "Сергей", "Mary-Jane", "D’Arcy", "Li"]
LAST = ["Ruiz", "Marchenko", "O’Neill", "Teviot-Marsh", "Лавров", "Van der Berg", "Al-Sayed", "Smith"]
ROLES = ["Mayor", "Defence Minister", "Prof.", "Dr", "spokeswoman", "the chief executive", "Senator"]
VERBS = ["said", "says", "told reporters", "added", "warned", "insisted", "wrote", "asked", "put it", "a déclaré"]
ANON = ["a senior official", "one diplomat", "sources close to the talks", "an aide"]
PRONOUNS = ["he", "she", "they", "He", "She", "we"]
WORDS = ["the", "bridge", "budget", "we", "will", "not", "never", "open", "spring", "families", "prices",
         "it’s", "don’t", "Russia’s", "’90s", "rock ’n’ roll", "o’clock", "Joneses’", "12", "1,000",
         "U.S.", "Mr.", "café", "Київ", "東京", "🙂", "—", "–", "...", "…", "[sic]", "[the ministry]",
         "(laughs)", "/", "*", "`code`", "e.g."]  # fmt: skip
PAIRS = [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("»", "«"), ("„", "“"), ("‹", "›"), ("‚", "‘")]
MARKS = "“”‘’\"'«»„‹›‚"

names = st.builds(lambda f, last, role: f"{role} {f} {last}".strip(), st.sampled_from(FIRST), st.sampled_from(LAST),
                  st.sampled_from(["", "", *ROLES]))  # fmt: skip
speakers = st.one_of(names, st.sampled_from(ANON), st.sampled_from(PRONOUNS), st.sampled_from(LAST))
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
endings = st.sampled_from(["", ",", ".", "?", "!", "…", "..."])


@st.composite
def quotations(draw: st.DrawFn, depth: int = 0) -> str:
    """A quotation in any mark family, sometimes nesting another."""
    open_, close = draw(st.sampled_from(PAIRS))
    inner = draw(phrases)
    if depth < 2 and draw(st.booleans()):
        inner += " " + draw(quotations(depth + 1)) + " " + draw(phrases)
    return f"{open_}{inner}{draw(endings)}{close}"


@st.composite
def speech(draw: st.DrawFn) -> str:
    """A paragraph of reported speech in one of the common shapes (or a broken one)."""
    q, who, verb = draw(quotations()), draw(speakers), draw(st.sampled_from(VERBS))
    shape = draw(st.integers(0, 9))
    return [
        f"{q} {who} {verb}.",
        f"{q}, {verb} {who}.",
        f"{who} {verb}: {q}",
        f"According to {who}, {q}",
        f"{q[:-1]} {who} {verb}. {q[1:]}",  # split around the cue; marks may not pair
        f"{who} {verb} the plan was {q} and left.",
        f"“{draw(phrases)}\n\n“{draw(phrases)},” {who} {verb}.",  # multi-paragraph quote
        f"({who} {verb} {q}) [{draw(phrases)}]",
        f"{who.upper()}: {q}",
        q,
    ][shape]


prose = st.lists(phrases, min_size=1, max_size=4).map(lambda s: ". ".join(s) + ".")
noise = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=80),  # arbitrary unicode, no surrogates
    st.text(st.sampled_from(MARKS + " \n.,—abAB’"), max_size=80),  # marks and little else
)
paragraphs = st.one_of(speech(), speech(), prose, noise)
separators = st.sampled_from(["\n\n", "\n", " ", "\n\n\n", "\n \n"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A headline (or not) and paragraphs joined by blank lines, newlines or spaces."""
    parts = draw(st.lists(paragraphs, min_size=1, max_size=8))
    if draw(st.booleans()):
        parts.insert(0, draw(phrases).title())
    return draw(separators).join(parts) + draw(st.sampled_from(["", "\n"]))


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """An article with Markdown code spans, fences, emphasis and a heading."""
    parts = [f"# {draw(phrases)}", draw(articles()), f"`{draw(quotations())}`", f"*{draw(quotations())}* {draw(names)} said.",
             f"```\n{draw(speech())}\n```", f"**“{draw(phrases)}**,” {draw(names)} said."]  # fmt: skip
    return "\n\n".join(draw(st.permutations(parts))[: draw(st.integers(2, len(parts)))])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """An article with marks or noise inserted and slices deleted at random places."""
    text = draw(articles())
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.one_of(st.sampled_from(list(MARKS)), noise, st.just("“‘" * 40))) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
    return text


@st.composite
def cases(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> list[tuple[str, str]]:
    """One to three (path, text) inputs; a shared paragraph now and then, so that groups form."""
    shared = draw(st.one_of(st.just(""), speech()))
    files = []
    for n, text in enumerate(draw(st.lists(texts, min_size=1, max_size=3))):
        ext = draw(st.sampled_from([".txt", ".txt", ".md"]))
        files.append((f"dir/s{n}{ext}", f"{text}\n\n{shared}" if shared else text))
    return files


def check(files: list[tuple[str, str]]) -> None:
    bad = fuzz.run_case(files, render=True)
    assert bad == [], (files, bad)


PROPERTY = settings(deadline=None, max_examples=150, database=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cases(articles()))
def test_articles(files: list[tuple[str, str]]) -> None:
    check(files)


@PROPERTY
@given(cases(mutated()))
def test_mutated_articles(files: list[tuple[str, str]]) -> None:
    check(files)


@PROPERTY
@given(cases(st.one_of(noise, st.text(st.characters(exclude_categories=["Cs"]), max_size=400))))
def test_arbitrary_unicode(files: list[tuple[str, str]]) -> None:
    check(files)


@settings(deadline=None, max_examples=60, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(markdown()))
def test_markdown(files: list[tuple[str, str]]) -> None:
    check(files)


# --- the checker itself catches broken results (so the properties above can fail) ------------------

TEXT = "“We will rebuild the bridge,” Mayor Ana Ruiz said.\n\n“We will rebuild the bridge,” she added.\n“Unclosed"


def _run() -> tuple[list[Source], list[Document], Run]:
    sources = [Source("a.txt", TEXT), Source("b.txt", "“We will rebuild the bridge,” Ana Ruiz said.\n")]
    docs, run = fuzz.pipeline(sources)
    assert fuzz.violations(sources, docs, run) == []
    return sources, docs, run


def test_checker_catches_a_shifted_quote() -> None:
    sources, docs, run = _run()
    q = docs[0].quotes[0]
    docs[0] = attrs.evolve(docs[0], quotes=(attrs.evolve(q, start=q.start + 1), *docs[0].quotes[1:]))
    assert any("!= quote text" in v for v in fuzz.violations(sources, docs, run))


def test_checker_catches_a_bad_speaker_mention() -> None:
    sources, docs, run = _run()
    q = docs[0].quotes[0]
    mention = q.attribution.speaker_mention
    assert mention is not None and TEXT[mention.start : mention.end] == mention.text == "Mayor Ana Ruiz"
    wrong = attrs.evolve(q, attribution=attrs.evolve(q.attribution, speaker_mention=attrs.evolve(mention, end=mention.end - 1)))
    docs[0] = attrs.evolve(docs[0], quotes=(wrong, *docs[0].quotes[1:]))
    assert any("speaker_mention" in v for v in fuzz.violations(sources, docs, run))


def test_checker_catches_a_finding_outside_its_file() -> None:
    sources, docs, run = _run()
    assert any(f.code == "Q301" for f in run.findings)
    bad = Finding("Q301", "warning", "x", "a.txt", 99, 1, offset=len(TEXT))
    assert any("outside" in v for v in fuzz.violations(sources, docs, attrs.evolve(run, findings=(bad,))))


def test_checker_catches_a_group_member_that_is_no_quote() -> None:
    sources, docs, run = _run()
    (group,) = run.groups
    broken = attrs.evolve(group, members=(*group.members, Member("nowhere.txt#1", "exact")))
    assert any("is no quote" in v for v in fuzz.violations(sources, docs, attrs.evolve(run, groups=(broken,))))


@pytest.mark.parametrize("text", ["", "\n", "“", "”", "“”", "'", "‘’", "«»", "\x00", "\ufeff“a”", "“a”\u2028b"])
def test_tiny_inputs(text: str) -> None:
    check([("t.txt", text), ("u.md", text)])
