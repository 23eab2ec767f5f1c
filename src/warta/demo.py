"""``python -m warta.demo`` (``make demo``): the bundled sample pages, stored and searched.

    1. ingest every page in ``warta/samples/`` into ``demo.db`` in the current directory
    2. print what was extracted from each article, a few lines each
    3. run one search and print its hits
    4. group the articles into stories, save them in ``demo.db`` (``warta serve`` shows them)
       and print the report of the largest: sources by outlet, summary with citations,
       timeline, who said what

It goes through the same library calls as ``warta ingest`` and ``warta search``, so it shows a
newcomer the real path. Running it again is cheap and says the pages were already stored:
idempotent ingest is a feature worth seeing.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from warta.pipeline import analyze_results, extract_paths
from warta.store import SearchHit, Store
from warta.stories import render_story_markdown
from warta.stories.kb import stories_from_store
from warta.types import Article

SAMPLES = Path(__file__).parent / "samples"
DEMO_DB = "demo.db"
# The samples tell one story (a collapsed footbridge) from several outlets; this query shows
# them ranked side by side. If the samples change, the demo falls back to a word of a title.
DEMO_QUERY = "jembatan Cikareo"
WIDTH = 96
BODY_LINES = 2


def _clip(text: str, lines: int = BODY_LINES, indent: str = "    ") -> str:
    """The first ``lines`` terminal lines of ``text``, wrapped and ended with … if cut."""
    flat = " ".join(text.split())
    wrapped = textwrap.wrap(flat, WIDTH - len(indent)) or [""]
    shown = wrapped[:lines]
    if len(wrapped) > lines:
        shown[-1] = shown[-1][: WIDTH - len(indent) - 1] + "…"
    return "\n".join(indent + line for line in shown)


def describe(article_id: int, article: Article) -> str:
    """A short, readable card for one stored article."""
    facts = [article.outlet or "outlet unknown", article.published or "date unknown"]
    if article.published_inferred:
        facts[-1] += " (inferred)"
    if article.authors:
        facts.append("by " + ", ".join(article.authors))
    if article.editors:
        facts.append("ed. " + ", ".join(article.editors))
    if article.wire_sources:
        facts.append("wire: " + ", ".join(article.wire_sources))
    if article.dateline:
        facts.append("dateline: " + article.dateline)
    return "\n".join([
        f"[{article_id}] {article.title or '(no title)'}",
        "    " + " · ".join(facts),
        _clip(article.body),
    ])


def _fallback_query(store: Store) -> str | None:
    for _, article in store.iter_articles():
        words = [w.strip(",.:;\"'") for w in (article.title or "").split()]
        long_words = [w for w in words if len(w) > 5]
        if long_words:
            return long_words[0]
    return None


def _show_hits(query: str, hits: list[SearchHit]) -> None:
    print(f'\nsearch "{query}": {len(hits)} hit(s)')
    for hit in hits:
        print(f"  [{hit.article_id}] {hit.title or '(no title)'} · {hit.outlet or 'outlet unknown'}")
        print(_clip(hit.snippet, lines=1, indent="      "))


def _show_story(store: Store) -> None:
    """Cluster the stored articles, save the stories, print the largest one's brief report."""
    stories = stories_from_store(store)
    if not stories:
        return
    largest = max(stories, key=lambda s: (len(s.articles), s.id))
    print(f"\nstories: {len(stories)} saved; the largest, {len(largest.articles)} articles:\n")
    print(render_story_markdown(largest, brief=True))


def main(db_path: str = DEMO_DB) -> int:
    """Run the demo; returns the process exit code."""
    if not SAMPLES.is_dir():
        print(f"warta demo: no sample pages at {SAMPLES}", file=sys.stderr)
        return 1
    print(f"warta demo: ingesting the sample pages in {SAMPLES} -> {db_path}")
    with Store.open(db_path) as store:
        stats = store.ingest(analyze_results(extract_paths([str(SAMPLES)])))
        print(f"  {stats.added} added, {stats.skipped} already stored, {stats.failed} failed "
              f"({stats.total_articles} articles in {db_path})")
        if stats.skipped and not stats.added:
            print("  (every page was already stored: re-ingesting is a no-op)")
        for source, error in stats.errors:
            print(f"  ! {source}: {error}")
        print()
        for article_id, article in store.iter_articles():
            print(describe(article_id, article))
        query: str | None = DEMO_QUERY
        hits = store.search(DEMO_QUERY, limit=5)
        if not hits:
            query = _fallback_query(store)
            hits = store.search(query, limit=5) if query else []
        if query:
            _show_hits(query, hits)
        _show_story(store)
    print(f'\nnext: warta search "your words" --db {db_path}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
