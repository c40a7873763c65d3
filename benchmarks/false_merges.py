"""False merges of `quotes check` on a directory of real articles: drift and conflict findings
between quotes that are not the same statement.

Runs the `check` pipeline on the given paths (every rule selected) and, for every wording or
meaning drift finding (Q201, Q202) and every conflicting-attribution finding (Q103), measures the
share of content words the two quotes have in common, relative to the shorter quote: the content
words (stop words and numbers-as-digits kept, function words dropped) of the shorter quote that
also occur in the longer one. A pair below one half is counted as a false merge: two different
statements that the alignment put into one group. The measure is independent of the aligner: it
reads the quotes' texts, not the diff.

    python benchmarks/false_merges.py DIR [DIR ...] [--jobs N] [--show N] [--json OUT]

Prints the counts per code, the false-merge counts and shares, the run time, and the worst pairs.
"""

from __future__ import annotations

# A word table reads best as whitespace-separated text.
# ruff: noqa: SIM905
import argparse
import json
import re
import sys
import time
from collections import Counter

from quotes.config import Config
from quotes.pipeline import check
from quotes.sources import ReadOptions

# Function words: what two different statements share by chance ("I don't think that we...").
STOP = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves just also going
get got go said says say like well really think know people one thing things lot want gonna
""".split())

_WORD = re.compile(r"[\w’'-]+")


def content_words(text: str) -> set[str]:
    """Lower-cased words of `text` that are not function words."""
    words = (w.strip("’'-").replace("’", "'").casefold() for w in _WORD.findall(text))
    return {w for w in words if w and w not in STOP}


def shared_share(a: str, b: str) -> float:
    """Share of the shorter quote's content words that the other quote has too (1.0 if none)."""
    wa, wb = content_words(a), content_words(b)
    short, other = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not short:
        return 1.0
    return len(short & other) / len(short)


def pairs(data: dict) -> list[tuple[str, float, str, str]]:
    """(code, share, text A, text B) for every Q201/Q202 and Q103 finding of a check JSON."""
    texts = {q["id"]: q["text"] for q in data["quotes"]}
    reference = {}
    for g in data["groups"]:
        for m in g["members"]:
            reference[m["quote"]] = g["reference"]
    out = []
    seen = set()
    for f in data["findings"]:
        code = f["code"]
        if code in ("Q201", "Q202"):
            qid = f["quote"]
            others = f["related"] or [reference.get(qid)]
        elif code == "Q103":
            qid = f["quote"]
            others = f["related"]
        else:
            continue
        for other in others:
            if other is None or other not in texts:
                continue
            key = (code, *sorted((qid, other)))
            if key in seen:
                continue
            seen.add(key)
            out.append((code, shared_share(texts[qid], texts[other]), texts[qid], texts[other]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run check on the paths and print the false-merge figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--show", type=int, default=10, help="worst pairs to print per code")
    ap.add_argument("--json", help="also write the check JSON here")
    args = ap.parse_args(argv)

    from quotes.render.formats import CheckJson

    config = Config(select=("Q",))
    t0 = time.perf_counter()
    run = check(args.paths, config, ReadOptions(), jobs=args.jobs)
    elapsed = time.perf_counter() - t0
    data = json.loads(CheckJson().render(run))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
    speech = sum(1 for q in data["quotes"] if q.get("category") == "speech")
    by_code = Counter(f["code"] for f in data["findings"])
    print(f"sources {len(data['sources'])}  speech quotes {speech}  groups {len(data['groups'])}"
          f"  check time {elapsed:.2f} s")
    print("findings by code: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
    found = pairs(data)
    for codes, label in ((("Q201", "Q202"), "drift (Q201+Q202)"), (("Q103",), "conflict (Q103)")):
        rows = [p for p in found if p[0] in codes]
        bad = [p for p in rows if p[1] < 0.5]
        share = len(bad) / len(rows) if rows else 0.0
        print(f"{label}: {len(rows)} pairs, {len(bad)} below one half shared content words "
              f"({share:.1%})")
        for code, s, a, b in sorted(bad, key=lambda p: p[1])[:args.show]:
            print(f"  {code} {s:.2f}  {a[:70]!r}\n             {b[:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
