"""The web layer at scale: search latency, story-page throughput and page weight.

``web``: a knowledge base of ``--pages`` synthetic articles (say 100,000) is built in a
temporary folder, then

1. search latency, p50 and p95, through :class:`warta.web.query.KnowledgeBase` (the function
   both the API and the UI call) over common words, rare names, phrases, OR, and the filters;
2. requests per second for a story page, JSON and HTML, through the whole ASGI app in process
   (FastAPI's TestClient: routing, validation, the query, rendering, headers; no sockets);
3. the weight of a story page: its HTML plus the static files it loads.

Articles are built in-process and stored with :meth:`Store.ingest`, with mentions, quotes and
events made from the names the text contains: running extraction and analysis over 100,000
pages would take an hour and time the wrong thing. The text is the synthetic material of
:mod:`bench.synth` (the samples' paragraphs, names swapped), so FTS sees realistic vocabulary.
"""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.memory import peak_rss_mb
from bench.registry import Options, Report, register
from bench.synth import OUTLETS, PEOPLE, PLACES, _load_material, _vary  # the generator's own material
from warta.pipeline import ExtractResult
from warta.types import AnalyzedArticle, Article, Event, Mention, Quote, RawPage

# Articles per story: the stories step groups a handful of outlets' reports of one event.
STORY_SIZE = 5
# Each search is repeated so a percentile means something; the first run of each is a warm-up.
SEARCH_REPEATS = 7
# The story-page loop stops at whichever comes first.
THROUGHPUT_SECONDS = 5.0
THROUGHPUT_MAX_REQUESTS = 2_000
FIRST_DAY = date(2023, 1, 1)
DAYS_SPAN = 730


@dataclass(frozen=True, slots=True)
class _Case:
    label: str
    query: str = ""
    outlet: str | None = None
    days: tuple[int, int] | None = None
    entity: str | None = None


CASES = (
    _Case("common word", "warga"),
    _Case("two words", "jembatan warga"),
    _Case("rare name", f'"{PEOPLE[7]}"'),
    _Case("phrase", '"kepala desa"'),
    _Case("OR", "cabai OR kopi OR festival"),
    _Case("prefix", "jemb*"),
    _Case("NOT", "warga -jembatan"),
    _Case("word + outlet", "warga", outlet=OUTLETS[0][1]),
    _Case("word + month", "warga", days=(200, 230)),
    _Case("word + entity", "warga", entity=PLACES[3]),
    _Case("entity only", entity=PEOPLE[2]),
    _Case("newest, no query"),
    _Case("outlet + month", outlet=OUTLETS[1][1], days=(400, 430)),
    _Case("deep page", "warga"),
)


def _articles(total: int, seed: int) -> Iterator[ExtractResult]:
    """Synthetic articles with analysis; every STORY_SIZE consecutive ones share a title and dates."""
    material = _load_material()
    rng = random.Random(seed)
    title = ""
    day = FIRST_DAY
    for i in range(total):
        if i % STORY_SIZE == 0:
            title = _vary(rng, material, rng.choice(material.titles))
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPAN))
        outlet_name, domain = OUTLETS[i % len(OUTLETS)]
        speaker = rng.choice(PEOPLE)
        paragraphs = [_vary(rng, material, p) for p in rng.sample(material.paragraphs, rng.randint(4, 9))]
        quote = f"“Kami akan menuntaskan persoalan ini minggu depan,” kata {speaker}."
        paragraphs.insert(1, quote)
        body = "\n\n".join(paragraphs)
        published = f"{(day + timedelta(days=i % STORY_SIZE // 2)).isoformat()}T{rng.randrange(24):02d}:00:00+07:00"
        article = Article(source=f"synthetic/{i:07d}.txt", body=body, title=title, outlet=domain,
                          outlet_name=outlet_name, published=published, url=f"https://{domain}/berita/{i}")
        start = body.index(quote)
        quotes = (Quote(quote[1:quote.index("”") - 1], speaker, "direct", start, start + len(quote), "kata", "PER"),)
        analysis = AnalyzedArticle(article, _mentions(material.names, body), quotes,
                                   (Event(published[:10], "day", paragraphs[0][:200], 0, 10, "Senin", (speaker,)),))
        yield ExtractResult(article.source, RawPage(article.source, body, url=article.url), article, None, analysis)


def _mentions(names: re.Pattern[str], body: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    for m in names.finditer(body):
        label = "PER" if m.group() in PEOPLE else "LOC"
        found.append(Mention(m.group(), label, m.group(), m.start(), m.end(), "warga" if label == "PER" else None))
    return tuple(found[:40])


def _build(db: Path, total: int, seed: int) -> tuple[float, list[str]]:
    from warta.store import Store

    start = time.perf_counter()
    with Store.open(db) as store:
        store.ingest(_articles(total, seed))
        sources = [f"synthetic/{i:07d}.txt" for i in range(total)]  # as _articles names them
        stories = [{"id": f"story-{n:07d}", "title": f"Synthetic story {n}", "articles": sources[n:n + STORY_SIZE],
                    "timeline": [{"date": "2024-01-17", "text": "Sesuatu terjadi.", "sources": sources[n:n + 2]}]}
                   for n in range(0, len(sources), STORY_SIZE)]
        store.save_stories(stories)
    return time.perf_counter() - start, [str(s["id"]) for s in stories]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@register("web", "web layer: search latency p50/p95, story page requests/s, page weight")
def bench_web(options: Options) -> Report:
    from fastapi.testclient import TestClient

    from warta.web import KnowledgeBase, SearchFilters, create_app

    report = Report(f"web: {options.pages:,} synthetic articles with analysis, one process",
                    ["measure", "case", "hits", "p50 ms", "p95 ms", "n"])
    with tempfile.TemporaryDirectory(prefix="warta-bench-web-") as tmp:
        db = Path(tmp) / "kb.db"
        build_seconds, story_ids = _build(db, options.pages, options.seed)
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
        kb = KnowledgeBase.open(db)
        for case in CASES:
            window = case.days or (0, 0)
            filters = SearchFilters(
                case.query, case.outlet,
                FIRST_DAY + timedelta(days=window[0]) if case.days else None,
                FIRST_DAY + timedelta(days=window[1]) if case.days else None,
                case.entity, 20, 1000 if case.label == "deep page" else 0)
            timings = []
            for _ in range(SEARCH_REPEATS + 1):
                start = time.perf_counter()
                page = kb.search(filters)
                timings.append(1000 * (time.perf_counter() - start))
            timings = timings[1:]
            report.rows.append(["search", case.label, f"{page.total:,}", f"{statistics.median(timings):.1f}",
                                f"{_percentile(timings, 0.95):.1f}", str(len(timings))])
        rng = random.Random(options.seed)
        with TestClient(create_app(db)) as client:
            for label, path in (("story JSON", "/api/stories/{}"), ("story HTML", "/stories/{}"),
                                ("article HTML", "/articles/{}"), ("search API", "/api/search?q=warga&limit=20"),
                                ("entity HTML", "/entities/{}")):
                timings = []
                deadline = time.perf_counter() + THROUGHPUT_SECONDS
                while time.perf_counter() < deadline and len(timings) < THROUGHPUT_MAX_REQUESTS:
                    target: object = (rng.choice(story_ids) if "story" in label else rng.choice(PEOPLE)
                                      if "entity" in label else rng.randint(1, options.pages))
                    start = time.perf_counter()
                    response = client.get(path.format(target))
                    timings.append(1000 * (time.perf_counter() - start))
                    assert response.status_code == 200, (path, response.status_code)
                rate = len(timings) / (sum(timings) / 1000)
                report.rows.append([f"{rate:,.0f} req/s", label, "", f"{statistics.median(timings):.1f}",
                                    f"{_percentile(timings, 0.95):.1f}", str(len(timings))])
            html = client.get(f"/stories/{story_ids[0]}").content
            assets = sum(len(client.get(a).content) for a in ("/static/style.css", "/static/favicon.svg"))
        kb.close()
    report.notes += [
        f"build: {options.pages:,} articles + {len(story_ids):,} stories in {build_seconds:.1f} s "
        f"({options.pages / build_seconds:,.0f} articles/s); database {size_mb:,.0f} MB; "
        f"peak RSS {peak_rss_mb():.0f} MB",
        f"story page weight: {len(html) / 1024:.1f} KB HTML + {assets / 1024:.1f} KB static (style.css, "
        f"favicon.svg) = {(len(html) + assets) / 1024:.1f} KB; no script",
        "search: KnowledgeBase.search (count + ranked page), 1 warm-up then "
        f"{SEARCH_REPEATS} timed runs; 'deep page' is offset 1000",
        "req/s: sequential requests through the ASGI app in process (TestClient), one client, no sockets",
    ]
    return report
