"""The plain-text cascade on invented pages shaped like real scrapes.

Each case names snippets that must and must not end up in the body (trafilatura's
``evaldata`` idea), and the fields the page shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.errors import NoArticleFound
from warta.extract.text import extract_text, infer_date
from warta.types import RawPage

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def page(name: str) -> RawPage:
    return RawPage(source=name, text=(FIXTURES / name).read_text(encoding="utf-8"))


CASES = {
    "tempo_like.txt": dict(
        must=["Gubernur Jawa Selatan Rudi Hartawan meresmikan pelabuhan ikan baru",
              "Pelabuhan ini milik warga",
              "pengelolaan pelabuhan akan diserahkan kepada koperasi nelayan"],
        must_not=["Baca Juga", "Pilihan Editor", "Festival Bahari", "2 jam lalu", "Baca Selengkapnya",
                  "ANTARA FOTO/Hendra Wijaya", "Sumber: Reuters", "Larasati Putri"],
        title="Gubernur Baru Resmikan Pelabuhan Ikan di Teluk Sari",
        published="2024-03-04T09:15:00+07:00", outlet="beritakita.co", dateline="Karangjati",
        authors=("Larasati Putri",), editors=("Bima Saputra",), wire=("Reuters",),
    ),
    "ticker_like.txt": dict(
        must=["Nilai ekspor kopi robusta dari pelabuhan Makassar naik dua kali lipat",
              "Para eksportir berharap pemerintah memperbaiki jalan"],
        must_not=["EMAS 1.102.000", "banner langganan", "Baca Juga", "TERBARU", "Akademi Ekonomi", "Dok. Pribadi"],
        title="Ekspor Kopi Robusta Naik Dua Kali Lipat",
        published="2023-09-14T18:55:00+08:00", outlet="ekonomiku.co.id", dateline="MAKASSAR",
        authors=(), editors=("Wulan Sari",), wire=("AFP",),
    ),
    "no_date.txt": dict(
        must=["Badan Penanggulangan Bencana Daerah meminta warga bantaran sungai waspada",
              "Warga yang rumahnya terendam diminta mengungsi"],
        must_not=["Petugas mengevakuasi warga dengan perahu karet"],
        title="Warga Bantaran Sungai Diminta Waspada Banjir Susulan",
        published="2024-02-11", outlet=None, dateline="Bandung",
        authors=(), editors=(), wire=(),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_keeps_article_and_drops_boilerplate(name: str) -> None:
    case = CASES[name]
    article = extract_text(page(name))
    for snippet in case["must"]:
        assert snippet in article.body, snippet
    for snippet in case["must_not"]:
        assert snippet not in article.body, snippet
    assert "\n\n" in article.body  # paragraphs kept


@pytest.mark.parametrize("name", sorted(CASES))
def test_fields(name: str) -> None:
    case = CASES[name]
    article = extract_text(page(name))
    assert article.title == case["title"]
    assert article.published == case["published"]
    assert article.outlet == case["outlet"]
    assert article.dateline == case["dateline"]
    assert article.authors == case["authors"]
    assert article.editors == case["editors"]
    assert article.wire_sources == case["wire"]


def test_inferred_date_is_flagged_and_not_taken_from_the_older_caption() -> None:
    article = extract_text(page("no_date.txt"))
    assert article.published_inferred
    assert article.published == "2024-02-11"  # the lead's date, not the caption's 10/2
    assert article.outlet_name == "Harian Sunda"


def test_captions_are_kept_apart_with_credits() -> None:
    article = extract_text(page("tempo_like.txt"))
    assert any("dermaga baru" in c.text and c.credit and "ANTARA FOTO" in c.credit for c in article.captions)


def test_explain_records_why_blocks_were_dropped() -> None:
    article = extract_text(page("tempo_like.txt"))
    reasons = {d.text: d.reason for d in article.dropped}
    assert "cue phrase (related)" in reasons["Baca Juga: Harga Ikan Tongkol di Karangjati Turun Tajam"]
    assert reasons["2 jam lalu"] == "related-list time stamp"


def test_page_without_prose_is_rejected_with_a_reason() -> None:
    menu = RawPage("menu.txt", "Beranda\nNasional\nEkonomi\nOlahraga\nIndeks\n© 2024 Contoh Media")
    with pytest.raises(NoArticleFound, match="no line of the page reads as article prose"):
        extract_text(menu)


def test_url_gives_the_outlet_when_the_text_does_not() -> None:
    text = ("Hujan deras membuat sejumlah ruas jalan di pusat kota tergenang air setinggi lutut orang dewasa.\n"
            "Petugas dinas perhubungan mengalihkan arus kendaraan ke jalan alternatif selama beberapa jam.")
    article = extract_text(RawPage("x", text, url="https://jatim.contohberita.co.id/read/123"))
    assert article.outlet == "contohberita.co.id"


@pytest.mark.parametrize(("lead", "expected"), [
    (["Rapat digelar pada Kamis (26/10/2023) di Jakarta."], "2023-10-26"),
    (["Acara akan digelar hingga 30/12/2023.", "Warga datang pada Senin (4/12/2023)."], "2023-12-04"),
    ([], None),
])
def test_infer_date(lead: list[str], expected: str | None) -> None:
    got = infer_date(lead, [])
    assert (got.isoformat() if got else None) == expected


def test_hostile_markup_in_a_text_page_is_not_executed_or_lost() -> None:
    text = ("Judul Berita Uji Coba Keamanan Halaman\n\n"
            "JAKARTA - Warga melaporkan <script>alert(1)</script> tulisan aneh di papan pengumuman kantor desa "
            "pada pagi hari, kata kepala desa setempat kepada wartawan.")
    article = extract_text(RawPage("x.txt", text))
    assert "<script>" in article.body  # kept as text: escaping is the job of whatever renders it


def test_page_in_another_language_is_extracted_and_flagged() -> None:
    from warta.extract import extract_page

    text = ("Storm Closes Schools Across the Region\n\n"
            "LONDON - Heavy rain and strong winds forced hundreds of schools to close on Monday, officials said.\n\n"
            "Forecasters expect the weather to improve by the end of the week, but warned of more flooding.")
    article = extract_page(RawPage("en.txt", text))
    assert article.language == "en"
    assert "Forecasters expect" in article.body
    assert any("not Indonesian" in w for w in article.warnings)


def test_date_inside_the_dateline() -> None:
    text = ("Bandung, 5/3/24 (Kabar Kita) – Hujan deras sejak siang membuat sejumlah jalan di pusat kota tergenang "
            "hingga sore hari, kata petugas dinas perhubungan.\n\nWarga diminta menghindari ruas jalan yang tergenang.")
    article = extract_text(RawPage("x.txt", text))
    assert article.published == "2024-03-05" and not article.published_inferred


@pytest.mark.parametrize("text", [
    "Warga diminta waspada. (Serambinews.com/Agus Ramadhan)",
    "Warga diminta waspada. (Serambinews.com/Agus Ramadhan)  ",
    "Warga diminta waspada.(tribunnews.co.id / Yanti)\t",
    "Warga diminta waspada (Serambinews.com/Agus)",
    "Warga diminta waspada. (antara/jpnn)",
    "Warga diminta waspada. Serambinews.com/Agus",
    "",
])
def test_signed_paragraph_precheck_keeps_the_regex_answer(text: str) -> None:
    """The cheap closing-bracket test in front of the sign-off regex never changes its answer."""
    from warta.extract.text import SIGNED_PARAGRAPH, _signed_paragraph

    assert _signed_paragraph(text) == (SIGNED_PARAGRAPH.search(text) is not None)
