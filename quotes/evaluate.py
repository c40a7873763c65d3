"""`quotes eval`: score extraction and attribution against a gold JSONL file.

In: a gold file in one of the two formats of `shared/eval/` (flat lines carrying `text`, or
path-based lines whose `path` is resolved next to the gold file; multi-paragraph segments
linked by `continues` are merged, as extraction reports them) and an engine name. Out: an
`EvalReport` made of sections, one per scorer in `SCORERS`: quote P/R/F1 at overlap ≥ 0.3 and
≥ 0.8 (speech quotes, one-to-one), speaker and anonymous-source accuracy on matched quotes,
and a breakdown by sieve step, with every miss in its context. Scorers are plain functions of
`EvalData`, so other kinds of scoring (transcripts, verification) are added by appending to
`SCORERS`. This module refuses to know how quotes are found or attributed: it calls the
pipeline's public functions and compares.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs

from quotes.engines import get_engine
from quotes.errors import SourceError
from quotes.model import Document, Quote
from quotes.sources import source_of_text
from quotes.speakers import fold

THRESHOLDS = (0.3, 0.8)
# Speaker accuracy is taken on quotes matched at the looser overlap: a boundary slip should
# not hide whether the speaker was right.
SPEAKER_OVERLAP = 0.3
_CONTEXT = 80


@attrs.frozen
class GoldQuote:
    """One gold quote (segments of a multi-paragraph quote already merged)."""

    start: int
    end: int
    text: str
    speaker: str | None
    mention: tuple[int, int] | None = None
    nested: bool = False


@attrs.frozen
class GoldFile:
    """One line of the gold file: an article (or transcript) with its gold quotes."""

    path: str
    kind: str
    text: str
    quotes: tuple[GoldQuote, ...]
    not_speech: tuple[tuple[int, int, str], ...] = ()
    raw: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.define
class EvalData:
    """Everything a scorer needs: gold files and the pipeline's documents for the articles."""

    gold_path: str
    engine: str
    files: list[GoldFile]
    docs: dict[str, Document]


@attrs.frozen
class Section:
    """One scorer's output: printable lines, named figures, and misses in context."""

    title: str
    lines: tuple[str, ...]
    metrics: dict[str, float] = attrs.field(factory=dict)
    misses: tuple[str, ...] = ()


@attrs.define
class EvalReport:
    """The sections of an evaluation run, in scorer order."""

    gold_path: str
    engine: str
    sections: list[Section]

    @property
    def metrics(self) -> dict[str, float]:
        """Every section's figures in one mapping ("quote_f1@0.8", "speaker_accuracy", ...)."""
        out: dict[str, float] = {}
        for s in self.sections:
            out.update(s.metrics)
        return out


Scorer = Callable[[EvalData], Section]


# -- loading -------------------------------------------------------------------------------------


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(path, str(e)) from e


def _merge_segments(quotes: list[dict[str, Any]], text: str) -> list[GoldQuote]:
    """Gold quotes with `continues` chains merged into one span per multi-paragraph quote."""
    by_start = {q["start"]: q for q in quotes}
    heads: dict[int, dict[str, Any]] = {}
    ends: dict[int, int] = {}
    for q in sorted(quotes, key=lambda q: q["start"]):
        head = q
        seen = 0
        while head.get("continues") is not None and head["continues"] in by_start and seen < 50:
            head = by_start[head["continues"]]
            seen += 1
        heads[q["start"]] = head
        ends[head["start"]] = max(ends.get(head["start"], 0), q["end"])
    out = []
    for q in sorted(quotes, key=lambda q: q["start"]):
        if heads[q["start"]] is not q:
            continue
        end = ends[q["start"]]
        m = q.get("speaker_mention")
        mention = (m["start"], m["end"]) if m else None
        out.append(GoldQuote(q["start"], end, text[q["start"] : end], q.get("speaker"), mention,
                             q.get("nested_in") is not None))
    return out


def load_gold(gold_path: str) -> list[GoldFile]:
    """Read a gold JSONL file (flat or path-based) into `GoldFile` records."""
    base = os.path.dirname(os.path.abspath(gold_path))
    files: list[GoldFile] = []
    try:
        with open(gold_path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        raise SourceError(gold_path, str(e)) from e
    for obj in lines:
        if "text" in obj:
            text = obj["text"]
            quotes = [
                GoldQuote(q["start"], q["end"], q.get("text", text[q["start"] : q["end"]]), q.get("speaker"),
                          (q["speaker_start"], q["speaker_end"]) if q.get("speaker_start") is not None else None,
                          bool(q.get("nested")))
                for q in obj.get("quotes", [])
            ]
            kind = obj.get("kind", "article")
        else:
            text = _read_text(os.path.join(base, obj["path"]))
            quotes = _merge_segments(obj.get("quotes", []), text)
            kind = obj.get("kind", "article")
        not_speech = tuple((n["start"], n["end"], n.get("why", "")) for n in obj.get("not_speech", []))
        path = obj.get("path") or obj.get("id") or f"line{len(files) + 1}"
        files.append(GoldFile(path, kind, text, tuple(quotes), not_speech, obj))
    return files


# -- running -------------------------------------------------------------------------------------


def _gold_span_doc(gf: GoldFile) -> Document:
    """A Document whose quotes are the gold spans themselves (attribution measured alone)."""
    spans = sorted([(q.start, q.end, True) for q in gf.quotes] + [(s, e, False) for s, e, _ in gf.not_speech])
    source = source_of_text(gf.path, gf.text)
    ids = {(s, e): f"{gf.path}#{n}" for n, (s, e, _) in enumerate(spans, 1)}
    quotes = []
    for s, e, speech in spans:
        parent = max(((s2, e2) for s2, e2, _ in spans if s2 < s and e <= e2), default=None)
        close = gf.text[e] if e < len(gf.text) and gf.text[e] in "\"”’'»" else None
        line, col = source.position(s)
        quotes.append(Quote(ids[(s, e)], gf.path, s, e, gf.text[s:e], line, col, gf.text[s - 1 : s] or '"', close,
                            speech, "speech" if speech else "title", "gold span",
                            ids[parent] if parent else None, 1 if parent else 0))
    return Document(source, tuple(quotes))


def evaluate(gold_path: str, engine: str = "builtin", spans: str = "extract",
             scorers: list[Scorer] | None = None) -> EvalReport:
    """Run extraction (or take gold spans) and attribution on the gold articles, then score them."""
    files = load_gold(gold_path)
    articles = [gf for gf in files if gf.kind != "transcript"]
    if spans == "gold":
        docs = [_gold_span_doc(gf) for gf in articles]
    else:
        from quotes.extract import extract

        docs = [extract(source_of_text(gf.path, gf.text)) for gf in articles]
    attributed = get_engine(engine).attribute(docs)
    data = EvalData(gold_path, engine, files, {d.source.path: d for d in attributed})
    return EvalReport(gold_path, engine, [score(data) for score in (scorers or SCORERS)])


# -- matching and scoring --------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character overlap divided by union of two spans."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(gold: tuple[GoldQuote, ...], pred: list[Quote], threshold: float) -> dict[int, int]:
    """One-to-one matching (greedy by overlap): gold index -> predicted index."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            o = overlap((g.start, g.end), (p.start, p.end))
            if o >= threshold:
                pairs.append((o, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            out[i] = j
            used_g.add(i)
            used_p.add(j)
    return out


def _articles(data: EvalData) -> list[tuple[GoldFile, Document, list[Quote]]]:
    out = []
    for gf in data.files:
        doc = data.docs.get(gf.path)
        if gf.kind == "transcript" or doc is None:
            continue
        out.append((gf, doc, [q for q in doc.quotes if q.speech]))
    return out


def _snippet(doc: Document, start: int, end: int) -> str:
    text = doc.source.text
    a, b = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    body = f"{text[a:start]}⟦{text[start:end]}⟧{text[end:b]}"
    return ("…" if a else "") + body.replace("\n", "⏎") + ("…" if b < len(text) else "")


def _where(doc: Document, offset: int) -> str:
    line, col = doc.source.position(offset)
    return f"{doc.source.path}:{line}:{col}"


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_quotes(data: EvalData) -> Section:
    """Speech-quote precision, recall and F1 at each overlap threshold, with misses at the strictest."""
    arts = _articles(data)
    lines: list[str] = []
    metrics: dict[str, float] = {}
    misses: list[str] = []
    n_gold = sum(len(gf.quotes) for gf, _, _ in arts)
    n_pred = sum(len(pred) for _, _, pred in arts)
    for thr in THRESHOLDS:
        tp = not_speech_fp = 0
        for gf, doc, pred in arts:
            m = match(gf.quotes, pred, thr)
            tp += len(m)
            hit = set(m.values())
            for j, q in enumerate(pred):
                if j not in hit and any(overlap((s, e), (q.start, q.end)) >= thr for s, e, _ in gf.not_speech):
                    not_speech_fp += 1
            if thr == max(THRESHOLDS):
                for i, g in enumerate(gf.quotes):
                    if i not in m:
                        misses.append(f"{_where(doc, g.start)}: missed quote (gold speaker {g.speaker}): {_snippet(doc, g.start, g.end)}")
                for j, q in enumerate(pred):
                    if j not in hit:
                        misses.append(f"{_where(doc, q.start)}: extra speech quote ({q.reason}): {_snippet(doc, q.start, q.end)}")
        p, r, f = _prf(tp, n_pred, n_gold)
        metrics.update({f"quote_precision@{thr}": p, f"quote_recall@{thr}": r, f"quote_f1@{thr}": f})
        lines.append(f"overlap >= {thr}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
                     f"(tp {tp}, predicted {n_pred}, gold {n_gold}; gold not-speech predicted as speech: {not_speech_fp})")
    return Section("Quotes (speech)", tuple(lines), metrics, tuple(misses))


def speaker_correct(gold: GoldQuote, q: Quote) -> bool:
    """The README's rule: mention overlaps gold mention, a shared name token, or both anonymous."""
    a = q.attribution
    if gold.speaker == "anonymous" and a.anonymous:
        return True
    m = a.speaker_mention
    if m is not None and gold.mention is not None and m.start < gold.mention[1] and gold.mention[0] < m.end:
        return True
    if a.speaker and gold.speaker and gold.speaker != "anonymous":
        return bool(set(fold(a.speaker).split()) & set(fold(gold.speaker).split()))
    return False


def _speaker_rows(data: EvalData) -> list[tuple[GoldFile, Document, GoldQuote, Quote, bool]]:
    rows = []
    for gf, doc, pred in _articles(data):
        for i, j in match(gf.quotes, pred, SPEAKER_OVERLAP).items():
            g = gf.quotes[i]
            if g.speaker is not None:
                rows.append((gf, doc, g, pred[j], speaker_correct(g, pred[j])))
    return rows


def score_speakers(data: EvalData) -> Section:
    """Speaker accuracy and anonymous-source accuracy on matched quotes that have a gold speaker."""
    rows = _speaker_rows(data)
    n = len(rows)
    ok = sum(r[4] for r in rows)
    anon_gold = [r for r in rows if r[2].speaker == "anonymous"]
    anon_ok = sum(r[3].attribution.anonymous == (r[2].speaker == "anonymous") for r in rows)
    anon_found = sum(r[3].attribution.anonymous for r in anon_gold)
    false_anon = sum(r[3].attribution.anonymous for r in rows if r[2].speaker != "anonymous")
    # An empty speaker where the story names one is an error an editor fixes by hand: counted apart.
    abstained = sum(r[3].attribution.speaker is None for r in rows)
    metrics = {
        "speaker_accuracy": ok / n if n else 0.0,
        "abstentions": float(abstained),
        "abstention_rate": abstained / n if n else 0.0,
        "anonymous_accuracy": anon_ok / n if n else 0.0,
        "anonymous_recall": anon_found / len(anon_gold) if anon_gold else 0.0,
    }
    lines = (
        f"speaker accuracy: {metrics['speaker_accuracy']:.3f} ({ok}/{n} quotes matched at overlap >= {SPEAKER_OVERLAP} with a gold speaker)",
        f"anonymous-source accuracy: {metrics['anonymous_accuracy']:.3f} ({anon_ok}/{n}); "
        f"gold anonymous found {anon_found}/{len(anon_gold)}, named speakers marked anonymous {false_anon}",
        f"abstentions (no speaker where the gold names one): {abstained}/{n} ({metrics['abstention_rate']:.1%})",
    )
    misses = tuple(
        f"{_where(doc, q.start)}: speaker gold {g.speaker!r} vs predicted {q.attribution.speaker!r}"
        f"{' (anonymous)' if q.attribution.anonymous else ''} [{q.attribution.method}]: {_snippet(doc, q.start, q.end)}"
        for _, doc, g, q, good in rows if not good
    )
    return Section("Speakers", lines, metrics, misses)


def score_methods(data: EvalData) -> Section:
    """How often each sieve step fired on matched quotes, and how often it was right."""
    rows = _speaker_rows(data)
    fired: Counter[str] = Counter()
    for _, _, pred in _articles(data):
        fired.update(q.attribution.method or "none" for q in pred)
    scored: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for _, _, _, q, good in rows:
        scored[q.attribution.method or "none"] += 1
        right[q.attribution.method or "none"] += good
    lines = [f"{'step':<15}{'fired':>7}{'scored':>8}{'right':>7}{'accuracy':>10}"]
    for method in sorted(fired, key=lambda m: (-fired[m], m)):
        acc = f"{right[method] / scored[method]:.3f}" if scored[method] else "-"
        lines.append(f"{method:<15}{fired[method]:>7}{scored[method]:>8}{right[method]:>7}{acc:>10}")
    metrics = {f"method_accuracy[{m}]": right[m] / scored[m] for m in scored if scored[m]}
    return Section("Sieve steps", tuple(lines), metrics)


SCORERS: list[Scorer] = [score_quotes, score_speakers, score_methods]


def format_report(report: EvalReport, show_misses: bool = False) -> str:
    """The report as text: each section's figures, then (optionally) every miss in context."""
    out = [f"quotes eval {report.gold_path} (engine {report.engine})"]
    for s in report.sections:
        out.append("")
        out.append(f"## {s.title}")
        out.extend(s.lines)
    if show_misses:
        for s in report.sections:
            if s.misses:
                out.append("")
                out.append(f"## Misses: {s.title} ({len(s.misses)})")
                out.extend(s.misses)
    return "\n".join(out) + "\n"
