"""The pipeline, end to end: paths → sources → quotes → attributions → groups → verifications → findings.

In: input paths, a `Config`, optional primary records. Out: a `Run` holding every stage's result.
This is the one place that knows the order of the steps; each step's module knows only its own.
Files are read, extracted and attributed one at a time (or in worker processes with `jobs > 1`),
and results are kept in input order, so output is the same whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import tempfile
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import IO, TYPE_CHECKING, TypeVar, overload

import attrs

from quotes.config import Config
from quotes.engines import Engine, get_engine
from quotes.extract import extract
from quotes.model import Attribution, Document, Finding, Group, Quote, Source, Span, Verification
from quotes.rules import suppressions
from quotes.sources import ReadOptions, iter_paths, read_file
from quotes.speakers import SpeakerLinker

if TYPE_CHECKING:
    from quotes.align import AlignConfig, Builder, Comparer
    from quotes.rules import Linter

_T = TypeVar("_T")


@attrs.frozen
class Run:
    """Everything one run found. `sources` lists readable and unreadable inputs in input order."""

    # Held (a tuple) or replayed from the spill file on each pass (`Documents`: a large run).
    docs: Sequence[Document]
    sources: tuple[Source, ...]
    groups: tuple[Group, ...] = ()
    verifications: dict[str, Verification] = attrs.field(factory=dict)
    findings: tuple[Finding, ...] = ()
    records: tuple[str, ...] = ()
    record_quotes: dict[str, Quote] = attrs.field(factory=dict)

    @property
    def errors(self) -> list[Source]:
        """The inputs that could not be read."""
        return [s for s in self.sources if s.error is not None]

    def speech_quotes(self) -> int:
        """How many speech quotes the documents hold (counted as they were spilled, if they were)."""
        if isinstance(self.docs, Documents):
            return self.docs.speech
        return sum(1 for d in self.docs for q in d.quotes if q.speech)


_ENGINES: dict[tuple[object, ...], Engine] = {}


def engine_for(config: Config) -> Engine:
    """The configured engine, built once per process."""
    if config.engine == "stanza":
        key: tuple[object, ...] = ("stanza", config.models_dir, config.device, config.speech_verbs, config.aliases)
        options: dict[str, object] = {"models_dir": config.models_dir, "device": config.device}
    else:
        key = (config.engine, config.speech_verbs, config.aliases)
        options = {}
    options.update(extra_verbs=config.speech_verbs, aliases=config.alias_map() or None)
    if key not in _ENGINES:
        _ENGINES[key] = get_engine(config.engine, **options)
    return _ENGINES[key]


def process_file(path: str, read: ReadOptions, config: Config) -> list[Document]:
    """Read one file, extract its quotes and (with the built-in engine) attribute them.

    A bug tripped by one source's text must not stop the run: that source becomes an error
    line naming the exception (and asking for a report), and every other source goes on.
    """
    return [process_source(source, config) for source in read_file(path, read)]


def process_source(source: Source, config: Config) -> Document:
    """One source's document: extracted and (with the built-in engine) attributed, or its error."""
    if source.error is not None:
        return Document(source)
    try:
        doc = extract(source)
        if config.engine == "builtin":
            doc = lighten(engine_for(config).attribute([doc])[0])
    except Exception as exc:  # reported as this source's error: never lost, never a traceback
        doc = Document(attrs.evolve(source.without_text(), error=internal_error(exc)))
    return doc


def internal_error(exc: BaseException) -> str:
    """The one-line error for a bug hit while processing a source."""
    return f"internal error ({type(exc).__name__}: {exc}); this is a bug in quotes, please report it with this file"


def lighten(doc: Document) -> Document:
    """Keep what later steps need (quotes, suppressions, the line index) and drop the source text."""
    ranges = tuple(suppressions(doc.source, doc.quotes))
    return attrs.evolve(doc, source=doc.source.without_text(), suppressions=ranges)


def _process_all(files: Sequence[str], read: ReadOptions, config: Config, jobs: int) -> Iterator[list[Document]]:
    """Each file's documents, in input order; with `jobs > 1` worker processes do the work."""
    if jobs <= 1 or len(files) <= 1:
        yield from (process_file(f, read, config) for f in files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(16, len(files) // (jobs * 4)))
        yield from pool.map(process_file, files, repeat(read), repeat(config), chunksize=chunk)


# Documents handed to a model engine at once: big enough to batch, small enough to bound memory.
MODEL_BATCH = 32


def _attributed(files: Sequence[str], read: ReadOptions, config: Config, jobs: int) -> Iterator[tuple[str, Document]]:
    """(file, document) for every document of every file, attributed, texts dropped, in input order."""
    results = zip(files, _process_all(files, read, config, jobs), strict=True)
    if config.engine == "builtin":
        for path, batch in results:
            yield from ((path, d) for d in batch)
        return
    pending: list[tuple[str, Document]] = []
    for path, batch in results:
        pending.extend((path, d) for d in batch)
        if sum(d.source.error is None for _, d in pending) >= MODEL_BATCH:
            yield from _model_batch(pending, config)
            pending = []
    yield from _model_batch(pending, config)


def _model_batch(pending: list[tuple[str, Document]], config: Config) -> list[tuple[str, Document]]:
    readable = [d for _, d in pending if d.source.error is None]
    done = iter(engine_for(config).attribute(readable) if readable else [])
    return [(p, d if d.source.error is not None else lighten(next(done))) for p, d in pending]


@attrs.frozen
class Stream:
    """A run's sources, known up front, and its documents replayed one at a time from disk."""

    sources: tuple[Source, ...]
    spill: IO[bytes]
    linker: SpeakerLinker
    count: int = 0  # readable documents spilled
    speech: int = 0  # speech quotes in them

    def documents(self) -> Iterator[Document]:
        """The readable documents in input order, speakers linked across all of them."""
        self.spill.seek(0)
        while True:
            try:
                doc = pickle.load(self.spill)
            except EOFError:
                return
            yield self.linker.link(doc)

    def close(self) -> None:
        """Delete the spill file."""
        self.spill.close()


# Another way to run the map step (quotes.distributed): files in input order → (file, document)
# for every document, attributed, texts dropped, in input order, exactly as `_attributed` gives them.
Mapper = Callable[[Sequence[str], ReadOptions, Config], Iterator[tuple[str, Document]]]


# Told (files done, files in all) as each input file is processed: a progress bar.
Progress = Callable[[int, int], object]


def stream(paths: Sequence[str], config: Config, read: ReadOptions, jobs: int = 1,
           mapper: Mapper | None = None, progress: Progress | None = None) -> Stream:
    """Process every input once, spilling documents to a temporary file, so memory stays bounded."""
    order = list(iter_paths(paths, read))
    files = [p for p, error in order if error is None]
    errors = {p: Source(p, error=error) for p, error in order if error is not None}
    by_file: dict[str, list[Source]] = {}
    spill = tempfile.TemporaryFile()  # noqa: SIM115  (the Stream owns it and closes it)
    linker = SpeakerLinker()
    count = speech = 0
    try:
        attributed = mapper(files, read, config) if mapper else _attributed(files, read, config, jobs)
        for path, doc in attributed:
            if doc.source.error is None:
                linker.add(doc)
                pickle.dump(doc, spill, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
                speech += sum(q.speech for q in doc.quotes)
            if path not in by_file and progress is not None:
                progress(len(by_file) + 1, len(files))
            by_file.setdefault(path, []).append(doc.source)
    except BaseException:
        spill.close()
        raise
    sources = [s for p, _ in order for s in ([errors[p]] if p in errors else by_file.get(p, []))]
    return Stream(tuple(sources), spill, linker, count, speech)


class Documents(Sequence[Document]):
    """A run's readable documents, read back from its spill file on each pass, never all held.

    Each pass unpickles the documents in input order and links their speakers across the run.
    Passes may interleave (each keeps its own place in the file). The file is deleted when the
    last reference to this goes (or at `close`).
    """

    def __init__(self, run: Stream) -> None:
        self._run = run
        self.speech = run.speech
        self._close = weakref.finalize(self, run.spill.close)

    def __iter__(self) -> Iterator[Document]:
        spill, link = self._run.spill, self._run.linker.link
        at = 0
        while True:
            spill.seek(at)
            try:
                doc = pickle.load(spill)
            except EOFError:
                return
            at = spill.tell()
            yield link(doc)

    def __len__(self) -> int:
        return self._run.count

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        return tuple(self)[index]  # a whole pass: for the odd lookup, not for loops

    def close(self) -> None:
        """Delete the spill file now."""
        self._close()


def load(paths: Sequence[str], config: Config, read: ReadOptions, jobs: int = 1,
         mapper: Mapper | None = None, progress: Progress | None = None) -> Run:
    """Read, extract and attribute every input; unreadable inputs become error sources.

    The documents stay in the spill file and are read back on each pass over `Run.docs`.
    """
    run = stream(paths, config, read, jobs, mapper, progress)
    return Run(Documents(run), run.sources)


class Compactor:
    """Rebuilds the documents a run holds at once so that equal small strings are stored once.

    Each document comes back from the spill with its own copies of the marks, reasons, methods,
    cue verbs, speaker names and ids: over an archive of 100k articles, a fifth of the memory
    its quotes take. Its source is the run's own (an equal copy otherwise: 6 MB per 10k
    articles). The rebuilt records are equal to the originals.
    """

    def __init__(self, sources: Sequence[Source] = ()) -> None:
        # The run's sources: each document comes back from the spill with its own equal copy.
        self.table: dict[object, object] = {s: s for s in sources}

    def _(self, value: _T) -> _T:
        return value if value is None else self.table.setdefault(value, value)  # type: ignore[return-value]

    def _span(self, span: Span | None) -> Span | None:
        return None if span is None else Span(span.start, span.end, self._(span.text))

    def document(self, doc: Document) -> Document:
        """The same document, its repeated strings (and confidences) shared with earlier ones."""
        s = self._
        quotes = []
        for q in doc.quotes:
            a = q.attribution
            # Direct constructor calls, as in SpeakerLinker.link: attrs.evolve costs far more.
            a = Attribution(s(a.speaker), self._span(a.speaker_mention), self._span(a.cue), a.anonymous,
                            s(a.confidence), s(a.method), s(a.role), s(a.speaker_id))
            quotes.append(Quote(q.id, s(q.source), q.start, q.end, q.text, q.line, q.column,
                                s(q.open_mark), s(q.close_mark), q.speech, s(q.category), s(q.reason),
                                q.parent, q.depth, a))
        return Document(s(doc.source), tuple(quotes), doc.problems, doc.suppressions)

    def slim(self, doc: Document) -> Document:
        """The document's speech quotes only, each with only the speaker of its attribution.

        What alignment and the run's rules read (texts, places, speakers, nesting): the spans,
        cues, methods and confidences, the mark problems and the non-speech quotes are left out.
        """
        s = self._
        quotes = []
        for q in doc.quotes:
            if not q.speech:
                continue
            a = q.attribution
            # One record per speaker, shared by all of the speaker's quotes.
            a = s(Attribution(a.speaker, None, None, a.anonymous, None, None, None, a.speaker_id))
            quotes.append(Quote(q.id, s(q.source), q.start, q.end, q.text, q.line, q.column,
                                s(q.open_mark), s(q.close_mark), q.speech, s(q.category), s(q.reason),
                                q.parent, q.depth, a))
        return Document(s(doc.source), tuple(quotes))


def check(
    paths: Sequence[str],
    config: Config,
    read: ReadOptions,
    records: Sequence[str] = (),
    speaker: str | None = None,
    jobs: int = 1,
    lint: bool = True,
    mapper: Mapper | None = None,
    progress: Progress | None = None,
    compare: Comparer | None = None,
) -> Run:
    """Load, then align variants, verify against records and run the lint rules.

    `mapper` and `compare` run the map step and alignment's comparisons elsewhere (a cluster).
    """
    from quotes.align import AlignConfig
    from quotes.rules import Linter

    run = load(paths, config, read, jobs=jobs, mapper=mapper, progress=progress)
    build = None
    if compare is None and jobs > 1:
        from quotes import parallel

        # No cluster: alignment's comparisons and groups go to `jobs` forked worker processes.
        compare, build = parallel.comparer(jobs), parallel.builder(jobs)
    settings = AlignConfig(
        fuzzy_threshold=config.fuzzy_threshold,
        partial_threshold=config.partial_threshold,
        min_words=config.min_words,
    )
    # Positions by path (the last document of a path wins, as in a map built over all of them).
    sources = {s.path: s for s in run.sources if s.error is None}
    linter = Linter(sources, config.select, config.ignore, config.ignored_for)
    if records:
        return _check_records(run, settings, records, speaker, lint, linter, compare, build)
    with _gc_paused():
        return _check_slim(run, settings, lint, linter, compare, build)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cycle collector off meanwhile (on again after, if it was on).

    The slim quotes, pieces and findings of a large run are millions of objects that make no
    reference cycles; each full collection scanned all of them again (2.4 s of 42 at 30k articles).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _check_slim(run: Run, settings: AlignConfig, lint: bool, linter: Linter, compare: Comparer | None,
                build: Builder | None) -> Run:
    """`check` without records: one pass over the spill, then alignment and the run's rules."""
    from quotes.align import align
    from quotes.rules import Context

    # One pass over the spill: the document rules run on each full document as it goes by, and
    # only slim speech quotes are kept for alignment and the run's rules.
    compactor = Compactor(run.sources)
    held = []
    for doc in run.docs:
        if lint:
            linter.document(doc)
        held.append(compactor.slim(doc))
    del compactor
    slim = tuple(held)
    del held
    groups = align([q for d in slim for q in d.quotes], settings, compare=compare, build=build)
    run = attrs.evolve(run, groups=tuple(groups))
    if not lint:
        return run
    linter.run(Context(slim, run.groups))
    return attrs.evolve(run, findings=tuple(linter.findings()))


def _check_records(run: Run, settings: AlignConfig, records: Sequence[str], speaker: str | None, lint: bool,
                   linter: Linter, compare: Comparer | None, build: Builder | None) -> Run:
    """`check` with primary records: every document is held (verification reads every quote)."""
    from quotes.align import align
    from quotes.records import read_record
    from quotes.rules import Context
    from quotes.verify import record_references, verify

    run = attrs.evolve(run, docs=tuple(map(Compactor(run.sources).document, run.docs)))
    quotes = [q for d in run.docs for q in d.quotes]
    recs = [read_record(path, speaker=speaker) for path in records]
    verifications = verify(quotes, recs)
    record_quotes, references = record_references(quotes, recs, verifications)
    groups = align([*quotes, *record_quotes.values()], settings, references=references or None,
                   compare=compare, build=build)
    run = attrs.evolve(
        run,
        groups=tuple(groups),
        verifications=verifications,
        records=tuple(records),
        record_quotes=record_quotes,
    )
    if not lint:
        return run
    ctx = Context(run.docs, run.groups, verifications, tuple(records))
    for d in ctx.docs:
        linter.note(d)
    linter.run(ctx, scope=None)
    return attrs.evolve(run, findings=tuple(linter.findings()))
