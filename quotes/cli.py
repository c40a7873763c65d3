"""Command-line interface: parse options, call the library, render, return an exit code. Nothing else.

Exit codes: 0 clean, 1 findings at or above `--fail-on` (check), 2 usage or input error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

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
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _setup(paths: tuple[str, ...], opts: dict[str, Any]) -> tuple[Any, Any]:
    from quotes.config import load_config, override
    from quotes.sources import ReadOptions

    config = override(
        load_config(paths, opts.get("config_path")),
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
    )
    return config, read


# Control characters in a file name (a newline, a tab) would split or garble the one-line message.
_ESCAPE = {c: repr(chr(c))[1:-1] for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def _report_errors(run: Any) -> bool:
    errors = False
    for source in run.sources:
        path = source.path.translate(_ESCAPE)
        if source.error is not None:
            errors = True
            _fail(f"{path}: {source.error}")
        elif source.chars == 0 and source.format != "jsonl":
            _fail(f"{path}: empty file")  # a note, not an error: the exit code is unchanged
    return errors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotes")
def main() -> None:
    """quotes: find quotations and their speakers, align variants across sources, verify and lint."""


@main.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@handles_errors
def extract(paths: tuple[str, ...], fmt: str, jobs: int, **opts: Any) -> None:
    """List every quotation in every source, with offsets, category and speaker."""
    from quotes.pipeline import stream
    from quotes.render.formats import EXTRACT_FORMATS

    config, read = _setup(paths, opts)
    run = stream(paths, config, read, jobs=jobs)
    try:
        EXTRACT_FORMATS[fmt]().stream(run.sources, run.documents(), lambda text: click.echo(text, nl=False))
    finally:
        run.close()
    sys.exit(EXIT_ERROR if _report_errors(run) else EXIT_CLEAN)


def record_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options for checking against a primary record."""
    func = click.option("--speaker", default=None, help="Speaker of a plain statement record.")(func)
    return click.option(
        "--record", "records", multiple=True, type=click.Path(), help="Primary record: transcript, .vtt/.srt captions or statement. Repeatable."
    )(func)


@main.command()
@input_options
@record_options
@click.option("--format", "fmt", type=click.Choice(["lines", "table", "json", "sarif", "github"]), default="lines", show_default=True)
@click.option("--select", default=None, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", default=None, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default=None, help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Always exit 0, even with findings (input errors still print).")
@click.option("--fuzzy-threshold", type=click.FloatRange(0, 100), default=None, help="Token similarity (0-100) for fuzzy variants.")
@handles_errors
def check(paths: tuple[str, ...], fmt: str, jobs: int, records: tuple[str, ...], speaker: str | None,
          select: str | None, ignore: str | None, fail_on: str | None, exit_zero: bool,
          fuzzy_threshold: float | None, **opts: Any) -> None:
    """Lint articles: unattributed and anonymous quotes, wording drift across sources, misquotes."""
    from quotes.config import override
    from quotes.pipeline import check as run_check
    from quotes.render.formats import CHECK_FORMATS
    from quotes.rules import SEVERITY_RANK

    config, read = _setup(paths, opts)
    config = override(
        config,
        select=_codes(select),
        ignore=_codes(ignore),
        fail_on=fail_on,
        fuzzy_threshold=fuzzy_threshold,
    )
    run = run_check(paths, config, read, records=records, speaker=speaker, jobs=jobs)
    output = CHECK_FORMATS[fmt]().render(run)
    if output:
        click.echo(output)
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
@click.option("--color/--no-color", default=None, help="Colour the changed words (default: when writing to a terminal).")
@handles_errors
def diff(paths: tuple[str, ...], jobs: int, records: tuple[str, ...], speaker: str | None,
         match: str | None, color: bool | None, **opts: Any) -> None:
    """Show each group of quote variants as a word-level diff table, one row per source."""
    from quotes.pipeline import check as run_check
    from quotes.render.difftable import group_matches, render_groups

    config, read = _setup(paths, opts)
    run = run_check(paths, config, read, records=records, speaker=speaker, jobs=jobs, lint=False)
    quotes = {q.id: q for d in run.docs for q in d.quotes}
    quotes.update(run.record_quotes)
    groups = [g for g in run.groups if match is None or group_matches(g, quotes, match)]
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(render_groups(groups, quotes, color=use_color) if groups else "no matching variant groups")
    sys.exit(EXIT_ERROR if _report_errors(run) else EXIT_CLEAN)


@main.command("rules")
def rules_cmd() -> None:
    """List every rule code with its severity and description."""
    from tabulate import tabulate

    from quotes.rules import rule_table

    rows = [[r.code, r.severity, r.name, r.doc.strip().splitlines()[0]] for r in rule_table()]
    click.echo(tabulate(rows, headers=["code", "severity", "name", "what it reports"]))


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
