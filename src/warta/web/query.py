"""The one read-only query layer that the JSON API, the HTML pages and the exports all call.

    KnowledgeBase.open(path)         check the file, keep a small pool of read-only connections
      .search(SearchFilters(...))    FTS5 hits (or newest articles) with filters, a total and pages
      .article(id)                   one article with its mentions, quotes, events and stories
      .stories(limit, offset)        newest first;  .story(id): members by outlet, who said what
      .entity(name)                  roles, quotes over time, co-occurring names, stories, articles
      .outlets() / .coverage(...)    article counts; articles per day, week or month

Sharing one function per question is the datasette lesson: a page and its JSON twin can never
disagree, and every query is tested once. Connections are opened with ``mode=ro``: the web
process can never write, so ``warta ingest`` stays the single writer (WAL lets both run at once).

>>> kb = KnowledgeBase.open("news.db")                         # doctest: +SKIP
>>> page = kb.search(SearchFilters(query="jembatan", outlet="kabarpagi.co.id"))
>>> page.total, [hit.title for hit in page.items]
"""

from __future__ import annotations

import json
import queue
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from warta.errors import StoreError
from warta.store import postgres
from warta.store.db import sqlite_name_lookup
from warta.store.search import (
    ELLIPSIS,
    FTS_WEIGHTS,
    analyse_query,
    render_match,
    render_tsquery,
    snippet_for,
    wanted_forms,
)

# Connections kept open for reuse; a burst beyond this opens (and then closes) extra ones.
POOL_SIZE = 8
# A reader waits this long for a writer's checkpoint instead of failing at once.
BUSY_TIMEOUT_SECONDS = 5.0
# The schema this layer reads (0004: the analysed search index); an older file is refused with advice.
REQUIRED_SCHEMA = 4
# Lists inside a profile or a story page are capped: a page an analyst reads, not a dump.
PROFILE_LIMIT = 50
COOCCURRING_LIMIT = 25
# Co-occurring names are counted over this many of the entity's latest articles: a figure of
# national news is in tens of thousands, and counting all of them made the page take seconds.
COOCCURRENCE_WINDOW = 1_000
# Keyset batches for exports: memory stays flat whatever the number of rows.
EXPORT_BATCH = 500
# What a failed read raises, from either database.
_READ_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, *postgres.errors())

Bucket = Literal["day", "week", "month"]


# -- records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search asks for; an empty ``query`` lists the newest articles that pass the filters."""

    query: str = ""
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    entity: str | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class SearchItem:
    """One hit. ``matches`` are ``[start, end)`` offsets of the matched words in ``snippet``."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    snippet: str
    matches: list[tuple[int, int]]
    score: float | None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of hits, the total that matched and where this page starts."""

    total: int
    limit: int
    offset: int
    items: list[SearchItem]


@dataclass(frozen=True, slots=True)
class MentionRow:
    text: str
    label: str
    canonical: str
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    text: str
    speaker: str | None
    speaker_label: str | None
    kind: str
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventRow:
    date: str
    granularity: str
    timex: str
    sentence: str
    actors: list[str]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as a line in a list: enough to show it and link to it."""

    id: int
    title: str | None
    outlet: str | None
    outlet_name: str | None
    published: str | None
    source: str
    url: str | None


@dataclass(frozen=True, slots=True)
class StoryRef:
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    n_articles: int
    n_outlets: int


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """An article with everything analysis found in it, offsets into ``body``."""

    id: int
    source: str
    url: str | None
    title: str | None
    deck: str | None
    body: str
    outlet: str | None
    outlet_name: str | None
    published: str | None
    published_inferred: bool
    timezone: str | None
    authors: list[str]
    editors: list[str]
    wire_sources: list[str]
    dateline: str | None
    language: str | None
    mentions: list[MentionRow]
    quotes: list[QuoteRow]
    events: list[EventRow]
    stories: list[StoryRef]
    duplicate_of: int | None


@dataclass(frozen=True, slots=True)
class OutletGroup:
    outlet: str | None
    articles: list[ArticleRef]


@dataclass(frozen=True, slots=True)
class SaidItem:
    """One quotation with where and when it was printed."""

    text: str
    kind: str
    speaker: str | None
    article_id: int
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    quotes: list[SaidItem]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """A story: members grouped by outlet, who said what, and the stories step's document."""

    id: str
    title: str
    first_published: str | None
    last_published: str | None
    n_articles: int
    n_outlets: int
    updated_at: str
    by_outlet: list[OutletGroup]
    who_said_what: list[SpeakerQuotes]
    duplicates: dict[int, int]
    doc: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoriesPage:
    total: int
    limit: int
    offset: int
    items: list[StoryRef]


@dataclass(frozen=True, slots=True)
class RoleSeen:
    role: str
    count: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class NameCount:
    name: str
    label: str
    articles: int


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the knowledge base knows about one canonical name."""

    name: str
    labels: list[str]
    n_mentions: int
    n_articles: int
    roles: list[RoleSeen]
    quotes: list[SaidItem]
    cooccurring: list[NameCount]  # over its latest COOCCURRENCE_WINDOW articles
    stories: list[StoryRef]
    articles: list[ArticleRef]


@dataclass(frozen=True, slots=True)
class OutletCount:
    outlet: str | None
    name: str | None
    articles: int
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True, slots=True)
class CoveragePoint:
    period: str
    articles: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """Articles per period, oldest first, with empty periods filled in; undated ones counted apart."""

    outlet: str | None
    entity: str | None
    bucket: Bucket
    points: list[CoveragePoint]
    undated: int


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One article as exported (JSONL, CSV): the stored fields, lists already decoded."""

    id: int
    source: str
    url: str | None
    outlet: str | None
    outlet_name: str | None
    published: str | None
    title: str | None
    deck: str | None
    authors: list[str]
    editors: list[str]
    wire_sources: list[str]
    body: str


# -- the layer ------------------------------------------------------------------------------


class KnowledgeBase:
    """A read-only view of a warta knowledge base, safe to share between request threads.

    Every method takes a connection from a small pool for the length of one query and gives it
    back, so a slow page never starves the others of connections for long.
    """

    def __init__(self, path: Path | str) -> None:
        """Use :meth:`open`, which checks the file (or the PostgreSQL server) first."""
        self.path = path
        self._url = str(path) if isinstance(path, str) and postgres.is_url(path) else None
        self._uri = "" if self._url else f"{Path(path).absolute().as_uri()}?mode=ro"
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue(maxsize=POOL_SIZE)

    @classmethod
    def open(cls, path: str | Path) -> KnowledgeBase:
        """Check that ``path`` is a warta knowledge base recent enough to read; raise StoreError if not."""
        name = postgres.sqlite_path(str(path))
        if postgres.is_url(name):
            kb = cls(name)
            with kb._connection() as conn:
                version = postgres.applied_version(conn)
            if version < REQUIRED_SCHEMA:
                raise StoreError(f"{postgres.shown(name)} has schema version {version}; open it once with "
                                 f"`warta ingest` to migrate it to version {REQUIRED_SCHEMA} or later")
            return kb
        target = Path(name)
        if not target.is_file():
            raise StoreError(f"no knowledge base at {target}: run `warta ingest PATH --db {target}` first")
        kb = cls(target)
        try:
            with kb._connection() as conn:
                version = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target} cannot be read as a warta knowledge base ({exc})") from exc
        if int(version) < REQUIRED_SCHEMA:
            raise StoreError(f"{target} has schema version {version}; open it once with `warta ingest` "
                             f"to migrate it to version {REQUIRED_SCHEMA} or later")
        return kb

    def close(self) -> None:
        """Close the pooled connections (requests still running keep theirs until they finish)."""
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """A pooled read-only connection: sqlite3 (``mode=ro``) or PostgreSQL (read-only sessions).

        Typed ``Any``: both kinds answer ``execute`` with a cursor whose rows read by name and index.
        """
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            if self._url:
                conn = postgres.connect(self._url, read_only=True)
            else:
            # check_same_thread=False: a pooled connection serves one request at a time, but
            # not always on the thread that opened it.
                conn = sqlite3.connect(self._uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
                conn.row_factory = sqlite3.Row
        try:
            yield conn
        except _READ_ERRORS as exc:
            conn.close()
            raise StoreError(f"{self.path}: read failed: {exc}") from exc
        try:
            self._pool.put_nowait(conn)
        except queue.Full:
            conn.close()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._connection() as conn:
            rows: list[Any] = conn.execute(sql, params).fetchall()
        return rows

    # -- search ------------------------------------------------------------------------

    def search(self, filters: SearchFilters) -> SearchPage:
        """FTS5 hits ranked by bm25 (or, with no query, newest first) that pass every filter.

        A query with nothing searchable in it (only operators or punctuation) matches nothing
        rather than raising, as in ``warta search``.
        """
        if filters.query.strip():
            return self._search_text(filters)
        where, params = _filter_sql(filters)
        plain_where = f"WHERE {' AND '.join(where)}" if where else ""
        with self._connection() as conn:
            total = int(conn.execute(f"SELECT count(*) FROM articles a {plain_where}", params).fetchone()[0])
            rows = conn.execute(
                "SELECT a.id, a.title, a.outlet, a.published, a.source, substr(a.body, 1, 240) AS lead "
                f"FROM articles a {plain_where} ORDER BY a.published DESC, a.id DESC "  # NULLs sort last in DESC
                "LIMIT ? OFFSET ?", [*params, filters.limit, filters.offset]).fetchall()
        items = [SearchItem(r["id"], r["title"], r["outlet"], r["published"], r["source"],
                            _lead(r["lead"]), [], None) for r in rows]
        return SearchPage(total, filters.limit, filters.offset, items)

    def _search_text(self, filters: SearchFilters) -> SearchPage:
        """The ranked search, in three cheap steps rather than one expensive statement.

        1. the total, from the FTS index alone when no filter needs the articles table;
        2. the page of ids, ranked by bm25 (joined to articles only when a filter needs it);
        3. snippets and fields for those ids only.

        One statement selecting ``snippet()`` with ``ORDER BY rank LIMIT`` builds a snippet and
        reads the article row for *every* match before sorting: at 100,000 articles a common
        word took four times as long that way (see ``python -m bench --only web``).
        """
        if self._url:
            return self._search_text_pg(filters)
        where, params = _filter_sql(filters, fts_first=True)
        if where:
            base = ("FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                    f"WHERE articles_fts MATCH ? AND {' AND '.join(where)}")
        else:
            base = "FROM articles_fts WHERE articles_fts MATCH ?"
        with self._connection() as conn:
            groups = analyse_query(filters.query, sqlite_name_lookup(conn))
            match = render_match(groups)
            if match is None:
                return SearchPage(0, filters.limit, filters.offset, [])
            total = int(conn.execute(f"SELECT count(*) {base}", [match, *params]).fetchone()[0])
            ranked = conn.execute(
                f"SELECT articles_fts.rowid AS id, bm25(articles_fts, {', '.join('?' * len(FTS_WEIGHTS))}) AS rank "
                f"{base} ORDER BY rank, articles_fts.rowid LIMIT ? OFFSET ?",
                [*FTS_WEIGHTS, match, *params, filters.limit, filters.offset]).fetchall()
            ids = [int(r["id"]) for r in ranked]
            marks = ",".join("?" * len(ids))
            fields = {int(r["id"]): r for r in conn.execute(
                f"SELECT id, title, deck, body, outlet, published, source FROM articles WHERE id IN ({marks})",
                ids)} if ids else {}
        forms, prefixes = wanted_forms(groups)
        snippets = {i: snippet_for(f["title"], f["deck"], f["body"], forms, prefixes) for i, f in fields.items()}
        items = [SearchItem(i, fields[i]["title"], fields[i]["outlet"], fields[i]["published"], fields[i]["source"],
                            *snippets[i], -float(r["rank"]))
                 for i, r in zip(ids, ranked, strict=True) if i in fields]
        return SearchPage(total, filters.limit, filters.offset, items)

    def _search_text_pg(self, filters: SearchFilters) -> SearchPage:
        """The PostgreSQL twin of the FTS5 search: a tsquery over the GIN-indexed ``articles.search``."""
        where, params = _filter_sql(filters)
        base = "FROM articles a WHERE a.search @@ ?::tsquery" + "".join(f" AND {w}" for w in where)
        with self._connection() as conn:
            groups = analyse_query(filters.query, postgres.name_lookup(conn))
            tsquery = render_tsquery(groups)
            if tsquery is None:
                return SearchPage(0, filters.limit, filters.offset, [])
            total = int(conn.execute(f"SELECT count(*) {base}", [tsquery, *params]).fetchone()[0])
            rows = conn.execute(
                f"SELECT a.id, a.title, a.deck, a.body, a.outlet, a.published, a.source, {postgres.rank_sql()} AS rank "
                f"{base} ORDER BY rank DESC, a.id LIMIT ? OFFSET ?",
                [tsquery, tsquery, *params, filters.limit, filters.offset]).fetchall()
        forms, prefixes = wanted_forms(groups)
        items = [SearchItem(r["id"], r["title"], r["outlet"], r["published"], r["source"],
                            *snippet_for(r["title"], r["deck"], r["body"], forms, prefixes), float(r["rank"]))
                 for r in rows]
        return SearchPage(total, filters.limit, filters.offset, items)

    def export_rows(self, filters: SearchFilters) -> Iterator[ExportRow]:
        """Every article that passes ``filters`` (limit/offset ignored), in id order, in batches.

        Each batch takes a connection and gives it back, so a slow client downloading a large
        export never holds one between batches.
        """
        where, params = _filter_sql(filters)
        source = "articles a"
        if filters.query.strip() and self._url:
            with self._connection() as conn:
                tsquery = render_tsquery(analyse_query(filters.query, postgres.name_lookup(conn)))
            if tsquery is None:
                return
            where, params = ["a.search @@ ?::tsquery", *where], [tsquery, *params]
        elif filters.query.strip():
            with self._connection() as conn:
                match = render_match(analyse_query(filters.query, sqlite_name_lookup(conn)))
            if match is None:
                return
            source = "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            where, params = ["articles_fts MATCH ?", *where], [match, *params]
        last = 0
        while True:
            clause = " AND ".join(["a.id > ?", *where])
            rows = self._all(
                "SELECT a.id, a.source, a.url, a.outlet, a.outlet_name, a.published, a.title, a.deck, "
                f"a.authors, a.editors, a.wire_sources, a.body FROM {source} WHERE {clause} ORDER BY a.id LIMIT ?",
                [last, *params, EXPORT_BATCH])
            if not rows:
                return
            for r in rows:
                yield ExportRow(r["id"], r["source"], r["url"], r["outlet"], r["outlet_name"], r["published"],
                                r["title"], r["deck"], _strings(r["authors"]), _strings(r["editors"]),
                                _strings(r["wire_sources"]), r["body"])
            last = int(rows[-1]["id"])

    # -- articles ----------------------------------------------------------------------

    def article(self, article_id: int) -> ArticleDetail | None:
        """One article with its analysis, the stories it belongs to, and its original if it is a copy."""
        with self._connection() as conn:
            r = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if r is None:
                return None
            mentions = [MentionRow(m["text"], m["label"], m["canonical"], m["role"], m["start"], m["end"])
                        for m in conn.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY start, id",
                                              (article_id,))]
            quotes = [QuoteRow(q["text"], q["speaker"], q["speaker_label"], q["kind"], q["cue"], q["start"], q["end"])
                      for q in conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY start, id",
                                            (article_id,))]
            events = [EventRow(e["date"], e["granularity"], e["timex"], e["sentence"], _strings(e["actors"]),
                               e["start"], e["end"])
                      for e in conn.execute("SELECT * FROM events WHERE article_id = ? ORDER BY start, id",
                                            (article_id,))]
            stories = [_story_ref(s) for s in conn.execute(
                "SELECT s.* FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
                "WHERE sa.article_id = ? ORDER BY s.last_published DESC", (article_id,))]
            dup = conn.execute("SELECT original_id FROM duplicates WHERE article_id = ?", (article_id,)).fetchone()
        return ArticleDetail(
            r["id"], r["source"], r["url"], r["title"], r["deck"], r["body"], r["outlet"], r["outlet_name"],
            r["published"], bool(r["published_inferred"]), r["timezone"], _strings(r["authors"]),
            _strings(r["editors"]), _strings(r["wire_sources"]), r["dateline"], r["language"],
            mentions, quotes, events, stories, None if dup is None else int(dup[0]))

    # -- stories -----------------------------------------------------------------------

    def stories(self, limit: int = 20, offset: int = 0) -> StoriesPage:
        """Stories, the most recently reported first (undated ones last)."""
        with self._connection() as conn:
            total = int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
            rows = conn.execute(
                "SELECT * FROM stories ORDER BY last_published IS NULL, last_published DESC, id LIMIT ? OFFSET ?",
                (limit, offset)).fetchall()
        return StoriesPage(total, limit, offset, [_story_ref(r) for r in rows])

    def story(self, story_id: str) -> StoryDetail | None:
        """A story's members grouped by outlet, its quotations by speaker, and its stored document.

        ``doc`` is whatever the stories step stored (timeline, summary, related ...): callers
        must tolerate missing keys, and a document that is not valid JSON reads as ``{}``.
        """
        with self._connection() as conn:
            s = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
            if s is None:
                return None
            members = [_article_ref(r) for r in conn.execute(
                "SELECT a.id, a.title, a.outlet, a.outlet_name, a.published, a.source, a.url FROM articles a "
                "JOIN story_articles sa ON sa.article_id = a.id WHERE sa.story_id = ? "
                "ORDER BY a.published IS NULL, a.published, a.id", (story_id,))]
            said = conn.execute(
                "SELECT q.text, q.kind, q.speaker, q.article_id, a.outlet, a.published FROM quotes q "
                "JOIN story_articles sa ON sa.article_id = q.article_id JOIN articles a ON a.id = q.article_id "
                "WHERE sa.story_id = ? AND q.speaker IS NOT NULL ORDER BY a.published, q.article_id, q.start",
                (story_id,)).fetchall()
            dups = {int(r[0]): int(r[1]) for r in conn.execute(
                "SELECT d.article_id, d.original_id FROM duplicates d "
                "JOIN story_articles sa ON sa.article_id = d.article_id WHERE sa.story_id = ?", (story_id,))}
        groups: dict[str | None, list[ArticleRef]] = defaultdict(list)
        for m in members:
            groups[m.outlet].append(m)
        by_speaker: dict[str, list[SaidItem]] = defaultdict(list)
        for q in said:
            by_speaker[q["speaker"]].append(_said(q))
        who = sorted((SpeakerQuotes(k, v) for k, v in by_speaker.items()), key=lambda g: (-len(g.quotes), g.speaker))
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] is None, kv[0] or ""))
        return StoryDetail(
            s["id"], s["title"], s["first_published"], s["last_published"], s["n_articles"], s["n_outlets"],
            s["updated_at"], [OutletGroup(k, v) for k, v in ordered], who, dups, _doc(s["doc"]))

    # -- entities ----------------------------------------------------------------------

    def entity(self, name: str) -> EntityProfile | None:
        """What is known about the canonical ``name``: None when it is neither mentioned nor quoted."""
        with self._connection() as conn:
            stats = conn.execute(
                "SELECT count(*), count(DISTINCT article_id) FROM mentions WHERE canonical = ?", (name,)).fetchone()
            labels = [r[0] for r in conn.execute(
                "SELECT label FROM mentions WHERE canonical = ? GROUP BY label ORDER BY count(*) DESC", (name,))]
            quotes = [_said(q) for q in conn.execute(
                "SELECT q.text, q.kind, q.speaker, q.article_id, a.outlet, a.published FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.speaker = ? "
                "ORDER BY a.published IS NULL, a.published, q.article_id, q.start LIMIT ?", (name, PROFILE_LIMIT))]
            if not stats[0] and not quotes:
                return None
            roles = [RoleSeen(r[0], r[1], r[2], r[3]) for r in conn.execute(
                "SELECT m.role, count(*), min(a.published), max(a.published) FROM mentions m "
                "JOIN articles a ON a.id = m.article_id WHERE m.canonical = ? AND m.role IS NOT NULL "
                "GROUP BY m.role ORDER BY count(*) DESC, m.role", (name,))]
            cooc = [NameCount(r[0], r[1], r[2]) for r in conn.execute(
                "SELECT o.canonical, o.label, count(DISTINCT o.article_id) AS n FROM mentions o "
                "WHERE o.article_id IN (SELECT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE m.canonical = ? ORDER BY a.published DESC LIMIT ?) AND o.canonical != ? "
                "GROUP BY o.canonical, o.label ORDER BY n DESC, o.canonical LIMIT ?",
                (name, COOCCURRENCE_WINDOW, name, COOCCURRING_LIMIT))]
            stories = [_story_ref(r) for r in conn.execute(
                "SELECT s.* FROM stories s WHERE s.id IN (SELECT sa.story_id FROM story_articles sa "
                "WHERE sa.article_id IN (SELECT article_id FROM mentions WHERE canonical = ? "
                "UNION SELECT article_id FROM quotes WHERE speaker = ?)) "
                "ORDER BY s.last_published IS NULL, s.last_published DESC LIMIT ?", (name, name, PROFILE_LIMIT))]
            articles = [_article_ref(r) for r in conn.execute(
                "SELECT a.id, a.title, a.outlet, a.outlet_name, a.published, a.source, a.url FROM articles a "
                "WHERE a.id IN (SELECT article_id FROM mentions WHERE canonical = ? "
                "UNION SELECT article_id FROM quotes WHERE speaker = ?) "
                "ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ?", (name, name, PROFILE_LIMIT))]
        return EntityProfile(name, labels, int(stats[0]), int(stats[1]), roles, quotes, cooc, stories, articles)

    def entity_names(self, prefix: str, limit: int = 10) -> list[NameCount]:
        """Canonical names starting with ``prefix`` (case as stored), most mentioned first."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._all(
            "SELECT canonical, label, count(DISTINCT article_id) AS n FROM mentions WHERE canonical LIKE ? ESCAPE '\\' "
            "GROUP BY canonical, label ORDER BY n DESC, canonical LIMIT ?", (pattern, limit))
        return [NameCount(r[0], r[1], r[2]) for r in rows]

    # -- outlets -----------------------------------------------------------------------

    def outlets(self) -> list[OutletCount]:
        """Every outlet with its article count and date span, biggest first (unknown outlet last)."""
        rows = self._all(
            "SELECT outlet, max(outlet_name), count(*), min(published), max(published) FROM articles "
            "GROUP BY outlet ORDER BY outlet IS NULL, count(*) DESC, outlet")
        return [OutletCount(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def has_outlet(self, outlet: str) -> bool:
        """True when at least one article is stored under this outlet domain."""
        return bool(self._all("SELECT 1 FROM articles WHERE outlet = ? LIMIT 1", (outlet,)))

    def coverage(self, *, outlet: str | None = None, entity: str | None = None, bucket: Bucket = "day") -> Coverage:
        """Articles per day, ISO week (``2024-W03``) or month, for one outlet, one entity or all.

        Counted by day in SQL and folded into weeks in Python: SQLite's ``strftime`` has no
        ISO week before 3.46, and a few thousand days are nothing to fold.
        """
        where, params = _filter_sql(SearchFilters(outlet=outlet, entity=entity))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._all(f"SELECT substr(a.published, 1, 10) AS day, count(*) FROM articles a {clause} "
                         "GROUP BY day ORDER BY day", params)
        per_day: Counter[date] = Counter()
        undated = 0
        for day, count in rows:
            parsed = _day(day)
            if parsed is None:
                undated += count
            else:
                per_day[parsed] += count
        return Coverage(outlet, entity, bucket, _fold(per_day, bucket), undated)


# -- helpers ----------------------------------------------------------------------------------


def _filter_sql(f: SearchFilters, *, fts_first: bool = False) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles a`` for the filters set, with their parameters.

    With ``fts_first``, the outlet test is written ``+a.outlet`` so SQLite cannot use the outlet
    index: it would then walk the outlet's articles and probe the FTS index once per row,
    several times slower than filtering the matches.
    """
    where: list[str] = []
    params: list[Any] = []
    if f.outlet:
        where.append("+a.outlet = ?" if fts_first else "a.outlet = ?")
        params.append(f.outlet)
    # published is ISO text, a date or a date-time: its first ten characters compare as dates.
    if f.date_from:
        where.append("substr(a.published, 1, 10) >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(f.date_to.isoformat())
    if f.entity:
        where.append("a.id IN (SELECT article_id FROM mentions WHERE canonical = ?)")
        params.append(f.entity)
    return where, params


def _lead(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) < 200 else flat[:200].rsplit(" ", 1)[0] + ELLIPSIS


def _strings(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _doc(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _story_ref(r: Any) -> StoryRef:
    return StoryRef(r["id"], r["title"], r["first_published"], r["last_published"], r["n_articles"], r["n_outlets"])


def _article_ref(r: Any) -> ArticleRef:
    return ArticleRef(r["id"], r["title"], r["outlet"], r["outlet_name"], r["published"], r["source"], r["url"])


def _said(q: Any) -> SaidItem:
    return SaidItem(q["text"], q["kind"], q["speaker"], q["article_id"], q["outlet"], q["published"])


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _period(day: date, bucket: Bucket) -> str:
    if bucket == "month":
        return day.strftime("%Y-%m")
    if bucket == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def _step(day: date, bucket: Bucket) -> date:
    if bucket == "month":
        return (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return day + timedelta(days=7 if bucket == "week" else 1)


# Filling empty periods makes a chart honest (a gap shows as a gap), but a stray date decades
# off would make millions of empty days: past this many periods, only non-empty ones are kept.
MAX_FILLED_PERIODS = 5_000


def _fold(per_day: Counter[date], bucket: Bucket) -> list[CoveragePoint]:
    """Day counts folded into periods, oldest first, with empty periods in between filled in."""
    counts: Counter[str] = Counter()
    for day, n in per_day.items():
        counts[_period(day, bucket)] += n
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    if bucket == "week":
        first -= timedelta(days=first.weekday())
    elif bucket == "month":
        first = first.replace(day=1)
    periods: list[str] = []
    cursor = first
    while cursor <= last and len(periods) <= MAX_FILLED_PERIODS:
        periods.append(_period(cursor, bucket))
        cursor = _step(cursor, bucket)
    if len(periods) > MAX_FILLED_PERIODS:
        periods = sorted(counts)
    return [CoveragePoint(p, counts.get(p, 0)) for p in periods]


__all__ = [
    "ArticleDetail", "ArticleRef", "Bucket", "Coverage", "CoveragePoint", "EntityProfile", "EventRow",
    "ExportRow", "KnowledgeBase", "MentionRow", "NameCount", "OutletCount", "OutletGroup", "QuoteRow",
    "RoleSeen", "SaidItem", "SearchFilters", "SearchItem", "SearchPage", "SpeakerQuotes", "StoriesPage",
    "StoryDetail", "StoryRef",
]
