"""Command-line interface: parse options, call the library, render, return an exit code. Nothing else.

Exit codes: 0 clean, 1 findings at or above `--fail-on` (check), 2 usage or input error.
The path `-` reads one article from standard input (`--stdin-filename` names it); `--output`
writes any format to a file, atomically; colour is used on a terminal only, never with NO_COLOR.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

import attrs
import click

from quotes import __version__
from quotes.errors import QuotesError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"quotes: {message}", err=True)


def handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a QuotesError into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except QuotesError as exc:
            _fail(str(exc))
            sys.exit(exc.exit_code)

    return wrapper


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, type=click.Path()),
        click.option("--glob", "globs", multiple=True, help="File patterns to read in directories (default: *.txt, *.md). Repeatable."),
        click.option("--jsonl-text", default="text", show_default=True, help="JSONL field holding the article text."),
        click.option("--jsonl-id", default=None, help="JSONL field holding an article id."),
        click.option("--jsonl-outlet", default=None, help="JSONL field holding the outlet name."),
        click.option("--engine", type=click.Choice(["builtin", "stanza"]), default=None, help="Attribution engine (default: builtin, or the config's)."),
        click.option("--models-dir", type=click.Path(), default=None, help="stanza models directory (else config, else $STANZA_RESOURCES_DIR)."),
        click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default=None, help="Device for the stanza engine."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes for reading and extraction."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Config file (default: nearest .quotes.toml or pyproject.toml [tool.quotes])."),
        click.option("--stdin-filename", default=None, help="Name (and format, by extension) of the article read from `-`."),
        click.option("--progress/--no-progress", default=None, help="A progress bar on stderr (default: when stderr is a terminal)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--output FILE`: write the report there (atomically) instead of to standard output."""
    return click.option(
        "--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
        help="Write the output to this file (replaced atomically; never an input file).",
    )(func)


def dask_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--scheduler ADDRESS` / `--dask`: extraction and attribution on a Dask cluster (quotes[dask])."""
    func = click.option("--dask", "local_dask", is_flag=True,
                        help="Start a local Dask cluster of --jobs worker processes for extraction and attribution.")(func)
    return click.option("--scheduler", default=None, metavar="ADDRESS",
                        help="Extract and attribute on the Dask cluster at this scheduler address (tcp://host:8786); the output is the local run's.")(func)


@contextlib.contextmanager
def _mapper(opts: dict[str, Any], jobs: int) -> Any:
    """The distributed map step and comparer when `--scheduler` or `--dask` is given (else None), open for the run."""
    scheduler, local = opts.pop("scheduler", None), opts.pop("local_dask", False)
    if scheduler is None and not local:
        yield None, None
        return
    if scheduler is not None and local:
        raise click.UsageError("give --scheduler ADDRESS or --dask, not both")
    from quotes.distributed import comparer, connect, mapper

    with connect(scheduler, jobs) as client:
        yield mapper(client), comparer(client)


def _stderr_is_terminal() -> bool:
    """Whether standard error is a terminal (where the progress bar is on by default)."""
    return sys.stderr.isatty()


class _Terminal:
    """Standard error, taken for a terminal: `--progress` asks for the bar even when it is piped."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write to standard error."""
        return int(self.stream.write(text))

    def flush(self) -> None:
        """Flush standard error."""
        self.stream.flush()

    def isatty(self) -> bool:
        """Always a terminal: the bar is drawn."""
        return True


@contextlib.contextmanager
def _progress(opts: dict[str, Any], label: str) -> Any:
    """A callback drawing a progress bar of files processed on stderr, or None when it is off."""
    flag = opts.pop("progress", None)
    if not (_stderr_is_terminal() if flag is None else flag):
        yield None
        return
    bars: list[Any] = []

    def update(done: int, total: int) -> None:
        if not bars:  # the number of files is known once the inputs are listed
            stream = cast(TextIO, _Terminal(sys.stderr))
            # Redrawn every 0.5% of the files at most: a piped --progress stays a few kB.
            bars.append(click.progressbar(length=total, label=label, file=stream, show_pos=True,
                                          update_min_steps=max(1, total // 200)).__enter__())
        bars[0].update(done - bars[0].pos)

    try:
        yield update
    finally:
        if bars:
            bars[0].__exit__(None, None, None)


def _stdin(paths: tuple[str, ...], name: str | None, limit: int) -> tuple[str, bytes] | None:
    """(name, bytes) of the article on standard input when `-` is a path; None otherwise."""
    if paths.count("-") > 1:
        raise click.UsageError("`-` (standard input) can be given only once")
    if "-" not in paths:
        if name is not None:
            raise click.UsageError("--stdin-filename needs `-` among the paths")
        return None
    return (name or "-", sys.stdin.buffer.read(limit + 1))


def _setup(paths: tuple[str, ...], opts: dict[str, Any]) -> tuple[Any, Any]:
    from quotes.config import load_config, override
    from quotes.sources import ReadOptions

    stdin = _stdin(paths, opts.get("stdin_filename"), ReadOptions().max_bytes)
    named = [stdin[0] if p == "-" and stdin else p for p in paths]  # the config is found from the name
    config = override(
        load_config(named, opts.get("config_path")),
        engine=opts.get("engine"),
        models_dir=opts.get("models_dir"),
        device=opts.get("device"),
        globs=tuple(opts.get("globs") or ()),
    )
    read = ReadOptions(
        globs=config.globs,
        jsonl_text=opts.get("jsonl_text") or "text",
        jsonl_id=opts.get("jsonl_id"),
        jsonl_outlet=opts.get("jsonl_outlet"),
        stdin=stdin,
    )
    return config, read


def _inputs(paths: tuple[str, ...], read: Any, *extra: str | None) -> list[str]:
    """Every file this run reads (inputs found in folders, records, config, baseline): never an output."""
    from quotes.sources import iter_paths

    found = [p for p, error in iter_paths([p for p in paths if p != "-"], read) if error is None]
    return [*found, *(e for e in extra if e)]


def _color(flag: bool | None) -> bool:
    """`--color`/`--no-color` if given; else colour only on a terminal and when NO_COLOR is unset or empty."""
    if flag is not None:
        return flag
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit(text: str, output: str | None, inputs: list[str], color: bool = False) -> None:
    """Print the text, or write it (with a final newline) to `output` atomically."""
    from quotes.output import write_atomic

    if output is not None:
        write_atomic(output, text + "\n" if text else "", inputs)
    elif text:
        click.echo(text, color=color or None)


# Control characters in a file name (a newline, a tab) would split or garble the one-line message.
_ESCAPE = {c: repr(chr(c))[1:-1] for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def _report_errors(run: Any) -> bool:
    errors = False
    for source in run.sources:
        path = source.path.translate(_ESCAPE)
        if source.error is not None:
            errors = True
            _fail(f"{path}: {source.error}")
        elif source.chars == 0 and source.format not in ("jsonl", "parquet"):  # a record, not a file
            _fail(f"{path}: empty file")  # a note, not an error: the exit code is unchanged
    return errors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotes")
def main() -> None:
    """quotes: find quotations and their speakers, align variants across sources, verify and lint."""


@main.command()
@input_options
@dask_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@output_option
@handles_errors
def extract(paths: tuple[str, ...], fmt: str, jobs: int, output: str | None, **opts: Any) -> None:
    """List every quotation in every source, with offsets, category and speaker."""
    from quotes.output import atomic_output, refuse_inputs
    from quotes.pipeline import stream
    from quotes.render.formats import EXTRACT_FORMATS

    config, read = _setup(paths, opts)
    inputs = _inputs(paths, read, config.path) if output else []
    if output:
        refuse_inputs(output, inputs)  # before the work, not after it
    with _mapper(opts, jobs) as (mapper, _), _progress(opts, "extracting") as progress:
        run = stream(paths, config, read, jobs=jobs, mapper=mapper, progress=progress)
    try:
        with atomic_output(output, inputs) if output else contextlib.nullcontext() as handle:
            write = handle.write if handle else lambda text: click.echo(text, nl=False)
            EXTRACT_FORMATS[fmt]().stream(run.sources, run.documents(), write)
    finally:
        run.close()
    sys.exit(EXIT_ERROR if _report_errors(run) else EXIT_CLEAN)


def _check_formats() -> list[str]:
    """The `--format` names of `check`, as registered in `CHECK_FORMATS` (a new renderer adds itself there)."""
    from quotes.render.formats import CHECK_FORMATS

    return list(CHECK_FORMATS)


def record_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options for checking against a primary record."""
    func = click.option("--speaker", default=None, help="Speaker of a plain statement record.")(func)
    return click.option(
        "--record", "records", multiple=True, type=click.Path(), help="Primary record: transcript, .vtt/.srt captions or statement. Repeatable."
    )(func)


@main.command()
@input_options
@dask_options
@record_options
@click.option("--format", "fmt", type=click.Choice(_check_formats()), default="lines", show_default=True)
@output_option
@click.option("--statistics", is_flag=True, help="Print how many findings each code has (count, code, name), then the summary.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file (JSON, from --write-baseline).")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None,
              help="Record every current finding in this baseline file, then report none of them.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--select", default=None, help="Only these rule codes or prefixes (comma-separated). Opt-in rules (Q401) need their full code.")
@click.option("--extend-select", default=None, help="Add these codes or prefixes to the selection (e.g. Q401).")
@click.option("--ignore", default=None, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default=None, help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Always exit 0, even with findings (input errors still print).")
@click.option("--fuzzy-threshold", type=click.FloatRange(0, 100), default=None, help="Token similarity (0-100) for fuzzy variants.")
@handles_errors
def check(paths: tuple[str, ...], fmt: str, jobs: int, records: tuple[str, ...], speaker: str | None,
          output: str | None, statistics: bool, baseline_path: str | None, write_baseline: str | None,
          color: bool | None, select: str | None, extend_select: str | None, ignore: str | None,
          fail_on: str | None, exit_zero: bool, fuzzy_threshold: float | None, **opts: Any) -> None:
    """Lint articles: unattributed and anonymous quotes, wording drift across sources, misquotes."""
    from quotes import baseline
    from quotes.config import override, with_selection
    from quotes.output import refuse_inputs
    from quotes.pipeline import check as run_check
    from quotes.render.formats import STATISTICS_FORMATS, check_renderer
    from quotes.rules import SEVERITY_RANK

    if statistics and fmt not in STATISTICS_FORMATS:
        raise click.UsageError(f"--statistics works with --format {', '.join(sorted(STATISTICS_FORMATS))}")
    if baseline_path and write_baseline:
        raise click.UsageError("give --baseline (report what is new) or --write-baseline (record all), not both")
    config, read = _setup(paths, opts)
    config = override(config, ignore=_codes(ignore), fail_on=fail_on, fuzzy_threshold=fuzzy_threshold)
    config = with_selection(config, _codes(select), _codes(extend_select))
    inputs = _inputs(paths, read, *records, config.path, baseline_path) if output or write_baseline else []
    for target in (output, write_baseline):
        if target:
            refuse_inputs(target, inputs)  # before the work, not after it
    known = baseline.load(baseline_path) if baseline_path else None  # a bad baseline fails before the run
    with _mapper(opts, jobs) as (mapper, compare), _progress(opts, "checking") as progress:
        run = run_check(paths, config, read, records=records, speaker=speaker, jobs=jobs, mapper=mapper,
                        progress=progress, compare=compare)
    hidden = 0
    if write_baseline or known is not None:
        quotes = {q.id: q for d in run.docs for q in d.quotes}
        if write_baseline:
            count = baseline.write(run.findings, quotes, write_baseline, inputs)
            _fail(f"recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}")
            known = baseline.load(write_baseline)
        filtered = baseline.apply(run.findings, quotes, known or [], write_baseline or baseline_path or "")
        run, hidden = attrs.evolve(run, findings=filtered.new), filtered.hidden
    use_color = _color(color) and output is None
    _emit(check_renderer(fmt, statistics, use_color, hidden).render(run), output, inputs, use_color)
    errors = _report_errors(run)
    failing = any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[config.fail_on] for f in run.findings)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN if exit_zero or not failing else EXIT_FINDINGS)


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip())


@main.command()
@input_options
@record_options
@click.option("--match", "match", default=None, help="Only groups whose quotes contain this text (case-insensitive).")
@click.option("--color/--no-color", default=None, help="Colour the changed words (default: on a terminal, unless NO_COLOR is set).")
@handles_errors
def diff(paths: tuple[str, ...], jobs: int, records: tuple[str, ...], speaker: str | None,
         match: str | None, color: bool | None, **opts: Any) -> None:
    """Show each group of quote variants as a word-level diff table, one row per source."""
    from quotes.pipeline import check as run_check
    from quotes.render.difftable import group_matches, render_groups

    config, read = _setup(paths, opts)
    with _progress(opts, "reading") as progress:
        run = run_check(paths, config, read, records=records, speaker=speaker, jobs=jobs, lint=False,
                        progress=progress)
    quotes = {q.id: q for d in run.docs for q in d.quotes}
    quotes.update(run.record_quotes)
    groups = [g for g in run.groups if match is None or group_matches(g, quotes, match)]
    use_color = _color(color)
    click.echo(render_groups(groups, quotes, color=use_color) if groups else "no matching variant groups", color=use_color or None)
    sys.exit(EXIT_ERROR if _report_errors(run) else EXIT_CLEAN)


@main.command("rules")
def rules_cmd() -> None:
    """List every rule code with its severity and description."""
    from tabulate import tabulate

    from quotes.rules import rule_table

    rows = [[r.code, r.severity, r.name, r.summary] for r in rule_table()]
    click.echo(tabulate(rows, headers=["code", "severity", "name", "what it reports"]))


@main.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule (e.g. `quotes rule Q202`): what it reports, its message and its examples."""
    from quotes.render.formats import explain
    from quotes.rules import rule_by_code

    found = rule_by_code(code)
    if found is None:
        _fail(f"unknown rule {code!r}; `quotes rules` lists every code")
        sys.exit(EXIT_ERROR)
    click.echo(explain(found))


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--engine", type=click.Choice(["builtin", "stanza"]), default="builtin", show_default=True, help="Attribution engine to score.")
@click.option("--gold-spans", is_flag=True, help="Attribute the gold quote spans instead of extracted ones (attribution alone).")
@click.option("--show-misses", is_flag=True, help="Print every missed, extra or misattributed quote in its context.")
@handles_errors
def eval_cmd(gold: str, engine: str, gold_spans: bool, show_misses: bool) -> None:
    """Score extraction and attribution against a gold JSONL file (shared/eval format)."""
    from quotes.evaluate import evaluate, format_report
    from quotes.verify_eval import format_verify_report, score_verification

    report = evaluate(gold, engine=engine, spans="gold" if gold_spans else "extract")
    click.echo(format_report(report, show_misses=show_misses), nl=False)
    verification = score_verification(gold)
    if verification.events:
        click.echo("")
        click.echo(format_verify_report(verification, show_misses=show_misses))


@main.group()
def models() -> None:
    """Install or inspect the stanza models used by `--engine stanza` (never downloaded implicitly)."""


@models.command("info")
@click.option("--models-dir", type=click.Path(), default=None, help="Models directory (else $STANZA_RESOURCES_DIR, else ~/stanza_resources).")
@click.option("--lang", default="en", show_default=True)
@handles_errors
def models_info_cmd(models_dir: str | None, lang: str) -> None:
    """Show which stanza models are installed, and where."""
    from quotes.models_cmd import models_info

    click.echo(models_info(models_dir, lang=lang))


@models.command("download")
@click.option("--models-dir", type=click.Path(), default=None, help="Where to install (else $STANZA_RESOURCES_DIR, else ~/stanza_resources).")
@click.option("--lang", default="en", show_default=True)
@click.option("--coref", is_flag=True, help="Also download the coreference model (large).")
@handles_errors
def models_download_cmd(models_dir: str | None, lang: str, coref: bool) -> None:
    """Download the official stanza models explicitly, with progress. Needs a network."""
    from quotes.models_cmd import models_download

    models_download(lang, models_dir, click.echo, coref=coref)
