"""Recall of planted drifts, meaning drifts and misattributions through `quotes check`.

For each event of an eval set laid out as `shared/eval/authored-dev` (event folders holding
articles and a `transcript.txt`; gold in `flat.jsonl`), runs the whole check pipeline twice on
the event's articles: without the record (alignment across outlets: Q201/Q202/Q103) and with
`--record transcript.txt` (verification: Q501/Q502/Q505). A planted quote counts as found when a
finding of its class lands on the predicted quote that overlaps its gold span:

- drift (wording changed): Q201 or Q202 (Q501 or Q502 with the record);
- meaning_drift: Q202 (Q502);
- misattributed: Q103 (Q505).

Without the record, a planted quote can only be found when another outlet quotes the same
statement (the gold group of its transcript sentence has another outlet's quote), so the
no-record recall is reported over those quotes only ("detectable").

    python benchmarks/planted_recall.py [--eval shared/eval/authored-dev]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict

from quotes.config import Config
from quotes.pipeline import check
from quotes.sources import ReadOptions

CLASSES = {
    "drift": ({"Q201", "Q202"}, {"Q501", "Q502"}),
    "meaning_drift": ({"Q202"}, {"Q502"}),
    "misattributed": ({"Q103"}, {"Q505"}),
}


def _codes_by_span(run: object, path: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, codes) for every quote of the source at `path` with the codes found on it."""
    codes: dict[str, set[str]] = defaultdict(set)
    for f in run.findings:  # type: ignore[attr-defined]
        if f.quote:
            codes[f.quote].add(f.code)
    out = []
    for doc in run.docs:  # type: ignore[attr-defined]
        if os.path.abspath(doc.source.path) != os.path.abspath(path):
            continue
        for q in doc.quotes:
            out.append((q.start, q.end, codes.get(q.id, set())))
    return out


def _found(spans: list[tuple[int, int, set[str]]], start: int, end: int, want: set[str]) -> bool:
    for a, b, codes in spans:
        inter = min(b, end) - max(a, start)
        if inter > 0 and inter >= 0.5 * min(b - a, end - start) and codes & want:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    """Print per-class recall with and without the record."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                   "eval", "authored-dev"))
    args = ap.parse_args(argv)
    base = os.path.abspath(args.eval)
    by_event: dict[str, list[dict]] = defaultdict(list)
    with open(os.path.join(base, "flat.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            by_event[doc["event"]].append(doc)
    with open(os.path.join(base, "groups.json"), encoding="utf-8") as fh:
        gold_groups = json.load(fh)
    # Quotes of one gold statement (a transcript sentence span): (path, start) → members quoted.
    quoted: dict[tuple[str, int], int] = {}
    for groups in gold_groups.values():
        for grp in groups:
            members = [m for m in grp["members"] if m.get("is_quote")]
            for m in members:
                quoted[(m["path"], m["start"])] = len({x["path"] for x in members})

    def detectable(path: str, g: dict) -> bool:
        return any(quoted.get((path, s), 0) > 1 for s in range(g["start"] - 2, g["start"] + 3))

    tally = {c: [0, 0, 0, 0] for c in CLASSES}  # found/total with record, found/detectable without
    misses: list[str] = []
    config = Config(select=("Q",))
    for event, docs in sorted(by_event.items()):
        paths = [os.path.join(base, d["path"]) for d in docs]
        transcript = os.path.join(base, event, "transcript.txt")
        plain = check(paths, config, ReadOptions())
        recorded = check(paths, config, ReadOptions(), records=[transcript])
        for d in docs:
            path = os.path.join(base, d["path"])
            spans_plain, spans_rec = _codes_by_span(plain, path), _codes_by_span(recorded, path)
            for g in d["quotes"]:
                cls = g.get("relation")
                if cls not in CLASSES:
                    continue
                no_rec, with_rec = CLASSES[cls]
                t = tally[cls]
                t[1] += 1
                if _found(spans_rec, g["start"], g["end"], with_rec):
                    t[0] += 1
                else:
                    misses.append(f"  record   {cls}: {d['path']} “{g['text'][:60]}”")
                if detectable(d["path"], g):
                    t[3] += 1
                    if _found(spans_plain, g["start"], g["end"], no_rec):
                        t[2] += 1
                    else:
                        misses.append(f"  no record {cls}: {d['path']} “{g['text'][:60]}”")
    for cls, (f_rec, n_rec, f_plain, n_plain) in tally.items():
        r1 = f_rec / n_rec if n_rec else 0.0
        r2 = f_plain / n_plain if n_plain else 0.0
        print(f"{cls:15s} with record {f_rec}/{n_rec} = {r1:.3f}   without record "
              f"{f_plain}/{n_plain} detectable = {r2:.3f}")
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
