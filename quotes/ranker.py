"""A learned chooser among a quote's candidate speakers: logistic regression over sieve features.

In: a `TextView`, a quote and its candidate attributions (the sieve's own answer first, then
what each step would answer on its own; see `quotes.attribute.attribute_document`). Out: the
candidate with the highest score under weights trained by `scripts/train_ranker.py` on the
PolNeAR train split and shipped as `quotes/data/ranker.json`. Inference is a dot product in
pure Python, so no numerical library is needed. This module refuses to know how candidates are
found: it only scores the features of each.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from importlib import resources

import attrs

from quotes.fastpath import outer_span
from quotes.model import Attribution, Quote
from quotes.textscan import TextView

METHODS = ("cue_after", "cue_before", "according_to", "dash", "colon", "adjacent_next", "adjacent_prev",
           "floating", "pronoun", "subject", "repeated")
KINDS = ("name", "pron", "desc", "none")
# The ranker reopens only what the rules leave empty or guess at (the `subject` and `floating`
# steps, a pronoun or role resolved by a stretch): a cue the sieve read stays the sieve's.
OPEN_BELOW = 0.5


def features(view: TextView, q: Quote, a: Attribution, rank: int, n: int, agree: int) -> list[float]:
    """The features of candidate `a` for quote `q` (`rank` in the sieve's order of `n`; `agree` others name it)."""
    o, c = outer_span(q)
    m = a.speaker_mention
    f = [1.0, float(rank == 0), float(rank), float(n), float(agree), a.confidence or 0.0,
         float(a.speaker is None), float(a.anonymous), float(a.role is not None)]
    f += [float(a.method == x) for x in METHODS]
    if m is None:
        kind, dist, before, same_s, same_p = "none", 0.0, 0.0, 0.0, 0.0
    else:
        word = view.text[m.start:m.end].lower()
        kind = "pron" if word in ("he", "she", "they", "it", "i", "we") else (
            "name" if word[:1] != view.text[m.start:m.start + 1] else "desc")
        before = float(m.end <= o)
        gap = o - m.end if before else max(0, m.start - c)
        dist = math.log1p(gap)
        same_s = float(view.sentence_of(m.start) in (view.sentence_of(o), view.sentence_of(max(o, c - 1))))
        same_p = float(view.paragraph_of(m.start) == view.paragraph_of(o))
    f += [float(kind == x) for x in KINDS]
    f += [dist, before, same_s, same_p, float(a.cue is not None)]
    return f


@attrs.frozen
class Ranker:
    """Logistic-regression weights over `features`; `choose` picks the best-scoring candidate."""

    weights: tuple[float, ...]

    @classmethod
    def load(cls, path: str | None = None) -> Ranker:
        """The shipped weights (`quotes/data/ranker.json`), or those in `path`."""
        if path is None:
            text = resources.files("quotes").joinpath("data/ranker.json").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        return cls(tuple(float(w) for w in json.loads(text)["weights"]))

    def score(self, f: Sequence[float]) -> float:
        """Probability that the candidate with features `f` is the speaker."""
        if len(f) != len(self.weights):
            raise ValueError(f"{len(f)} features for {len(self.weights)} weights")
        z = sum(map(operator.mul, self.weights, f))  # (the same sum, without a generator)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reopens(self, a: Attribution) -> bool:
        """True for an empty speaker or a low-confidence guess of the sieve."""
        return a.speaker is None or (a.confidence or 0.0) <= OPEN_BELOW

    def choose(self, view: TextView, q: Quote, cands: list[Attribution]) -> Attribution:
        """The best-scoring candidate (the sieve's answer on ties)."""
        if len(cands) < 2:
            return cands[0]
        rows = candidate_rows(view, q, cands)
        best = max(range(len(cands)), key=lambda i: (self.score(rows[i]), -i))
        return cands[best]


def candidate_rows(view: TextView, q: Quote, cands: list[Attribution]) -> list[list[float]]:
    """The feature rows of all candidates of one quote, in order."""
    keys = [(a.speaker or "").casefold() for a in cands]
    return [features(view, q, a, i, len(cands), sum(k == keys[i] and bool(k) for k in keys) - 1)
            for i, a in enumerate(cands)]


def train(rows: Sequence[Sequence[float]], labels: Sequence[int], epochs: int = 300, rate: float = 0.5,
          l2: float = 1e-3) -> list[float]:
    """Logistic regression by full-batch gradient descent on standardised features (weights in raw scale)."""
    n, d = len(rows), len(rows[0])
    mean = [sum(r[j] for r in rows) / n for j in range(d)]
    std = [math.sqrt(sum((r[j] - mean[j]) ** 2 for r in rows) / n) or 1.0 for j in range(d)]
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    xs = [[(r[j] - mean[j]) / std[j] for j in range(d)] for r in rows]
    w = [0.0] * d
    for _ in range(epochs):
        grad = [0.0] * d
        for x, y in zip(xs, labels, strict=True):
            z = sum(wj * xj for wj, xj in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for j in range(d):
                grad[j] += (p - y) * x[j]
        w = [wj - rate * (g / n + l2 * wj) for wj, g in zip(w, grad, strict=True)]
    raw = [w[j] / std[j] for j in range(d)]
    raw[0] = w[0] - sum(w[j] * mean[j] / std[j] for j in range(1, d))
    return raw
