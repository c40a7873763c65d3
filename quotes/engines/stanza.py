"""The stanza engine: speakers from dependency syntax, named entities and coreference.

In: Documents with bare quotes. Out: the same Documents with every top-level speech quote's
`Attribution` filled from a stanza parse (`method = "stanza:<rule>"`), or, where the parse names
no speaker (or only an unresolved pronoun), the built-in engine's answer for that quote, whose
`method` then says so. Rules: the subject of a speech verb whose clausal complement (ccomp,
parataxis, xcomp) holds the quote, else whose subtree holds it or which stands next to it; a
passive's `obl:agent`; "according to X"; pronouns through coref chains. The rules are pure
functions over a `stanza.Document` and character spans (`find_speaker`, in
`quotes.engines.stanza_rules`), so they are tested on hand-built Documents. This module loads
and runs the pipeline; it is the only module that imports stanza, and only when an engine is
built; models are never downloaded here (`download_method=None`); which models are installed
where is `quotes.models_cmd`'s knowledge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from quotes import lexicon
from quotes.engines.stanza_rules import (
    CONFIDENCE,
    SPEAKER_ENTITIES,
    Found,
    attribute_parsed,
    attribution_from_stanza,
    find_speaker,
)
from quotes.errors import QuotesError
from quotes.model import Document
from quotes.models_cmd import installed_processors, one_line, resolve_models_dir

if TYPE_CHECKING:
    from quotes.engines import Engine

# The rules' API, importable from the engine module as before.
__all__ = ["CONFIDENCE", "SPEAKER_ENTITIES", "Found", "StanzaEngine", "attribute_parsed",
           "attribution_from_stanza", "find_speaker", "pick_device"]


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def pick_device(device: str) -> str:
    """'cpu' or 'cuda'; 'auto' means cuda when torch sees a GPU."""
    if device not in ("cpu", "cuda", "auto"):
        raise QuotesError(f"unknown device {device!r}; choose cpu, cuda or auto")
    if device == "cpu":
        return device
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if device == "cuda":
        raise QuotesError("--device cuda was asked for, but torch sees no CUDA device; use --device cpu or auto")
    return "cpu"


class StanzaEngine:
    """Attribution from a stanza pipeline; the built-in engine answers where stanza cannot."""

    name = "stanza"

    def __init__(
        self,
        models_dir: str | None = None,
        device: str = "auto",
        lang: str = "en",
        batch_size: int = 32,
        fallback: Engine | None = None,
        extra_verbs: tuple[str, ...] = (),
        aliases: Any = None,
        pipeline_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.models_dir = resolve_models_dir(models_dir)
        self.lang = lang
        self.batch_size = max(1, batch_size)
        self.lemmas = lexicon.SPEECH_VERB_LEMMAS | frozenset(extra_verbs)
        self.processors = installed_processors(self.models_dir, lang)  # before anything heavy
        self._fallback = fallback
        self._fallback_options = {"extra_verbs": tuple(extra_verbs), "aliases": aliases}
        try:
            import stanza
        except ImportError:
            raise QuotesError("the stanza engine needs stanza: pip install 'quotes[stanza]'") from None
        self.device = pick_device(device)
        factory = pipeline_factory or stanza.Pipeline
        options = {"lang": lang, "dir": self.models_dir, "package": None, "download_method": None,
                   "device": self.device, "use_gpu": self.device != "cpu", "logging_level": "WARN"}
        try:
            self.nlp = factory(processors=dict(self.processors), **options)
        except Exception as exc:
            if "coref" not in self.processors:
                raise QuotesError(f"stanza could not load the models in {self.models_dir}: {one_line(exc)}") from None
            # Coref needs a transformer that may not be cached here: go on without it.
            del self.processors["coref"]
            try:
                self.nlp = factory(processors=dict(self.processors), **options)
            except Exception as exc2:
                raise QuotesError(f"stanza could not load the models in {self.models_dir}: {one_line(exc2)}") from None

    @property
    def has_coref(self) -> bool:
        """Whether pronouns are resolved by coref chains (else by the built-in engine)."""
        return "coref" in self.processors

    def fallback(self) -> Engine:
        """The built-in engine, built on first use."""
        if self._fallback is None:
            from quotes.engines.builtin import BuiltinEngine

            opts = {k: v for k, v in self._fallback_options.items() if v}
            self._fallback = BuiltinEngine(**opts)
        return self._fallback

    def parse(self, texts: Sequence[str]) -> list[Any]:
        """Parse texts with the pipeline, `batch_size` documents per bulk call."""
        import stanza

        out: list[Any] = []
        for chunk in _chunks(texts, self.batch_size):
            out.extend(self.nlp.bulk_process([stanza.Document([], text=t) for t in chunk]))
        return out

    def attribute(self, docs: Sequence[Document]) -> list[Document]:
        """Return the documents with every speech quote's attribution filled."""
        base = self.fallback().attribute(list(docs))
        todo = [i for i, d in enumerate(base) if any(q.speech and q.parent is None for q in d.quotes)]
        parsed = self.parse([base[i].source.text for i in todo])
        out = list(base)
        for i, p in zip(todo, parsed, strict=True):
            out[i] = attribute_parsed(base[i], p, self.lemmas)
        from quotes.speakers import link_speakers

        return link_speakers(out)
