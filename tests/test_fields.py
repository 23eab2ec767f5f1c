"""Publication dates, datelines, outlets, bylines and wire credits, form by form."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.extract.byline import is_credit_line, read_byline, undouble, wire_credits
from warta.extract.dates import find_dates
from warta.extract.outlet import outlet_from_text, parse_dateline


@pytest.mark.parametrize(("text", "iso"), [
    ("Rabu, 17 Januari 2024 21:02 WIB", "2024-01-17T21:02:00+07:00"),
    ("Jumat, 27 Oktober 2023 / 07:37 WIB", "2023-10-27T07:37:00+07:00"),
    ("SENIN, 15 AGUSTUS 2022 | 11:53 WIB", "2022-08-15T11:53:00+07:00"),
    ("Kamis, 14 September 2023, 18:55 WITA", "2023-09-14T18:55:00+08:00"),
    ("Rabu (13/9/2023)", "2023-09-13"),
    ("17/01/2024, 21:02 WIB", "2024-01-17T21:02:00+07:00"),
    ("diperbarui 05 Sep 2024, 16:35 WIB", "2024-09-05T16:35:00+07:00"),
    ("Senin, 3 Des 2023", "2023-12-03"),
    ("1 Nop 2021 pukul 10.30 WIT", "2021-11-01T10:30:00+09:00"),
    ("12 Peb 2020", "2020-02-12"),
    ("20 Agt 2019", "2019-08-20"),
    ("Jum'at, 31 Mei 2024 |20:58 WIB", "2024-05-31T20:58:00+07:00"),
    ("29 March 2024 16:50", "2024-03-29T16:50:00"),
    ("date 2024-03-18", "2024-03-18"),
])
def test_date_forms(text: str, iso: str) -> None:
    assert [m.iso() for m in find_dates(text)] == [iso]


@pytest.mark.parametrize("text", ["harga 1.468.000 pada 2023", "skor 2-1 pada menit 45", "31/2/2023", "12/13/2023"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@given(st.text(max_size=200))
def test_find_dates_never_crashes(text: str) -> None:
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text)
        assert isinstance(m.day, date)


@pytest.mark.parametrize(("line", "place", "outlet", "wire", "name"), [
    ("TEMPO.CO, Jakarta - Pemerintah mengumumkan kebijakan baru untuk nelayan", "Jakarta", "tempo.co", None,
     "TEMPO.CO"),
    ("KONTAN.CO.ID - MOSKOW. Pada Kamis, Rusia menyatakan hubungan dekat", "MOSKOW", "kontan.co.id", None,
     "KONTAN.CO.ID"),
    ("MOSKWA, KOMPAS.com - Presiden mengundang tamu negara ke forum", "MOSKWA", "kompas.com", None, "KOMPAS.com"),
    ("Cianjur (ANTARA) - Pemerintah kabupaten menetapkan status tanggap darurat", "Cianjur", None, "Antara",
     "ANTARA"),
    ("SURABAYA, Kabar Timur - Ribuan suporter memadati stadion sejak sore hari", "SURABAYA", None, None,
     "Kabar Timur"),
    ("JAKARTA - Badan penanggulangan bencana melaporkan ribuan warga mengungsi", "JAKARTA", None, None, None),
    # a dash garbled by a wrong encoding upstream still separates; a bare "KOMPAS" is the daily
    ("SEMARANG, KOMPAS \u03b2 Banjir yang merendam permukiman mulai surut sejak pagi", "SEMARANG", "kompas.id",
     None, "KOMPAS"),
])
def test_datelines(line: str, place: str | None, outlet: str | None, wire: str | None, name: str | None) -> None:
    dl = parse_dateline(line)
    assert dl is not None
    assert (dl.place, dl.outlet, dl.wire, dl.outlet_name) == (place, outlet, wire, name)


@pytest.mark.parametrize("line", [
    "Rusia — yang telah lama bersekutu dengan negara itu — menolak tuduhan tersebut",
    "Presiden Jokowi - yang hadir bersama menteri - meninjau lokasi banjir",
    "Timnas U-17 menang adu penalti atas lawannya di final",
    "Penulis: Nama Orang 1/1/2024, 08.16 WIB lalu isi berita dimulai di sini",
])
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_outlet_cues_in_order() -> None:
    assert outlet_from_text(["contohmedia.com", "Judul"], None) == "contohmedia.com"
    lines = ["Isi berita.", "Artikel ini telah tayang di SitusLain.com dengan judul X", "© 2024 Beritaku.id"]
    assert outlet_from_text(lines, None) == "beritaku.id"  # the copy's origin is not the outlet
    assert outlet_from_text(["Kalimat biasa tanpa petunjuk apa pun."], None) is None
    # with no other cue, the network site a copy came from is the best guess left
    assert outlet_from_text(["Isi berita.", "(Artikel ini telah tayang di jateng.contohnet.id dengan judul X)"],
                            None) == "contohnet.id"


def test_outlet_from_a_known_name_and_its_desk() -> None:
    assert outlet_from_text(["Judul", "VIVA Olahraga – Tim nasional menang dua gol tanpa balas."], None) == "viva.co.id"
    assert outlet_from_text(["Judul", "Kabar Lokal – Tim nasional menang dua gol tanpa balas."], None) is None


@pytest.mark.parametrize(("header", "date_line", "authors", "editors", "wires"), [
    (["Penulis: Agus Salim | Editor: Dewi Lestari"], None, ["Agus Salim"], ["Dewi Lestari"], []),
    (["Reporter", "Nina Kartika", "Editor", "Joko Susilo"], None, ["Nina Kartika"], ["Joko Susilo"], []),
    (["Moh. Rizal", "Penulis", "Tia Anggraini", "Editor", "Bagikan"], None, ["Moh. Rizal"], ["Tia Anggraini"], []),
    (["Sumber: Reuters | Editor: Wulan Sari"], None, [], ["Wulan Sari"], ["Reuters"]),
    (["Reporter", "Contoh.com"], None, [], [], []),
    (["Budi Santoso", "Rabu, 05 Oktober 2022 | 15:36 WIB"], 1, ["Budi Santoso"], [], []),
    (["oleh Rina Wati diperbarui 27 Agu 2024, 14:34 WIB"], 0, ["Rina Wati"], [], []),
])
def test_bylines(header: list[str], date_line: int | None, authors: list[str], editors: list[str],
                 wires: list[str]) -> None:
    by = read_byline(header, date_line)
    assert (by.authors, by.editors, by.wires) == (authors, editors, wires)


def test_byline_sign_offs() -> None:
    last = "Warga berharap jembatan segera dibangun. (Yanti/Rud)"
    by = read_byline([], None, footer=("Editor : Andi",), last_paragraph=last)
    assert by.authors == ["Yanti"] and by.editors == ["Andi"]


def test_undouble() -> None:
    assert undouble("Andika PratamaAndika Pratama") == "Andika Pratama"
    assert undouble("Ana") == "Ana"


@pytest.mark.parametrize(("lines", "wires"), [
    (["Melansir Reuters, harga minyak turun tajam pada perdagangan Senin."], ["Reuters"]),
    (["Harga naik, kata analis seperti dilansir Bloomberg."], ["Bloomberg"]),
    (["Korban bertambah menjadi 12 orang. ANTARA"], ["Antara"]),
    (["Ia menolak berkomentar lebih jauh. (antara/jpnn)"], ["Antara"]),
    (["Jarak antara kedua kota sekitar 40 kilometer."], []),
    (["Dalam laporan yang dimuat kantor berita KCNA, Pyongyang membantah."], []),
])
def test_wire_credits(lines: list[str], wires: list[str]) -> None:
    assert wire_credits(lines, None) == wires


def test_credit_line() -> None:
    assert is_credit_line("REUTERS | TASS")
    assert is_credit_line("Sumber: AFP")
    assert not is_credit_line("Reuters melaporkan harga minyak naik")


def test_printed_outlet_names_map_to_registered_domains() -> None:
    from warta.extract.outlet import domain_of

    assert domain_of("Warta Kota") == "tribunnews.com"  # a network's regional site
    assert domain_of("KOMPAS.com") == "kompas.com"
    assert domain_of("jabar.tribunnews.com") == "tribunnews.com"
    assert domain_of("Sebuah Nama Asing") is None


@given(st.lists(st.sampled_from(["Penulis", "editor", "Sumber", "Oleh", "Reporter", ":", ",", "|", " ", "  ",
                                 "\u2003", "Agus Ramadhan", "Rabu", "Tempo.co", "-"]), max_size=10).map("".join))
def test_labelled_gate_keeps_every_label(text: str) -> None:
    """The pre-checks in front of LABELLED never hide a label it would read."""
    from warta.extract.byline import LABELLED, Byline, _labelled

    by = Byline()
    assert _labelled(by, text) == any(True for _ in LABELLED.finditer(text))
