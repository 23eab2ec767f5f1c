"""Analysis speed on one core: extraction + entities + quotes + time, and the tagger alone.

``analyze``: synthetic plain-text pages (:mod:`bench.synth`) through
:func:`warta.extract.extract_page` and :func:`warta.analyze.pipeline.analyze`, in this process.
The issue's target is the *full* rate (extraction and analysis together, what ``warta extract``
does per page), so that is the headline figure; the analysis-only rate and the tagger's tokens
per second show where the time goes. Model load time is measured in a fresh tagger (file read,
attribute table, resources already loaded), and first-page start-up is reported apart.

    python -m bench --only analyze --pages 2000
"""

from __future__ import annotations

import time
import tracemalloc

from bench.memory import peak_rss_mb
from bench.registry import Options, Report, register
from bench.synth import synth_pages

# Analysis is slower than extraction alone; this many pages give stable figures in seconds.
MAX_ANALYZE_PAGES = 2_000


@register("analyze", "extraction + entities + quotes + time on synthetic pages, one core: articles/s")
def bench_analyze(options: Options) -> Report:
    from warta.analyze.entities import MAX_TAG_TOKENS
    from warta.analyze.ner import Tagger, load_tagger
    from warta.analyze.pipeline import analyze
    from warta.analyze.sentences import split_sentences, tokenize
    from warta.extract import extract_page
    from warta.extract.language import load_model

    pages = min(options.pages, MAX_ANALYZE_PAGES)
    report = Report(
        f"analyze: {pages:,} synthetic text pages, one process",
        ["stage", "seconds", "articles/s", "ms/article", "errors"],
    )
    start = time.perf_counter()
    load_tagger()
    load_model()  # the language model is first needed by some page further on: load it here
    first = extract_page(next(synth_pages(seed=options.seed, limit=1)))
    analyze(first)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    Tagger()
    model_load = time.perf_counter() - start

    if options.tracemalloc:
        tracemalloc.start()
    raw = list(synth_pages(seed=options.seed + 1, limit=pages))
    errors = 0
    start = time.perf_counter()
    articles = []
    for page in raw:
        try:
            articles.append(extract_page(page))
        except Exception:  # a page the extractor rejects counts as an error, not a crash
            errors += 1
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    for article in articles:
        analyze(article)
    analyze_s = time.perf_counter() - start
    heap_peak = None
    if options.tracemalloc:
        heap_peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()

    sentences = [[tok for tok, _, _ in tokenize(a.body, s, e)][:MAX_TAG_TOKENS]
                 for a in articles for s, e in split_sentences(a.body)]
    tagger = load_tagger()
    start = time.perf_counter()
    for tokens in sentences:
        tagger.tag(tokens)
    tag_s = time.perf_counter() - start
    n_tokens = sum(len(s) for s in sentences)

    n = len(articles)
    for stage, took in (("extract", extract_s), ("analyze", analyze_s), ("full", extract_s + analyze_s)):
        report.rows.append([stage, f"{took:.2f}", f"{n / took:.1f}" if took else "-",
                            f"{1000 * took / n:.2f}" if n else "-", str(errors)])
    report.notes += [
        f"tagger alone: {n_tokens:,} tokens in {tag_s:.2f} s = {n_tokens / tag_s:,.0f} tokens/s" if tag_s else
        "tagger alone: no tokens",
        f"model load (fresh Tagger): {model_load * 1000:.0f} ms; start-up (tagger, language model, first "
        f"page): {startup:.2f} s",
        f"peak RSS {peak_rss_mb():.0f} MB" + (f"; Python heap peak {heap_peak:.0f} MB" if heap_peak else ""),
    ]
    return report
