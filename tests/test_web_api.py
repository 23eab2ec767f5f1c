"""The web API and pages over a knowledge base built by warta's own ingest from invented pages.

Covers the one error shape (404, 422, 500, for JSON and for HTML), input bounds, pagination,
filters, exports, story reports, security headers, and that untrusted article text is escaped.
Every page here is invented: the bundled samples plus the hostile page below.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from warta.errors import StoreError
from warta.pipeline import analyze_results, extract_paths
from warta.store import Store
from warta.stories import build_stories, story_to_dict
from warta.types import AnalyzedArticle
from warta.web import KnowledgeBase, SearchFilters, create_app
from warta.web.highlight import Span, highlight
from warta.web.report import csv_cell, md_escape

# An invented page whose body carries markup that must show as text and never run.
HOSTILE_PAGE = """Beranda | Nasional | Daerah | Ekonomi

Warga Kampung Sukatani Temukan Tulisan Aneh di Papan Pengumuman Desa

Selasa, 16 Januari 2024 10:15 WIB

Reporter: Rahmat Sudrajat
Editor: Nining Kurniasih

KABARPAGI.CO.ID, Sukatani - Warga Kampung Sukatani, Kabupaten Pasirluhur, menemukan tulisan aneh pada papan \
pengumuman desa pada Senin pagi. Tulisan itu berbunyi <script>window.__pwned=1</script> dan ditempel di samping \
jadwal posyandu bulan ini.

Kepala Desa Sukatani, Endang Suherman, mengatakan tulisan kedua berbunyi <img src=x onerror="window.__pwned=1"> \
dan diduga ditulis oleh pelajar yang sedang belajar membuat situs web di sekolah.

"Kami tidak tahu maksudnya, tapi kami sudah mencopotnya dan akan memasang kamera di balai desa," kata Endang \
Suherman kepada wartawan di Sukatani, Senin (15/1/2024).

Menurut Endang, pemerintah desa akan mengadakan pertemuan dengan pengurus karang taruna pada Rabu malam untuk \
membahas keamanan papan pengumuman yang sering dicoret-coret orang tak dikenal.

=HYPERLINK("http://contoh.invalid","klik") ditulis juga di pojok papan, kata warga yang melihatnya pada Senin pagi \
sebelum petugas desa datang membersihkan papan itu.

Baca Juga: Jembatan Gantung Sukatani Diperbaiki Pekan Depan

Copyright © 2024 KabarPagi.co.id. All rights reserved.
"""
HOSTILE_NAME = "sukatani-papan-aneh.txt"
SECURITY_HEADERS = ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'")


def build_knowledge_base(db_path: Path, pages_dir: Path, samples_dir: Path) -> None:
    """Ingest the samples and the hostile page with analysis, then store the stories found.

    The first multi-article story also gets a summary with citations, as the stories step
    may store one, so the pages that render it are exercised.
    """
    pages_dir.mkdir(parents=True, exist_ok=True)
    (pages_dir / HOSTILE_NAME).write_text(HOSTILE_PAGE, encoding="utf-8")
    with Store.open(db_path) as store:
        store.ingest(analyze_results(extract_paths([str(samples_dir), str(pages_dir)])))
        analysed = [a for a in (store.get_analysis(i) for i, _ in store.iter_articles()) if a is not None]
        rows = [story_to_dict(s) for s in build_stories(analysed)]
        biggest = max(rows, key=lambda row: len(row["articles"]))
        biggest["summary"] = [{"text": "Sebuah jembatan gantung putus <b>di</b> Pasirluhur.",
                               "sources": biggest["articles"][:2]}, "Kalimat tanpa sumber.", 42]
        store.save_stories(rows)


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("webkb")
    db = root / "kb.db"
    build_knowledge_base(db, root / "pages", samples_dir)
    return db


@pytest.fixture(scope="module")
def client(kb_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def kb(kb_path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(kb_path)


def hostile_id(client: TestClient) -> int:
    hits = client.get("/api/search", params={"q": "posyandu papan"}).json()["items"]
    assert hits, "the hostile page should have been ingested"
    return int(hits[0]["id"])


def assert_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The one error shape, with the status repeated inside."""
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


# -- search -----------------------------------------------------------------------------------


def test_search_finds_story_pages_with_highlight_offsets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "jembatan"}).json()
    assert body["total"] >= 3 and body["limit"] == 20 and body["offset"] == 0
    hit = body["items"][0]
    assert {"id", "title", "outlet", "published", "source", "snippet", "matches", "score"} <= set(hit)
    start, end = hit["matches"][0]
    assert hit["snippet"][start:end].lower().startswith("jembatan")


def test_search_pagination_is_consistent(client: TestClient) -> None:
    full = client.get("/api/search", params={"q": "jembatan", "limit": 100}).json()
    pages = [client.get("/api/search", params={"q": "jembatan", "limit": 2, "offset": o}).json()
             for o in range(0, full["total"], 2)]
    assert [i["id"] for p in pages for i in p["items"]] == [i["id"] for i in full["items"]]
    assert all(p["total"] == full["total"] for p in pages)


def test_empty_query_lists_newest_first(client: TestClient) -> None:
    body = client.get("/api/search").json()
    dates = [i["published"] for i in body["items"] if i["published"]]
    assert body["total"] >= 10 and dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("field", ["outlet", "date", "entity"])
def test_search_filters(client: TestClient, field: str) -> None:
    every = client.get("/api/search", params={"q": "jembatan", "limit": 100}).json()["items"]
    if field == "outlet":
        outlet = next(i["outlet"] for i in every if i["outlet"])
        got = client.get("/api/search", params={"q": "jembatan", "outlet": outlet}).json()["items"]
        assert got and all(i["outlet"] == outlet for i in got)
    elif field == "date":
        day = min(i["published"][:10] for i in every if i["published"])
        got = client.get("/api/search", params={"q": "jembatan", "from": day, "to": day}).json()["items"]
        assert got and all(i["published"][:10] == day for i in got)
    else:
        got = client.get("/api/search", params={"entity": "Endang Suherman"}).json()
        assert got["total"] == 1 and "Sukatani" in got["items"][0]["title"]


@pytest.mark.parametrize("query", ['AND( "', "***", "-", "NOT"])
def test_unsearchable_queries_give_no_hits_not_errors(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200 and response.json()["total"] == 0


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 10**9}, {"from": "kemarin"},
    {"to": "2024-13-01"}, {"q": "x" * 501}, {"outlet": "bad domain!"}, {"entity": "e" * 201},
    {"from": "2024-02-01", "to": "2024-01-01"},
])
def test_search_rejects_bad_input_with_the_error_shape(client: TestClient, params: dict[str, object]) -> None:
    error = assert_error(client.get("/api/search", params=params), 422)
    assert "invalid" in str(error["message"]) or "after" in str(error["message"])


# -- articles, stories, entities, outlets ------------------------------------------------------


def test_article_detail_has_analysis(client: TestClient) -> None:
    article = client.get(f"/api/articles/{hostile_id(client)}").json()
    assert "<script>window.__pwned=1</script>" in article["body"]
    assert any(m["canonical"] == "Endang Suherman" for m in article["mentions"])
    assert any(q["speaker"] == "Endang Suherman" for q in article["quotes"])
    for m in article["mentions"]:
        assert article["body"][m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("path,status", [
    ("/api/articles/999999", 404), ("/api/articles/0", 422), ("/api/articles/abc", 422),
    ("/api/articles/99999999999999999999999", 422), ("/api/stories/story-nope", 404),
    ("/api/stories/bad%20id!", 422), ("/api/entities/Tidak%20Ada%20Orang", 404),
    ("/api/outlets/tidak-ada.example/coverage", 404), ("/api/outlets/kabarpagi.co.id/coverage?bucket=year", 422),
    ("/api/nowhere", 404), ("/api/stories?limit=1000", 422), ("/api/stories/story-nope/report.md", 404),
])
def test_errors_share_one_shape(client: TestClient, path: str, status: int) -> None:
    assert_error(client.get(path), status)


def test_validation_detail_names_the_parameter(client: TestClient) -> None:
    error = assert_error(client.get("/api/search", params={"limit": "many"}), 422)
    assert isinstance(error["detail"], list) and error["detail"][0]["loc"] == ["query", "limit"]
    assert "limit" in str(error["message"])


def test_stories_newest_first_and_paginated(client: TestClient) -> None:
    body = client.get("/api/stories", params={"limit": 2}).json()
    assert body["total"] >= 3 and len(body["items"]) == 2
    rest = client.get("/api/stories", params={"limit": 100, "offset": 2}).json()["items"]
    ordered = [s["last_published"] for s in body["items"] + rest if s["last_published"]]
    assert ordered == sorted(ordered, reverse=True)


def biggest_story(client: TestClient) -> dict[str, object]:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    top = max(items, key=lambda s: s["n_articles"])
    return client.get(f"/api/stories/{top['id']}").json()  # type: ignore[no-any-return]


def test_story_detail_groups_members_by_outlet(client: TestClient) -> None:
    story = biggest_story(client)
    groups = story["by_outlet"]
    assert isinstance(groups, list) and len(groups) >= 2
    assert sum(len(g["articles"]) for g in groups) == story["n_articles"]
    assert all(a["outlet"] == g["outlet"] for g in groups for a in g["articles"])
    assert isinstance(story["doc"], dict) and "timeline" in story["doc"]


def test_entity_profile(client: TestClient) -> None:
    profile = client.get("/api/entities/Endang Suherman").json()
    assert profile["n_articles"] == 1 and "PER" in profile["labels"]
    assert profile["quotes"] and profile["quotes"][0]["speaker"] == "Endang Suherman"
    assert any(c["name"] == "Sukatani" for c in profile["cooccurring"])
    assert profile["articles"][0]["title"].startswith("Warga Kampung Sukatani")
    names = client.get("/api/entities", params={"prefix": "Endang"}).json()
    assert names[0]["name"] == "Endang Suherman"


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_outlets_and_coverage(client: TestClient, bucket: str) -> None:
    outlets = client.get("/api/outlets").json()
    top = outlets[0]
    assert top["outlet"] and top["articles"] >= outlets[-1]["articles"]
    cov = client.get(f"/api/outlets/{top['outlet']}/coverage", params={"bucket": bucket}).json()
    assert cov["bucket"] == bucket and cov["outlet"] == top["outlet"]
    assert sum(p["articles"] for p in cov["points"]) + cov["undated"] == top["articles"]
    periods = [p["period"] for p in cov["points"]]
    assert periods == sorted(periods) and len(set(periods)) == len(periods)


# -- exports and reports ------------------------------------------------------------------------


def test_export_jsonl_follows_filters(client: TestClient) -> None:
    response = client.get("/api/export/articles.jsonl", params={"q": "jembatan"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert len(rows) == client.get("/api/search", params={"q": "jembatan"}).json()["total"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert {"id", "source", "title", "body", "authors"} <= set(rows[0])


def test_export_csv_defuses_formulas(client: TestClient) -> None:
    response = client.get("/api/export/articles.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == client.get("/api/search").json()["total"]
    hostile = next(r for r in rows if "Sukatani" in r["title"])
    assert '=HYPERLINK' in hostile["body"] and not hostile["body"].startswith("=")
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-2") == "'-2" and csv_cell("Bupati") == "Bupati"


def test_story_reports(client: TestClient) -> None:
    story = biggest_story(client)
    md = client.get(f"/api/stories/{story['id']}/report.md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ") and "## Sources by outlet" in md.text
    assert "\\<b\\>" in md.text  # the summary's markup is escaped, not passed through
    html = client.get(f"/api/stories/{story['id']}/report.html")
    assert html.status_code == 200 and "&lt;b&gt;di&lt;/b&gt;" in html.text and "<b>di</b>" not in html.text
    assert md_escape("a <script> *b*") == "a \\<script\\> \\*b\\*"


# -- the UI, headers and escaping ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/?q=jembatan", "/stories", "/outlets", "/api/outlets", "/api/nowhere",
                                  "/static/style.css", "/nowhere", "/api/openapi.json"])
def test_every_response_carries_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert all(directive in csp for directive in SECURITY_HEADERS)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pages_render(client: TestClient) -> None:
    story = biggest_story(client)
    aid = hostile_id(client)
    for path in ["/", "/?q=jembatan&from=2024-01-01&to=", f"/articles/{aid}", "/stories", f"/stories/{story['id']}",
                 "/entities/Endang%20Suherman", "/outlets", "/outlets/kabarpagi.co.id?bucket=week"]:
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "<script" not in response.text.replace("&lt;script", ""), path
    page = client.get(f"/stories/{story['id']}").text
    assert 'id="timeline"' in page and 'id="who-said-what"' in page and "<svg" in page
    assert 'class="cite" href="/articles/' in page  # the summary's citations link to members


def test_hostile_article_is_escaped_and_highlighted(client: TestClient) -> None:
    page = client.get(f"/articles/{hostile_id(client)}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert "<img" not in page and "<script" not in page
    assert 'href="/entities/Endang%20Suherman"' in page and 'class="quote quote-direct"' in page


def test_html_errors_for_browsers_json_for_api(client: TestClient) -> None:
    page = client.get("/articles/999999", headers={"accept": "text/html"})
    assert page.status_code == 404 and "no article 999999" in page.text and page.headers["content-type"].startswith(
        "text/html")
    assert client.get("/?from=kemarin", headers={"accept": "text/html"}).status_code == 422
    assert_error(client.get("/articles/999999", headers={"accept": "application/json"}), 404)


def test_unhandled_error_is_a_500_in_the_shape(kb_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: KnowledgeBase) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(KnowledgeBase, "outlets", boom)
    with TestClient(create_app(kb_path), raise_server_exceptions=False) as c:
        response = c.get("/api/outlets")
        error = assert_error(response, 500)
        assert "secret" not in json.dumps(error)
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/stories/{story_id}/report.md",
            "/api/export/articles.csv"} <= set(schema["paths"])
    responses = schema["paths"]["/api/search"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def test_app_refuses_a_missing_knowledge_base(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge base"):
        create_app(tmp_path / "missing.db")


def test_connections_are_read_only(kb: KnowledgeBase) -> None:
    with pytest.raises(StoreError, match="readonly"), kb._connection() as conn:
        conn.execute("DELETE FROM mentions")  # not articles: its trigger would fail first
    assert kb.search(SearchFilters()).total > 0  # the failed connection was dropped, the pool still works


@pytest.mark.parametrize("text,spans,expected", [
    ("a <b> c", [Span(2, 5, "mark")], "a <mark>&lt;b&gt;</mark> c"),
    ("abcdef", [Span(0, 4, "q"), Span(2, 6, "mark", layer=1)], "<q>ab<mark>cd</mark></q><mark>ef</mark>"),
    ("abc", [Span(-5, 99, "mark"), Span(1, 2, "mark")], "<mark>abc</mark>"),
    ("abc", [Span(2, 1, "mark")], "abc"),
    ("x", [Span(0, 1, "a", (("href", '"><script>'),))], '<a href="&#34;&gt;&lt;script&gt;">x</a>'),
])
def test_highlight_escapes_and_nests(text: str, spans: list[Span], expected: str) -> None:
    assert str(highlight(text, spans)) == expected


def test_highlight_refuses_unknown_tags() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        highlight("x", [Span(0, 1, "script")])


def test_analysis_roundtrip_sanity(kb_path: Path) -> None:
    with Store.open(kb_path, create=False) as store:
        analysed = [store.get_analysis(i) for i, _ in store.iter_articles()]
    assert all(isinstance(a, AnalyzedArticle) for a in analysed)


def test_reads_while_the_single_writer_ingests(tmp_path: Path) -> None:
    """The web layer reads a WAL database that `warta ingest` (the only writer) keeps writing."""
    from warta.pipeline import ExtractResult
    from warta.types import Article, Mention, RawPage

    def result(i: int, name: str = "Polres Pasirluhur") -> ExtractResult:
        body = f"Petugas {name} memeriksa gudang nomor {i} di Kecamatan Sewon pada Senin pagi bersama warga."
        article = Article(source=f"gudang-{i}.txt", body=body, title=f"Gudang {i} Diperiksa",
                          outlet="contoh.id", published=f"2024-02-{i + 1:02d}")
        mention = Mention(name, "ORG", name, 8, 8 + len(name))
        return ExtractResult(article.source, RawPage(article.source, body), article, None,
                             AnalyzedArticle(article, (mention,)))

    db = tmp_path / "live.db"
    with Store.open(db) as writer:
        writer.ingest([result(0)])
        kb = KnowledgeBase.open(db)
        assert kb.search(SearchFilters("gudang")).total == 1
        writer.ingest([result(1), result(2, "TNI/Polri")])  # committed while the reader is open
        assert kb.search(SearchFilters("gudang")).total == 3
        with TestClient(create_app(db)) as c:
            profile = c.get("/api/entities/TNI/Polri")
            assert profile.status_code == 200 and profile.json()["name"] == "TNI/Polri"
            assert c.get("/entities/TNI%2FPolri", headers={"accept": "text/html"}).status_code == 200
        kb.close()


@pytest.mark.parametrize("query", ["jembatan", "jembatan warga", '"kepala desa"', "cabai OR kopi", "jemb*"])
def test_search_ranks_as_the_store_does(kb_path: Path, kb: KnowledgeBase, query: str) -> None:
    """The web's three-step search returns what Store.search's one statement returns."""
    with Store.open(kb_path, create=False) as store:
        expected = [(h.article_id, h.snippet.replace("[", "").replace("]", "")) for h in store.search(query, limit=50)]
    got = kb.search(SearchFilters(query, limit=50))
    assert [(i.id, i.snippet.replace("[", "").replace("]", "")) for i in got.items] == expected
    assert got.total == len(expected) or len(expected) == 50


def test_story_citations_use_each_sources_number(client: TestClient) -> None:
    """Regression: every citation showed "[1]" (its place in its own list, not the article's number)."""
    import re

    story = biggest_story(client)
    page = client.get(f"/stories/{story['id']}").text
    summary = page[page.index('id="summary"'):page.index('id="timeline"')]
    cited = re.findall(r'href="/articles/(\d+)">\[(\d+)\]', summary)
    assert len(cited) == 2 and cited[0][1] != cited[1][1]  # two sources, two different numbers
    sources = page[page.index('id="sources"'):]
    for aid, number in cited:  # the sources list shows the same number beside that article
        assert re.search(rf'\[{number}\]</span> <a[^>]*href="/articles/{aid}"', sources)
