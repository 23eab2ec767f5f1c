"""The knowledge base: opening safely, idempotent and resumable ingest, search, round-trips.

Every page and article here is invented for the tests.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta.store
import warta.store.db as store_db
from warta.errors import StoreError
from warta.pipeline import ExtractResult
from warta.store import IngestProgress, SearchHit, Store, content_hash
from warta.store.db import migrations, split_statements
from warta.store.search import MAX_TERMS, build_match, parse_query
from warta.types import Article, Caption, Dropped, RawPage

SRC = Path(__file__).resolve().parents[1] / "src"


def make_result(
    i: int, *, title: str | None = None, body: str | None = None, **fields: object
) -> ExtractResult:
    """An invented page and its article; ``i`` makes the page text (and so its hash) unique."""
    title = title if title is not None else f"Pemkab Bantul Resmikan Pasar Rakyat Nomor {i}"
    body = body if body is not None else (
        f"Bupati meresmikan pasar rakyat nomor {i} di Kecamatan Sewon, Bantul, Senin pagi. "
        "Pasar itu menampung sekitar dua ratus pedagang yang sebelumnya berjualan di bahu jalan."
    )
    source = f"pages/pasar-{i}.txt"
    page = RawPage(source=source, text=f"{title}\n\nANTARA, Bantul - {body}", url=f"https://example.id/{i}")
    article = Article(source=source, body=body, title=title, url=page.url, **fields)  # type: ignore[arg-type]
    return ExtractResult(source, page, article)


def failed_result(source: str, error: str = "extract: no article prose on the page") -> ExtractResult:
    return ExtractResult(source, RawPage(source, "Beranda | Indeks | Kontak"), None, error)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# -- opening ---------------------------------------------------------------------------------


def test_public_names_are_exported_and_sorted() -> None:
    assert warta.store.__all__ == sorted(warta.store.__all__)
    for name in ("Store", "IngestProgress", "IngestStats", "SearchHit"):
        assert name in warta.store.__all__


def test_open_creates_file_and_records_migrations(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version() == migrations()[-1].version
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert rows[0][:2] == (1, "initial")
    assert rows[0][2].startswith("20")
    assert mode == "wal"


def test_reopen_applies_nothing_again(db_path: Path) -> None:
    Store.open(db_path).close()
    latest = len(migrations())
    with Store.open(db_path) as store:
        assert store.schema_version() == latest
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == latest
    conn.close()


def test_missing_file_without_create_is_an_error(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge base"):
        Store.open(db_path, create=False)
    assert not db_path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"this is a text file, not a database\n",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"SQLite format 3\x00" + b"\xff" * 4080,  # the right header over garbage
    ],
    ids=["text", "png", "sqlite-header-garbage"],
)
def test_garbage_file_is_refused_and_left_byte_identical(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    for create in (True, False):
        with pytest.raises(StoreError, match="left untouched"):
            Store.open(path, create=create)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a warta knowledge base"):
        Store.open(path)
    assert path.read_bytes() == before


def test_directory_as_db_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_missing_parent_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(tmp_path / "no" / "such" / "kb.db")


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2099-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="upgrade warta"):
        Store.open(db_path)


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = textwrap.dedent("""
        -- a comment; with a semicolon
        CREATE TABLE t (x TEXT DEFAULT ';');
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN
            INSERT INTO t VALUES ('a'); INSERT INTO t VALUES ('b');
        END;
    """)
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


# -- ingest ----------------------------------------------------------------------------------


def test_ingest_stores_and_reingest_is_a_noop(store: Store) -> None:
    results = [make_result(i) for i in range(5)]
    first = store.ingest(results)
    assert (first.added, first.skipped, first.failed, first.total_articles) == (5, 0, 0, 5)
    second = store.ingest(results)
    assert (second.added, second.skipped, second.failed, second.total_articles) == (0, 5, 0, 5)
    assert store.count_pages() == 5


def test_same_text_under_another_name_is_the_same_page(store: Store) -> None:
    original = make_result(1)
    assert original.page is not None and original.article is not None
    copy = RawPage("copy/pasar-1.txt", original.page.text)
    renamed = ExtractResult(copy.source, copy, original.article)
    stats = store.ingest([original, renamed])
    assert (stats.added, stats.skipped) == (1, 1)


def test_page_row_records_provenance(store: Store, db_path: Path) -> None:
    result = make_result(7)
    assert result.page is not None
    store.ingest([result])
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT content_hash, source, url, kind, encoding, byte_length FROM pages").fetchone()
    conn.close()
    assert row == (
        content_hash(result.page.text), "pages/pasar-7.txt", "https://example.id/7", "text", "utf-8",
        len(result.page.text.encode("utf-8")),
    )


def test_failing_page_mid_batch_leaves_the_others_intact(store: Store, db_path: Path) -> None:
    bad_text = make_result(3, body="Teks rusak \udcff dari dekode yang salah.")
    bad_kind = make_result(4, kind="pdf")  # violates the CHECK constraint
    results = [make_result(1), make_result(2), bad_text, bad_kind, failed_result("menu.html"), make_result(5)]
    stats = store.ingest(results)
    assert (stats.added, stats.failed) == (3, 3)
    assert [source for source, _ in stats.errors] == ["pages/pasar-3.txt", "pages/pasar-4.txt", "menu.html"]
    assert "cannot be stored as UTF-8" in stats.errors[0][1]
    titles = sorted(a.title or "" for _, a in store.iter_articles())
    assert titles == [f"Pemkab Bantul Resmikan Pasar Rakyat Nomor {i}" for i in (1, 2, 5)]
    # No orphan page row for the pages whose article could not be written.
    assert store.count_pages() == 3
    assert integrity(db_path) == "ok"
    assert [source for source, _ in store.failures()] == [source for source, _ in stats.errors]


def test_failure_does_not_block_a_later_success(store: Store) -> None:
    store.ingest([failed_result("pages/pasar-1.txt"), failed_result("pages/pasar-1.txt")])
    assert store.failures() == [("pages/pasar-1.txt", "extract: no article prose on the page")]
    stats = store.ingest([make_result(1)])
    assert stats.added == 1
    assert store.failures() == []


def test_interrupted_input_keeps_what_was_read(store: Store) -> None:
    def pages() -> Iterator[ExtractResult]:
        yield make_result(1)
        yield make_result(2)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.ingest(pages())
    assert store.count_articles() == 2
    assert store.ingest([make_result(1), make_result(2), make_result(3)]).skipped == 2


def test_batches_commit_as_they_go(store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "COMMIT_EVERY_PAGES", 3)
    committed: list[int] = []

    def pages() -> Iterator[ExtractResult]:
        for i in range(10):
            reader = sqlite3.connect(db_path)  # another connection sees only committed rows
            committed.append(reader.execute("SELECT count(*) FROM pages").fetchone()[0])
            reader.close()
            yield make_result(i)

    store.ingest(pages())
    assert committed == [0, 0, 0, 3, 3, 3, 6, 6, 6, 9]


def test_progress_is_throttled_and_ends_with_the_totals(store: Store) -> None:
    calls: list[IngestProgress] = []
    store.ingest((make_result(i) for i in range(300)), on_progress=calls.append)
    assert 1 <= len(calls) <= 5
    assert (calls[-1].seen, calls[-1].added, calls[-1].skipped, calls[-1].failed) == (300, 300, 0, 0)
    assert calls[-1].rate > 0


def test_lookups_by_hash(store: Store) -> None:
    result = make_result(1)
    assert result.page is not None
    digest = content_hash(result.page.text)
    assert not store.has_page(digest)
    assert store.article_id_for_page(digest) is None
    store.ingest([result])
    assert store.has_page(digest)
    assert store.known_hashes() == {digest}
    article_id = store.article_id_for_page(digest)
    assert article_id is not None
    assert store.get_article(article_id) == result.article
    assert store.get_article(article_id + 1) is None


def test_article_without_page_is_stored_keyed_on_body(store: Store) -> None:
    article = Article(source="api", body="Harga cabai rawit di Pasar Beringharjo turun.", title="Harga Cabai")
    assert store.ingest([ExtractResult("api", None, article)]).added == 1
    assert store.has_page(content_hash(article.body))


# -- crash and resume ------------------------------------------------------------------------

CHILD = """
import sys, time
from warta.pipeline import ExtractResult
from warta.store import Store
from warta.types import Article, RawPage

def pages():
    for i in range(int(sys.argv[2])):
        body = f"Laporan cuaca harian nomor {i}: hujan ringan di wilayah Sleman pada sore hari."
        page = RawPage(f"cuaca/{i}.txt", f"Cuaca {i}\\n\\n{body}")
        yield ExtractResult(page.source, page, Article(page.source, body, title=f"Cuaca {i}"))
        time.sleep(0.002)  # extraction takes time; this keeps the run long enough to kill

with Store.open(sys.argv[1]) as store:
    store.ingest(pages())
print("finished")
"""


def test_kill_mid_ingest_loses_only_the_open_batch_and_resumes(db_path: Path) -> None:
    total = 3000
    Store.open(db_path).close()  # created up front so the test can watch it
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), str(total)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen_before_kill = 0
    try:
        deadline = time.monotonic() + 60
        while seen_before_kill < 400 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.1)
            reader = sqlite3.connect(db_path, timeout=10)
            seen_before_kill = reader.execute("SELECT count(*) FROM pages").fetchone()[0]
            reader.close()
    finally:
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert 400 <= seen_before_kill < total

    assert integrity(db_path) == "ok"
    with Store.open(db_path) as store:
        stored = store.count_articles()
        assert seen_before_kill <= stored < total
        assert store.count_pages() == stored  # every page row has its article
        rerun = [
            ExtractResult(f"cuaca/{i}.txt", RawPage(f"cuaca/{i}.txt", f"Cuaca {i}\n\n{body}"),
                          Article(f"cuaca/{i}.txt", body, title=f"Cuaca {i}"))
            for i in range(total)
            for body in [f"Laporan cuaca harian nomor {i}: hujan ringan di wilayah Sleman pada sore hari."]
        ]
        stats = store.ingest(rerun)
    assert (stats.skipped, stats.added, stats.failed) == (stored, total - stored, 0)
    assert stats.total_articles == total


# -- search ----------------------------------------------------------------------------------


@pytest.fixture
def news(store: Store) -> Store:
    store.ingest([
        make_result(1, title="Gempa Magnitudo 5,6 Guncang Cianjur",
                    body="Gempa mengguncang Cianjur, Jawa Barat. Warga berhamburan keluar rumah."),
        make_result(2, title="Banjir Rendam Ratusan Rumah di Bekasi",
                    body="Banjir merendam permukiman di Bekasi setelah hujan deras semalaman."),
        make_result(3, title="Harga Beras Naik Menjelang Ramadan",
                    body="Pedagang di Jawa Barat menyebut harga beras naik. Gempa tidak berpengaruh."),
        make_result(4, title="Festival Kopi Digelar di Garut",
                    body="Festival kopi menghadirkan barista dari seluruh Priangan; café lokal ramai."),
    ])
    return store


def titles(hits: list[SearchHit]) -> list[str]:
    return [h.title or "" for h in hits]


def test_words_are_anded_and_title_ranks_higher(news: Store) -> None:
    hits = news.search("gempa")
    assert titles(hits) == ["Gempa Magnitudo 5,6 Guncang Cianjur", "Harga Beras Naik Menjelang Ramadan"]
    assert hits[0].score > hits[1].score
    assert titles(news.search("gempa cianjur")) == ["Gempa Magnitudo 5,6 Guncang Cianjur"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"jawa barat"', 2),
        ('"barat jawa"', 0),
        ("banjir OR festival", 2),
        ("gempa -cianjur", 1),
        ("gempa NOT beras", 1),
        ("guncan*", 1),
        ("cafe", 1),  # diacritics folded both ways
        ("café", 1),
        ("“jawa barat”", 2),  # typographic quotes
    ],
)
def test_query_syntax(news: Store, query: str, expected: int) -> None:
    assert len(news.search(query)) == expected


def test_hit_fields_and_snippet(news: Store) -> None:
    (hit,) = news.search("bekasi")
    assert hit.outlet is None and hit.source == "pages/pasar-2.txt"
    assert "[Bekasi]" in hit.snippet
    assert hit.to_dict()["title"] == "Banjir Rendam Ratusan Rumah di Bekasi"


def test_limit_and_offset(news: Store) -> None:
    both = news.search("gempa")
    assert news.search("gempa", limit=1) == both[:1]
    assert news.search("gempa", limit=1, offset=1) == both[1:]
    assert news.search("gempa", limit=0) == []


@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND(", "-", "*", "OR", "NOT", 'gempa "jawa', "(((", "a AND OR b", "^gempa", "col:gempa",
     "NEAR(gempa cianjur)", "gempa\x00cianjur", "\udcff", "'", "gempa -", "-gempa", "", "   "],
)
def test_hostile_queries_never_raise(news: Store, query: str) -> None:
    assert isinstance(news.search(query), list)


def test_only_negations_or_punctuation_match_nothing() -> None:
    assert build_match("-gempa") is None
    assert build_match("*** ,,, --") is None
    assert parse_query("gempa OR") == parse_query("gempa")


def test_huge_query_is_capped() -> None:
    match = build_match(" ".join(f"kata{i}" for i in range(1000)))
    assert match is not None and match.count(" AND ") == MAX_TERMS - 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_valid_query(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(title, deck, body, title_stems, deck_stems, body_stems, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO f VALUES ('Gempa', '', 'Gempa di Cianjur', 'gempa', '', 'gempa di cianjur')")
    match = build_match(query)
    if match is not None:
        conn.execute("SELECT rowid FROM f WHERE f MATCH ?", (match,)).fetchall()
    conn.close()


# -- round-trip ------------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)  # SQLite text is UTF-8
OPTIONAL = st.none() | TEXT
STRINGS = st.lists(TEXT, max_size=3).map(tuple)

ARTICLES = st.builds(
    Article,
    source=TEXT,
    body=TEXT,
    title=OPTIONAL,
    deck=OPTIONAL,
    url=OPTIONAL,
    outlet=OPTIONAL,
    published=OPTIONAL,
    published_inferred=st.booleans(),
    timezone=st.none() | st.sampled_from(["WIB", "WITA", "WIT"]),
    authors=STRINGS,
    editors=STRINGS,
    wire_sources=STRINGS,
    dateline=OPTIONAL,
    captions=st.lists(st.builds(Caption, TEXT, OPTIONAL), max_size=2).map(tuple),
    language=OPTIONAL,
    kind=st.sampled_from(["text", "html"]),
    dropped=st.lists(st.builds(Dropped, TEXT, TEXT), max_size=2).map(tuple),
    warnings=STRINGS,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=ARTICLES)
def test_article_round_trips(store: Store, article: Article) -> None:
    page = RawPage(source=article.source, text=f"{store.count_pages()}\n{article.body}", kind=article.kind)
    assert store.ingest([ExtractResult(article.source, page, article)]).added == 1
    article_id = store.article_id_for_page(content_hash(page.text))
    assert article_id is not None
    back = store.get_article(article_id)
    assert back == article
    assert back is not None and back.dropped == article.dropped


def test_analysis_and_page_text_round_trip(tmp_path: Path) -> None:
    from warta.pipeline import ExtractResult
    from warta.types import AnalyzedArticle, Article, Event, Mention, Quote, RawPage

    page = RawPage("a.txt", "Judul\n\nJAKARTA - Menteri Budi Santoso meresmikan pasar baru pada Senin.")
    article = Article(source="a.txt", body="JAKARTA - Menteri Budi Santoso meresmikan pasar baru pada Senin.")
    analysis = AnalyzedArticle(
        article,
        (Mention("Budi Santoso", "PER", "Budi Santoso", 17, 29, "Menteri"),),
        (Quote("Pasar ini untuk warga", "Budi Santoso", "direct", 0, 21, "kata", "PER"),),
        (Event("2024-01-15", "day", article.body, 0, len(article.body), "Senin", ("Budi Santoso",)),),
    )
    with Store.open(tmp_path / "kb.db") as store:
        store.ingest([ExtractResult("a.txt", page, article, None, analysis)])
        (article_id, _), = store.iter_articles()
        got = store.get_analysis(article_id)
        assert got is not None
        assert (got.entities, got.quotes, got.events) == (analysis.entities, analysis.quotes, analysis.events)
        assert store.get_page_text(article_id) == page.text


def test_save_stories_replaces_membership_and_links_duplicates(tmp_path: Path) -> None:
    from warta.pipeline import ExtractResult
    from warta.types import Article, RawPage

    def result(name: str, body: str, outlet: str) -> ExtractResult:
        return ExtractResult(name, RawPage(name, body), Article(source=name, body=body, outlet=outlet,
                                                                 published=f"2024-01-1{len(name)}"))

    with Store.open(tmp_path / "kb.db") as store:
        store.ingest([result("a.txt", "Isi berita pertama.", "a.id"), result("bb.txt", "Isi berita kedua.", "b.id")])
        n = store.save_stories([{"id": "s1", "title": "Cerita", "articles": ["a.txt", "bb.txt", "missing.txt"],
                                 "duplicates": {"bb.txt": "a.txt"}, "timeline": []}])
        assert n == 1
        conn = store._conn
        assert tuple(conn.execute("SELECT n_articles, n_outlets, first_published FROM stories").fetchone()) == (
            2, 2, "2024-01-15")
        assert conn.execute("SELECT count(*) FROM duplicates").fetchone()[0] == 1
        store.save_stories([])
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
