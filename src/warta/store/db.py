"""The SQLite knowledge base: opening, migrating, writing and querying. The only module with SQL.

    Store.open(path)            check the file, connect, set pragmas, apply pending migrations
    Store.ingest(results)       pages + articles, in small committed batches
    Store.search(query)         FTS5 over title, deck and body (see :mod:`warta.store.search`)
    Store.get_article(id) ...   reads

Durability is the point of the layout. The database runs in WAL mode; results are buffered
and written in batches of at most :data:`COMMIT_EVERY_PAGES` pages or
:data:`COMMIT_EVERY_SECONDS`, each batch one ``BEGIN IMMEDIATE`` transaction and each page
inside it a ``SAVEPOINT``. So a page that cannot be stored rolls back alone and is recorded as
a failure, a killed process loses at most the batch it had not yet committed, and a rerun skips
every page already stored (the page's content hash is ``UNIQUE``).

>>> with Store.open(":memory:") as store:
...     store.count_articles()
0
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from warta.errors import StoreError
from warta.store import postgres, rows
from warta.store.analyser import ANALYSER_VERSION, analyse_document
from warta.store.postgres import PgConnection
from warta.store.search import (
    FTS_WEIGHTS,
    STEM_COLUMNS,
    NameLookup,
    SearchHit,
    analyse_query,
    mark,
    render_match,
    render_tsquery,
    snippet_for,
    wanted_forms,
)
from warta.types import AnalyzedArticle, Article, RawPage

# A batch is committed when it holds this many pages or is this old, whichever comes first:
# small enough that a kill loses little, large enough that fsyncs do not dominate.
COMMIT_EVERY_PAGES = 200
COMMIT_EVERY_SECONDS = 1.0
# The progress callback is throttled: a terminal line redrawn more often is only noise.
PROGRESS_EVERY_SECONDS = 0.5
# Another process writing the same file holds the lock for one batch at most; wait for it.
BUSY_TIMEOUT_SECONDS = 10.0

_SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Errors that belong to one page's data (a CHECK constraint, text SQLite cannot encode); any
# other sqlite3 error (disk full, corruption, lock timeout) stops the ingest.
_PAGE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.IntegrityError, sqlite3.InterfaceError, UnicodeEncodeError, ValueError, OverflowError,
    *postgres.page_errors())
_DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, *postgres.errors())


class ResultLike(Protocol):
    """What :meth:`Store.ingest` reads from each item: :class:`warta.pipeline.ExtractResult` fits."""

    @property
    def source(self) -> str: ...
    @property
    def page(self) -> RawPage | None: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def error(self) -> str | None: ...


def _analysis_of(result: ResultLike) -> AnalyzedArticle | None:
    """The analysis a result carries, if any (``ExtractResult.analysis``; optional)."""
    analysis = getattr(result, "analysis", None)
    return analysis if isinstance(analysis, AnalyzedArticle) else None


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Counts so far in a running ingest; ``rate`` is pages seen per second."""

    seen: int
    added: int
    skipped: int
    failed: int
    rate: float


@dataclass(frozen=True, slots=True)
class IngestStats:
    """What an ingest did: ``errors`` holds ``(source, message)`` for each failed input."""

    added: int
    skipped: int
    failed: int
    errors: list[tuple[str, str]]
    total_articles: int


@dataclass(slots=True)
class _Tally:
    seen: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def progress(self, elapsed: float) -> IngestProgress:
        rate = self.seen / elapsed if elapsed > 0 else 0.0
        return IngestProgress(self.seen, self.added, self.skipped, len(self.errors), rate)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _describe(exc: Exception) -> str:
    """The reason a page could not be stored, in words a user can act on."""
    if isinstance(exc, UnicodeEncodeError):
        return (f"the text holds a character that cannot be stored as UTF-8 ({exc.reason} at "
                f"position {exc.start}); was the page decoded with the wrong encoding?")
    return str(exc)


class Store:
    """A warta knowledge base in one SQLite file. Open it with :meth:`open`, as a context manager.

    >>> with Store.open(":memory:") as store:                     # doctest: +SKIP
    ...     stats = store.ingest(extract_paths(["pages/"]))
    ...     hits = store.search('gempa "jawa barat"')
    """

    def __init__(self, conn: sqlite3.Connection | PgConnection, path: str) -> None:
        """Wrap an open, migrated connection; use :meth:`open` rather than calling this."""
        self._conn = conn
        self.path = path
        self.backend = "postgresql" if isinstance(conn, PgConnection) else "sqlite"

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> Store:
        """Open (and with ``create``, make) the knowledge base at ``path``, migrated to the latest schema.

        ``path`` is a SQLite file (or ``sqlite:///path``), or a ``postgresql://user@host:port/db``
        URL: the same tables, migrations and API on a PostgreSQL server.

        Raises :class:`StoreError`, leaving the file as it was, when ``path`` is missing and
        ``create`` is false, is not a SQLite database, is corrupt, or belongs to another program.
        """
        name = postgres.sqlite_path(os.fspath(path))
        if postgres.is_url(name):
            pg = postgres.connect(name)
            try:
                postgres.migrate(pg, name)
            except BaseException:
                pg.close()
                raise
            return cls(pg, postgres.shown(name))
        if name == ":memory:":
            conn = _connect(name, uri=False)
        else:
            target = Path(name)
            if target.is_dir():
                raise StoreError(f"{name} is a directory; --db needs a file path such as {name}/warta.db")
            if not target.exists():
                if not create:
                    raise StoreError(
                        f"no knowledge base at {name}: run `warta ingest PATH --db {name}` first"
                    )
            else:
                _check_header(target)
            mode = "rwc" if create else "rw"
            conn = _connect(f"{target.absolute().as_uri()}?mode={mode}", uri=True, shown=name)
        try:
            _check_readable(conn, name)
            _configure(conn, name)
            _migrate(conn, name)
            _check_analyser(conn, name)
        except BaseException:
            conn.close()
            raise
        return cls(conn, name)

    def close(self) -> None:
        """Close the connection; everything ingested is already committed."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn a sqlite3 error into a :class:`StoreError` that names the file and the action."""
        try:
            yield
        except _DB_ERRORS as exc:
            raise StoreError(f"{self.path}: {action} failed: {exc}") from exc

    # -- writing -------------------------------------------------------------------------

    def ingest(
        self,
        results: Iterable[ResultLike],
        *,
        on_progress: Callable[[IngestProgress], None] | None = None,
    ) -> IngestStats:
        """Store each result's page and article; record each failure; return the counts.

        A page whose text is already stored is skipped. Results are buffered and committed in
        small batches; if the input or the caller is interrupted, the batch in hand is still
        written before the exception propagates. ``on_progress`` is called at most every
        :data:`PROGRESS_EVERY_SECONDS` and once at the end.
        """
        tally = _Tally()
        start = last_flush = last_report = time.monotonic()
        batch: list[ResultLike] = []
        try:
            for result in results:
                batch.append(result)
                tally.seen += 1
                now = time.monotonic()
                if len(batch) >= COMMIT_EVERY_PAGES or now - last_flush >= COMMIT_EVERY_SECONDS:
                    pending, batch = batch, []
                    self._flush(pending, tally)
                    last_flush = now
                if on_progress is not None and now - last_report >= PROGRESS_EVERY_SECONDS:
                    on_progress(tally.progress(now - start))
                    last_report = now
        finally:
            # Whatever stopped the loop, the results already in hand are complete: keep them.
            if batch:
                self._flush(batch, tally)
        if tally.added:
            self._refresh_statistics()
        if on_progress is not None:
            on_progress(tally.progress(time.monotonic() - start))
        return IngestStats(tally.added, tally.skipped, len(tally.errors), tally.errors, self.count_articles())

    def _refresh_statistics(self) -> None:
        """Let SQLite's planner see the tables' shape after they grew.

        Without statistics SQLite guesses, and for a name mentioned in thousands of articles it
        guesses badly (an entity page on 30,000 articles: 135 ms without, 73 ms with). A sampled
        ANALYZE (``analysis_limit``) takes some 20 ms whatever the size. PostgreSQL's autovacuum
        keeps its own statistics.
        """
        if self.backend != "sqlite":
            return
        with self._errors("refreshing the query planner's statistics"):
            self._conn.execute("PRAGMA analysis_limit = 400")
            self._conn.execute("ANALYZE")

    def _flush(self, batch: list[ResultLike], tally: _Tally) -> None:
        """Write one batch in one transaction; a page that fails rolls back alone."""
        stamp = _now()
        with self._errors("writing a batch of pages"), self._transaction():
            for result in batch:
                self._write_one(result, stamp, tally)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self._conn
        with postgres.transaction(conn) if isinstance(conn, PgConnection) else _transaction(conn):
            yield

    def _write_one(self, result: ResultLike, stamp: str, tally: _Tally) -> None:
        article = result.article
        if article is None:
            error = result.error or "no article was extracted"
            digest = rows.content_hash(result.page.text) if result.page is not None else None
            self._record_failure(result.source, digest, error, stamp, tally)
            return
        # A caller that built an Article without a page still gets it stored, keyed on the body.
        page = result.page or RawPage(article.source, article.body, article.kind, article.url)
        digest = rows.content_hash(page.text)
        conn = self._conn
        conn.execute("SAVEPOINT page")
        try:
            inserted = conn.execute(
                "INSERT INTO pages (content_hash, source, url, kind, encoding, byte_length, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
                rows.page_values(page, digest, stamp),
            ).fetchone()
            if inserted is not None:
                page_id = int(inserted[0])
                conn.execute("UPDATE pages SET text_z = ? WHERE id = ?", (rows.compress(page.text), page_id))
                placeholders = ", ".join("?" for _ in rows.ARTICLE_COLUMNS)
                article_id = int(conn.execute(
                    f"INSERT INTO articles (page_id, {', '.join(rows.ARTICLE_COLUMNS)}) "
                    f"VALUES (?, {placeholders}) RETURNING id",
                    (page_id, *rows.article_values(article)),
                ).fetchone()[0])
                if isinstance(conn, PgConnection):  # SQLite's triggers index it; PostgreSQL's cannot run Python
                    postgres.index_article(conn, article_id, article.title, article.deck, article.body)
                analysis = _analysis_of(result)
                if analysis is not None:
                    self._write_analysis(article_id, analysis)
            conn.execute("DELETE FROM failures WHERE source = ?", (rows.storable(result.source),))
            conn.execute("RELEASE page")
        except _PAGE_ERRORS as exc:
            conn.execute("ROLLBACK TO page")
            conn.execute("RELEASE page")
            self._record_failure(result.source, digest, f"store: {_describe(exc)}", stamp, tally)
            return
        except BaseException:
            conn.execute("ROLLBACK TO page")
            conn.execute("RELEASE page")
            raise
        if inserted is not None:
            tally.added += 1
        else:
            tally.skipped += 1

    def _write_analysis(self, article_id: int, analysis: AnalyzedArticle) -> None:
        """Mentions, quotes and events of one article (inside the page's savepoint)."""
        conn = self._conn
        conn.executemany(
            "INSERT INTO mentions (article_id, text, label, canonical, role, start, \"end\") "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *rows.mention_values(m)) for m in analysis.entities])
        conn.executemany(
            "INSERT INTO quotes (article_id, text, speaker, speaker_label, kind, cue, start, \"end\") "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *rows.quote_values(q)) for q in analysis.quotes])
        conn.executemany(
            "INSERT INTO events (article_id, date, granularity, timex, sentence, actors, start, \"end\") "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *rows.event_values(e)) for e in analysis.events])

    def get_analysis(self, article_id: int) -> AnalyzedArticle | None:
        """The stored article with its mentions, quotes and events, or None."""
        article = self.get_article(article_id)
        if article is None:
            return None
        conn = self._conn
        mentions = tuple(rows.mention_from_row(r) for r in conn.execute(
            "SELECT * FROM mentions WHERE article_id = ? ORDER BY start", (article_id,)))
        quotes = tuple(rows.quote_from_row(r) for r in conn.execute(
            "SELECT * FROM quotes WHERE article_id = ? ORDER BY start", (article_id,)))
        events = tuple(rows.event_from_row(r) for r in conn.execute(
            "SELECT * FROM events WHERE article_id = ? ORDER BY start", (article_id,)))
        return AnalyzedArticle(article, mentions, quotes, events)

    def save_stories(self, stories: Iterable[Mapping[str, Any]], *, states: Mapping[str, str] | None = None,
                     model: str | None = None) -> int:
        """Replace the stored stories with ``stories`` (rows of ``warta stories --format jsonl``).

        Each needs ``id``, ``title`` and ``articles`` (article sources as ingested); an optional
        ``duplicates`` maps a copy's source to its original's. Everything else in the row is kept
        as the story's JSON document. ``states`` (story id -> JSON text) and ``model`` (JSON
        text) are what the clusterer needs to resume later (see :mod:`warta.stories.kb`);
        without them, the next ``warta stories --db`` clusters everything again. Returns the
        number of stories stored. One transaction: readers see the old stories or the new
        ones, never a mix.
        """
        ids = self.article_ids()
        stamp = _now()
        count = 0
        with self._errors("saving stories"), self._transaction():
            conn = self._conn
            for table in ("story_articles", "story_state", "stories", "duplicates", "story_model"):
                conn.execute(f"DELETE FROM {table}")
            for story in stories:
                count += self._write_story(story, ids, stamp, (states or {}).get(story["id"]))
            self._write_story_model(model)
        return count

    def update_stories(self, stories: Iterable[Mapping[str, Any]], *, removed: Iterable[str] = (),
                       states: Mapping[str, str] | None = None, model: str | None = None) -> int:
        """Insert or replace ``stories`` and delete the ``removed`` ids, leaving every other story
        (and its ``updated_at``) as it is: the write of an incremental ``warta stories --db``.

        Rows, ``states`` and ``model`` are as for :meth:`save_stories`; a story given here
        gets its membership, duplicates and state rewritten. Returns the number written. One
        transaction.
        """
        ids = self.article_ids()
        stamp = _now()
        count = 0
        with self._errors("updating stories"), self._transaction():
            conn = self._conn
            for story_id in removed:
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))  # cascades
            for story in stories:
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story["id"],))
                count += self._write_story(story, ids, stamp, (states or {}).get(story["id"]))
            self._write_story_model(model)
        return count

    def _write_story(self, story: Mapping[str, Any], ids: Mapping[str, int], stamp: str,
                     state: str | None) -> int:
        """Upsert one story row, its members, its copies' links and its state; 0 when no member is stored."""
        conn = self._conn
        members = [ids[s] for s in story.get("articles", []) if s in ids]
        if not members:
            conn.execute("DELETE FROM stories WHERE id = ?", (story["id"],))
            return 0
        marks = ",".join("?" * len(members))
        dates = [r[0] for r in conn.execute(
            f"SELECT published FROM articles WHERE id IN ({marks}) AND published IS NOT NULL ORDER BY published",
            members)]
        outlets = {r[0] for r in conn.execute(f"SELECT outlet FROM articles WHERE id IN ({marks})", members)}
        doc = {k: v for k, v in story.items() if k not in ("id", "title", "articles")}
        conn.execute(
            "INSERT INTO stories (id, title, first_published, last_published, n_articles, n_outlets, doc, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "first_published = excluded.first_published, last_published = excluded.last_published, "
            "n_articles = excluded.n_articles, n_outlets = excluded.n_outlets, doc = excluded.doc, "
            "updated_at = excluded.updated_at",
            (story["id"], story.get("title") or "", dates[0] if dates else None,
             dates[-1] if dates else None, len(members), len(outlets - {None}) or 1,
             json.dumps(doc, ensure_ascii=False), stamp))
        conn.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", [(story["id"], m) for m in members])
        conn.execute(f"DELETE FROM duplicates WHERE article_id IN ({marks})", members)
        for copy, original in (story.get("duplicates") or {}).items():
            if copy in ids and original in ids and copy != original:
                conn.execute("INSERT INTO duplicates (article_id, original_id) VALUES (?, ?) ON CONFLICT "
                             "(article_id) DO UPDATE SET original_id = excluded.original_id",
                             (ids[copy], ids[original]))
        if state is None:
            conn.execute("DELETE FROM story_state WHERE story_id = ?", (story["id"],))
        else:
            conn.execute("INSERT INTO story_state (story_id, state) VALUES (?, ?) ON CONFLICT (story_id) "
                         "DO UPDATE SET state = excluded.state", (story["id"], state))
        return 1

    def _write_story_model(self, model: str | None) -> None:
        if model is None:
            self._conn.execute("DELETE FROM story_model")
        else:
            self._conn.execute("INSERT INTO story_model (id, state) VALUES (1, ?) ON CONFLICT (id) "
                               "DO UPDATE SET state = excluded.state", (model,))

    def story_model(self) -> str | None:
        """The clusterer's corpus-wide state saved with the stories (JSON text), or None."""
        with self._errors("reading the story model"):
            row = self._conn.execute("SELECT state FROM story_model WHERE id = 1").fetchone()
        return None if row is None else str(row[0])

    def story_states(self) -> list[tuple[str, str | None]]:
        """``(story id, state JSON or None)`` of every stored story, oldest last article first."""
        with self._errors("reading story states"):
            return [(r[0], r[1]) for r in self._conn.execute(
                "SELECT s.id, t.state FROM stories s LEFT JOIN story_state t ON t.story_id = s.id "
                "ORDER BY s.last_published IS NOT NULL, s.last_published, s.id")]

    def article_ids(self) -> dict[str, int]:
        """Every stored article's id, by source (the first stored, when pages share a source)."""
        with self._errors("listing articles"):
            cursor = self._conn.execute("SELECT id, source FROM articles ORDER BY id DESC")
            return {str(r[1]): int(r[0]) for r in cursor}

    def unclustered_article_ids(self) -> list[int]:
        """Ids of the stored articles that are in no story yet, in id order."""
        with self._errors("listing articles without a story"):
            return [int(r[0]) for r in self._conn.execute(
                "SELECT a.id FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id) ORDER BY a.id")]

    def duplicate_links(self) -> dict[str, str]:
        """Every stored copy -> original link, by article source."""
        with self._errors("reading duplicates"):
            return {str(r[0]): str(r[1]) for r in self._conn.execute(
                "SELECT c.source, o.source FROM duplicates d JOIN articles c ON c.id = d.article_id "
                "JOIN articles o ON o.id = d.original_id")}

    def articles_published_between(self, first: str, after: str) -> Iterator[tuple[int, Article]]:
        """Stored articles published on day ``first`` or later but before day ``after`` (ISO dates), in id order."""
        with self._errors("reading articles by date"):
            found = self._conn.execute(
                "SELECT * FROM articles WHERE published >= ? AND published < ? ORDER BY id",
                (first, after)).fetchall()
        for row in found:
            yield int(row["id"]), rows.article_from_row(row)

    def get_page_text(self, article_id: int) -> str | None:
        """The page an article was extracted from, as stored (for re-extraction), or None."""
        row = self._conn.execute(
            "SELECT p.text_z FROM pages p JOIN articles a ON a.page_id = p.id WHERE a.id = ?", (article_id,)
        ).fetchone()
        return rows.decompress(bytes(row[0])) if row and row[0] is not None else None

    def _record_failure(
        self, source: str, digest: str | None, error: str, stamp: str, tally: _Tally
    ) -> None:
        source, error = rows.storable(source), rows.storable(error)
        self._conn.execute(
            "INSERT INTO failures (source, content_hash, error, failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET content_hash = excluded.content_hash, "
            "error = excluded.error, failed_at = excluded.failed_at, attempts = attempts + 1",
            (source, digest, error, stamp),
        )
        tally.errors.append((source, error))

    # -- reading -------------------------------------------------------------------------

    def has_page(self, content_hash: str) -> bool:
        """True if a page with this :func:`~warta.store.rows.content_hash` is stored.

        Lets a pipeline skip extracting a page the store would skip anyway.
        """
        with self._errors("looking up a page"):
            row = self._conn.execute("SELECT 1 FROM pages WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def known_hashes(self) -> set[str]:
        """Every stored page's content hash, for a pipeline that checks many pages in memory."""
        with self._errors("listing pages"):
            return {r[0] for r in self._conn.execute("SELECT content_hash FROM pages")}

    def article_id_for_page(self, content_hash: str) -> int | None:
        """The id of the article extracted from the page with this content hash, if stored."""
        with self._errors("looking up an article"):
            row = self._conn.execute(
                "SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id WHERE p.content_hash = ?",
                (content_hash,),
            ).fetchone()
        return None if row is None else int(row[0])

    def get_article(self, article_id: int) -> Article | None:
        """The article stored under ``article_id``, or ``None``."""
        with self._errors("reading an article"):
            row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else rows.article_from_row(row)

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[tuple[int, Article]]:
        """Every stored article with its id, in id order, read in pages of ``batch_size`` rows."""
        last = 0
        while True:
            with self._errors("reading articles"):
                chunk = self._conn.execute(
                    "SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
                ).fetchall()
            if not chunk:
                return
            for row in chunk:
                yield int(row["id"]), rows.article_from_row(row)
            last = int(chunk[-1]["id"])

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self._errors("counting articles"):
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def count_pages(self) -> int:
        """How many distinct pages are stored."""
        with self._errors("counting pages"):
            return int(self._conn.execute("SELECT count(*) FROM pages").fetchone()[0])

    def failures(self) -> list[tuple[str, str]]:
        """``(source, error)`` of each input whose latest ingest failed, oldest first."""
        with self._errors("listing failures"):
            cursor = self._conn.execute("SELECT source, error FROM failures ORDER BY id")
            return [(r[0], r[1]) for r in cursor]

    def schema_version(self) -> int:
        """The highest migration applied to this file."""
        with self._errors("reading the schema version"):
            if isinstance(self._conn, PgConnection):
                return postgres.applied_version(self._conn)
            return _applied_version(self._conn)

    def search(self, query: str, *, limit: int = 10, offset: int = 0) -> list[SearchHit]:
        """Articles matching ``query`` (see :mod:`warta.store.search` for the syntax), best first.

        A query with nothing searchable in it returns no hits rather than raising. Ranked ids
        first, then the rows and snippets of those ids only (as :mod:`warta.web.query` does).
        """
        if limit < 1:
            return []
        with self._errors(f"searching for {query!r}"):
            if isinstance(self._conn, PgConnection):
                groups = analyse_query(query, postgres.name_lookup(self._conn))
                tsquery = render_tsquery(groups)
                if tsquery is None:
                    return []
                # Negated so that, as with bm25, a lower rank is better and scores come out positive.
                ranked = self._conn.execute(
                    f"SELECT a.id, -{postgres.rank_sql()} AS rank FROM articles a WHERE a.search @@ ?::tsquery "
                    "ORDER BY rank, a.id LIMIT ? OFFSET ?", (tsquery, tsquery, limit, max(offset, 0))).fetchall()
            else:
                groups = analyse_query(query, sqlite_name_lookup(self._conn))
                match = render_match(groups)
                if match is None:
                    return []
                ranked = self._conn.execute(
                    f"SELECT rowid, bm25(articles_fts, {', '.join('?' * len(FTS_WEIGHTS))}) AS rank "
                    "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?",
                    (*FTS_WEIGHTS, match, limit, max(offset, 0))).fetchall()
            ids = [int(r[0]) for r in ranked]
            fields = {int(r["id"]): r for r in self._conn.execute(
                "SELECT id, title, deck, body, outlet, published, source FROM articles "
                f"WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
        forms, prefixes = wanted_forms(groups)
        hits = []
        for r in ranked:
            f = fields.get(int(r[0]))
            if f is not None:
                text, matches = snippet_for(f["title"], f["deck"], f["body"], forms, prefixes)
                hits.append(SearchHit(int(r[0]), f["title"], f["outlet"], f["published"], f["source"],
                                      mark(text, matches), -float(r[1])))
        return hits


def sqlite_name_lookup(conn: sqlite3.Connection) -> NameLookup:
    """Whether the FTS index holds a folded word as a proper noun (in the stemmed columns, as is).

    A common word is indexed stemmed, so a word that stemming would change and that is in
    the stemmed columns unchanged was indexed as a name (see :func:`warta.store.analyser.query_form`).
    """
    def lookup(word: str) -> bool:
        row = conn.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1",
                           (f'{STEM_COLUMNS} : "{word}"',)).fetchone()
        return row is not None
    return lookup


# -- connection and pragmas ----------------------------------------------------------------


def _connect(target: str, *, uri: bool, shown: str | None = None) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit BEGINs; every transaction here is explicit.
        conn = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {shown or target}: {exc} (does its directory exist?)") from exc
    conn.row_factory = sqlite3.Row
    return conn


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it (it could rewrite the header)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_HEADER:
        raise StoreError(f"{path} is not a SQLite database (left untouched); check the --db path")


def _check_readable(conn: sqlite3.Connection, name: str) -> None:
    """Read the schema; refuse a corrupt file, or another program's database, before writing."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{name} cannot be read as a SQLite database ({exc}); left untouched") from exc
    if tables and "schema_migrations" not in tables:
        raise StoreError(
            f"{name} is a SQLite database but not a warta knowledge base (left untouched); "
            "choose another --db path"
        )


def _configure(conn: sqlite3.Connection, name: str) -> None:
    try:
        _register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: readers (search, the web UI) never block the writer, and a killed writer leaves
        # a log that the next open replays or discards, never a half-written page.
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives any process crash; only a power cut can lose the last
        # commits, and even that never corrupts.
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot configure {name}: {exc}") from exc


def _register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the FTS triggers call (migration 0004): the search analyser's output.

    ``warta_stems(field, title, deck, body)`` is the index text of one field (0 title, 1 deck,
    2 body). The three calls a trigger makes per row share one analysis through a small cache.
    """
    @lru_cache(maxsize=4)
    def analysed(title: str | None, deck: str | None, body: str | None) -> tuple[str, str, str]:
        return analyse_document(title, deck, body)

    def stems(field: int, title: str | None, deck: str | None, body: str | None) -> str:
        return analysed(title, deck, body)[field]

    conn.create_function("warta_stems", 4, stems, deterministic=True)
    conn.create_function("warta_analyser_version", 0, lambda: ANALYSER_VERSION, deterministic=True)


def _check_analyser(conn: sqlite3.Connection, name: str) -> None:
    """Rebuild the search index when it was built by another analyser version.

    A contentless FTS5 index deletes a row by re-indexing the values it was given; index forms
    from an older analyser would not match, so they are all recomputed, in one transaction.
    """
    try:
        row = conn.execute("SELECT analyser FROM search_index WHERE id = 1").fetchone()
        if row is not None and row[0] == ANALYSER_VERSION:
            return
        with _transaction(conn):
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, deck, body, title_stems, deck_stems, body_stems) "
                "SELECT id, title, deck, body, warta_stems(0, title, deck, body), warta_stems(1, title, deck, body), "
                "warta_stems(2, title, deck, body) FROM articles")
            conn.execute("INSERT OR REPLACE INTO search_index (id, analyser) VALUES (1, ?)", (ANALYSER_VERSION,))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot rebuild the search index of {name}: {exc}") from exc


def _transaction(conn: sqlite3.Connection) -> AbstractContextManager[None]:
    """One SQLite write transaction; IMMEDIATE takes the write lock up front (no deadlock)."""
    return postgres.transaction(conn, "BEGIN IMMEDIATE")


# -- migrations -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered ``migrations/NNNN_name.sql`` file."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The migrations shipped with warta, in the order they apply."""
    found: list[Migration] = []
    for entry in resources.files("warta.store").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script at the semicolons SQLite would end a statement at (not inside triggers).

    ``executescript`` would do this, but it commits first, which would break the migration's
    transaction.
    """
    statements: list[str] = []
    start = 0
    for i, ch in enumerate(sql):
        if ch == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            statements.append(sql[start : i + 1].strip())
            start = i + 1
    if sql[start:].strip() and not _only_comments(sql[start:]):
        raise StoreError(f"migration has an unterminated statement: {sql[start:].strip()[:60]!r}")
    return statements


def _only_comments(tail: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in tail.splitlines())


def _applied_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if has_table is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])


def _migrate(conn: sqlite3.Connection, name: str) -> None:
    """Apply every pending migration, each in its own transaction, recorded with its time.

    The version is re-read after taking the write lock, so two processes opening a new file
    at once do not both apply 0001.
    """
    available = migrations()
    latest = available[-1].version if available else 0
    try:
        current = _applied_version(conn)
        if current > latest:
            raise StoreError(
                f"{name} has schema version {current}, newer than this warta knows ({latest}); upgrade warta"
            )
        for mig in available:
            if mig.version <= current:
                continue
            with _transaction(conn):
                if _applied_version(conn) >= mig.version:
                    continue
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                for statement in split_statements(mig.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (mig.version, mig.name, _now()),
                )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot migrate {name}: {exc}") from exc
