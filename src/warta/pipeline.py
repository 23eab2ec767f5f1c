"""Runners that take inputs through the steps in order, one page at a time.

    read (ingest.readers)  ->  extract (extract.extract_page)  ->  analyze (analyze.pipeline)  ->  [store]

Streaming is the point: a runner holds one page in memory at a time, so a batch of a million
pages costs what one page costs. A step that fails on a page turns into an ``error`` on that
page's result, naming the step; the runner goes on with the next page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from warta.errors import WartaError
from warta.extract import extract_page
from warta.ingest.readers import iter_pages
from warta.types import AnalyzedArticle, Article, RawPage, ReadFailure


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """The outcome for one input: an article, or the reason there is none."""

    source: str
    page: RawPage | None
    article: Article | None
    error: str | None = None
    analysis: AnalyzedArticle | None = None


def extract_one(page: RawPage) -> ExtractResult:
    """Extract one page; a :class:`WartaError` becomes the result's ``error``."""
    try:
        return ExtractResult(page.source, page, extract_page(page))
    except WartaError as exc:
        return ExtractResult(page.source, page, None, f"extract: {exc}")


def extract_pages(items: Iterable[RawPage | ReadFailure]) -> Iterator[ExtractResult]:
    """Extract each page read, passing read failures through as results with an error."""
    for item in items:
        if isinstance(item, ReadFailure):
            yield ExtractResult(item.source, None, None, f"read: {item.error}")
        else:
            yield extract_one(item)


def extract_paths(paths: Iterable[str]) -> Iterator[ExtractResult]:
    """Read every input named (files, directories, globs, JSONL) and extract each page."""
    return extract_pages(iter_pages(paths))


def analyze_results(results: Iterable[ExtractResult]) -> Iterator[ExtractResult]:
    """Add entities, quotes and events to each extracted article.

    An analysis failure keeps the article (stored without analysis) and says which step
    failed in the result's ``error``, so nothing extracted is lost to a bug in a later step.
    """
    from warta.analyze.pipeline import analyze

    for result in results:
        if result.article is None:
            yield result
            continue
        try:
            yield replace(result, analysis=analyze(result.article))
        except WartaError as exc:
            yield replace(result, error=f"analyze: {exc}")
