"""extract_html on invented pages: body snippets that must and must not appear, and the fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.errors import NoArticleFound
from warta.extract.html import _parse_datetime, _strip_site_suffix, extract_html
from warta.types import Article, Caption, RawPage

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _extract(name: str, url: str | None = None) -> Article:
    path = FIXTURES / name
    return extract_html(
        RawPage(source=str(path), text=path.read_text(encoding="utf-8"), kind="html", url=url)
    )


@pytest.mark.parametrize(
    ("name", "must", "must_not"),
    [
        (
            "id_banjir.html",
            [
                "Hujan deras yang mengguyur sejak sore",
                "Sebanyak 412 jiwa kini mengungsi",
                "Warga berharap normalisasi sungai",
            ],
            [
                "Baca juga",
                "Jalan Tol Ditutup",
                "ADVERTISEMENT",
                "Tags:",
                "Beranda",
                "Berita Terpopuler",
                "Harga Beras",
                "Copyright",
                "ANTARA FOTO",
                "Warga mengevakuasi barang",
                "Oleh Rina",
            ],
        ),
        (
            "en_storm.html",
            ["A fast-moving storm tore through the valley", "Residents described hearing a roar"],
            ["Related:", "Write to Jonathan Miller", "All rights reserved", "Sports"],
        ),
        (
            "id_naive_time.html",
            ["Pedagang sayur dan ikan", "sekitar tiga ribu orang"],
            ["Google News", "Ikuti berita"],
        ),
    ],
)
def test_body_snippets(name: str, must: list[str], must_not: list[str]) -> None:
    body = _extract(name).body
    for snippet in must:
        assert snippet in body
    for snippet in must_not:
        assert snippet not in body


def test_body_paragraphs_are_separated_by_a_blank_line() -> None:
    body = _extract("id_banjir.html").body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 6
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_headline_is_not_repeated_at_the_top_of_the_body() -> None:
    article = _extract("id_banjir.html")
    assert not article.body.startswith(article.title or "?")
    assert any(d.reason == "headline repeated in the body" for d in article.dropped)


def test_scripts_and_event_handlers_leave_nothing_behind() -> None:
    article = _extract("id_banjir.html")
    text = " ".join(
        [article.body, article.title or "", article.deck or "", *(c.text for c in article.captions)]
    )
    for leak in [
        "trackPage",
        "secretTracker",
        "stealCookies",
        "trackLoad",
        "injected by script",
        "<",
        "onclick",
    ]:
        assert leak not in text


@pytest.mark.parametrize(
    ("name", "title", "outlet", "published", "zone"),
    [
        (
            "id_banjir.html",
            "Banjir Rendam Ratusan Rumah di Kampung Cibiru",
            "wartacontoh.co.id",
            "2024-01-17T21:02:00+07:00",
            "WIB",
        ),
        (
            "en_storm.html",
            "Storm Knocks Out Power Across the Valley",
            "exampleherald.com",
            "2023-03-04T08:15:00+00:00",
            None,
        ),
        (
            "id_naive_time.html",
            "Pasar Tradisional Makassar Kembali Ramai",
            "kabartimur.com",
            "2022-08-05T14:30:00+08:00",
            "WITA",
        ),
    ],
)
def test_title_outlet_date(name: str, title: str, outlet: str, published: str, zone: str | None) -> None:
    article = _extract(name)
    assert (article.title, article.outlet, article.published, article.timezone) == (
        title,
        outlet,
        published,
        zone,
    )
    assert article.kind == "html"


def test_authors_are_people_not_the_outlet() -> None:
    assert _extract("id_banjir.html").authors == ("Rina Kartika",)
    assert _extract("en_storm.html").authors == ("Jonathan Miller", "Sarah O'Neil")
    assert _extract("id_naive_time.html").authors == ()


def test_caption_with_credit_split_off() -> None:
    assert _extract("id_banjir.html").captions == (
        Caption(
            "Warga mengevakuasi barang dari rumah yang terendam banjir di Cibiru.", "ANTARA FOTO/Budi Santoso"
        ),
    )


def test_deck_is_the_description_only_when_it_is_not_the_lead() -> None:
    assert _extract("id_banjir.html").deck == (
        "Warga mengungsi ke masjid dan sekolah, sementara petugas menyiapkan dapur umum sejak subuh."
    )
    lead_as_description = (
        (FIXTURES / "id_naive_time.html")
        .read_text(encoding="utf-8")
        .replace(
            "<head>",
            '<head><meta name="description" content="Makassar - Pasar tradisional di pusat kota '
            'kembali dipadati pembeli sejak pagi setelah renovasi">',
        )
    )
    article = extract_html(RawPage(source="x.html", text=lead_as_description, kind="html"))
    assert article.deck is None


@pytest.mark.parametrize(("name", "language"), [("id_banjir.html", "id"), ("en_storm.html", "en")])
def test_language(name: str, language: str) -> None:
    assert _extract(name).language == language


def test_url_prefers_canonical_and_outlet_falls_back_to_page_url() -> None:
    assert _extract("id_banjir.html", url="https://mirror.example.org/x").url == (
        "https://jabar.wartacontoh.co.id/berita/banjir-cibiru"
    )
    page = (FIXTURES / "id_naive_time.html").read_text(encoding="utf-8").replace("og:url", "og:nothing")
    article = extract_html(
        RawPage(source="p.html", text=page, kind="html", url="https://sulsel.kabarkita.co.id/a")
    )
    assert article.outlet == "kabarkita.co.id"


def test_page_without_article_raises_with_a_reason() -> None:
    with pytest.raises(NoArticleFound, match="article prose"):
        _extract("index_page.html")


def test_unparseable_page_raises() -> None:
    with pytest.raises(NoArticleFound):
        extract_html(RawPage(source="empty.html", text="", kind="html"))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Banjir Rendam Kampung - Warta Contoh", "Banjir Rendam Kampung"),
        ("Warta Contoh | Banjir Rendam Kampung", "Banjir Rendam Kampung"),
        ("Warta Contoh | Banjir Rendam Kampung - wartacontoh.co.id", "Banjir Rendam Kampung"),
        ("Jokowi: Pemilu Harus Jujur - Warta Contoh", "Jokowi: Pemilu Harus Jujur"),
        ("Tarif Listrik - Berapa Naiknya?", "Tarif Listrik - Berapa Naiknya?"),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert _strip_site_suffix(title, ("warta contoh", "wartacontoh.co.id", "wartacontoh")) == expected


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-01-17T21:02:00+07:00", "2024-01-17T21:02:00+07:00"),
        ("2024-01-17T14:02:00Z", "2024-01-17T14:02:00+00:00"),
        ("2024-01-17T21:02:00.123+0700", "2024-01-17T21:02:00+07:00"),
        ("2024/01/17 21:02:00", "2024-01-17T21:02:00"),
        ("2024-01-17", "2024-01-17"),
        ("17 Januari 2024", None),
    ],
)
def test_parse_datetime(value: str, iso: str | None) -> None:
    parsed = _parse_datetime(value)
    assert (parsed.isoformat() if parsed else None) == iso


AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "scrapinghub-aeb"
AEB_F1_FLOOR = 0.965  # measured 0.973 (trafilatura alone: 0.960); fails when a change loses ground


@pytest.mark.skipif(not AEB.is_dir(), reason="../shared/data/scrapinghub-aeb is not on this machine")
def test_quality_floor_on_the_article_extraction_benchmark() -> None:
    """Mean 4-gram precision/recall against the benchmark's gold bodies, as score_html.py does."""
    import gzip
    import json
    import re
    from collections import Counter

    from warta.errors import WartaError
    from warta.ingest.decode import decode_bytes

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        toks = re.findall(r"\w+", text.casefold())
        return Counter(tuple(toks[i : i + 4]) for i in range(max(len(toks) - 3, 1)))

    gold = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    precisions, recalls = [], []
    for key, row in gold.items():
        text, _ = decode_bytes(gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes()), key)
        try:
            body = extract_html(RawPage(source=key, text=text, kind="html")).body
        except WartaError:
            body = ""
        want, got = shingles(row["articleBody"]), shingles(body)
        hit = sum((want & got).values())
        precisions.append(hit / sum(got.values()) if body else 0.0)
        recalls.append(hit / sum(want.values()))
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    assert 2 * p * r / (p + r) >= AEB_F1_FLOOR


def test_byline_element_and_date_stamp() -> None:
    html = """<!doctype html><html lang="id"><head><title>Pasar Baru Dibuka - Kabar Kita</title></head><body>
    <nav><a href="/">Beranda</a></nav><article><h1>Pasar Baru Dibuka</h1>
    <p class="byline">Penulis: Sari Dewi | Editor: Tono Hartono</p>
    <p class="date">Senin, 4 Maret 2024 10:15 WIB</p>
    <p>KABARKITA.COM, Sukamaju - Pemerintah kabupaten membuka pasar tradisional baru yang menampung lebih dari
    tiga ratus pedagang di pusat kecamatan, Senin (4/3/2024).</p>
    <p>Bupati mengatakan pasar itu dibangun untuk menggantikan pasar lama yang terbakar dua tahun lalu dan
    diharapkan menghidupkan kembali ekonomi warga sekitar.</p></article></body></html>"""
    article = extract_html(RawPage("pasar.html", html, kind="html"))
    assert article.authors == ("Sari Dewi",)
    assert article.editors == ("Tono Hartono",)
    assert not article.body.startswith("Senin, 4 Maret 2024")
    assert article.dateline == "Sukamaju"
