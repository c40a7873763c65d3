"""Sentences per second of the stanza engine with the tiny models, over a seeded synthetic corpus.

The corpus is made by the same generator that trains the tiny models (scripts/train_tiny_models.py,
another seed): news paragraphs with quotes, "X said", "according to X", appositions. Articles of
about 20 sentences go through the pipeline in batches (`bulk_process`). Two figures: the stanza
pipeline alone (tokenize, pos, lemma, depparse, ner), and the whole engine (built-in sieve +
parse + rules). The tiny models are far smaller than the official English ones, so this measures
the plumbing, not what a real model costs.

    python benchmarks/stanza_speed.py [--models fixtures/stanza_tiny] [--articles 50] [--threads 1]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(articles: int, seed: int = 7) -> list[str]:
    """`articles` deterministic texts of ~20 sentences, paragraphs split by blank lines."""
    spec = importlib.util.spec_from_file_location("train_tiny_models", ROOT / "scripts" / "train_tiny_models.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    paragraphs = gen.build_corpus(articles * 20 + 40, seed)
    texts: list[str] = []
    current: list[str] = []
    count = 0
    for para in paragraphs:
        current.append(" ".join(gen.sentence_text(s) for s in para))
        count += len(para)
        if count >= 20:
            texts.append("\n\n".join(current) + "\n")
            current, count = [], 0
    if current:
        texts.append("\n\n".join(current) + "\n")
    return texts[:articles]


def main(argv: list[str] | None = None) -> int:
    """Print sentences/second for the pipeline alone and for the whole engine."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(ROOT / "fixtures" / "stanza_tiny"))
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (the CPU is shared)")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"])
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    from quotes.engines.stanza import StanzaEngine
    from quotes.extract import extract
    from quotes.model import Source

    texts = corpus(args.articles)
    t0 = time.perf_counter()
    engine = StanzaEngine(models_dir=args.models, device=args.device, batch_size=args.batch_size)
    load = time.perf_counter() - t0
    engine.parse(texts[:1])  # warm-up

    t0 = time.perf_counter()
    parsed = engine.parse(texts)
    parse_s = time.perf_counter() - t0
    sentences = sum(len(d.sentences) for d in parsed)

    docs = [extract(Source(f"bench/{i}.txt", t)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    out = engine.attribute(docs)
    engine_s = time.perf_counter() - t0
    speech = [q for d in out for q in d.quotes if q.speech]
    by_stanza = sum(1 for q in speech if (q.attribution.method or "").startswith("stanza:"))

    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} articles, {sentences} sentences, {chars / 1e3:.0f} kchars; "
          f"device {engine.device}, torch threads {args.threads}, batch {args.batch_size}; load {load:.1f}s")
    print(f"pipeline alone: {sentences / parse_s:,.0f} sentences/s ({parse_s:.2f}s)")
    print(f"whole engine:   {sentences / engine_s:,.0f} sentences/s ({engine_s:.2f}s); "
          f"{by_stanza}/{len(speech)} speech quotes attributed by stanza rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
