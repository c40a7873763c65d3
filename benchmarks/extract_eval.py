"""Score speech-quote extraction on the authored dev set: P/R/F1 at overlap/union >= 0.8 and 0.3.

Usage: python benchmarks/extract_eval.py [flat.jsonl] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quotes.extract import extract
from quotes.model import Source

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "authored-dev" / "flat.jsonl"


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score(path: Path, threshold: float, verbose: bool = False) -> tuple[int, int, int]:
    """True positives, predicted speech count, gold count over the whole file."""
    tp = npred = ngold = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        doc = extract(Source(path=rec["path"], text=rec["text"]))
        pred = [(q.start, q.end) for q in doc.quotes if q.speech]
        gold = [(q["start"], q["end"]) for q in rec["quotes"]]
        used: set[int] = set()
        for g in gold:
            best, bi = 0.0, -1
            for i, p in enumerate(pred):
                if i not in used and (v := _iou(g, p)) > best:
                    best, bi = v, i
            if best >= threshold:
                used.add(bi)
                tp += 1
            elif verbose:
                print(f"MISS {rec['path']}: {rec['text'][g[0] : g[1]][:80]!r}")
        if verbose:
            for i, p in enumerate(pred):
                if i not in used:
                    q = next(q for q in doc.quotes if (q.start, q.end) == p)
                    print(f"FP   {rec['path']}: {q.text[:80]!r} ({q.reason})")
        npred += len(pred)
        ngold += len(gold)
    return tp, npred, ngold


def main() -> None:
    """Print precision, recall and F1 at both thresholds."""
    args = [a for a in sys.argv[1:] if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    for th in (0.8, 0.3):
        tp, npred, ngold = score(path, th, verbose="-v" in sys.argv and th == 0.8)
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"overlap>={th}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} pred={npred} gold={ngold})")


if __name__ == "__main__":
    main()
