"""The statistics of news text that decide the tool's speed, for a real and a generated corpus side by side.

Usage: python benchmarks/corpus_stats.py [--real DIR] [--articles 840] [--seed 7]

Each corpus is read with the project's own extractor and built-in attribution engine, and
measured: words per article, paragraph and sentence length, speech quotes per 1,000 words,
the share of partial quotes (a phrase quoted inside the writer's sentence) and of quotes
credited by a pronoun, distinct named speakers per article, name-like capitalised runs per
1,000 words, speakers quoted in more than one article, and the share of curly marks. The
generated corpus is `corpus.news_articles` (about as many articles as the real one); its
parameters are calibrated against the PolNeAR train split. Only figures are printed, never
text, so a real corpus that may not be shared stays on the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs
from newsgen import news_articles

from quotes.engines import get_engine
from quotes.extract import extract
from quotes.model import Document, Source
from quotes.sources import ReadOptions, iter_paths, read_file

_WORD = re.compile(r"[A-Za-z0-9][\w’'-]*")
# A sentence ends at . ! ? (and any closing marks) before a space and a capital, mark or digit.
_SENT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# Two or more capitalised words in a row, not at the start of a sentence: mostly names.
_NAME_RUN = re.compile(r"(?<=[a-z,;]\s)(?:[A-Z][a-z’'.-]+\s){1,3}[A-Z][a-z’'-]+")
# Pronouns a speech verb takes as its subject ("he said", "she told reporters").
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
_CURLY = frozenset("“‘«„")


@attrs.frozen
class Stats:
    """The figures of one corpus (means per article unless the name says otherwise)."""

    articles: int
    mb: float
    words_per_article: float
    paragraphs_per_article: float
    words_per_paragraph: float
    words_per_sentence: float
    quotes_per_kword: float
    speech_per_kword: float
    partial_share: float
    pronoun_share: float
    attributed_share: float
    speakers_per_article: float
    name_runs_per_kword: float
    reused_speaker_share: float
    curly_share: float
    quote_words: float

    ROWS = (
        ("articles", "articles", "{:,.0f}"),
        ("mb", "size (MB)", "{:.2f}"),
        ("words_per_article", "words / article", "{:.0f}"),
        ("paragraphs_per_article", "paragraphs / article", "{:.1f}"),
        ("words_per_paragraph", "words / paragraph", "{:.1f}"),
        ("words_per_sentence", "words / sentence", "{:.1f}"),
        ("quotes_per_kword", "quoted spans / 1,000 words", "{:.1f}"),
        ("speech_per_kword", "speech quotes / 1,000 words", "{:.1f}"),
        ("quote_words", "words / speech quote", "{:.1f}"),
        ("partial_share", "partial quotes (share of speech)", "{:.0%}"),
        ("attributed_share", "speech quotes with a speaker", "{:.0%}"),
        ("pronoun_share", "credited by a pronoun (of attributed)", "{:.0%}"),
        ("speakers_per_article", "distinct named speakers / article", "{:.1f}"),
        ("name_runs_per_kword", "name-like capitalised runs / 1,000 words", "{:.1f}"),
        ("reused_speaker_share", "speakers quoted in 2+ articles", "{:.0%}"),
        ("curly_share", "curly marks (share of speech quotes)", "{:.0%}"),
    )


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _partial(text: str, start: int, quote: str) -> bool:
    """A phrase quoted inside the writer's sentence: a word (not a colon, comma or line start) before it."""
    before = text[:start - 1].rstrip(" ")[-1:]  # the character before the opening mark
    first = next((c for c in quote if c.isalpha()), "")
    return before.isalnum() or first.islower()


def documents(sources: Iterable[Source]) -> list[tuple[str, Document]]:
    """(text, attributed document) for each readable source."""
    engine = get_engine("builtin")
    out = []
    for src in sources:
        if src.error is None:
            doc = engine.attribute([extract(src)])[0]
            out.append((src.text, doc))
    return out


def measure(pairs: Sequence[tuple[str, Document]]) -> Stats:
    """The statistics of a corpus of (text, document) pairs."""
    words = paras = sents = sent_words = quotes = speech = partial = pronoun = attributed = 0
    name_runs = curly = quote_words = 0
    speakers_per: list[int] = []
    seen_in: Counter[str] = Counter()
    size = 0
    for text, doc in pairs:
        size += len(text.encode("utf-8"))
        ps = _paragraphs(text)
        paras += len(ps)
        for p in ps:
            for s in _SENT.split(p):
                n = len(_WORD.findall(s))
                if n:
                    sents += 1
                    sent_words += n
        words += len(_WORD.findall(text))
        name_runs += len(_NAME_RUN.findall(text))
        named: set[str] = set()
        for q in doc.quotes:
            quotes += q.depth == 0
            if not q.speech or q.depth:
                continue
            speech += 1
            quote_words += len(_WORD.findall(q.text))
            curly += q.open_mark in _CURLY
            partial += _partial(text, q.start, q.text)
            a = q.attribution
            if a.speaker or a.speaker_mention:
                attributed += 1
                mention = a.speaker_mention.text.casefold() if a.speaker_mention else ""
                pronoun += mention in _PRONOUNS
            if a.speaker_id and not a.anonymous and a.speaker and " " in a.speaker.strip():
                named.add(a.speaker_id)
        speakers_per.append(len(named))
        seen_in.update(named)
    n = max(1, len(pairs))
    kw = max(1, words) / 1000
    return Stats(
        articles=len(pairs), mb=size / 1e6,
        words_per_article=words / n,
        paragraphs_per_article=paras / n,
        words_per_paragraph=words / max(1, paras),
        words_per_sentence=sent_words / max(1, sents),
        quotes_per_kword=quotes / kw,
        speech_per_kword=speech / kw,
        partial_share=partial / max(1, speech),
        pronoun_share=pronoun / max(1, attributed),
        attributed_share=attributed / max(1, speech),
        speakers_per_article=statistics.fmean(speakers_per) if speakers_per else 0.0,
        name_runs_per_kword=name_runs / kw,
        reused_speaker_share=sum(1 for c in seen_in.values() if c > 1) / max(1, len(seen_in)),
        curly_share=curly / max(1, speech),
        quote_words=quote_words / max(1, speech),
    )


def real_sources(folder: str) -> list[Source]:
    """Every .txt and .md article under `folder`, read as the command line reads them."""
    read = ReadOptions()
    return [s for path, error in iter_paths([folder], read) if error is None for s in read_file(path, read)]


def generated_sources(articles: int, seed: int) -> list[Source]:
    """`articles` generated news articles as sources."""
    return [Source(path=f"gen/{i:06d}.txt", text=t) for i, t in enumerate(news_articles(articles, seed))]


def table(columns: Sequence[tuple[str, Stats]]) -> str:
    """The statistics of each corpus, one column each."""
    head = f"{'':44}" + "".join(f"{name:>14}" for name, _ in columns)
    lines = [head]
    for field, label, fmt in Stats.ROWS:
        lines.append(f"{label:44}" + "".join(f"{fmt.format(getattr(s, field)):>14}" for _, s in columns))
    return "\n".join(lines)


def main() -> None:
    """Measure the generated corpus (and a real one when given) and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", metavar="DIR", help="a folder of real news articles (.txt/.md)")
    ap.add_argument("--articles", type=int, default=840, help="generated articles (default 840)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    columns = []
    if args.real:
        if not os.path.isdir(args.real):
            ap.error(f"{args.real}: not a folder")
        columns.append(("real", measure(documents(real_sources(args.real)))))
    columns.append(("generated", measure(documents(generated_sources(args.articles, args.seed)))))
    print(table(columns))


if __name__ == "__main__":
    main()
