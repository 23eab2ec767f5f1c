"""A story's summary: a few sentences taken from its articles, each citing where it came from.

    members' leads (first LEAD_SENTENCES sentences each, datelines stripped)
        ->  TF-IDF vectors of content words (IDF over the story's own sentences)
        ->  centrality: mean similarity to the sentences of *other* articles (what many
            outlets say is what the story is), times a bonus for sentences near the top
        ->  MMR: take the most central, then trade centrality for novelty until 3-5 are chosen
        ->  shown in story order (by the article's date, then position)

Extractive, so every word shown was printed by an outlet, and each sentence carries its source:
an analyst can always check it. Only the leads are read because Indonesian news puts the event
in the first paragraphs, and it keeps the work per story bounded however long the pages are.

>>> [s.text for s in summarize(members)]            # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from warta.stories.features import DATELINE, content_words
from warta.types import Article

#: Sentences read per article: the lead paragraphs, where the event is told.
LEAD_SENTENCES = 8
#: Sentences chosen: at least MIN_SENTENCES when there are that many, at most MAX_SENTENCES.
MIN_SENTENCES = 3
MAX_SENTENCES = 5
#: MMR trade-off: 1.0 is centrality alone, 0.0 novelty alone. 0.7 is the usual choice.
MMR_LAMBDA = 0.7
#: A candidate this similar to one already chosen says the same thing again: never taken.
REDUNDANT = 0.5
#: Lead bonus: the first sentence counts (1 + LEAD_BONUS) times, decaying by position.
LEAD_BONUS = 0.5
#: Sentences shorter or longer than this (in words) are fragments or run-ons: not summary material.
MIN_WORDS, MAX_WORDS = 8, 60
#: When no sentence is that long (video pages, briefs), shorter ones down to this will do.
MIN_FALLBACK_WORDS = 4
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")
#: A sentence that is mostly a quotation reads badly out of context.
QUOTE_MARKS = re.compile(r"[\"“”]")


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a summary and the article (and outlet) that printed it."""

    text: str
    source: str
    outlet: str | None = None


def sentences(body: str) -> list[str]:
    """The first LEAD_SENTENCES sentences of a body, the dateline taken off the first."""
    out: list[str] = []
    for i, para in enumerate(p.strip() for p in body.split("\n") if p.strip()):
        if i == 0:
            para = DATELINE.sub("", para, count=1)
        out.extend(s.strip() for s in SENTENCE_END.split(para) if s.strip())
        if len(out) >= LEAD_SENTENCES:
            break
    return out[:LEAD_SENTENCES]


def _usable(text: str) -> bool:
    n = len(text.split())
    return MIN_WORDS <= n <= MAX_WORDS and len(QUOTE_MARKS.findall(text)) < 2 and not text.endswith("?")


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def summarize(members: Sequence[Article], outlets: Mapping[str, str | None] | None = None,
              size: int | None = None) -> tuple[SummarySentence, ...]:
    """Pick 3-5 central, non-redundant lead sentences from ``members`` (oldest article first)."""
    outlets = outlets or {}
    pool: list[tuple[int, int, str, str]] = []  # (article index, position, source, text)
    short: list[tuple[int, int, str, str]] = []  # the fallback when every article is a brief
    seen: set[str] = set()
    for i, article in enumerate(members):
        for pos, text in enumerate(sentences(article.body)):
            key = " ".join(text.lower().split())
            if key in seen:  # copies repeat sentences verbatim
                continue
            seen.add(key)
            (pool if _usable(text) else short).append((i, pos, article.source, text))
    pool = pool or [p for p in short if len(p[3].split()) >= MIN_FALLBACK_WORDS]
    if not pool:
        return ()
    bags = [Counter(content_words(text)) for *_, text in pool]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vecs: list[dict[str, float]] = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vecs.append({w: v / norm for w, v in vec.items()})
    many = len({p[0] for p in pool}) > 1
    scores: list[float] = []
    for k, (art, pos, _src, _text) in enumerate(pool):
        others = [_cos(vecs[k], vecs[j]) for j, p in enumerate(pool) if j != k and (p[0] != art or not many)]
        centrality = sum(others) / len(others) if others else 0.0
        scores.append(centrality * (1 + LEAD_BONUS / (1 + pos)))
    want = size or max(MIN_SENTENCES, min(MAX_SENTENCES, len(members)))
    chosen: list[int] = []
    while len(chosen) < min(want, len(pool)):
        best, best_value = -1, -math.inf
        for k in range(len(pool)):
            if k in chosen:
                continue
            overlap = max((_cos(vecs[k], vecs[c]) for c in chosen), default=0.0)
            if overlap >= REDUNDANT:
                continue
            value = MMR_LAMBDA * scores[k] - (1 - MMR_LAMBDA) * overlap
            if value > best_value:
                best, best_value = k, value
        if best < 0:
            break
        chosen.append(best)
    chosen.sort(key=lambda k: (pool[k][0], pool[k][1]))
    return tuple(SummarySentence(pool[k][3], pool[k][2], outlets.get(pool[k][2])) for k in chosen)
