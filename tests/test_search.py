"""Indonesian-aware search: stems for matching, names kept whole, snippets from the original text.

Every sentence here is invented. The cases are the ones a stemmer alone gets wrong: Sastrawi
turns "Bekasi" into *bekas* and "Kediri" into *diri*.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.pipeline import ExtractResult
from warta.store import Store
from warta.store.analyser import analyse_document, query_form
from warta.store.db import migrations
from warta.store.search import build_tsquery, make_snippet
from warta.types import Article, RawPage

ARTICLES = {
    "ungsi": ("Warga Lereng Merapi Mengungsi",
              "Ratusan warga mengungsi ke balai desa setelah hujan abu. Posko darurat dibuka sejak pagi."),
    "pengungsi": ("Dapur Umum untuk Pengungsi",
                  "Relawan memasak untuk para pengungsi di lapangan kecamatan setiap sore."),
    "bekasi": ("Banjir Rendam Perumahan di Bekasi",
               "Air setinggi lutut merendam perumahan di Bekasi Utara sejak Selasa malam."),
    "bekas": ("Pasar Barang Bekas Ramai Pembeli",
              "Pedagang pakaian bekas di pasar loak mengaku omzetnya naik menjelang Lebaran."),
    "kediri": ("Festival Tahu di Kediri",
               "Pemerintah kota menggelar festival tahu di alun-alun Kediri pada akhir pekan."),
    "diri": ("Warga Diminta Menjaga Diri",
             "Dinas kesehatan meminta warga menjaga diri dari demam berdarah selama musim hujan."),
    "sindang": ("Sungai Meluap di Sindangsari",
                "Petugas di Sindangsari menyebut tanggul jebol pada Rabu. Kantor Sindangsari tetap buka."),
}


def result(key: str) -> ExtractResult:
    title, body = ARTICLES[key]
    source = f"pages/{key}.txt"
    article = Article(source=source, body=body, title=title)
    return ExtractResult(source, RawPage(source, f"{title}\n\n{body}"), article, None)


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "search.db") as store:
        store.ingest([result(k) for k in ARTICLES])
        yield store


def sources(store: Store, query: str) -> set[str]:
    return {h.source.removeprefix("pages/").removesuffix(".txt") for h in store.search(query, limit=50)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pengungsi", {"ungsi", "pengungsi"}),  # one root: ungsi
        ("mengungsi", {"ungsi", "pengungsi"}),
        ("ungsi", {"ungsi", "pengungsi"}),
        ("Bekasi", {"bekasi"}),  # a name: never *bekas*
        ("bekasi", {"bekasi"}),  # typed in lower case, still the city
        ("bekas", {"bekas"}),  # and the common word never finds the city
        ("Kediri", {"kediri"}),
        ("diri", {"diri"}),
        ("sindangsari", {"sindang"}),  # a name only this article writes mid-sentence, capitalised
        ("menjaga", {"diri"}),
        ('"pakaian bekas"', {"bekas"}),
        ("bekas*", {"bekas", "bekasi"}),  # a prefix matches the words as written
    ],
)
def test_stems_match_and_names_stay_whole(kb: Store, query: str, expected: set[str]) -> None:
    assert sources(kb, query) == expected


def test_snippet_shows_the_original_words(kb: Store) -> None:
    (hit,) = [h for h in kb.search("pengungsi") if h.source == "pages/ungsi.txt"]
    assert "[mengungsi]" in hit.snippet
    (city,) = kb.search("bekasi")
    assert "[Bekasi]" in city.snippet and "bekas]" not in city.snippet


def test_analyser_rules() -> None:
    title, _, body = analyse_document("Banjir di Bekasi", None,
                                      "Pengungsi dari Bekasi mengungsi. Ia membeli kasur bekas.")
    assert title == "banjir di bekasi"
    assert body == "ungsi dari bekasi ungsi ia beli kasur bekas"
    # A capitalised word that the same article also writes in lower case is a common word.
    _, _, body = analyse_document(None, None, "Kantor Pengungsi dibuka. Para pengungsi datang.")
    assert body.split()[1] == "ungsi"
    assert query_form("Pengungsi") == "ungsi"
    assert query_form("bekasi") == "bekasi"  # in the gazetteer
    assert query_form("sindangsari", lambda w: w == "sindangsari") == "sindangsari"


def test_snippet_window_and_offsets() -> None:
    text = "Satu dua tiga. " * 10 + "Warga mengungsi ke balai desa. " + "Empat lima enam. " * 10
    from warta.store.analyser import analyse_fields

    tokens = analyse_fields(text)[0]
    snippet, matches = make_snippet(text, tokens, frozenset({"ungsi"}), size=8)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in matches] == ["mengungsi"]


def test_tsquery_rendering() -> None:
    assert build_tsquery("pengungsi -bekas") == "('ungsi':ABC & !'bekas':ABC)"
    assert build_tsquery('"jawa barat" OR jemb*') == "(('jawa':ABC <-> 'barat':ABC)) | ('jemb':*D)"
    assert build_tsquery("-gempa") is None


def test_migration_backfills_and_the_index_follows_updates(tmp_path: Path) -> None:
    """A knowledge base made at schema 3 gets the analysed index on open; triggers keep it in step."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)")
    for mig in migrations():
        if mig.version <= 3:
            conn.executescript(mig.sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2024-01-01')", (mig.version, mig.name))
    conn.execute("INSERT INTO pages (id, content_hash, source, kind, encoding, byte_length, ingested_at) "
                 "VALUES (1, ?, 'a.txt', 'text', 'utf-8', 1, '2024-01-01')", ("0" * 64,))
    conn.execute("INSERT INTO articles (id, page_id, source, title, body, kind) "
                 "VALUES (1, 1, 'a.txt', 'Warga Mengungsi', 'Warga mengungsi dari Bekasi.', 'text')")
    conn.close()
    with Store.open(db) as store:
        assert store.schema_version() == migrations()[-1].version
        assert [h.article_id for h in store.search("pengungsi")] == [1]
        store._conn.execute("UPDATE articles SET body = 'Harga kasur bekas naik.' WHERE id = 1")
        assert store.search("mengungsi") and not store.search("bekasi")  # title still says it
        assert [h.article_id for h in store.search("bekas")] == [1]
        store._conn.execute("DELETE FROM articles WHERE id = 1")
        assert store.search("warga") == []
