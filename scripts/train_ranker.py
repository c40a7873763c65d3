"""Train the candidate ranker (`quotes.ranker`) on one gold file and judge it on another.

Usage: python scripts/train_ranker.py TRAIN.jsonl HOLDOUT.jsonl [--out quotes/data/ranker.json]

For every extracted speech quote that matches a gold quote with a gold speaker, the sieve's
candidate attributions are collected (its own answer first, then what each step would say
alone) and labelled with the scorer's rule (`quotes.evaluate.speaker_correct`). Quotes with
fewer than two candidates teach nothing and are left out. A logistic regression is fitted on
TRAIN and both choosers, the rules (first candidate) and the ranker, are scored on HOLDOUT
over the same quotes as `quotes eval`'s speaker accuracy. Nothing is written next to the input;
the weights go to --out (default: print only).
"""

from __future__ import annotations

import argparse
import json
import sys

from quotes.attribute import attribute_document, with_attribution
from quotes.evaluate import SPEAKER_OVERLAP, load_gold, match, speaker_correct
from quotes.extract import extract
from quotes.model import Attribution, Quote
from quotes.ranker import Ranker, candidate_rows, train
from quotes.sources import source_of_text
from quotes.textscan import TextView

Example = tuple[list[list[float]], list[int]]  # one quote: feature rows and labels of its candidates


class _Recorder:
    """A chooser that keeps the sieve's answer and records every reopened quote's candidates."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[list[list[float]], list[Attribution]]] = {}

    def reopens(self, a: Attribution) -> bool:
        return Ranker.reopens(_ANY, a)

    def choose(self, view: TextView, q: Quote, cands: list[Attribution]) -> Attribution:
        self.seen[q.id] = (candidate_rows(view, q, cands), cands)
        return cands[0]


_ANY = Ranker(())  # reopens() reads no weights


def collect(gold_path: str) -> tuple[list[Example], int]:
    """Candidates of every matched quote with a gold speaker, and how many such quotes there are."""
    examples: list[Example] = []
    n = 0
    for gf in load_gold(gold_path):
        record = _Recorder()
        doc = attribute_document(extract(source_of_text(gf.path, gf.text)), chooser=record)
        seen = record.seen
        pred = [q for q in doc.quotes if q.speech]
        for i, j in match(gf.quotes, pred, SPEAKER_OVERLAP).items():
            g, q = gf.quotes[i], pred[j]
            if g.speaker is None:
                continue
            n += 1
            rows, cands = seen.get(q.id, ([], [q.attribution]))  # (none: a quote the ranker never reopens)
            labels = [int(speaker_correct(g, with_attribution(q, a))) for a in cands]
            examples.append((rows, labels))
    return examples, n


def accuracy(examples: list[Example], n: int, ranker: Ranker | None) -> float:
    """Speaker accuracy when each quote takes the rules' answer (`ranker` None) or the ranker's."""
    ok = 0
    for rows, labels in examples:
        if ranker is None or len(rows) < 2:
            ok += labels[0]
        else:
            best = max(range(len(rows)), key=lambda i: (ranker.score(rows[i]), -i))
            ok += labels[best]
    return ok / n if n else 0.0


def wins_losses(examples: list[Example], ranker: Ranker) -> tuple[int, int]:
    """Quotes the ranker gets right and the rules wrong, and the other way round (a sign test's counts)."""
    win = loss = 0
    for rows, labels in examples:
        if len(rows) < 2:
            continue
        best = max(range(len(rows)), key=lambda i: (ranker.score(rows[i]), -i))
        win += labels[best] > labels[0]
        loss += labels[best] < labels[0]
    return win, loss


def main(argv: list[str] | None = None) -> int:
    """Train on the first gold file, report rules against ranker on the second."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train")
    ap.add_argument("holdout")
    ap.add_argument("--out", help="write the weights here (e.g. quotes/data/ranker.json)")
    ap.add_argument("--epochs", type=int, default=300)
    args = ap.parse_args(argv)
    tr, n_tr = collect(args.train)
    ho, n_ho = collect(args.holdout)
    rows = [r for ex_rows, _ in tr if len(ex_rows) >= 2 for r in ex_rows]
    labels = [y for ex_rows, ys in tr if len(ex_rows) >= 2 for y in ys]
    weights = train(rows, labels, epochs=args.epochs)
    ranker = Ranker(tuple(weights))
    report = {
        "train_quotes": n_tr, "train_candidates": len(rows),
        "train_rules": round(accuracy(tr, n_tr, None), 4), "train_ranker": round(accuracy(tr, n_tr, ranker), 4),
        "holdout_quotes": n_ho,
        "holdout_rules": round(accuracy(ho, n_ho, None), 4), "holdout_ranker": round(accuracy(ho, n_ho, ranker), 4),
    }
    report["holdout_wins_losses"] = list(wins_losses(ho, ranker))
    print(json.dumps(report, indent=1))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump({"about": "quotes.ranker weights, trained by scripts/train_ranker.py", **report,
                       "weights": [round(w, 6) for w in weights]}, fh, indent=1)
            fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
