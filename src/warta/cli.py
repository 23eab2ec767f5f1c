"""The ``warta`` command: a thin shell over the library.

Each command parses its options, calls one library function and prints the result; domain
errors (:class:`warta.errors.WartaError`) become one clear line on stderr, and a bad page never
stops a batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

import click

from warta import __version__

DB_OPTION = click.option(
    "--db", "db_path", default="warta.db", show_default=True, type=click.Path(dir_okay=False),
    help="Knowledge base: a SQLite file, or a postgresql://user@host:port/db URL.",
)


def _emit_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def main() -> None:
    """warta: Indonesian news pages in, a knowledge base out.

    \b
    Example:
      warta extract page.txt
      warta ingest pages/ --db news.db && warta search "gempa Cianjur" --db news.db
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="text", show_default=True,
              help="jsonl: one JSON object per page; text: a readable view.")
@click.option("--explain", is_flag=True, help="Also show every block left out of the body, and why.")
@click.option("--no-analyze", is_flag=True, help="Extraction only: no entities, quotes or events (faster).")
def extract(paths: tuple[str, ...], fmt: str, explain: bool, no_analyze: bool) -> None:
    """Extract the article of each page (plain-text scrape or HTML, detected automatically).

    PATHS are files, directories, globs or JSONL files of {url, text|html} records. A page that
    cannot be read still gets a line with an "error" field, and the run goes on.

    \b
    Example:
      warta extract --format jsonl pages/*.txt > articles.jsonl
      warta extract --explain page.txt
    """
    from warta.analyze.pipeline import analyze
    from warta.errors import AnalysisError
    from warta.pipeline import extract_paths
    from warta.serialize import analyzed_to_dict, article_to_dict, render_text

    failures = 0
    for result in extract_paths(paths):
        if result.article is None:
            failures += 1
            click.echo(f"warta: {result.source}: {result.error}", err=True)
            if fmt == "jsonl":
                _emit_jsonl([{"source": result.source, "error": result.error}])
            continue
        if fmt == "jsonl":
            row = article_to_dict(result.article, explain=explain)
            if not no_analyze:
                try:
                    row = analyzed_to_dict(analyze(result.article), explain=explain)
                except AnalysisError as exc:
                    click.echo(f"warta: {result.source}: {exc}", err=True)
                    row["analysis_error"] = str(exc)
            _emit_jsonl([row])
        else:
            click.echo(render_text(result.article, explain=explain))
    if failures:
        click.echo(f"warta: {failures} page(s) could not be extracted (see messages above)", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--no-analyze", is_flag=True, help="Store articles only: no entities, quotes or events (faster).")
def ingest(paths: tuple[str, ...], db_path: str, quiet: bool, no_analyze: bool) -> None:
    """Extract pages and store them, with their articles, in the knowledge base.

    Re-ingesting a page already stored is a no-op; an ingest stopped half-way keeps what it
    stored and resumes where it left off when run again.

    \b
    Example:
      warta ingest pages/ more/*.html feed.jsonl --db news.db
    """
    from warta.errors import StoreError
    from warta.pipeline import analyze_results, extract_paths
    from warta.store import IngestProgress, Store

    def show(p: IngestProgress) -> None:
        if not quiet:
            click.echo(f"\r{p.seen} pages: {p.added} added, {p.skipped} already stored, "
                       f"{p.failed} failed ({p.rate:.0f}/s)", nl=False, err=True)

    try:
        with Store.open(db_path) as store:
            results = extract_paths(paths) if no_analyze else analyze_results(extract_paths(paths))
            stats = store.ingest(results, on_progress=show)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo("", err=True)
    for source, error in stats.errors:
        click.echo(f"warta: {source}: {error}", err=True)
    click.echo(f"{stats.added} added, {stats.skipped} already stored, {stats.failed} failed "
               f"-> {db_path} ({stats.total_articles} articles in all)")


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def search(query: str, db_path: str, limit: int, fmt: str) -> None:
    """Full-text search over the stored articles (title, deck and body).

    \b
    Example:
      warta search "gempa Cianjur" --db news.db
      warta search 'Peskov AND Korea' --format jsonl
    """
    from warta.errors import StoreError
    from warta.store import Store

    try:
        with Store.open(db_path, create=False) as store:
            hits = store.search(query, limit=limit)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "jsonl":
        _emit_jsonl(hit.to_dict() for hit in hits)
        return
    if not hits:
        click.echo(f"no article matches {query!r}")
    for hit in hits:
        click.echo(f"[{hit.article_id}] {hit.title or '(no title)'}  {hit.outlet or ''} {hit.published or ''}")
        click.echo(f"    {hit.snippet}")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def tag(path: str) -> None:
    """Tag pre-tokenised text (one token a line, blank line between sentences) with BIO entities.

    \b
    Example:
      warta tag tokens.conll > tagged.conll
    """
    from warta.analyze.ner import load_tagger, read_token_lines

    tagger = load_tagger()
    out = sys.stdout
    for sentence in read_token_lines(path):
        for token, label in zip(sentence, tagger.tag(sentence), strict=True):
            out.write(f"{token}\t{label}\n")
        out.write("\n")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--reference", required=True, help="The date the text was written (YYYY-MM-DD).")
def timex(path: str, reference: str) -> None:
    """Find and normalise temporal expressions (TIMEX3-style) in a plain-text article.

    \b
    Example:
      warta timex --reference 2024-01-17 article.txt
    """
    from datetime import date

    from warta.analyze.timex import find_timexes

    try:
        ref = date.fromisoformat(reference)
    except ValueError as exc:
        raise click.BadParameter(f"{reference!r} is not a date like 2024-01-17", param_hint="--reference") from exc
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    _emit_jsonl(t.to_dict() for t in find_timexes(text, ref))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown", "html"]), default="markdown",
              show_default=True, help="jsonl: one JSON object per story; markdown or html: a readable report.")
@click.option("--no-analyze", is_flag=True, help="Cluster on extraction alone (faster; no timeline, names guessed).")
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="Knowledge base: PATHS (if any) are ingested into it first, then the stored articles in no "
                   "story yet join the saved stories or start new ones; the stories written are printed.")
@click.option("--rebuild", is_flag=True, help="With --db: cluster every stored article afresh and replace all stories.")
def stories(paths: tuple[str, ...], fmt: str, no_analyze: bool, db_path: str | None, rebuild: bool) -> None:
    """Group the pages into stories: the articles that report the same news event.

    All PATHS are read as one collection. Every article lands in exactly one story (a lone
    article gets its own); republished copies are linked to their original, and stories of one
    long-running topic are listed as related. Each story has a timeline (disagreements between
    outlets flagged), a short summary citing its sources, its people and organisations, and who
    said what. A page that cannot be extracted is reported on stderr and left out.

    \b
    Example:
      warta stories --format jsonl pages/*.txt > stories.jsonl
      warta stories pages/ --format html > report.html
      warta stories --db news.db more/*.html     # ingest, add to the stories, save for `warta serve`
      warta stories --db news.db --rebuild       # cluster the whole knowledge base again
    """
    from warta.analyze.pipeline import analyze
    from warta.errors import AnalysisError, StoreError
    from warta.pipeline import analyze_results, extract_paths
    from warta.stories import Story, build_stories, render_html, render_markdown, story_to_dict
    from warta.types import AnalyzedArticle, Article

    if not paths and not db_path:
        raise click.UsageError("name pages to read, or a knowledge base with --db (or both)")
    if rebuild and not db_path:
        raise click.UsageError("--rebuild re-clusters a knowledge base: give it with --db")
    found: list[Story]
    if db_path:
        from warta.store import Store
        from warta.stories.kb import stories_from_store, update_stories

        try:
            with Store.open(db_path) as store:
                if paths:
                    results = extract_paths(paths) if no_analyze else analyze_results(extract_paths(paths))
                    stats = store.ingest(results)
                    for source, error in stats.errors:
                        click.echo(f"warta: {source}: {error}", err=True)
                if rebuild:
                    found = stories_from_store(store)
                    click.echo(f"warta: {len(found)} stories saved to {db_path}", err=True)
                else:
                    update = update_stories(store)
                    found = update.stories
                    what = "clustered afresh" if update.rebuilt else f"{update.unchanged} unchanged"
                    merged = f", {len(update.removed)} merged into others" if update.removed else ""
                    click.echo(f"warta: {update.clustered} new article(s); {len(found)} stories written to "
                               f"{db_path}, {what}{merged}", err=True)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        items: list[Article | AnalyzedArticle] = []
        analysis_failed = 0
        for result in extract_paths(paths):
            if result.article is None:
                click.echo(f"warta: {result.source}: {result.error}", err=True)
                continue
            if no_analyze:
                items.append(result.article)
                continue
            try:
                items.append(analyze(result.article))
            except AnalysisError:  # cluster on the article alone; names come from capitalisation
                analysis_failed += 1
                items.append(result.article)
        if analysis_failed:
            click.echo(f"warta: analysis failed on {analysis_failed} article(s); they were clustered without it",
                       err=True)
        found = build_stories(items)
    if fmt == "jsonl":
        _emit_jsonl(story_to_dict(s) for s in found)
    elif fmt == "html":
        click.echo(render_html(found), nl=False)
    else:
        click.echo(render_markdown(found))


@main.command()
@click.option("--db", "db_path", default="warta.db", show_default=True, type=click.Path(dir_okay=False),
              help="Knowledge base (SQLite file or postgresql:// URL), opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 keeps the knowledge base on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve(db_path: str, host: str, port: int, log_level: str) -> None:
    """Serve the web UI and the JSON API (/api, schema at /api/openapi.json) over a knowledge base.

    The database is opened read-only, so `warta ingest` can keep writing to it meanwhile.

    \b
    Example:
      warta serve --db news.db --port 8000   # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from warta.errors import StoreError
    from warta.web import create_app

    try:
        app = create_app(db_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"warta: serving {db_path} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


@main.command()
@DB_OPTION
@click.option("--query", "-q", "query", default="", help="Only articles matching these search words.")
@click.option("--outlet", default=None, help="Only articles from this outlet domain.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Published on or after.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Published on or before.")
@click.option("--entity", default=None, help="Only articles mentioning this canonical name.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
def export(db_path: str, query: str, outlet: str | None, date_from: Any, date_to: Any, entity: str | None,
           fmt: str) -> None:
    """Export stored articles as JSON Lines or CSV (the same rows as /api/export/articles.*).

    \b
    Example:
      warta export --db news.db --outlet kabarpagi.co.id --from 2024-01-01 --format csv > articles.csv
    """
    from warta.errors import StoreError
    from warta.web.query import KnowledgeBase, SearchFilters
    from warta.web.report import csv_lines, jsonl_lines

    filters = SearchFilters(query, outlet, date_from.date() if date_from else None,
                            date_to.date() if date_to else None, entity)
    try:
        kb = KnowledgeBase.open(db_path)
        lines = (jsonl_lines if fmt == "jsonl" else csv_lines)(kb.export_rows(filters))
        for line in lines:
            sys.stdout.write(line)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
