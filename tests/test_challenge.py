"""The challenge set (fixtures/challenge): the issue's targets on styles the dev set lacks.

Sixteen articles in wire, British, guillemet, German, sports, court, science, earnings, feature
and liveblog styles, with gold built by scripts/annotate_challenge.py. The targets are the
issue's own (speech-quote F1 ≥ 0.95 at overlap 0.8, speaker accuracy ≥ 0.90); a regression in
any of the failure classes the set was written to expose shows up here first. The same
targets hold on the six fresh sets of fixtures/fresh, whose gold was written by authors who
never read the code.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quotes.evaluate import evaluate

ROOT = os.path.join(os.path.dirname(__file__), os.pardir)
GOLD = os.path.join(ROOT, "fixtures", "challenge", "flat.jsonl")


# The fresh sets (fixtures/fresh/README.md): gold by authors who never read the code.
FRESH = [os.path.join(ROOT, "fixtures", "fresh", name, "flat.jsonl") for name in ("a", "b", "c", "d", "e", "f")]


@pytest.fixture(scope="module", params=[GOLD, *FRESH], ids=["challenge", "fresh-a", "fresh-b", "fresh-c", "fresh-d", "fresh-e", "fresh-f"])
def metrics(request: pytest.FixtureRequest) -> dict[str, float]:
    return evaluate(request.param).metrics


def test_quote_f1_at_strict_overlap(metrics: dict[str, float]) -> None:
    assert metrics["quote_f1@0.8"] >= 0.95, metrics


def test_speaker_accuracy(metrics: dict[str, float]) -> None:
    assert metrics["speaker_accuracy"] >= 0.90, metrics


def test_anonymous_sources_are_told_apart(metrics: dict[str, float]) -> None:
    assert metrics["anonymous_accuracy"] >= 0.90, metrics


def test_gold_is_built_from_the_annotation_table() -> None:
    # The committed gold is what the script builds from the articles: no offsets typed by hand.
    script = os.path.join(ROOT, "scripts", "annotate_challenge.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
