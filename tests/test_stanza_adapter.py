"""quotes.engines.stanza rules on hand-built stanza Documents (token dicts, heads, NER, coref chains)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from quotes.errors import ModelsMissingError, QuotesError
from quotes.model import Attribution, Source, Span

try:
    import stanza
    from stanza.models.coref.coref_chain import CorefChain, CorefMention
except ImportError:  # pragma: no cover - CI installs stanza; there a missing stanza is a failure
    if os.environ.get("CI"):
        raise
    pytest.skip("stanza is not installed (CI installs it and fails instead)", allow_module_level=True)

from quotes.engines.stanza import (
    Found,
    StanzaEngine,
    attribute_parsed,
    attribution_from_stanza,
    find_speaker,
)
from quotes.extract import extract
from quotes.models_cmd import installed_processors, resolve_models_dir

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "stanza_tiny"

# A token: (text, upos, head, deprel, ner[, lemma]). `head` is the form of the head token (its
# first occurrence in the sentence) or 0 for the root; lemma defaults to the lower-cased text.
Tok = tuple[Any, ...]


def build(text: str, sentences: list[list[Tok]]) -> Any:
    """A stanza.Document with character offsets found by scanning `text` token by token."""
    cursor = 0
    out = []
    for sent in sentences:
        rows = []
        ids = {}
        for i, tok in enumerate(sent, 1):
            ids.setdefault(tok[0], i)
        for i, tok in enumerate(sent, 1):
            form, upos, head_form, deprel, ner = tok[:5]
            head = 0 if head_form == 0 else ids[head_form]
            lemma = tok[5] if len(tok) > 5 else form.lower()
            start = text.index(form, cursor)
            cursor = start + len(form)
            rows.append({"id": i, "text": form, "lemma": lemma, "upos": upos, "head": head, "deprel": deprel,
                         "ner": ner, "start_char": start, "end_char": cursor, "misc": f"start_char={start}|end_char={cursor}"})
        out.append(rows)
    return stanza.Document(out, text=text)


def span_of(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def quote_clause(ner: str = "O") -> list[Tok]:
    """'We will win' as tokens whose root 'win' is attached by the caller."""
    return [("We", "PRON", "win", "nsubj", ner), ("will", "AUX", "win", "aux", ner), ("win", "VERB", None, None, ner)]


def with_root(toks: list[Tok], head: str | int, deprel: str) -> list[Tok]:
    return [t if t[2] is not None else (t[0], t[1], head, deprel, *t[4:]) for t in toks]


Q = '"'


def quoted_first(head: str | int, deprel: str = "ccomp") -> list[Tok]:
    """'"We will win,"' opening a sentence, its root 'win' attached to `head` with `deprel`."""
    return [(Q, "PUNCT", "win", "punct", "O"), *with_root(quote_clause(), head, deprel), (",", "PUNCT", "win", "punct", "O"),
            (Q, "PUNCT", "win", "punct", "O")]


def quoted_last(head: str | int, deprel: str = "ccomp") -> list[Tok]:
    """'"We will win."' closing a sentence, its root 'win' attached to `head` with `deprel`."""
    return [(Q, "PUNCT", "win", "punct", "O"), *with_root(quote_clause(), head, deprel), (".", "PUNCT", "win", "punct", "O"),
            (Q, "PUNCT", "win", "punct", "O")]


SAID_AFTER = '"We will win," Maria Lopez said.'
SAID_AFTER_DOC = [[*quoted_first("said"), ("Maria", "PROPN", "said", "nsubj", "B-PERSON"),
                   ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"), ("said", "VERB", 0, "root", "O", "say"), (".", "PUNCT", "said", "punct", "O")]]

SAID_BEFORE = '"We will win," said Maria Lopez.'
SAID_BEFORE_DOC = [[*quoted_first("said"), ("said", "VERB", 0, "root", "O", "say"), ("Maria", "PROPN", "said", "nsubj", "B-PERSON"),
                    ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"), (".", "PUNCT", "said", "punct", "O")]]

COLON = 'Maria Lopez said: "We will win."'
COLON_DOC = [[("Maria", "PROPN", "said", "nsubj", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"), ("said", "VERB", 0, "root", "O", "say"),
              (":", "PUNCT", "win", "punct", "O"), *quoted_last("said")]]

AGENT = '"We will win," the council was told by Peter Walsh.'
AGENT_DOC = [[*quoted_first("told"), ("the", "DET", "council", "det", "O"), ("council", "NOUN", "told", "nsubj:pass", "O"),
              ("was", "AUX", "told", "aux:pass", "O", "be"), ("told", "VERB", 0, "root", "O", "tell"), ("by", "ADP", "Peter", "case", "O"),
              ("Peter", "PROPN", "told", "obl:agent", "B-PERSON"), ("Walsh", "PROPN", "Peter", "flat", "E-PERSON"), (".", "PUNCT", "told", "punct", "O")]]

PASSIVE_NO_AGENT = '"We will win," the council was told.'
PASSIVE_NO_AGENT_DOC = [[*quoted_first("told"), ("the", "DET", "council", "det", "O"), ("council", "NOUN", "told", "nsubj:pass", "O"),
                         ("was", "AUX", "told", "aux:pass", "O", "be"), ("told", "VERB", 0, "root", "O", "tell"), (".", "PUNCT", "told", "punct", "O")]]

QUOTED_AS = 'Maria Lopez was quoted as saying: "We will win."'
QUOTED_AS_DOC = [[("Maria", "PROPN", "quoted", "nsubj:pass", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"),
                  ("was", "AUX", "quoted", "aux:pass", "O", "be"), ("quoted", "VERB", 0, "root", "O", "quote"), ("as", "SCONJ", "saying", "mark", "O"),
                  ("saying", "VERB", "quoted", "advcl", "O", "say"), (":", "PUNCT", "win", "punct", "O"), *quoted_last("saying")]]

ACCORDING = '"We will win," according to Peter Walsh.'
ACCORDING_DOC = [[*quoted_first(0, "root"), ("according", "VERB", "Peter", "case", "O", "accord"), ("to", "ADP", "according", "fixed", "O"),
                  ("Peter", "PROPN", "win", "obl", "B-PERSON"), ("Walsh", "PROPN", "Peter", "flat", "E-PERSON"), (".", "PUNCT", "win", "punct", "O")]]

ORG = '"We will win," the Harbor Council said.'
ORG_DOC = [[*quoted_first("said"), ("the", "DET", "Council", "det", "O"), ("Harbor", "PROPN", "Council", "compound", "B-ORG"),
            ("Council", "PROPN", "said", "nsubj", "E-ORG"), ("said", "VERB", 0, "root", "O", "say"), (".", "PUNCT", "said", "punct", "O")]]

DESC = '"We will win," a senior official said.'
DESC_DOC = [[*quoted_first("said"), ("a", "DET", "official", "det", "O"), ("senior", "ADJ", "official", "amod", "O"),
             ("official", "NOUN", "said", "nsubj", "O"), ("said", "VERB", 0, "root", "O", "say"), (".", "PUNCT", "said", "punct", "O")]]

APPOS = '"We will win," the mayor, Maria Lopez, said.'
APPOS_DOC = [[*quoted_first("said"), ("the", "DET", "mayor", "det", "O"), ("mayor", "NOUN", "said", "nsubj", "O"),
              (",", "PUNCT", "Maria", "punct", "O"), ("Maria", "PROPN", "mayor", "appos", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"),
              (",", "PUNCT", "Maria", "punct", "O"), ("said", "VERB", 0, "root", "O", "say"), (".", "PUNCT", "said", "punct", "O")]]

NO_VERB = 'The banner carried "We will win" on Monday.'
NO_VERB_DOC = [[("The", "DET", "banner", "det", "O"), ("banner", "NOUN", "carried", "nsubj", "O"), ("carried", "VERB", 0, "root", "O", "carry"),
                (Q, "PUNCT", "win", "punct", "O"), *with_root(quote_clause(), "carried", "obj"), (Q, "PUNCT", "win", "punct", "O"),
                ("on", "ADP", "Monday", "case", "O"), ("Monday", "PROPN", "carried", "obl", "O"), (".", "PUNCT", "carried", "punct", "O")]]

# The verb inside the quote is the quoted person's, never the cue.
INNER_VERB = '"Peter Walsh said no," the report found.'
INNER_VERB_DOC = [[(Q, "PUNCT", "said", "punct", "O"), ("Peter", "PROPN", "said", "nsubj", "B-PERSON"), ("Walsh", "PROPN", "Peter", "flat", "E-PERSON"),
                   ("said", "VERB", "found", "ccomp", "O", "say"), ("no", "INTJ", "said", "obj", "O"), (",", "PUNCT", "said", "punct", "O"),
                   (Q, "PUNCT", "said", "punct", "O"), ("the", "DET", "report", "det", "O"), ("report", "NOUN", "found", "nsubj", "O"),
                   ("found", "VERB", 0, "root", "O", "find"), (".", "PUNCT", "found", "punct", "O")]]

# A misparse that leaves the quote its own sentence: the verb right before it still cues it.
ADJACENT = 'Maria Lopez said: "We will win."'
ADJACENT_DOC = [[("Maria", "PROPN", "said", "nsubj", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"),
                 ("said", "VERB", 0, "root", "O", "say"), (":", "PUNCT", "said", "punct", "O")],
                quoted_last(0, "root")]

NEW_PARAGRAPH = 'Maria Lopez said so.\n\n"We will win."'
NEW_PARAGRAPH_DOC = [[("Maria", "PROPN", "said", "nsubj", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"),
                      ("said", "VERB", 0, "root", "O", "say"), ("so", "ADV", "said", "advmod", "O"), (".", "PUNCT", "said", "punct", "O")],
                     quoted_last(0, "root")]

# The opening mark glued to the first word: the blank line still separates verb and quote.
NEW_PARAGRAPH_GLUED = 'Maria Lopez said so.\n\n“We will win.”'
NEW_PARAGRAPH_GLUED_DOC = [NEW_PARAGRAPH_DOC[0],
                           [("“We", "PRON", "win", "nsubj", "O"), ("will", "AUX", "win", "aux", "O"), ("win", "VERB", 0, "root", "O"),
                            (".", "PUNCT", "win", "punct", "O"), ("”", "PUNCT", "win", "punct", "O")]]

# Misparses the rules must not turn into speakers: a subject inside the quote, a description
# that is not a person or a body, a function word tagged as a proper noun.
INSIDE_SUBJECT = 'Comet "will not hit the Earth," director says'
INSIDE_SUBJECT_DOC = [[("Comet", "PROPN", "says", "dep", "O"), (Q, "PUNCT", "hit", "punct", "O"), ("will", "AUX", "hit", "aux", "O"),
                       ("not", "PART", "hit", "advmod", "O"), ("hit", "VERB", "says", "ccomp", "O"), ("the", "DET", "Earth", "det", "O"),
                       ("Earth", "PROPN", "says", "nsubj", "O"), (",", "PUNCT", "hit", "punct", "O"), (Q, "PUNCT", "hit", "punct", "O"),
                       ("director", "NOUN", "says", "obj", "O"), ("says", "VERB", 0, "root", "O", "say")]]

DOCUMENT_SUBJECT = 'The ruling said: "We will win."'
DOCUMENT_SUBJECT_DOC = [[("The", "DET", "ruling", "det", "O"), ("ruling", "NOUN", "said", "nsubj", "O"), ("said", "VERB", 0, "root", "O", "say"),
                         (":", "PUNCT", "win", "punct", "O"), *quoted_last("said")]]

FUNCTION_WORD = '"We will win," and warned.'
FUNCTION_WORD_DOC = [[*quoted_first("warned"), ("and", "PROPN", "warned", "nsubj", "O"), ("warned", "VERB", 0, "root", "O", "warn"),
                      (".", "PUNCT", "warned", "punct", "O")]]

# Identity lemmatizer (lemma == form): speech verbs are still known by their inflected form.
IDENTITY_LEMMA = '"We will win," Maria Lopez warned.'
IDENTITY_LEMMA_DOC = [[*quoted_first("warned"), ("Maria", "PROPN", "warned", "nsubj", "B-PERSON"),
                       ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"), ("warned", "VERB", 0, "root", "O", "warned"), (".", "PUNCT", "warned", "punct", "O")]]


@pytest.mark.parametrize(
    ("text", "sentences", "rule", "mention", "kind", "cue"),
    [
        (SAID_AFTER, SAID_AFTER_DOC, "ccomp", "Maria Lopez", "name", "said"),
        (SAID_BEFORE, SAID_BEFORE_DOC, "ccomp", "Maria Lopez", "name", "said"),
        (COLON, COLON_DOC, "ccomp", "Maria Lopez", "name", "said"),
        (AGENT, AGENT_DOC, "agent", "Peter Walsh", "name", "told"),
        (QUOTED_AS, QUOTED_AS_DOC, "ccomp", "Maria Lopez", "name", "saying"),
        (ACCORDING, ACCORDING_DOC, "according_to", "Peter Walsh", "name", "according to"),
        (ORG, ORG_DOC, "ccomp", "Harbor Council", "org", "said"),
        (DESC, DESC_DOC, "ccomp", "a senior official", "desc", "said"),
        (APPOS, APPOS_DOC, "ccomp", "Maria Lopez", "name", "said"),
        (ADJACENT, ADJACENT_DOC, "adjacent", "Maria Lopez", "name", "said"),
        (IDENTITY_LEMMA, IDENTITY_LEMMA_DOC, "ccomp", "Maria Lopez", "name", "warned"),
    ],
)
def test_rules_find_the_speaker(text: str, sentences: list[list[Tok]], rule: str, mention: str, kind: str, cue: str) -> None:
    doc = build(text, sentences)
    start, end = span_of(text, "We will win")
    found = find_speaker(doc, start, end, masked=[(start - 1, end + 2)])
    assert found is not None
    assert (found.rule, text[found.start : found.end], found.kind) == (rule, mention, kind)
    assert found.cue is not None and text[found.cue[0] : found.cue[1]] == cue


@pytest.mark.parametrize(
    ("text", "sentences", "quote"),
    [
        (NO_VERB, NO_VERB_DOC, "We will win"),
        (PASSIVE_NO_AGENT, PASSIVE_NO_AGENT_DOC, "We will win"),
        (INNER_VERB, INNER_VERB_DOC, "Peter Walsh said no,"),
        (NEW_PARAGRAPH, NEW_PARAGRAPH_DOC, "We will win."),
        (NEW_PARAGRAPH_GLUED, NEW_PARAGRAPH_GLUED_DOC, "We will win."),
        (INSIDE_SUBJECT, INSIDE_SUBJECT_DOC, "will not hit the Earth,"),
        (DOCUMENT_SUBJECT, DOCUMENT_SUBJECT_DOC, "We will win."),
        (FUNCTION_WORD, FUNCTION_WORD_DOC, "We will win"),
    ],
)
def test_no_rule_fires(text: str, sentences: list[list[Tok]], quote: str) -> None:
    doc = build(text, sentences)
    start, end = span_of(text, quote)
    assert find_speaker(doc, start, end, masked=[(start - 1, end + 1)]) is None


PRONOUN = 'Maria Lopez spoke on Monday. "We will win," she said.'
PRONOUN_DOC = [[("Maria", "PROPN", "spoke", "nsubj", "B-PERSON"), ("Lopez", "PROPN", "Maria", "flat", "E-PERSON"),
                ("spoke", "VERB", 0, "root", "O", "speak"), ("on", "ADP", "Monday", "case", "O"), ("Monday", "PROPN", "spoke", "obl", "O"),
                (".", "PUNCT", "spoke", "punct", "O")],
               [*quoted_first("said"), ("she", "PRON", "said", "nsubj", "O"), ("said", "VERB", 0, "root", "O", "say"),
                (".", "PUNCT", "said", "punct", "O")]]


def test_pronoun_resolved_through_coref_chain() -> None:
    doc = build(PRONOUN, PRONOUN_DOC)
    # Mentions count words from 0 within their sentence, end exclusive: "Maria Lopez" and "she".
    doc.coref = [CorefChain(0, [CorefMention(0, 0, 2), CorefMention(1, 6, 7)], "Maria Lopez", 0)]
    start, end = span_of(PRONOUN, "We will win")
    found = find_speaker(doc, start, end)
    assert found is not None and found.kind == "pron"
    assert found.antecedent is not None and PRONOUN[found.antecedent[0] : found.antecedent[1]] == "Maria Lopez"
    a = attribution_from_stanza(found, PRONOUN, Attribution())
    assert (a.speaker, a.method, a.speaker_mention) == ("Maria Lopez", "stanza:coref", Span.of(PRONOUN, *span_of(PRONOUN, "she")))
    assert a.confidence is not None and a.confidence < 0.95


def test_pronoun_without_coref_falls_back_to_builtin_answer() -> None:
    doc = build(PRONOUN, PRONOUN_DOC)
    start, end = span_of(PRONOUN, "We will win")
    found = find_speaker(doc, start, end)
    assert found is not None and found.kind == "pron" and found.antecedent is None
    builtin = Attribution(speaker="Maria Lopez", method="pronoun", confidence=0.85)
    assert attribution_from_stanza(found, PRONOUN, builtin) is builtin


@pytest.mark.parametrize(
    ("text", "sentences", "speaker", "anonymous", "role"),
    [
        (ORG, ORG_DOC, "Harbor Council", False, None),
        (DESC, DESC_DOC, "a senior official", True, None),
        (SAID_AFTER, SAID_AFTER_DOC, "Maria Lopez", False, None),
    ],
)
def test_attribution_from_stanza(text: str, sentences: list[list[Tok]], speaker: str, anonymous: bool, role: str | None) -> None:
    doc = build(text, sentences)
    start, end = span_of(text, "We will win")
    found = find_speaker(doc, start, end)
    assert found is not None
    a = attribution_from_stanza(found, text, Attribution())
    assert (a.speaker, a.anonymous, a.role) == (speaker, anonymous, role)
    assert a.method == f"stanza:{found.rule}"
    assert a.speaker_mention is not None and text[a.speaker_mention.start : a.speaker_mention.end] == a.speaker_mention.text
    assert a.cue is not None and text[a.cue.start : a.cue.end] == a.cue.text


def test_surname_takes_the_full_name_seen_earlier() -> None:
    text = "Maria Lopez arrived. " + '"Go," ' + "Lopez said."
    found = Found("ccomp", text.index("Lopez", 15), text.index("Lopez", 15) + 5, "name", (text.index("said"), text.index("said") + 4))
    assert attribution_from_stanza(found, text, Attribution(), names=["Maria Lopez"]).speaker == "Maria Lopez"


def test_builtin_reading_of_the_same_words_is_kept() -> None:
    text = SAID_AFTER
    doc = build(text, SAID_AFTER_DOC)
    start, end = span_of(text, "We will win")
    found = find_speaker(doc, start, end)
    assert found is not None
    builtin = Attribution(speaker="Maria Lopez-Quint", speaker_mention=Span.of(text, *span_of(text, "Lopez")), method="cue_after")
    a = attribution_from_stanza(found, text, builtin)
    assert (a.speaker, a.method) == ("Maria Lopez-Quint", "stanza:ccomp")


def test_attribute_parsed_fills_only_top_level_speech_quotes() -> None:
    text = SAID_AFTER
    doc = extract(Source("a.txt", text))
    assert [q.text for q in doc.quotes] == ["We will win,"]
    out = attribute_parsed(doc, build(text, SAID_AFTER_DOC))
    (q,) = out.quotes
    assert q.speech and q.attribution.speaker == "Maria Lopez" and q.attribution.method == "stanza:ccomp"
    assert text[q.start : q.end] == q.text


# --- the engine's edges: models directory, processors, batching, device -----------------------


def write_models(root: Path, processors: dict[str, str], files: tuple[str, ...]) -> Path:
    entry: dict[str, Any] = {"lang_name": "English", "packages": {"default": processors}}
    for proc, package in processors.items():
        entry[proc] = {package: {}}
    (root / "resources.json").write_text(json.dumps({"en": entry}), encoding="utf-8")
    for proc in files:
        (root / "en" / proc).mkdir(parents=True, exist_ok=True)
        (root / "en" / proc / f"{processors[proc]}.pt").write_bytes(b"")
    return root


ALL = ("tokenize", "pos", "depparse", "ner")


def test_missing_directory_names_dir_and_command(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ModelsMissingError) as err:
        StanzaEngine(models_dir=str(missing))
    message = str(err.value)
    assert str(missing) in message and "quotes models download" in message and "\n" not in message


def test_missing_processor_is_models_missing(tmp_path: Path) -> None:
    write_models(tmp_path, {p: "x" for p in ALL}, ALL[:-1])
    with pytest.raises(ModelsMissingError):
        installed_processors(str(tmp_path))


def test_lemma_absent_means_identity_and_coref_is_optional(tmp_path: Path) -> None:
    write_models(tmp_path, {**{p: "x" for p in ALL}, "lemma": "x", "coref": "c"}, ALL)
    assert installed_processors(str(tmp_path)) == {**{p: "x" for p in ALL}, "lemma": "identity"}
    write_models(tmp_path, {**{p: "x" for p in ALL}, "lemma": "x", "coref": "c"}, (*ALL, "lemma", "coref"))
    assert installed_processors(str(tmp_path)) == {**{p: "x" for p in ALL}, "lemma": "x", "coref": "c"}


def test_models_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert resolve_models_dir(None) == str(tmp_path)
    assert resolve_models_dir(str(TINY)) == str(TINY)


class FakePipeline:
    """Stands in for stanza.Pipeline: records its options and serves hand-built parses."""

    def __init__(self, parses: dict[str, Any], **options: Any) -> None:
        self.options = options
        self.parses = parses
        self.calls: list[int] = []

    def bulk_process(self, docs: list[Any]) -> list[Any]:
        self.calls.append(len(docs))
        return [self.parses[d.text] for d in docs]


class KeepEngine:
    """A fallback engine that answers nothing, so every speaker in the result is stanza's."""

    name = "keep"

    def attribute(self, docs: Any) -> list[Any]:
        return list(docs)


def test_engine_batches_documents_and_never_downloads() -> None:
    texts = [SAID_AFTER, ORG, DESC]
    parses = {t: build(t, d) for t, d in zip(texts, [SAID_AFTER_DOC, ORG_DOC, DESC_DOC], strict=True)}
    made: list[FakePipeline] = []

    def factory(**options: Any) -> FakePipeline:
        made.append(FakePipeline(parses, **options))
        return made[-1]

    engine = StanzaEngine(models_dir=str(TINY), device="cpu", batch_size=2, fallback=KeepEngine(), pipeline_factory=factory)
    docs = [extract(Source(f"{i}.txt", t)) for i, t in enumerate(texts)]
    out = engine.attribute(docs)
    (nlp,) = made
    assert nlp.options["download_method"] is None and nlp.options["device"] == "cpu"
    assert nlp.options["processors"]["depparse"] == "tiny"
    assert nlp.calls == [2, 1]
    assert [d.quotes[0].attribution.speaker for d in out] == ["Maria Lopez", "Harbor Council", "a senior official"]
    assert engine.name == "stanza"


def test_unknown_device_is_an_error() -> None:
    with pytest.raises(QuotesError):
        StanzaEngine(models_dir=str(TINY), device="tpu", fallback=KeepEngine(), pipeline_factory=lambda **o: None)


def test_cuda_without_a_gpu_is_a_clear_error() -> None:
    import torch

    if torch.cuda.is_available():  # a GPU machine: cuda is used, and auto picks it too
        engine = StanzaEngine(models_dir=str(TINY), device="auto", fallback=KeepEngine(), pipeline_factory=lambda **o: o)
        assert engine.device == "cuda" and engine.nlp["use_gpu"] is True
    else:
        with pytest.raises(QuotesError, match="no CUDA"):
            StanzaEngine(models_dir=str(TINY), device="cuda", fallback=KeepEngine(), pipeline_factory=lambda **o: o)
        engine = StanzaEngine(models_dir=str(TINY), device="auto", fallback=KeepEngine(), pipeline_factory=lambda **o: o)
        assert engine.device == "cpu" and engine.nlp["use_gpu"] is False
