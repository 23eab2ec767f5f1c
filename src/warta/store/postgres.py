"""PostgreSQL under the same Store and KnowledgeBase: a connection that speaks warta's SQL.

warta's SQL is written once, with ``?`` placeholders and the subset both databases share
(``ON CONFLICT``, ``RETURNING``, savepoints, quoted ``"end"``). :class:`PgConnection` gives a
psycopg connection the few ``sqlite3`` habits the store relies on (``execute`` returning a
cursor, rows readable by index and by name), so only what truly differs lives here:

    connect(url)            psycopg, autocommit (transactions are explicit, as with SQLite)
    migrate(conn, url)      store/migrations/postgres/NNNN_*.sql, recorded in schema_migrations
    index_article(...)      the tsvector of one article, from the search analyser
    SEARCH_SQL ...          ts_rank over a tsquery built by warta.store.search.build_tsquery

>>> is_url("postgresql://warta@127.0.0.1:5432/news"), is_url("news.db")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Protocol

from warta.errors import StoreError
from warta.store.analyser import ANALYSER_VERSION, analyse_document, fold, query_words
from warta.store.search import PG_RANK_WEIGHTS, NameLookup

_SCHEMES = ("postgresql://", "postgres://")
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# How long a statement may wait for a lock another writer holds, as SQLite's busy timeout.
LOCK_TIMEOUT = "10s"

# The tsvector of one article: analysed title, deck, body (A, B, C), then the words as written (D).
INDEX_SQL = (
    "UPDATE articles SET search = setweight(to_tsvector('simple', ?), 'A') || "
    "setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'C') || "
    "setweight(to_tsvector('simple', ?), 'D') WHERE id = ?"
)


def is_url(target: str) -> bool:
    """True for a PostgreSQL URL (``postgresql://...``), false for a SQLite path."""
    return target.startswith(_SCHEMES)


def sqlite_path(target: str) -> str:
    """``sqlite:///path`` as the plain path SQLite opens; anything else unchanged."""
    return target.removeprefix("sqlite://") if target.startswith("sqlite:///") else target


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@/]*@", r"//\1:***@", url)


class PgRow(tuple[Any, ...]):
    """A row readable as ``row[0]`` and as ``row["title"]``, like ``sqlite3.Row``."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {c.name: i for i, c in enumerate(cursor.description or ())}
    row_type = type("Row", (PgRow,), {"_names": names})
    return lambda values: row_type(values)


def _translate(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgConnection:
    """A psycopg connection with the ``execute`` the store's SQL is written against."""

    def __init__(self, conn: Any, url: str) -> None:
        """Wrap an open psycopg connection (autocommit); use :func:`connect`."""
        self.raw = conn
        self.url = url

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        """Run one statement; the cursor iterates, ``fetchone``s and ``fetchall``s like sqlite3's."""
        cur = self.raw.cursor(row_factory=_row_factory)
        cur.execute(_translate(sql), tuple(parameters) or None)
        return cur

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]], /) -> Any:
        """Run one statement for each parameter row."""
        cur = self.raw.cursor()
        if seq:
            cur.executemany(_translate(sql), [tuple(p) for p in seq])
        return cur

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


def driver() -> Any:
    """The psycopg module, or a StoreError saying how to install it."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
    return psycopg


def errors() -> tuple[type[Exception], ...]:
    """psycopg's error base class, for the store's error handling (empty without psycopg)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        return ()
    return (psycopg.Error,)


def page_errors() -> tuple[type[Exception], ...]:
    """Errors that belong to one page's data (a CHECK, a NUL character PostgreSQL refuses)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        return ()
    return (psycopg.IntegrityError, psycopg.DataError)


def connect(url: str, *, read_only: bool = False) -> PgConnection:
    """Connect to ``url``; StoreError with the reason when the server cannot be reached."""
    psycopg = driver()
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        raw.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to {shown(url)}: {str(exc).strip()} (is the server running?)") from exc
    return PgConnection(raw, url)


class _Executes(Protocol):
    def execute(self, sql: str, /) -> Any: ...


@contextmanager
def transaction(conn: _Executes, begin: str = "BEGIN") -> Iterator[None]:
    """One transaction on either backend; any exception rolls it back.

    SQLite passes ``begin="BEGIN IMMEDIATE"`` to take its write lock up front (no deadlock).
    """
    conn.execute(begin)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of the PostgreSQL migrations, in order."""
    found = []
    for entry in resources.files("warta.store").joinpath("migrations", "postgres").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def applied_version(conn: PgConnection) -> int:
    """The highest migration recorded, 0 for an empty database."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])


def migrate(conn: PgConnection, url: str) -> None:
    """Apply pending migrations, each in a transaction under an advisory lock (one migrator at a time)."""
    available = migrations()
    latest = available[-1][0] if available else 0
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    if tables and "schema_migrations" not in tables:
        raise StoreError(f"{shown(url)} holds tables but is not a warta knowledge base (left untouched)")
    current = applied_version(conn)
    if current > latest:
        raise StoreError(f"{shown(url)} has schema version {current}, newer than this warta knows ({latest})")
    for version, name, sql in available:
        if version <= current:
            continue
        with transaction(conn):
            conn.execute("SELECT pg_advisory_xact_lock(5742)")  # 'warta' migrations, any fixed key
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            if applied_version(conn) >= version:
                continue
            conn.raw.execute(sql)  # a whole script: psycopg sends it as one simple query
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                         (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
    check_analyser(conn)


def index_article(conn: PgConnection, article_id: int, title: str | None, deck: str | None, body: str) -> None:
    """Write one article's tsvector from the search analyser (in the caller's transaction)."""
    stems = analyse_document(title, deck, body)
    words = " ".join(fold(w) for text in (title, deck, body) for w in query_words(text or ""))
    conn.execute(INDEX_SQL, (*stems, words, article_id))


def check_analyser(conn: PgConnection) -> None:
    """Recompute every tsvector when they were made by another analyser version (or never)."""
    row = conn.execute("SELECT analyser FROM search_index WHERE id = 1").fetchone()
    if row is not None and row[0] == ANALYSER_VERSION:
        return
    with transaction(conn):
        for r in conn.execute("SELECT id, title, deck, body FROM articles ORDER BY id").fetchall():
            index_article(conn, int(r[0]), r[1], r[2], r[3])
        conn.execute("INSERT INTO search_index (id, analyser) VALUES (1, ?) "
                     "ON CONFLICT (id) DO UPDATE SET analyser = excluded.analyser", (ANALYSER_VERSION,))


def name_lookup(conn: PgConnection) -> NameLookup:
    """Whether a folded word is indexed as a proper noun (in the stems, unstemmed)."""
    def lookup(word: str) -> bool:
        row = conn.execute("SELECT 1 FROM articles WHERE search @@ ?::tsquery LIMIT 1",
                           ("'" + word.replace("'", "''") + "':ABC",)).fetchone()
        return row is not None
    return lookup


def rank_sql() -> str:
    """The rank expression (``?`` takes the tsquery): ts_rank with the title weighing most."""
    return f"ts_rank('{PG_RANK_WEIGHTS}', a.search, ?::tsquery)"
