"""Fuzz the whole pipeline: generated and mutated texts through extract → attribute → link → align → rules → render.

Usage: python benchmarks/fuzz.py [--inputs 100000] [--seed 0] [--show 5] [--max-seconds N]
       python benchmarks/fuzz.py --big-mb 100 [--big-kind news|fuzz]
                                  (one big file through `quotes extract` and `quotes check`: time, peak RSS)

Each case is one to three texts (plain text, Markdown, now and then HTML), each built by one of
several generators: article-like prose (names, roles, speech verbs, every mark family, nested and
multi-paragraph quotes, apostrophes, ellipses, brackets, dashes), the same mutated (marks inserted,
deleted or swapped, slices cut or repeated, huge tokens, deep nesting, odd unicode), random
unicode, and runs of marks. The case goes through the same steps as `quotes check` and every
result is checked against the invariants in `violations()`: offsets (`text[start:end] == text`
for quotes, speaker mentions and cues), ids, positions, groups, findings, renderers. It prints how
many inputs ran, how many crashed (an exception anywhere) and how many broke an invariant, with
the first few failing inputs as Python literals. The same seed gives the same inputs.
Exit status: 0 when nothing crashed or broke, else 1.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from quotes.align import align
from quotes.engines import get_engine
from quotes.extract import extract
from quotes.model import CATEGORIES, DRIFTS, RELATIONS, SEVERITIES, Document, Source
from quotes.pipeline import Run, lighten
from quotes.readers.html import read_html
from quotes.readers.markdown import read_markdown
from quotes.render.formats import CHECK_FORMATS, EXTRACT_FORMATS
from quotes.rules import Context, run_rules
from quotes.sources import read_file
from quotes.speakers import link_speakers

# --- generators -------------------------------------------------------------------------------

FIRST = ["Ana", "Olena", "Kofi", "Jürgen", "Zoë", "José", "Сергей", "Aroha", "Mary-Jane", "Seán",
         "Nguyễn", "Ali", "Ólafur", "Li", "D’Arcy", "Ngaio"]  # fmt: skip
LAST = ["Ruiz", "Marchenko", "Mensah", "Müller", "O’Neill", "Teviot-Marsh", "Лавров", "Van der Berg",
        "de la Cruz", "Al-Sayed", "Nakamura", "Smith", "MacDonald", "Ó Súilleabháin"]  # fmt: skip
ROLES = ["Mayor", "Defence Minister", "Prof.", "Dr", "President", "spokeswoman", "Senator",
         "the chief executive", "Police Chief", "Judge"]  # fmt: skip
VERBS = ["said", "says", "told reporters", "added", "warned", "insisted", "explained", "wrote",
         "tweeted", "declared", "asked", "replied", "recalled", "put it", "a déclaré", "sagte"]  # fmt: skip
ANON = ["a senior official", "one diplomat", "sources close to the talks", "a spokesperson",
        "an aide who asked not to be named", "officials"]  # fmt: skip
PRONOUNS = ["he", "she", "they", "He", "She", "It", "we"]
WORDS = ["the", "bridge", "budget", "we", "will", "not", "never", "open", "close", "spring",
         "families", "prices", "war", "peace", "talks", "vote", "three", "million", "because",
         "and", "but", "it’s", "don’t", "Russia’s", "’90s", "rock ’n’ roll", "o’clock", "Joneses’",
         "per cent", "$4.5bn", "12", "1,000", "e.g.", "U.S.", "Mr.", "No.", "café", "naïve",
         "Straße", "Kyiv", "Київ", "東京", "مرحبا", "שלום", "🙂", "—", "–", "...", "…", "[sic]",
         "[the ministry]", "(laughs)", "/", "*", "_", "`code`", "<b>", "&amp;"]  # fmt: skip
PAIRS = [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("»", "«"), ("„", "“"),
         ("‹", "›"), ("‚", "‘"), ("« ", " »")]  # fmt: skip
MARKS = "“”‘’\"'«»„‹›‚"
ODD = ["\u200b", "\u200d", "\u00ad", "\u202e", "\u2028", "\u2029", "\ufeff", "\u0301", "\u00a0",
       "\u202f", "\t", "\x0b", "\x0c", "\x00", "\ufffd", "\U0001f600", "\U00010348", "\x85"]  # fmt: skip


def name(rng: random.Random) -> str:
    """A person's name, sometimes with a role in front."""
    full = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return f"{rng.choice(ROLES)} {full}" if rng.random() < 0.4 else full


def words(rng: random.Random, lo: int = 1, hi: int = 14) -> str:
    """Some words, capitalised now and then."""
    out = " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))
    return out.capitalize() if rng.random() < 0.7 else out


def quoted(rng: random.Random, depth: int = 0) -> str:
    """A quotation, possibly nesting another, in a random mark family."""
    open_, close = rng.choice(PAIRS)
    inner = words(rng)
    if depth < 3 and rng.random() < 0.25:
        inner += " " + quoted(rng, depth + 1) + " " + words(rng, 0, 4)
    if rng.random() < 0.2:
        inner += rng.choice([",", ".", "?", "!", "…", "..."])
    return f"{open_}{inner}{close}"


def speech(rng: random.Random) -> str:
    """One paragraph of reported speech in one of many shapes."""
    who = rng.choice([name(rng), name(rng), rng.choice(ANON), rng.choice(PRONOUNS), rng.choice(LAST)])
    verb = rng.choice(VERBS)
    q = quoted(rng)
    shapes: list[Callable[[], str]] = [
        lambda: f"{q} {who} {verb}.",
        lambda: f"{q}, {verb} {who}.",
        lambda: f"{who} {verb}: {q}",
        lambda: f"{who} {verb} {q}.",
        lambda: f"According to {who}, {q}",
        lambda: f"{q} — {who}",
        lambda: f"{q[:-1]} {who} {verb}. {q[1:]}",  # a quote split around its cue (marks may not pair)
        lambda: f"{who} {verb} the plan was {q} and left.",
        lambda: f"{q}\n\n{q}\n\n{who} {verb}.",
        lambda: f"{who.upper()}: {q}",
        lambda: f"“{words(rng)}\n\n“{words(rng)},” {who} {verb}.",  # a multi-paragraph quote
        lambda: f"({who} {verb} {q}) [{words(rng, 1, 3)}]",
        lambda: f"- {q}\n- {q}\n> {q} {who} {verb}",
        lambda: q,
    ]
    return rng.choice(shapes)()


def article(rng: random.Random) -> str:
    """An article: headline, paragraphs of speech and prose, sometimes boilerplate lines."""
    parts = [words(rng, 3, 9).title()] if rng.random() < 0.7 else []
    for _ in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.55:
            parts.append(speech(rng))
        elif roll < 0.85:
            parts.append(". ".join(words(rng, 4, 20) for _ in range(rng.randint(1, 4))) + ".")
        else:
            parts.append(rng.choice(["Read also: " + quoted(rng), "Share this article", "© 2024 The Paper",
                                     "Comments (3)", "Click “Accept” to continue", "Photo: " + name(rng)]))  # fmt: skip
    sep = rng.choice(["\n\n", "\n", " ", "\n\n\n"])
    return sep.join(parts) + ("\n" if rng.random() < 0.8 else "")


def markdown(rng: random.Random) -> str:
    """An article with Markdown code spans, fences, emphasis and headings."""
    parts = [f"# {words(rng, 2, 6)}", article(rng), f"`{quoted(rng)}`", f"*{quoted(rng)}* {name(rng)} said.",
             f"```\n{speech(rng)}\n```", f"**“{words(rng)}**,” {name(rng)} said.", f"    {quoted(rng)}"]  # fmt: skip
    rng.shuffle(parts)
    return "\n\n".join(parts[: rng.randint(2, len(parts))])


def html(rng: random.Random) -> str:
    """A small web page around an article (scripts, navigation, entities)."""
    body = "".join(f"<p>{p}</p>" for p in article(rng).split("\n") if p)
    return (f"<html><head><title>{words(rng, 2, 5)}</title><script>var q = “{words(rng)}”;</script></head>"
            f"<body><nav>Home &rsaquo; News</nav><article>{body}</article><footer>© 2024</footer></body></html>")  # fmt: skip


def random_unicode(rng: random.Random) -> str:
    """Arbitrary code points (no surrogates: decoding never produces them), marks mixed in."""
    out = []
    for _ in range(rng.randint(0, 300)):
        roll = rng.random()
        if roll < 0.3:
            out.append(rng.choice(MARKS))
        elif roll < 0.45:
            out.append(rng.choice(" \n"))
        elif roll < 0.6:
            out.append(rng.choice(ODD))
        else:
            cp = rng.choice([rng.randrange(0x20, 0x250), rng.randrange(0x250, 0xD800), rng.randrange(0xE000, 0x110000)])
            out.append(chr(cp))
    return "".join(out)


def mark_runs(rng: random.Random) -> str:
    """Pathological runs: one mark repeated, alternating marks, deep nesting, marks with no text."""
    n = rng.choice([1, 2, 7, 33, 100, 1000, 2000])
    shapes: list[Callable[[], str]] = [
        lambda: rng.choice(MARKS) * n,
        lambda: "".join(rng.choice(MARKS) for _ in range(n)),
        lambda: "“‘" * n + words(rng) + "’”" * n,
        lambda: "“" * n + "x" + "”" * (n // 2),
        lambda: ("“a” " * n),
        lambda: (" ' " * n) + name(rng) + " said.",
        lambda: "\n".join(quoted(rng) for _ in range(min(n, 300))),
        # Kept short: many quotes in one sentence are quadratic in attribution (see tests/test_robustness.py).
        lambda: ("He said “yes” and she said “no”, " * min(n, 40)),
    ]
    return rng.choice(shapes)()


def mutate(rng: random.Random, text: str) -> str:
    """Apply a few random edits: marks in and out, slices cut, repeated or swapped, odd tokens."""
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(chars))
        roll = rng.random()
        if roll < 0.25:
            chars[at:at] = rng.choice(MARKS)
        elif roll < 0.4 and chars:
            del chars[min(at, len(chars) - 1)]
        elif roll < 0.5 and chars:
            i = min(at, len(chars) - 1)
            chars[i] = rng.choice(MARKS)
        elif roll < 0.6 and len(chars) > 2:
            i, j = sorted(rng.sample(range(len(chars)), 2))
            chars[i], chars[j] = chars[j], chars[i]
        elif roll < 0.68:
            j = rng.randint(at, min(len(chars), at + 200))
            chars[at:at] = chars[at:j] * rng.randint(1, 5)
        elif roll < 0.75:
            del chars[at : at + rng.randint(1, 100)]
        elif roll < 0.82:
            chars[at:at] = rng.choice(ODD) * rng.randint(1, 3)
        elif roll < 0.86:
            chars[at:at] = rng.choice(["x", "A", "—", "’", "\u00e9", "."]) * rng.randint(500, 4000)  # a huge token
        elif roll < 0.9:
            d = rng.randint(1, 60)
            chars[at:at] = "“‘" * d + "x" + "’”" * rng.randint(0, d)
        elif roll < 0.95:
            chars[at:at] = rng.choice(["\n", "\n\n", "\n \n", "\n" * 50])
        else:
            chars[at:at] = speech(rng)
    return "".join(chars)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251",
             "koi8_r", "mac_roman", "shift_jis", "gb18030", "iso8859_7"]  # fmt: skip


def raw(rng: random.Random, text: str) -> bytes:
    """The text as a file might hold it: some encoding, CRLF now and then, bytes damaged or pasted in."""
    data = text.replace("\n", rng.choice(["\n", "\r\n", "\r"])).encode(rng.choice(ENCODINGS), errors="replace")
    out = bytearray(data)
    for _ in range(rng.choice([0, 0, 1, 3, 20])):
        at = rng.randint(0, len(out))
        roll = rng.random()
        if roll < 0.4:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif roll < 0.6:
            out[at:at] = rng.choice(["“”’".encode("cp1252"), "é".encode("latin-1"), b"\xe2\x80", b"\x00", b"\xff\xfe"])
        elif roll < 0.8:
            del out[at : at + rng.randint(1, 3)]
        else:
            out[at:at] = rng.choice(ENCODINGS[:3]) .encode()  # text that names an encoding
    if rng.random() < 0.05:
        out = bytearray(rng.randbytes(rng.randint(1, 3000)))  # binary
    return bytes(out)


def jsonl(rng: random.Random) -> bytes:
    """A JSONL corpus: records with the text under "text", and now and then a broken line."""
    lines = []
    for i in range(rng.randint(1, 4)):
        record: dict[str, object] = {"id": f"r{i}", "text": text_for(rng) if rng.random() < 0.5 else article(rng)}
        roll = rng.random()
        if roll < 0.1:
            record["text"] = rng.choice([5, None, ["a"], {"x": 1}])
        elif roll < 0.15:
            del record["text"]
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
        if rng.random() < 0.1:
            line = line[: rng.randint(0, len(line))]  # cut short
        lines.append(line)
    return b"\n".join(lines) + rng.choice([b"", b"\n", b"\r\n"])


def text_for(rng: random.Random) -> str:
    """One text from a generator chosen at random."""
    roll = rng.random()
    if roll < 0.35:
        return article(rng)
    if roll < 0.7:
        return mutate(rng, article(rng))
    if roll < 0.8:
        return random_unicode(rng)
    if roll < 0.9:
        return mark_runs(rng)
    return mutate(rng, mark_runs(rng) + article(rng))


def case_for(rng: random.Random, index: int) -> list[tuple[str, str | bytes]]:
    """One to three (path, text or bytes) inputs; a shared quote across them now and then, for alignment.

    Bytes go through the real readers (decoding, newlines, Markdown, HTML, JSONL), text straight into a Source.
    """
    files: list[tuple[str, str | bytes]] = []
    shared = speech(rng) if rng.random() < 0.4 else ""
    for n in range(rng.choice([1, 1, 2, 2, 3])):
        kind = rng.random()
        if kind < 0.02:
            files.append((f"case{index}/s{n}.jsonl", jsonl(rng)))
        elif kind < 0.1:
            ext = rng.choice([".txt", ".txt", ".md", ".html"])
            body = html(rng) if ext == ".html" else markdown(rng) if ext == ".md" else text_for(rng)
            files.append((f"case{index}/s{n}{ext}", raw(rng, body + "\n\n" + shared)))
        elif kind < 0.18:
            files.append((f"case{index}/s{n}.md", markdown(rng) + "\n\n" + shared))
        elif kind < 0.185:
            files.append((f"case{index}/s{n}.html", html(rng)))
        else:
            body = text_for(rng)
            if shared:
                cut = rng.randint(0, len(body))
                body = body[:cut] + "\n\n" + (mutate(rng, shared) if rng.random() < 0.5 else shared) + "\n\n" + body[cut:]
            files.append((f"case{index}/s{n}.txt", body))
    return files


# --- the pipeline and its invariants ------------------------------------------------------------

ENGINE = get_engine("builtin")


def source_for(path: str, text: str) -> Source:
    """The Source the readers would build for this text (Markdown masks, HTML extraction)."""
    if path.endswith(".md"):
        md = read_markdown(text)
        return Source(path, text, encoding="utf-8", format="markdown", title=md.title, masked=md.masked)
    if path.endswith(".html"):
        return read_html(path, text, "utf-8", 1 << 28)
    return Source(path, text, encoding="utf-8")


def pipeline(sources: Sequence[Source]) -> tuple[list[Document], Run]:
    """The steps of `quotes check` on in-memory sources: the attributed documents and the final run."""
    readable = [s for s in sources if s.error is None]
    docs = ENGINE.attribute([extract(s) for s in readable])
    linked = link_speakers([lighten(d) for d in docs])
    quotes = [q for d in linked for q in d.quotes]
    groups = align(quotes)
    findings = run_rules(Context(tuple(linked), tuple(groups)))
    run = Run(tuple(linked), tuple(sources), tuple(groups), findings=tuple(findings))
    return linked, run


def violations(sources: Sequence[Source], docs: Sequence[Document], run: Run, render: bool = True) -> list[str]:
    """Every broken invariant, as one line each (empty when all hold)."""
    bad: list[str] = []
    texts = {s.path: s for s in sources if s.error is None}
    ids: set[str] = set()
    if [d.source.path for d in docs] != list(texts):
        bad.append("documents are not the readable sources, in order")
    for doc in docs:
        src = texts.get(doc.source.path)
        if src is None:
            continue
        text = src.text
        mine = {q.id for q in doc.quotes}
        starts = [q.start for q in doc.quotes]
        if starts != sorted(starts):
            bad.append(f"{src.path}: quotes not in start order")
        for n, q in enumerate(doc.quotes, 1):
            where = f"{q.id}"
            if q.id != f"{src.path}#{n}" or q.id in ids:
                bad.append(f"{where}: id is not {src.path}#{n} or is repeated")
            ids.add(q.id)
            if q.source != src.path:
                bad.append(f"{where}: source {q.source!r}")
            if not 0 <= q.start <= q.end <= len(text) or text[q.start : q.end] != q.text:
                bad.append(f"{where}: text[{q.start}:{q.end}] != quote text")
            if (q.line, q.column) != src.position(q.start):
                bad.append(f"{where}: line/column {(q.line, q.column)} != {src.position(q.start)}")
            if q.category not in CATEGORIES:
                bad.append(f"{where}: category {q.category!r}")
            if q.parent is not None and q.parent not in mine:
                bad.append(f"{where}: parent {q.parent} not in the document")
            a = q.attribution
            for label, span in (("speaker_mention", a.speaker_mention), ("cue", a.cue)):
                if span is not None and (not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != span.text):
                    bad.append(f"{where}: {label} text[{span.start}:{span.end}] != {span.text!r}")
            if a.confidence is not None and not 0 <= a.confidence <= 1:
                bad.append(f"{where}: confidence {a.confidence}")
        for p in doc.problems:
            if not text.startswith(p.mark, p.offset) or not p.mark:
                bad.append(f"{src.path}: mark problem at {p.offset} is not at its mark {p.mark!r}")
    group_ids = set()
    for g in run.groups:
        members = [m.quote for m in g.members]
        if g.id in group_ids or g.reference not in members or len(set(members)) != len(members):
            bad.append(f"group {g.id}: repeated id, reference not a member, or a member twice")
        group_ids.add(g.id)
        for m in g.members:
            if m.quote not in ids:
                bad.append(f"group {g.id}: member {m.quote} is no quote")
            if m.relation not in RELATIONS or m.drift.klass not in DRIFTS:
                bad.append(f"group {g.id}: relation {m.relation!r} drift {m.drift.klass!r}")
    for f in run.findings:
        src = texts.get(f.source)
        if src is None:
            bad.append(f"finding {f.code} in unknown source {f.source!r}")
            continue
        lines = src.text.split("\n")
        if not (1 <= f.line <= len(lines) and 1 <= f.column <= len(lines[f.line - 1]) + 1):
            bad.append(f"finding {f.code} at {f.line}:{f.column} is outside {f.source}")
        if (f.line, f.column) != src.position(f.offset) or f.severity not in SEVERITIES:
            bad.append(f"finding {f.code}: line/column does not match offset {f.offset}, or severity {f.severity!r}")
        if (f.quote is not None and f.quote not in ids) or any(r not in ids and r not in group_ids for r in f.related):
            bad.append(f"finding {f.code}: quote {f.quote} or related {f.related} unknown")
    if render:
        for name, renderer in {**CHECK_FORMATS, **{"extract-" + k: v for k, v in EXTRACT_FORMATS.items()}}.items():
            out = renderer().render(run)
            if name in ("json", "sarif", "extract-json"):
                json.loads(out)
    return bad


def read(files: Sequence[tuple[str, str | bytes]]) -> list[Source]:
    """Sources for a case: texts directly, bytes written to a temporary file and read like any input."""
    if all(isinstance(content, str) for _, content in files):
        return [source_for(path, str(content)) for path, content in files]
    sources: list[Source] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, content in files:
            if isinstance(content, str):
                sources.append(source_for(path, content))
                continue
            real = Path(tmp) / path
            real.parent.mkdir(parents=True, exist_ok=True)
            real.write_bytes(content)
            for src in read_file(str(real)):
                if src.error is not None and ("\n" in src.error or not src.error):
                    raise AssertionError(f"error is not one line: {src.error!r}")
                sources.append(attrs.evolve(src, path=path + src.path[len(str(real)) :]))
    return sources


def run_case(files: Sequence[tuple[str, str | bytes]], render: bool = True) -> list[str]:
    """Run one case through the pipeline; return the broken invariants (exceptions propagate)."""
    sources = read(files)
    docs, run = pipeline(sources)
    return violations(sources, docs, run, render)


# --- the driver -------------------------------------------------------------------------------------


# A case this slow (a few KB of text) means super-linear work somewhere: it is listed, not counted as a crash.
SLOW_SECONDS = 2.0
# A case still running after this long is abandoned (and listed as slow), so that one pathological
# input cannot stall the run.
TIMEOUT_SECONDS = 30


class Timeout(BaseException):
    """Raised by the alarm inside a case that runs past TIMEOUT_SECONDS (not an Exception: nothing may swallow it)."""


def _ring(signum: int, frame: object) -> None:
    raise Timeout


def fuzz(inputs: int, seed: int, show: int, max_seconds: float | None, report_every: float = 30.0) -> int:
    """Run cases until `inputs` texts have been through the pipeline; print counts and failures."""
    rng = random.Random(seed)
    signal.signal(signal.SIGALRM, _ring)
    ran = cases = crashes = broken = unstable = timeouts = 0
    failures: list[tuple[str, list[tuple[str, str | bytes]], str]] = []
    slow: list[tuple[float, list[tuple[str, str | bytes]]]] = []
    start = last = time.perf_counter()
    while ran < inputs:
        files = case_for(rng, cases)
        render = cases % 10 == 0  # renderers are the slow part and see little variety: one case in ten
        began = time.perf_counter()
        signal.alarm(TIMEOUT_SECONDS)
        try:
            bad = run_case(files, render)
            if cases % 50 == 0:  # the same input twice gives the same output (no hidden state, no set order)
                first, again = (CHECK_FORMATS["json"]().render(pipeline(read(files))[1]) for _ in range(2))
                if first != again:
                    unstable += 1
                    bad.append("two runs of the same input differ")
        except Timeout:
            timeouts += 1
            bad = []
        except Exception:
            crashes += 1
            if len(failures) < show:
                failures.append(("crash", files, traceback.format_exc(limit=-3)))
        else:
            if bad:
                broken += 1
                if len(failures) < show:
                    failures.append(("invariant", files, "\n".join(bad[:5])))
        finally:
            signal.alarm(0)
        took = time.perf_counter() - began
        if took > SLOW_SECONDS:
            slow.append((took, files))
        cases += 1
        ran += len(files)
        now = time.perf_counter()
        if now - last > report_every:
            print(f"  {ran} inputs, {cases} cases, {crashes} crashes, {broken} violations, {len(slow)} slow, {now - start:.0f} s", flush=True)
            last = now
        if max_seconds is not None and now - start > max_seconds:
            print(f"stopped after {max_seconds:.0f} s")
            break
    elapsed = time.perf_counter() - start
    print(f"inputs run: {ran} ({cases} cases of 1-3 texts, seed {seed}) in {elapsed:.0f} s")
    print(f"crashes: {crashes}")
    print(f"invariant violations: {broken} (of which nondeterministic: {unstable})")
    print(f"slow cases (> {SLOW_SECONDS:.0f} s): {len(slow)}, of which abandoned after {TIMEOUT_SECONDS} s: {timeouts}")
    for kind, files, detail in failures:
        print(f"\n--- {kind}: {files!r:.2000}\n{detail}")
    for took, files in sorted(slow, key=lambda x: -x[0])[:show]:
        print(f"\n--- slow ({took:.1f} s, {sum(len(t) for _, t in files)} chars): {files!r:.600}")
    return 0 if not crashes and not broken else 1


def big_file(mb: int, seed: int, kind: str) -> int:
    """Write one file of `mb` megabytes, run `quotes extract` and `quotes check` on it, print time and peak RSS.

    `kind` "news" is benchmarks/corpus.py's article text (a realistic density of quotes, names and
    nesting); "fuzz" is this script's generator (denser and stranger: a stress test).
    """
    rng = random.Random(seed)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("w", encoding="utf-8") as fh:
            size = 0
            while size < mb << 20:
                if kind == "news":
                    import corpus  # benchmarks/corpus.py, beside this script

                    chunk = "\n\n".join(corpus.paragraph(rng) if rng.random() < 0.5 else corpus.narrative(rng) for _ in range(50)) + "\n\n"
                else:
                    chunk = "\n\n".join(article(rng) for _ in range(200)) + "\n\n"
                fh.write(chunk)
                size += len(chunk.encode("utf-8"))
        print(f"{path.stat().st_size / (1 << 20):.0f} MB file, {path.read_text(encoding='utf-8').count(chr(10)) + 1} lines")
        for command in (["extract", "--format", "json"], ["check"]):
            out = Path(tmp) / "out.txt"
            start = time.perf_counter()
            with out.open("w") as stdout:
                proc = subprocess.run([sys.executable, "-m", "quotes", *command, str(path)], stdout=stdout,
                                      stderr=subprocess.PIPE, text=True)  # fmt: skip
            elapsed = time.perf_counter() - start
            # Each child is measured alone: RUSAGE_CHILDREN holds the largest child so far, and extract goes first.
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            with out.open(encoding="utf-8") as fh:
                last = ""
                for line in fh:
                    last = line
            print(f"quotes {' '.join(command)}: exit {proc.returncode}, {elapsed:.1f} s, peak RSS so far {peak:.0f} MB, "
                  f"output {out.stat().st_size / (1 << 20):.0f} MB, traceback: {'Traceback' in proc.stderr}")  # fmt: skip
            if command[0] == "check":
                print(f"  {last.strip()}")
            if proc.stderr:
                print(proc.stderr[-2000:])
            if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
                status = 1
    return status


def main() -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="texts to run (cases hold 1-3 texts)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="failing inputs to print")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop early after this long")
    parser.add_argument("--big-mb", type=int, default=None, help="instead: one file this big through `quotes check`")
    parser.add_argument("--big-kind", choices=["news", "fuzz"], default="news", help="text of the big file")
    args = parser.parse_args()
    if args.big_mb:
        return big_file(args.big_mb, args.seed, args.big_kind)
    return fuzz(args.inputs, args.seed, args.show, args.max_seconds)


if __name__ == "__main__":
    sys.exit(main())
