"""The output formats of `quotes extract` and `quotes check`, one small class each.

In: a `Run`. Out: text. `EXTRACT_FORMATS` and `CHECK_FORMATS` map `--format` names to classes
(add a format by adding an entry); `STATISTICS_FORMATS` does the same for `check --statistics`.
A check format built on `CheckFormat` also receives the display options (`color`, and how many
findings a baseline hid, for the summary); `check_renderer` builds any of them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote as urlquote

import click
from tabulate import tabulate

from quotes import __version__
from quotes.model import Document, Source
from quotes.render import JSON_VERSION, finding_json, group_json, quote_json, source_json
from quotes.render.html import CheckHtml
from quotes.rules import Rule, rule_table

if TYPE_CHECKING:
    from quotes.pipeline import Run


def shorten(text: str, width: int = 70) -> str:
    """One line, at most `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def contract(run: Run, check: bool) -> dict[str, Any]:
    """The JSON object: sources and quotes, plus groups and findings for `check`."""
    out: dict[str, Any] = {
        "version": JSON_VERSION,
        "sources": [source_json(s) for s in run.sources],
        "quotes": [quote_json(q, run.verifications.get(q.id)) for d in run.docs for q in d.quotes],
    }
    if check:
        out["records"] = list(run.records)
        out["groups"] = [group_json(g) for g in run.groups]
        out["findings"] = [finding_json(f) for f in run.findings]
    return out


class ExtractTable:
    """Default `extract` output: one row per quote."""

    def stream(self, sources: Sequence[Source], docs: Iterable[Document], write: Callable[[str], object]) -> None:
        """A tabulate table: source, line, category, speaker, a shortened quote."""
        rows = []
        for d in docs:
            for q in d.quotes:
                a = q.attribution
                speaker = a.speaker or ("—" if q.speech else "")
                if a.anonymous:
                    speaker += " (anonymous)"
                rows.append([q.source, q.line, q.category, speaker, shorten(q.text, 60)])
        table = tabulate(rows, headers=["source", "line", "category", "speaker", "quote"]) if rows else "no quotes found"
        write(table + "\n")

    def render(self, run: Run) -> str:
        """The whole output as one string."""
        return _collect(self, run)


class ExtractCsv:
    """`extract --format csv`: one row per quote, the flat JSON fields."""

    FIELDS: ClassVar[tuple[str, ...]] = ("id", "source", "start", "end", "line", "column", "speech", "category", "reason",
                                         "parent", "speaker", "anonymous", "confidence", "method", "speaker_id", "text")

    def stream(self, sources: Sequence[Source], docs: Iterable[Document], write: Callable[[str], object]) -> None:
        """CSV with a header row, written one source at a time."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.FIELDS)
        for d in docs:
            for q in d.quotes:
                entry = quote_json(q)
                writer.writerow(["" if entry[f] is None else entry[f] for f in self.FIELDS])
            write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        write(buffer.getvalue())

    def render(self, run: Run) -> str:
        """The whole output as one string."""
        return _collect(self, run)


class ExtractJson:
    """`extract --format json`: exactly one JSON object, written quote by quote."""

    def stream(self, sources: Sequence[Source], docs: Iterable[Document], write: Callable[[str], object]) -> None:
        """The extract contract; sources first, then one quote per line."""
        head = json.dumps([source_json(s) for s in sources], ensure_ascii=False)
        write(f'{{"version": {JSON_VERSION},\n "sources": {head},\n "quotes": [')
        sep = "\n  "
        for d in docs:
            for q in d.quotes:
                write(sep + json.dumps(quote_json(q), ensure_ascii=False))
                sep = ",\n  "
        write("\n ]}\n")

    def render(self, run: Run) -> str:
        """The whole output as one string."""
        return _collect(self, run)


def _collect(renderer: ExtractTable | ExtractCsv | ExtractJson, run: Run) -> str:
    parts: list[str] = []
    renderer.stream(run.sources, run.docs, parts.append)
    return "".join(parts).rstrip("\n")


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def summary(run: Run, baselined: int = 0) -> str:
    """The closing line of the default check output: findings by severity, then what was checked."""
    counts = Counter(f.severity for f in run.findings)
    speech = run.speech_quotes()
    by_severity = ", ".join((_n(counts["error"], "error"), _n(counts["warning"], "warning"), f"{counts['info']} info"))
    hidden = f"; {baselined} hidden by the baseline" if baselined else ""
    unreadable = f" (and {len(run.errors)} unreadable)" if run.errors else ""
    return (
        f"{_n(len(run.findings), 'finding')} ({by_severity}){hidden}; "
        f"checked {_n(speech, 'speech quote')} in {_n(len(run.docs), 'source')}{unreadable}, "
        f"{_n(len(run.groups), 'variant group')}"
    )


class CheckFormat:
    """Base of the check formats that take display options: colour and the baseline's hidden count."""

    def __init__(self, color: bool = False, baselined: int = 0) -> None:
        self.color = color
        self.baselined = baselined

    def render(self, run: Run) -> str:
        """The whole output as one string."""
        raise NotImplementedError


_SEVERITY_COLOR = {"error": "red", "warning": "yellow", "info": "cyan"}


class CheckLines(CheckFormat):
    """Default `check` output: `path:line:col: CODE message`, then a summary."""

    def render(self, run: Run) -> str:
        """One line per finding, then the summary."""
        lines = [self._line(f.source, f.line, f.column, f.code, f.severity, f.message) for f in run.findings]
        return "\n".join([*lines, summary(run, self.baselined)])

    def _line(self, source: str, line: int, column: int, code: str, severity: str, message: str) -> str:
        if not self.color:
            return f"{source}:{line}:{column}: {code} {message}"
        where = click.style(f"{source}:{line}:{column}:", bold=True)
        return f"{where} {click.style(code, fg=_SEVERITY_COLOR[severity], bold=True)} {message}"


class CheckTable(CheckFormat):
    """`check --format table`: findings as a table."""

    def render(self, run: Run) -> str:
        """A tabulate table of findings, then the summary."""
        rows = [[f.source, f.line, f.column, f.code, f.severity, f.message] for f in run.findings]
        table = tabulate(rows, headers=["source", "line", "col", "code", "severity", "message"]) if rows else ""
        return "\n".join(x for x in (table, summary(run, self.baselined)) if x)


class CheckJson:
    """`check --format json`: the extract contract plus groups and findings."""

    def render(self, run: Run) -> str:
        """One JSON object."""
        return json.dumps(contract(run, check=True), ensure_ascii=False, indent=2)


_SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}


def _uri(path: str) -> str:
    return urlquote(path.replace("\\", "/"), safe="/:")


class CheckSarif:
    """`check --format sarif`: SARIF 2.1.0, for code-scanning dashboards."""

    def render(self, run: Run) -> str:
        """One SARIF log with one run."""
        rules = rule_table()
        index = {r.code: i for i, r in enumerate(rules)}
        wanted = {r for f in run.findings for r in f.related}  # the only quotes read below
        quotes = {q.id: q for d in run.docs for q in d.quotes if q.id in wanted}
        results = []
        for f in run.findings:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [_location(f.source, f.line, f.column)],
            }
            related = [quotes[r] for r in f.related if r in quotes]
            if related:
                result["relatedLocations"] = [
                    {**_location(q.source, q.line, q.column), "id": i, "message": {"text": shorten(q.text, 80)}}
                    for i, q in enumerate(related)
                ]
            results.append(result)
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "quotes",
                            "version": __version__,
                            "rules": [
                                {
                                    "id": r.code,
                                    "name": r.name,
                                    "shortDescription": {"text": r.summary},
                                    "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity], "enabled": not r.opt_in},
                                }
                                for r in rules
                            ],
                        }
                    },
                    "artifacts": [{"location": {"uri": _uri(s.path)}} for s in run.sources],
                    "results": results,
                }
            ],
        }
        return json.dumps(log, ensure_ascii=False, indent=2)


def _location(path: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path)},
            "region": {"startLine": line, "startColumn": column},
        }
    }


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


class CheckGithub:
    """`check --format github`: workflow commands that annotate a pull request."""

    _LEVEL: ClassVar[dict[str, str]] = {"info": "notice", "warning": "warning", "error": "error"}

    def render(self, run: Run) -> str:
        """One `::level file=…,line=…,col=…,title=…::message` line per finding."""
        return "\n".join(
            f"::{self._LEVEL[f.severity]} file={_gh_escape(f.source, True)},line={f.line},col={f.column},"
            f"title={_gh_escape(f.code, True)}::{_gh_escape(f.message)}"
            for f in run.findings
        )


def statistics(run: Run) -> list[tuple[int, Rule]]:
    """(count, rule) for every code found, the most frequent first, then by code."""
    rules = {r.code: r for r in rule_table()}
    counts = Counter(f.code for f in run.findings)
    return [(n, rules[code]) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


class StatisticsText(CheckFormat):
    """`check --statistics`: one `count  code  name` line per code, as ruff prints, then the summary."""

    def render(self, run: Run) -> str:
        """Tab-separated, the counts right-aligned and the codes left-aligned."""
        stats = statistics(run)
        width = max((len(str(n)) for n, _ in stats), default=1)
        lines = [f"{n:>{width}}\t{r.code}\t{r.name}" for n, r in stats]
        return "\n".join([*lines, summary(run, self.baselined)])


class StatisticsJson(CheckFormat):
    """`check --statistics --format json`: a JSON list of {code, name, severity, count}, as ruff's."""

    def render(self, run: Run) -> str:
        """One JSON array, the most frequent code first."""
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "count": n} for n, r in statistics(run)]
        return json.dumps(rows, ensure_ascii=False, indent=2)


def check_renderer(name: str, statistics: bool = False, color: bool = False, baselined: int = 0) -> Any:
    """The renderer for `--format NAME` (or its `--statistics` form); display options go to `CheckFormat`s."""
    cls = (STATISTICS_FORMATS if statistics else CHECK_FORMATS)[name]
    return cls(color=color, baselined=baselined) if issubclass(cls, CheckFormat) else cls()


def explain(rule: Rule) -> str:
    """`quotes rule CODE`: the rule's code, name and severity, its explanation, message and examples."""
    state = f"off by default; enable it with --select {rule.code}" if rule.opt_in else "on by default"
    lines = [f"{rule.code} {rule.name} ({rule.severity}, {state})", "", rule.explanation(), "", "Message:", f"  {rule.message}"]
    examples = rule.examples()
    if examples:
        lines += ["", f"Examples (one or more articles, separated by ||; `Okay` raises no {rule.code}):"]
        for label, text in examples:
            articles = [a.strip() for a in text.split(" || ")]
            lines.append(f"  {label}: {articles[0]}")
            lines += [f"  {'':{len(label)}}  || {a}" for a in articles[1:]]
    return "\n".join(lines)


EXTRACT_FORMATS: dict[str, type] = {"table": ExtractTable, "json": ExtractJson, "csv": ExtractCsv}
CHECK_FORMATS: dict[str, type] = {
    "lines": CheckLines,
    "table": CheckTable,
    "json": CheckJson,
    "sarif": CheckSarif,
    "github": CheckGithub,
    "html": CheckHtml,
}
STATISTICS_FORMATS: dict[str, type] = {"lines": StatisticsText, "table": StatisticsText, "json": StatisticsJson}
