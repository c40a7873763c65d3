"""Pair-level precision/recall of `quotes.align` grouping on the authored dev set.

Quotes are the gold article quotes of `flat.jsonl` (gold spans and gold speakers, so this measures
alignment alone, not extraction or attribution). Gold pairs: two quotes in one gold variant group
of `groups.json`. Predicted pairs: two quotes in one `align` group. Prints P/R/F1 per config and
lists missed and extra pairs with --verbose. Then checks `diff.compare` against the gold relation
of each article quote to its transcript sentence (drift → wording, meaning_drift → meaning...).

    python benchmarks/align_dev.py [--eval DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections import defaultdict

from quotes.align import AlignConfig, align
from quotes.diff import compare
from quotes.model import Attribution, Quote


def load(eval_dir: str) -> tuple[list[Quote], set[frozenset[str]]]:
    """Gold article quotes as Quote records, and the gold same-group pairs of their ids."""
    quotes: list[Quote] = []
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with open(os.path.join(eval_dir, "flat.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for n, g in enumerate(sorted(doc["quotes"], key=lambda g: g["start"]), 1):
                qid = f"{doc['path']}#{n}"
                quotes.append(Quote(
                    qid, doc["path"], g["start"], g["end"], g["text"], 1, 1, '"', '"', True,
                    "speech", "gold", attribution=Attribution(speaker=g["speaker"]),
                ))
                spans[doc["path"]].append((g["start"], g["end"], qid))
    with open(os.path.join(eval_dir, "groups.json"), encoding="utf-8") as fh:
        groups = json.load(fh)
    pairs: set[frozenset[str]] = set()
    for event in groups.values():
        for group in event:
            ids = set()
            for m in group["members"]:
                if not m.get("is_quote") or not m.get("path"):
                    continue
                # The flat quote with the best overlap (not a nested quote inside it).
                best = max(spans.get(m["path"], ()), default=None, key=lambda s: (
                    min(s[1], m["end"]) - max(s[0], m["start"])) / (max(s[1], m["end"]) - min(s[0], m["start"])))
                if best and best[0] < m["end"] and m["start"] < best[1]:
                    ids.add(best[2])
            pairs.update(frozenset(p) for p in itertools.combinations(sorted(ids), 2))
    return quotes, pairs


# Gold relation of a quote to its transcript sentence → the drift classes that agree with it.
_AGREE = {"exact": ("none", "cosmetic"), "partial": ("none", "cosmetic"), "misattributed": ("none", "cosmetic"),
          "ellipsis": ("none",), "bracket": ("none",), "drift": ("wording",), "meaning_drift": ("meaning",)}


def drift_agreement(eval_dir: str, verbose: bool) -> None:
    """`compare(transcript sentence, article quote)` against the gold relation of each quote."""
    with open(os.path.join(eval_dir, "groups.json"), encoding="utf-8") as fh:
        groups = json.load(fh)
    right = total = 0
    for event in groups.values():
        for group in event:
            ref = (group.get("source_span") or {}).get("text")
            for m in group["members"]:
                if not ref or not m.get("is_quote") or m["relation"] not in _AGREE:
                    continue
                with open(os.path.join(eval_dir, m["path"]), encoding="utf-8") as fh:
                    text = fh.read()[m["start"]:m["end"]]
                drift = compare(ref, text)
                ok = drift.klass in _AGREE[m["relation"]]
                if m["relation"] in ("ellipsis", "bracket"):
                    ok = ok and bool(drift.alterations)
                right += ok
                total += 1
                if verbose and not ok:
                    print(f"  drift: gold {m['relation']}, got {drift.klass} {drift.reasons}\n"
                          f"         {ref[:70]!r}\n         {text[:70]!r}")
    print(f"drift class agrees with the gold relation: {right}/{total}")


def main() -> int:
    """Print pair-level P/R/F1 for a few fuzzy thresholds."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default="/work/shared/eval/authored-dev")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    quotes, gold = load(args.eval)
    text = {q.id: q.text for q in quotes}
    in_gold = {qid for p in gold for qid in p}
    for threshold in (80.0, 85.0):
        groups = align(quotes, AlignConfig(fuzzy_threshold=threshold))
        pred = {frozenset(p) for g in groups
                for p in itertools.combinations(sorted(m.quote for m in g.members), 2)}
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 1.0
        r = tp / len(gold) if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        outside = sum(1 for x in pred - gold if not x <= in_gold)
        print(f"fuzzy_threshold={threshold:g}: quotes={len(quotes)} groups={len(groups)} "
              f"gold pairs={len(gold)} predicted={len(pred)} P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"(extra pairs touching quotes outside gold groups: {outside})")
        if args.verbose:
            for label, diff in (("missed", gold - pred), ("extra", pred - gold)):
                for pair in sorted(diff, key=sorted):
                    a, b = sorted(pair)
                    print(f"  {label}: {a} {text[a][:60]!r}\n          {b} {text[b][:60]!r}")
    drift_agreement(args.eval, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
