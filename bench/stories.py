"""Story clustering at corpus scale: time and memory as the number of articles grows.

``stories``: synthetic articles, made from the bundled sample paragraphs, clustered by
:class:`warta.stories.StoryClusterer` through ``partial_fit`` in batches of 1,000 (the way a
crawler feeds it), with figures at checkpoints. Each synthetic *event* has its own invented
place and people, a date, and one to six articles (outlets rewording the same paragraphs, some
republishing one copy verbatim), so the run also reports how well the known grouping is found
(B-cubed F1). Articles come already extracted: this measures the story step, not extraction.

Flat seconds per 1,000 articles across the checkpoints means the candidate search stays
bounded; peak memory should grow only with what the clusterer must remember per story.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from bench.memory import peak_rss_mb
from bench.registry import Options, Report, register
from bench.synth import PEOPLE, PLACES, _load_material, _vary
from warta.types import Article

CHECKPOINTS = (1_000, 10_000, 30_000, 50_000, 100_000, 200_000)
BATCH = 1_000
SYLLABLES = ("ka", "ra", "ma", "ja", "su", "to", "wi", "lo", "ng", "ba", "ti", "de", "pu", "sa", "ri", "no")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


#: Share of the longer words of an event's paragraphs replaced by words of its own: the sample
#: paragraphs are few, and without this every event would read like every other.
REWORD = 0.6


def _reword(rng: random.Random, paragraph: str, share: float = REWORD) -> str:
    return " ".join(_name(rng, 3).lower() if len(w) >= 5 and w.isalpha() and rng.random() < share else w
                    for w in paragraph.split())


def synth_articles(seed: int, limit: int) -> Iterator[tuple[Article, int]]:
    """Yield ``(article, event number)``: events in date order, one to six articles each."""
    rng = random.Random(seed)
    material = _load_material()
    day = date(2018, 1, 1)
    n = event = 0
    while n < limit:
        event += 1
        day += timedelta(hours=rng.randint(0, 12))
        place, person = f"{_name(rng, 3)} {_name(rng, 2)}", f"{_name(rng, 2)} {_name(rng, 3)}"
        pool = [_vary(rng, material, p).replace(rng.choice(PLACES), place).replace(rng.choice(PEOPLE), person)
                for p in rng.sample(material.paragraphs, 6)]
        pool = [f"{_reword(rng, p)} Warga {place} dan {person} ikut terdampak." for p in pool]
        title = f"{_vary(rng, material, rng.choice(material.titles))} di {place}"
        copy: Article | None = None
        for k in range(rng.randint(1, 6)):
            if n >= limit:
                break
            source = f"synthetic/{n:06d}.txt"
            when = (day + timedelta(days=rng.randint(0, 3))).isoformat()
            if copy is not None and rng.random() < 0.2:  # a republished wire copy
                yield Article(source=source, body=copy.body, title=copy.title, published=when), event
            else:
                # each outlet words it a little differently
                body = "\n\n".join(_reword(rng, p, 0.15) for p in rng.sample(pool, rng.randint(3, 6)))
                art = Article(source=source, body=body, title=title if k == 0 or rng.random() < 0.5 else None,
                              published=when)
                copy = art
                yield art, event
            n += 1


def bcubed_f1(truth: dict[str, int], pred: dict[str, int]) -> float:
    """B-cubed F1 in linear time (counts per cluster and per cluster pair)."""
    pair = Counter((truth[s], pred[s]) for s in truth)
    size_t, size_p = Counter(truth.values()), Counter(pred[s] for s in truth)
    p = sum(c * c / size_p[k[1]] for k, c in pair.items()) / len(truth)
    r = sum(c * c / size_t[k[0]] for k, c in pair.items()) / len(truth)
    return 2 * p * r / (p + r) if p + r else 0.0


@register("stories", "story clustering (dedup + incremental clustering) on synthetic articles: time and memory")
def bench_stories(options: Options) -> Report:
    from warta.stories import StoryClusterer, featurize

    report = Report(
        f"stories: {options.pages:,} synthetic articles, partial_fit in batches of {BATCH:,}, one process",
        ["articles", "seconds", "articles/s", "s per 1k (last)", "stories", "copies", "B3 F1",
         "peak RSS MB", "py heap peak MB"],
    )
    if options.tracemalloc:
        tracemalloc.start()
    marks = [c for c in CHECKPOINTS if c < options.pages] + [options.pages]
    clusterer = StoryClusterer()
    truth: dict[str, int] = {}
    batch = []
    start = last = time.perf_counter()
    last_n = 0
    for n, (article, event) in enumerate(synth_articles(options.seed, options.pages), 1):
        truth[article.source] = event
        batch.append(featurize(article, order=n))
        if len(batch) == BATCH or n in marks:
            clusterer.partial_fit(batch)
            batch = []
        if n in marks:
            now = time.perf_counter()
            heap = tracemalloc.get_traced_memory()[1] / 2**20 if options.tracemalloc else None
            report.rows.append([
                f"{n:,}", f"{now - start:.1f}", f"{n / (now - start):,.0f}",
                f"{(now - last) / max(1, n - last_n) * 1000:.2f}", f"{len(clusterer.stories_):,}",
                f"{len(clusterer.duplicates_):,}", f"{bcubed_f1(truth, clusterer.labels_):.3f}",
                f"{peak_rss_mb():.0f}", "-" if heap is None else f"{heap:.0f}",
            ])
            last, last_n = now, n
    if options.tracemalloc:
        tracemalloc.stop()
    report.notes.append("articles are built in memory (no extraction or analysis); names come from capitalisation")
    return report


#: Articles added to the knowledge base by the incremental run of ``stories-kb``.
NEW_ARTICLES = 1_000


@register("stories-kb", "warta stories --db: 1,000 new articles joined to a knowledge base, vs clustering it all")
def bench_stories_kb(options: Options) -> Report:
    import tempfile
    from pathlib import Path

    from warta.pipeline import ExtractResult
    from warta.store import Store
    from warta.stories.kb import stories_from_store, update_stories

    report = Report(
        f"stories-kb: {options.pages:,} synthetic articles stored, then {NEW_ARTICLES:,} more (SQLite, no analysis)",
        ["run", "articles in KB", "clustered", "stories written", "seconds", "B3 F1"],
    )
    made = list(synth_articles(options.seed, options.pages + NEW_ARTICLES))
    truth = {a.source: event for a, event in made}

    def f1(store: Store) -> float:
        # bench only: the membership as stored, read straight from the tables
        ids = {sid: k for k, sid in enumerate(sorted({r[0] for r in store._conn.execute(
            "SELECT story_id FROM story_articles")}))}
        pred = {r[1]: ids[r[0]] for r in store._conn.execute(
            "SELECT m.story_id, a.source FROM story_articles m JOIN articles a ON a.id = m.article_id")}
        return bcubed_f1({s: t for s, t in truth.items() if s in pred}, pred)

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "kb.db") as store:
        store.ingest(ExtractResult(a.source, None, a) for a, _ in made[:options.pages])
        start = time.perf_counter()
        first = stories_from_store(store)
        report.rows.append(["rebuild (before)", f"{options.pages:,}", f"{options.pages:,}", f"{len(first):,}",
                            f"{time.perf_counter() - start:.1f}", f"{f1(store):.3f}"])
        store.ingest(ExtractResult(a.source, None, a) for a, _ in made[options.pages:])
        total = options.pages + NEW_ARTICLES
        start = time.perf_counter()
        update = update_stories(store)
        report.rows.append(["incremental", f"{total:,}", f"{update.clustered:,}", f"{len(update.stories):,}",
                            f"{time.perf_counter() - start:.1f}", f"{f1(store):.3f}"])
        start = time.perf_counter()
        again = stories_from_store(store)
        report.rows.append(["rebuild", f"{total:,}", f"{total:,}", f"{len(again):,}",
                            f"{time.perf_counter() - start:.1f}", f"{f1(store):.3f}"])
    report.notes.append("ingest time not counted; articles are stored without analysis (names from capitalisation)")
    return report
