"""Extraction speed and memory on one core, and the raw reading speed in front of it.

``extract``: synthetic plain-text pages through :func:`warta.pipeline.extract_pages`, in this
process (no workers), with figures at checkpoints (1k, 5k, 10k ... pages). Flat peak memory
across the checkpoints is the streaming promise kept; growth means something holds on to pages.
Pages are still generated one at a time inside the loop (a list of 10,000 pages would break
that promise), but the generator's own time is measured apart and taken out of the headline:
pages/s is extraction alone.

``read``: the same kind of pages written to a temporary folder, then read back by
:func:`warta.ingest.readers.iter_pages` (stat, read, decode, kind detection), to show what
ingest costs next to extraction.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from bench.memory import current_rss_mb, peak_rss_mb
from bench.registry import Options, Report, register
from bench.synth import synth_pages

# Where figures are taken: the first shows start-up cost amortised, the later ones whether
# memory keeps growing.
CHECKPOINTS = (1_000, 5_000, 10_000, 20_000, 50_000, 100_000)

# The read benchmark writes its pages to disk first; this many are plenty to time the reader.
MAX_READ_PAGES = 5_000

T = TypeVar("T")


class TimedIterator(Iterator[T]):
    """Pass items through unchanged, adding the time spent producing them to ``seconds``.

    The synthetic page generator costs a good part of what extraction does; timing it apart lets
    the benchmark charge extraction only for extraction, while pages are still made one at a
    time (memory stays flat however many pages run).

    >>> timed = TimedIterator(iter(range(3)))
    >>> list(timed), timed.seconds >= 0.0
    ([0, 1, 2], True)
    """

    def __init__(self, items: Iterator[T]) -> None:
        self._items = items
        self.seconds = 0.0

    def __next__(self) -> T:
        start = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.seconds += time.perf_counter() - start


def checkpoints_for(total: int) -> list[int]:
    """The checkpoints up to ``total``, always ending at ``total``."""
    marks = [c for c in CHECKPOINTS if c < total]
    return [*marks, total]


@register("extract", "plain-text extraction on synthetic pages, one core: pages/s and memory")
def bench_extract(options: Options) -> Report:
    from warta.extract.language import load_model
    from warta.pipeline import extract_pages  # imported here so --only read works without it

    report = Report(
        f"extract: {options.pages:,} synthetic text pages, one process",
        ["pages", "seconds", "pages/s", "ms/page", "generator s", "errors", "peak RSS MB", "RSS MB",
         "py heap peak MB"],
    )
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    warm = extract_pages(synth_pages(seed=options.seed, limit=1))
    next(warm)  # first page pays for loading models and word lists: reported apart
    load_model()  # the language model is first needed by some page further on: load it here
    startup = time.perf_counter() - start
    if options.tracemalloc:
        tracemalloc.start()
    marks = iter(checkpoints_for(options.pages))
    mark = next(marks)
    errors = 0
    pages = TimedIterator(synth_pages(seed=options.seed + 1, limit=options.pages))
    start = time.perf_counter()
    for n, result in enumerate(extract_pages(pages), 1):
        errors += result.error is not None
        if n == mark:
            elapsed = time.perf_counter() - start
            heap = tracemalloc.get_traced_memory()[1] / 2**20 if options.tracemalloc else None
            report.rows.append(_row(n, elapsed, pages.seconds, errors, heap))
            mark = next(marks, -1)
    if options.tracemalloc:
        tracemalloc.stop()
    report.notes += [
        f"start-up (first page, loading word lists, patterns and the language model): {startup:.2f} s; "
        f"peak RSS before the run {rss_before:.0f} MB",
        "seconds, pages/s and ms/page are extraction alone: the page generator runs in the loop "
        f"(one page at a time) but its time is subtracted; it took {pages.seconds:.2f} s "
        f"({1000 * pages.seconds / options.pages:.2f} ms/page), shown per checkpoint as `generator s`",
        "errors: pages the extractor rejected (NoArticleFound etc.), counted, not fatal",
    ]
    if not options.tracemalloc:
        report.notes.append("py heap peak: run with --tracemalloc (slower) to trace Python allocations")
    return report


@register("read", "reading pages from disk (stat, read, decode, kind detection)")
def bench_read(options: Options) -> Report:
    from warta.ingest.readers import iter_pages

    total = min(options.pages, MAX_READ_PAGES)
    report = Report(f"read: {total:,} synthetic pages written to a temp folder, then read back",
                    ["stage", "pages", "seconds", "pages/s", "MB/s"])
    start = time.perf_counter()
    pages = list(_timed_generation(options.seed, total))  # only sizes: see below
    gen_seconds = time.perf_counter() - start
    report.rows.append(["generate", f"{total:,}", f"{gen_seconds:.2f}", f"{total / gen_seconds:,.0f}", ""])
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        written = _write_pages(Path(tmp), options.seed, total)
        start = time.perf_counter()
        read = sum(1 for _ in iter_pages([tmp]))
        seconds = time.perf_counter() - start
    report.rows.append(["iter_pages", f"{read:,}", f"{seconds:.2f}", f"{read / seconds:,.0f}",
                        f"{written / 2**20 / seconds:,.1f}"])
    report.notes.append(f"{written / 2**20:.1f} MB on disk, {sum(pages) / len(pages) / 1024:.1f} KB per page")
    return report


def _timed_generation(seed: int, total: int) -> Iterator[int]:
    """Page sizes only, so that generating is timed without keeping pages."""
    for page in synth_pages(seed=seed, limit=total):
        yield len(page.text.encode())


def _write_pages(folder: Path, seed: int, total: int) -> int:
    written = 0
    for i, page in enumerate(synth_pages(seed=seed, limit=total)):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = page.text.encode()
        (sub / f"{i:06d}.txt").write_bytes(data)
        written += len(data)
    return written


def _row(n: int, elapsed: float, generating: float, errors: int, heap_mb: float | None) -> list[str]:
    """One checkpoint: ``elapsed`` is wall time of the loop, ``generating`` the generator's share."""
    rss = current_rss_mb()
    extracting = elapsed - generating
    return [
        f"{n:,}", f"{extracting:.1f}", f"{n / extracting:,.0f}", f"{1000 * extracting / n:.2f}",
        f"{generating:.1f}", f"{errors:,}",
        f"{peak_rss_mb():.0f}", "-" if rss is None else f"{rss:.0f}",
        "-" if heap_mb is None else f"{heap_mb:.1f}",
    ]
