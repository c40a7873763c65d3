"""Convert PolNeAR attributions (brat standoff) to the `shared/eval` flat gold that `quotes eval` scores.

Usage: python scripts/polnear_gold.py [--definition project|strict] SPLIT_DIR OUT_DIR
(SPLIT_DIR holds text/ and attributions/)

Writes OUT_DIR/flat.jsonl (every article), OUT_DIR/tune.jsonl (~80 %) and OUT_DIR/holdout.jsonl
(~20 %), split by a hash of the article's file name, and OUT_DIR/texts/ (one .txt per article).
Nothing is written next to the input.

Two definitions of a direct quote are offered; rules 1-3 and 5 are shared.
- `project` (the default) keeps every partial quote of three words or more as gold speech, as the
  project's own golds (shared/eval, fixtures/challenge, fixtures/fresh) do: for a quote checker
  a partial quote is still wording and a speaker an editor must check.
- `strict` follows issue 12's words: "a direct quote is a content span wholly inside quotation
  marks". Only such quotes are gold speech; every other quoted stretch is listed in `not_speech`
  with a `why` (rule 4s), so the gold accounts for every quoted stretch of the article.
Scoring note: `quotes eval` counts precision as matched / every predicted speech quote, so a
prediction on a `not_speech` span and one on a stretch left out of the gold cost the same; the
`not_speech` list only adds the count "gold not-speech predicted as speech" (and, under
`--spans gold`, hands those spans to the engine as non-speech quotes).

The rules, in order:
1. One annotation per article. An article may carry several .ann files (one per annotator); the
   one with the most attributions is taken, ties broken by file name.
2. Quotation marks are paired in the article text, independently of `quotes`: “…”, "…" and the
   New York Times' ''…'' at the top level; ‘…’ and '…' only inside a double-quoted stretch (nested quotes) or, for the curly ‘,
   anywhere a word starts (PolNeAR headlines use it). A double quote left open at a paragraph end
   continues when the next paragraph opens with a double mark (a multi-paragraph quote); the
   merged stretch runs from the first opening to the last closing.
3. A quoted stretch belongs to the smallest Content span (Content and Content2 pieces of one
   attribution) that covers every character of it but whitespace and marks. A multi-paragraph
   stretch whose paragraphs are annotated as separate attributions belongs to the first one.
4. (project) A stretch is a direct quote when it is the whole content (no word of the content
   outside the marks) or it has at least `MIN_PARTIAL_WORDS` words. One- and two-word quoted
   stretches inside a paraphrase ("called the plan a “no brainer”", "pushed for “real change”")
   are scare quotes, coined terms and labels more often than a turn of speech: they go to
   `not_speech` with why "short quoted stretch in a paraphrase", so they are not gold speech and
   a prediction there costs precision.
4s. (strict) A stretch is a direct quote when every piece of its content that touches it lies
   wholly inside its marks: no word of the piece outside them (spaces, punctuation and the marks
   themselves may sit just outside, as in `“…”.`). A piece is one contiguous fragment of a brat
   Content span, so “…,” she said, “…” annotated as one discontinuous content gives two direct
   quotes. Every other quoted stretch goes to `not_speech`, with why
   - "partial quote in a paraphrase": a content piece has words outside the marks, whatever the
     quote's length ("said residents “have waited long enough”"); this also takes the rare
     content that runs over two pairs of marks with no word between them;
   - "quote inside a direct quote, no attribution of its own": rule 6's nested quotes, which are
     quoted inside someone's quote and so not a content span of their own;
   - "quoted stretch in no attribution": rule 7's stretches (titles, nicknames, unannotated
     speech), which no content covers;
   - "quoted stretch only partly in a content": some content overlaps the stretch but none covers
     it (mostly straight marks paired wrongly across sentences).
5. The speaker is the attribution's Source: its text and its offsets (the first piece to the
   last when discontinuous and within one paragraph, else the longest piece). A pronoun is kept
   as the mention (the scorer accepts an overlapping mention). Attributions with no source
   ("Attribution-no-source") give `speaker: null`.
6. (project) A nested quote (inside another quoted stretch) whose smallest content is its outer
   quote's (the annotators gave it no attribution of its own) is a quote with `speaker: null`:
   "they just say, ‘do this’" inside someone's quote is not that someone's words.
7. (project) Quoted stretches in no content are not in the gold at all (titles, nicknames, quotes
   no annotator marked): a prediction there is counted as an extra quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable

import attrs

# Quoted stretches this long (words) inside a paraphrase are partial quotes: "called the plan
# “reckless and premature”" is speech, "a “no brainer”" is not.
MIN_PARTIAL_WORDS = 3
# Words of the content allowed outside the marks for a short stretch still to be "the whole
# content": none, since "called Trump a “liar”" (content "Trump a liar") is a label, not a turn.
WHOLE_SLACK_WORDS = 0
# Share of articles (by name hash) in the holdout split.
HOLDOUT_PERCENT = 20
# The definitions of a direct quote (module docstring); the first is the default.
DEFINITIONS = ("project", "strict")

_BRAT_LINE = re.compile(r"^([TE])(\d+)\t(.*)$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DOUBLE_OPEN = "“"
_DOUBLE_CLOSE = "”"
_MARKS = "\"“”‘’'"


@attrs.frozen
class Attribution:
    """One brat attribution: source, cue and content pieces as (start, end) offsets."""

    source: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...] = ()


@attrs.frozen
class Stretch:
    """A quoted stretch: offsets of the text inside the marks, and whether it is nested."""

    start: int
    end: int
    nested: bool


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for piece in field.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of one brat .ann file (lines that are not T/E records are ignored)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.split("\n"):
        m = _BRAT_LINE.match(line)
        if not m:
            continue  # notes, and the text of spans that cross a line break
        kind, num, rest = m.groups()
        if kind == "T":
            head = rest.split("\t", 1)[0]
            typ, _, offsets = head.partition(" ")
            spans[f"T{num}"] = (typ, _spans(offsets))
        else:
            events.append([tuple(arg.split(":", 1)) for arg in rest.split() if ":" in arg])  # type: ignore[misc]
    out = []
    for args in events:
        source: list[tuple[int, int]] = []
        content: list[tuple[int, int]] = []
        cue: list[tuple[int, int]] = []
        for role, ref in args:
            if ref not in spans:
                continue
            pieces = spans[ref][1]
            if role == "Source":
                source.extend(pieces)
            elif role.startswith("Content"):
                content.extend(pieces)
            elif role == "Cue":
                cue.extend(pieces)
        if content:
            out.append(Attribution(tuple(sorted(source)), tuple(sorted(content)), tuple(sorted(cue))))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _opens(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum())


def _closes(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def quoted_stretches(text: str) -> list[Stretch]:
    """Every quoted stretch in `text` (rule 2 of the module docstring), sorted by start."""
    out: list[Stretch] = []
    carry: int | None = None  # start of a double quote left open at the previous paragraph's end
    for p_start, p_end in _paragraphs(text):
        stack: list[tuple[str, int]] = []
        i = p_start
        if carry is not None:
            width = 2 if text.startswith("''", p_start) else 1 if text[p_start] in '"“' else 0
            if width:
                stack.append(("d", carry))
                i = p_start + width
            carry = None
        while i < p_end:
            ch, width = text[i], 1
            if text.startswith("''", i):
                ch, width = '"', 2  # the New York Times writes ''…'' for “…”
            in_double = any(k == "d" for k, _ in stack)
            if ch == _DOUBLE_OPEN or (ch == '"' and not (stack and stack[-1][0] == "d")):
                if ch == '"' and in_double:
                    # a straight mark while a double is open under a single: close the single first
                    while stack and stack[-1][0] != "d":
                        stack.pop()
                    _, s = stack.pop()
                    out.append(Stretch(s, i, bool(stack)))
                else:
                    stack.append(("d", i + width))
            elif ch in _DOUBLE_CLOSE + '"':
                while stack and stack[-1][0] != "d":
                    stack.pop()  # an unclosed single inside the double is dropped
                if stack:
                    _, s = stack.pop()
                    out.append(Stretch(s, i, bool(stack)))
            elif ch in "‘'" and _opens(text, i) and i + 1 < p_end and not text[i + 1].isspace() and (in_double or ch == "‘"):
                stack.append(("s", i + 1))
            elif ch in "’'" and stack and stack[-1][0] == "s" and _closes(text, i) and not text[i - 1].isspace():
                _, s = stack.pop()
                out.append(Stretch(s, i, bool(stack)))
            i += width
        doubles = [s for k, s in stack if k == "d"]
        if doubles:
            carry = doubles[0]
    return sorted((s for s in out if s.end > s.start), key=lambda s: (s.start, s.end))


def _covered(text: str, stretch: Stretch, pieces: Iterable[tuple[int, int]]) -> bool:
    """True when every character of the stretch but whitespace and marks lies in some piece."""
    pieces = sorted(pieces)
    for i in range(stretch.start, stretch.end):
        ch = text[i]
        if ch.isspace() or ch in _MARKS:
            continue
        if not any(a <= i < b for a, b in pieces):
            return False
    return True


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _outside_words(text: str, stretch: Stretch, pieces: tuple[tuple[int, int], ...]) -> int:
    """Words of the content that lie outside the stretch."""
    n = 0
    for a, b in pieces:
        if a < stretch.start:
            n += _words(text[a : min(b, stretch.start)])
        if b > stretch.end:
            n += _words(text[max(a, stretch.end) : b])
    return n


def _mention(text: str, source: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    """The speaker mention's offsets (rule 5)."""
    if not source:
        return None
    first, last = source[0][0], source[-1][1]
    if "\n" not in text[first:last]:
        return first, last
    return max(source, key=lambda p: p[1] - p[0])


def _segments(text: str, st: Stretch) -> list[Stretch]:
    """A stretch cut at its paragraph breaks (one piece unless it is a multi-paragraph quote)."""
    out = []
    pos = st.start
    for line in text[st.start : st.end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if line.strip(_MARKS + " \t"):
            out.append(Stretch(a, b, st.nested))
    return out


def _owner(text: str, st: Stretch, attributions: list[Attribution]) -> Attribution | None:
    """Rule 3: the smallest content covering the stretch (each paragraph of a multi-paragraph
    quote may be its own attribution, so each piece is tried when the whole is not covered)."""
    owners = [a for a in attributions if _covered(text, st, a.content)]
    if not owners:
        pieces = _segments(text, st)
        if len(pieces) < 2 or not all(any(_covered(text, p, a.content) for a in attributions) for p in pieces):
            return None
        owners = [a for a in attributions if _covered(text, pieces[0], a.content)]
    return min(owners, key=lambda a: (sum(b - s for s, b in a.content), a.content))


def _strict_why(text: str, st: Stretch, owner: Attribution, nested_in_owner: bool) -> str | None:
    """Rule 4s: None when the stretch is a direct quote, else why it is not speech."""
    if nested_in_owner:
        return "quote inside a direct quote, no attribution of its own"
    for a, b in owner.content:
        if a < st.end and st.start < b and _outside_words(text, st, ((a, b),)):
            return "partial quote in a paraphrase"
    return None


def _not_speech(text: str, st: Stretch, why: str) -> dict[str, object]:
    return {"start": st.start, "end": st.end, "text": text[st.start : st.end], "why": why}


def convert_article(name: str, text: str, attributions: list[Attribution],
                    definition: str = "project") -> dict[str, object]:
    """One flat gold line for an article, under `definition` ("project" or "strict")."""
    if definition not in DEFINITIONS:
        raise ValueError(f"unknown definition {definition!r}; expected one of {DEFINITIONS}")
    strict = definition == "strict"
    quotes = []
    not_speech = []
    stretches = quoted_stretches(text)
    owners = {st: _owner(text, st, attributions) for st in stretches}
    for st in stretches:
        owner = owners[st]
        if owner is None:
            if strict:
                touched = any(a < st.end and st.start < b for att in attributions for a, b in att.content)
                not_speech.append(_not_speech(text, st, "quoted stretch only partly in a content" if touched
                                              else "quoted stretch in no attribution"))
            continue
        outer = [o for o in stretches if o.start < st.start and st.end <= o.end and o is not st]
        nested_in_owner = st.nested and any(owners[o] is owner for o in outer)
        if strict:
            why = _strict_why(text, st, owner, nested_in_owner)
            if why:
                not_speech.append(_not_speech(text, st, why))
                continue
        else:
            if nested_in_owner:
                owner = attrs.evolve(owner, source=())  # a nested quote nobody annotated: a quote, speaker unknown
            whole = _outside_words(text, st, owner.content) <= WHOLE_SLACK_WORDS
            if not whole and _words(text[st.start : st.end]) < MIN_PARTIAL_WORDS:
                not_speech.append(_not_speech(text, st, "short quoted stretch in a paraphrase"))
                continue
        mention = _mention(text, owner.source)
        speaker = " ".join(text[a:b] for a, b in owner.source) if owner.source else None
        quotes.append({
            "start": st.start, "end": st.end, "text": text[st.start : st.end],
            "speaker": speaker,
            "speaker_start": mention[0] if mention else None,
            "speaker_end": mention[1] if mention else None,
            "direct": True, "relation": None, "turn": None, "nested": st.nested,
        })
    return {"id": name, "path": name, "event": name, "text": text, "quotes": quotes, "not_speech": not_speech}


def pick_annotation(candidates: list[tuple[str, str]]) -> tuple[str, list[Attribution]]:
    """Rule 1: the (file name, attributions) with the most attributions, ties by file name."""
    parsed = [(name, parse_ann(body)) for name, body in candidates]
    return min(parsed, key=lambda p: (-len(p[1]), p[0]))


def is_holdout(name: str) -> bool:
    """Deterministic split: the article's name hashes into the holdout share."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 100 < HOLDOUT_PERCENT


def convert_split(split_dir: str, definition: str = "project") -> list[dict[str, object]]:
    """Every article of a PolNeAR split as flat gold lines under `definition`, sorted by name."""
    text_dir = os.path.join(split_dir, "text")
    ann_dir = os.path.join(split_dir, "attributions")
    anns: dict[str, list[tuple[str, str]]] = {}
    for fname in sorted(os.listdir(ann_dir)):
        if not fname.endswith(".ann"):
            continue
        base = re.sub(r"_[0-9a-f]+\.ann$", "", fname)
        with open(os.path.join(ann_dir, fname), encoding="utf-8") as f:
            anns.setdefault(base, []).append((fname, f.read()))
    out = []
    for fname in sorted(os.listdir(text_dir)):
        if not fname.endswith(".txt"):
            continue
        base = fname[: -len(".txt")]
        with open(os.path.join(text_dir, fname), encoding="utf-8", newline="") as f:
            text = f.read()
        _, attributions = pick_annotation(anns.get(base, [("", "")]))
        out.append(convert_article(fname, text, attributions, definition))
    return out


def _write_jsonl(path: str, lines: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Convert a split and write flat.jsonl, tune.jsonl, holdout.jsonl and texts/ to OUT_DIR."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--definition", choices=DEFINITIONS, default=DEFINITIONS[0],
                    help="what counts as a direct quote (see the module docstring); default: project")
    ap.add_argument("split_dir")
    ap.add_argument("out_dir")
    args = ap.parse_args(argv)
    lines = convert_split(args.split_dir, args.definition)
    os.makedirs(os.path.join(args.out_dir, "texts"), exist_ok=True)
    for line in lines:
        with open(os.path.join(args.out_dir, "texts", str(line["path"])), "w", encoding="utf-8", newline="") as f:
            f.write(str(line["text"]))
    hold = [line for line in lines if is_holdout(str(line["path"]))]
    tune = [line for line in lines if not is_holdout(str(line["path"]))]
    _write_jsonl(os.path.join(args.out_dir, "flat.jsonl"), lines)
    _write_jsonl(os.path.join(args.out_dir, "tune.jsonl"), tune)
    _write_jsonl(os.path.join(args.out_dir, "holdout.jsonl"), hold)
    n_quotes = sum(len(line["quotes"]) for line in lines)  # type: ignore[arg-type,misc]
    n_hold = sum(len(line["quotes"]) for line in hold)  # type: ignore[arg-type,misc]
    n_not = sum(len(line["not_speech"]) for line in lines)  # type: ignore[arg-type,misc]
    print(f"{len(lines)} articles ({len(tune)} tune, {len(hold)} holdout), {n_quotes} direct quotes "
          f"({n_quotes - n_hold} tune, {n_hold} holdout), {n_not} not-speech stretches "
          f"(definition {args.definition})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
