"""The temporal tagger on invented Kompas-style sentences, one case per kind of expression.

Each case names the sentence, the publication date and the (text, type, value) it must yield
for the expression under test; the ambiguous cases ("Minggu" as Sunday or week, "1.000",
"2022" as a count, day-first dates) are here on purpose.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.timex import Timex, find_timexes
from warta.analyze.timex_rules import parse_number
from warta.lang.id import load_time_words

REF = date(2014, 12, 29)  # a Monday


def values(text: str, ref: date = REF) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, ref)]


@pytest.mark.parametrize(("text", "ref", "expected"), [
    # absolute dates
    ("Festival itu dibuka 13 September 2023 di Solo.", REF, ("13 September 2023", "DATE", "2023-09-13")),
    ("Rapat digelar di Bogor (13/9/2023).", REF, ("(13/9/2023)", "DATE", "2023-09-13")),
    ("Harga cabai naik pada Oktober 2022.", REF, ("Oktober 2022", "DATE", "2022-10")),
    ("Keluarga itu tinggal di sana sejak 1948.", REF, ("1948", "DATE", "1948")),
    ("Gudang terbakar pada 1 Agt 2019.", REF, ("1 Agt 2019", "DATE", "2019-08-01")),
    ("Bazar berakhir 3 Nop 2019.", REF, ("3 Nop 2019", "DATE", "2019-11-03")),
    ("Tenggat pendaftaran 14 Peb 2020.", REF, ("14 Peb 2020", "DATE", "2020-02-14")),
    ("Acara dimulai 9 Sept 2021.", REF, ("9 Sept 2021", "DATE", "2021-09-09")),
    ("Kontrak diteken 30 Des 2018.", REF, ("30 Des 2018", "DATE", "2018-12-30")),
    ("Jembatan diresmikan pada tahun 1993.", REF, ("tahun 1993", "DATE", "1993")),
    ("Gedung itu dibangun sekitar tahun 40-an.", REF, ("sekitar tahun 40-an", "DATE", "194")),
    ("Produksi puncak terjadi pada kuartal III 2013.", REF, ("kuartal III 2013", "DATE", "2013-Q3")),
    # a date without a year takes the year that puts it nearest the reference
    ("Panen dimulai Tanggal 10 Agustus di desa itu.", REF, ("Tanggal 10 Agustus", "DATE", "2014-08-10")),
    ("Sidang lanjutan dijadwalkan Sabtu (3/1).", REF, ("Sabtu (3/1)", "DATE", "2015-01-03")),
    ("Warga mengungsi sejak Agustus.", REF, ("Agustus", "DATE", "2014-08")),
    ("Kontrak dimulai akhir Mei 2024.", REF, ("akhir Mei 2024", "DATE", "2024-05")),
    ("Rumah itu dijual bulan Maret lalu.", REF, ("bulan Maret lalu", "DATE", "2014-03")),
    ("Ia bertemu Pak Lurah tanggal 24 kemarin.", REF, ("tanggal 24 kemarin", "DATE", "2014-12-24")),
    # relative to the publication date
    ("Kapal itu tenggelam pada Selasa.", date(2014, 12, 30), ("Selasa", "DATE", "2014-12-30")),
    ("Kapal itu tenggelam pada Sabtu.", REF, ("Sabtu", "DATE", "2014-12-27")),
    ("Banjir surut Minggu, kata petugas.", REF, ("Minggu", "DATE", "2014-12-28")),
    ("Pasar dibuka kembali kemarin.", REF, ("kemarin", "DATE", "2014-12-28")),
    ("Hasil tes keluar lusa.", REF, ("lusa", "DATE", "2014-12-31")),
    ("Tim akan tiba besok.", REF, ("besok", "DATE", "2014-12-30")),
    ("Gempa kecil terasa pekan lalu.", REF, ("pekan lalu", "DATE", "2014-W52")),
    ("Harga beras turun bulan lalu.", REF, ("bulan lalu", "DATE", "2014-11")),
    ("Jumlah wisatawan naik tahun lalu.", REF, ("tahun lalu", "DATE", "2013")),
    ("Tarif baru berlaku tahun depan.", REF, ("tahun depan", "DATE", "2015")),
    ("Target itu tercapai tahun ini.", REF, ("tahun ini", "DATE", "2014")),
    ("Dua hari lalu jalan itu ditutup.", REF, ("Dua hari lalu", "DATE", "2014-12-27")),
    ("Kios itu terbakar empat bulan lalu.", REF, ("empat bulan lalu", "DATE", "2014-08")),
    ("Ia pindah beberapa hari lalu.", REF, ("beberapa hari lalu", "DATE", "PAST_REF")),
    ("Saat ini ada 12 posko.", REF, ("Saat ini", "DATE", "PRESENT_REF")),
    ("Warga kini tinggal di tenda.", REF, ("kini", "DATE", "PRESENT_REF")),
    ("Rapat digelar hari ini di balai desa.", REF, ("hari ini", "DATE", "2014-12-29")),
    # "Minggu" the day and "minggu" the week
    ("Minggu lalu, harga bawang naik.", REF, ("Minggu lalu", "DATE", "2014-W52")),
    ("Ia datang dua minggu lalu.", REF, ("dua minggu lalu", "DATE", "2014-W51")),
    ("Tim bekerja selama tiga minggu.", REF, ("tiga minggu", "DURATION", "P3W")),
    # clock times and parts of the day
    ("Kebakaran terjadi Senin (29/12/2014) pukul 06.18 WIB.", REF,
     ("Senin (29/12/2014) pukul 06.18 WIB", "TIME", "2014-12-29T06:18")),
    ("Sinyal hilang pukul 21.02 WIB.", REF, ("pukul 21.02 WIB", "TIME", "2014-12-29T21:02")),
    ("Ledakan terdengar 21.02 WITA di Palu.", REF, ("21.02 WITA", "TIME", "2014-12-29T21:02")),
    ("Kapal berangkat pukul 8 malam.", REF, ("pukul 8 malam", "TIME", "2014-12-29T20:00")),
    ("Hujan turun Selasa sore.", date(2014, 12, 30), ("Selasa sore", "TIME", "2014-12-30TAF")),
    ("Jenazah diumumkan siang ini.", REF, ("siang ini", "TIME", "2014-12-29TAF")),
    ("Operasi berlanjut Rabu (31/12/2014) dini hari.", date(2014, 12, 31),
     ("Rabu (31/12/2014) dini hari", "TIME", "2014-12-31TMO")),
    # the anchor: what the story last dated
    ("Longsor terjadi Sabtu (27/12/2014). Hari itu hujan deras.", REF, ("Hari itu", "DATE", "2014-12-27")),
    ("Pesawat lepas landas 11 Februari 2014. Sehari kemudian puingnya ditemukan.", REF,
     ("Sehari kemudian", "DATE", "2014-02-12")),
    ("Kapal tiba 14 Juni 2014. Sebulan kemudian kapal itu kembali.", REF,
     ("Sebulan kemudian", "DATE", "2014-07-14")),
    ("Banjir datang Jumat (26/12/2014). Pukul 07.55 air masuk rumah.", REF,
     ("Pukul 07.55", "TIME", "2014-12-26T07:55")),
    ("Saat itu, listrik padam.", REF, ("Saat itu", "DATE", "PAST_REF")),
    # durations
    ("Ia bekerja di sana selama enam tahun.", REF, ("enam tahun", "DURATION", "P6Y")),
    ("Tim bekerja 48 jam tanpa henti.", REF, ("48 jam", "DURATION", "PT48H")),
    ("Perjalanan butuh setengah hari.", REF, ("setengah hari", "DURATION", "PT12H")),
    ("Cuaca buruk selama tiga hari ke depan.", REF, ("tiga hari ke depan", "DURATION", "P3D")),
    ("Dua belas jam mereka menunggu.", REF, ("Dua belas jam", "DURATION", "PT12H")),
    ("Listrik padam beberapa saat.", REF, ("beberapa saat", "DURATION", "PXX")),
    ("Sengketa itu berlangsung bertahun-tahun.", REF, ("bertahun-tahun", "DURATION", "PXY")),
    ("Angin reda sejenak.", REF, ("sejenak", "DURATION", "PXX")),
    ("Dalam setahun, harga naik dua kali.", REF, ("setahun", "DURATION", "P1Y")),
    # sets
    ("Petugas berpatroli setiap hari.", REF, ("setiap hari", "SET", "P1D")),
    ("Pasar kaget buka setiap Senin.", REF, ("setiap Senin", "SET", "XXXX-WXX-1")),
    ("Kilang itu mengolah 60.000 barel per hari.", REF, ("per hari", "SET", "P1D")),
    ("Obat diminum tiga kali sehari.", REF, ("tiga kali sehari", "SET", "P1D")),
    ("Rapat diadakan tiap pekan.", REF, ("tiap pekan", "SET", "P1W")),
])
def test_expression(text: str, ref: date, expected: tuple[str, str, str]) -> None:
    assert expected in values(text, ref)


@pytest.mark.parametrize("text", [
    "Sebanyak 1.000 warga mengungsi ke balai desa.",  # a number, not a time
    "Pabrik itu memproduksi 2022 unit mobil.",  # a count, not a year
    "Berdasarkan Permen No 1/2013 kuota dibatasi.",  # a regulation number
    "Skor akhir 3/4 untuk tim tamu.",  # a fraction without brackets, day name or year
    "Ia salat Jumat di masjid raya.",  # the prayer
    "Kantornya di Jalan Raya Pasar Minggu 14.",  # a place
    "Ia memeriksa data itu terlebih dahulu.",  # "dahulu" = first
    "Pesawat dengan kode QZ8501 hilang.",
])
def test_not_time(text: str) -> None:
    assert values(text) == []


def test_range_gives_both_durations() -> None:
    found = values("Koordinasi butuh waktu 2-3 menit.")
    assert found == [("2", "DURATION", "PT2M"), ("3 menit", "DURATION", "PT3M")]


def test_date_and_clock_after_comma_stay_apart_but_share_the_day() -> None:
    found = values("Pesawat jatuh Sabtu 20 April 1997, pukul 08.00 WIB di Medan.")
    assert found == [("Sabtu 20 April 1997", "DATE", "1997-04-20"),
                     ("pukul 08.00 WIB", "TIME", "1997-04-20T08:00")]


def test_day_name_before_its_date_trusts_the_numbers() -> None:
    assert values("Ia berangkat Sabtu (28/12/2014) pagi.")[0][2] == "2014-12-28TMO"


def test_future_context_moves_a_bare_day_forward() -> None:
    assert ("Kamis", "DATE", "2015-01-01") in values("Hasil audit akan diumumkan Kamis.")


def test_caption_dates_do_not_move_the_anchor() -> None:
    text = ("Kapal tiba Minggu (28/12/2014).\n\n"
            "ANTARA FOTO/BUDI SANTOSO Petugas berjaga, Senin (29/12/2014).\n"
            "Ketika malam tiba, angin kencang.")
    assert values(text)[-1] == ("malam tiba", "TIME", "2014-12-28TNI")


def test_event_fields() -> None:
    [tx] = find_timexes("Harga cabai naik pada Oktober 2022.", REF)
    assert (tx.granularity, tx.date) == ("month", date(2022, 10, 1))
    [clock] = find_timexes("Gempa terjadi pukul 06.18 WIB.", REF)
    assert clock.to_dict() == {"text": "pukul 06.18 WIB", "start": 14, "end": 29, "type": "TIME",
                               "value": "2014-12-29T06:18", "granularity": "time", "date": "2014-12-29",
                               "zone": "+07:00", "rule": "clock"}


def test_offsets_point_into_the_text() -> None:
    text = "Rapat digelar Rabu (31/12/2014) dan ditunda dua pekan lagi."
    for tx in find_timexes(text, REF):
        assert text[tx.start:tx.end] == tx.text


@pytest.mark.parametrize(("phrase", "number"), [
    ("48", 48), ("1,5", 1.5), ("dua belas", 12), ("dua puluh lima", 25), ("seratus dua puluh", 120),
    ("satu setengah", 1.5), ("setengah", 0.5), ("sebelas", 11), ("tiga ribu", 3000),
])
def test_parse_number(phrase: str, number: float) -> None:
    assert parse_number(phrase) == number


def test_time_words_carry_the_spellings_the_lead_needs() -> None:
    words = load_time_words()
    months = {**words["months"], **words["month_abbreviations"]}
    assert [months[m] for m in ("agt", "agu", "sept", "des", "nop", "peb", "okt")] == [8, 8, 9, 12, 11, 2, 10]
    assert words["days"]["minggu"] == 7 and words["zones"]["WIT"] == "+09:00"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ./():-aeiknrstuSMJWIB\n")), max_size=60),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_never_crashes_and_spans_are_exact(text: str, ref: date) -> None:
    for tx in find_timexes(text, ref):
        assert isinstance(tx, Timex) and text[tx.start:tx.end] == tx.text and tx.value


@pytest.mark.parametrize(("text", "expected"), [
    ("Jalan ditutup pukul 09.00-10.30 WIB.", [("pukul 09.00", "TIME", "2014-12-29T09:00"),
                                              ("10.30 WIB", "TIME", "2014-12-29T10:30")]),
    ("Perjalanan memakan waktu 1 jam 30 menit.", [("1 jam 30 menit", "DURATION", "PT1H30M")]),
    ("Warga berkumpul pada malam tahun baru.", [("malam tahun baru", "TIME", "2014-12-31TNI")]),
    ("Toko tutup saat Natal.", [("Natal", "DATE", "2014-12-25")]),
])
def test_ranges_compounds_and_holidays(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected


def test_age_is_not_that_year() -> None:
    assert values("Korban berusia 53 tahun itu dimakamkan.") == [("53 tahun", "DURATION", "P53Y")]


def test_clock_before_its_day_takes_that_day() -> None:
    found = values("Kontak hilang sekitar pukul 06.17 WIB, Minggu (28/12/2014).", date(2014, 12, 30))
    assert found[0] == ("sekitar pukul 06.17 WIB", "TIME", "2014-12-28T06:17")


# -- the fast scan finds what the plain case-insensitive rules find ----------------------------

def _reference_scan(text: str) -> list[tuple[str, int, int, dict[str, str | None]]]:
    """The scan as first written: every rule compiled with IGNORECASE, run over ``text``."""
    from warta.analyze import timex_rules as rules

    found = []
    for rank, (name, regex) in enumerate(rules._COMPILED):
        for m in regex.finditer(text):
            g = m.groupdict()
            if m.end() > m.start() and rules._plausible(name, g, m.start(), m.end(), text):
                found.append((m.start() - m.end(), rank, m.start(), (name, m.start(), m.end(), g)))
    found.sort(key=lambda item: item[:3])
    taken: list[tuple[str, int, int, dict[str, str | None]]] = []
    for *_, cand in found:
        if all(cand[2] <= t[1] or cand[1] >= t[2] for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[1])


_SCAN_TEXTS = [
    "Minggu (28/12/2014) pukul 07.55 WIB, Sabtu 20 April 1997 dan tiga hari lalu.",
    "PADA SENIN (5/1/2015) PUKUL 10.00 WITA HINGGA 12.30 WITA, AKHIR PEKAN LALU.",
    "Selama 2-3 menit, bertahun-tahun, keesokan harinya, semalam, tahun 1990-an, abad ke-21.",
    "Kuartal III 2014, Natal 2013, musim hujan tahun ini, tanggal 24 kemarin, sejak 09.00-10.30.",
    "Jumat depan; salat Jumat; Pasar Minggu; minggu lalu; hari minggu; April Jasmine datang.",
    # Characters whose lower case IGNORECASE does not match the same way: the plain path.
    "Senin (5/1) pukul 10.00 WIB di İstanbul, ſetiap hari, ı, K.",
]
_SCAN_ALPHABET = st.sampled_from([
    "Senin", "minggu", "Minggu", "pukul", "10.00", "WIB", "wita", "tahun", "2014", "(28/12)", "lalu",
    "akhir", "pekan", "hari", "ini", "-", "–", "hingga", "09.00", "3", "jam", "tiga", "se", "kali",
    "Natal", "malam", "tadi", "semalam", "ber", "menit", "İ", "ſ", "ı", "K", "é", "’", ",", ".", "\n",
    # words of the rules' middles and ends
    "kemudian", "lagi", "silam", "setiap", "tiap", "per", "dua", "an", "1990", "80", "0", "sampai",
    "awal", "bulan", "depan", "waktu", "Maret", "12", "1", "itu", "yang", "10.30", "14.00", "sehari",
    # the first words of the rules (timex_rules._OPENINGS), and words that only begin like one
    "sekitar", "hampir", "beberapa", "sekarang", "kini", "dulu", "pagi", "Januari", "Agt.", "(13/9)",
    "tanggal", "hari", "Jum'at", "kemarin", "setengah", "delapan", "puluh", "sebagai", "harimau",
    "setahun", "sewaktu", "sebulan",
])


@pytest.mark.parametrize("text", _SCAN_TEXTS)
def test_scan_matches_the_case_insensitive_rules(text: str) -> None:
    from warta.analyze.timex_rules import scan

    for variant in (text, text.upper(), text.lower(), text.title(), text.swapcase()):
        expected = _reference_scan(variant)
        assert [(c.rule, c.start, c.end, c.parts) for c in scan(variant)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCAN_ALPHABET, max_size=30).map(" ".join))
def test_scan_matches_the_case_insensitive_rules_on_any_text(text: str) -> None:
    from warta.analyze.timex_rules import scan

    expected = _reference_scan(text)
    assert [(c.rule, c.start, c.end, c.parts) for c in scan(text)] == expected


_RULE_TEXTS = [
    "Tiga hari lalu, 12 - 15 Maret, tahun 1990-an, 80an, 2-3 menit, 2 – 10 hari, pukul 09.00 - 10.30,",
    "14.00 hingga 16.00 WIB, 14.00–16.00, awal bulan, akhir tahun lalu, pekan depan, tahun itu,",
    "setiap hari, tiap-tiap Senin, per tahun, dua kali sehari, sebulan kemudian, beberapa waktu lalu, 2014.",
    "(13/9) tanggal 24 kemarin, abad ke-21, kuartal III 2014, hari Natal 2013, musim hujan tahun ini,",
    "keesokan harinya, kemarin lusa, akhir pekan, bertahun-tahun, sejenak, dulu, tadi malam, semalam.",
]


@pytest.mark.parametrize("text", _RULE_TEXTS)
def test_scan_tried_at_first_words_matches_the_case_insensitive_rules(text: str) -> None:
    from warta.analyze.timex_rules import scan

    assert [(c.rule, c.start, c.end, c.parts) for c in scan(text)] == _reference_scan(text)


def test_the_rule_texts_exercise_every_rule() -> None:
    from warta.analyze.timex_rules import _COMPILED_LOWER

    low = " ".join(_RULE_TEXTS).lower()
    assert [name for name, regex, _ in _COMPILED_LOWER if not regex.search(low)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(_SCAN_ALPHABET, max_size=30).map(" ".join))
def test_a_rule_matches_only_at_its_first_words(text: str) -> None:
    """The scan tries a rule only at a word start whose word can open it (``_OPENINGS``)."""
    from warta.analyze.timex_rules import _COMPILED_LOWER, _WORD_START, _ranks_for

    low = text.lower()
    starts = {m.start(): _ranks_for(m.group()) for m in _WORD_START.finditer(low)}
    for rank, (name, regex, _) in enumerate(_COMPILED_LOWER):
        for m in regex.finditer(low):
            assert rank in starts.get(m.start(), ()), (name, m.group())


@pytest.mark.parametrize(("words", "pattern"), [
    (["agu", "agst", "ags", "awal", "akhir", "bulan"], "(?:a(?:g(?:s|u)|khir|wal)|bulan)"),
    (["a", "ab", "(", "1"], r"(?:\(|1|a)"),
])
def test_tries_keep_the_shortest_first_words(words: list[str], pattern: str) -> None:
    from warta.analyze.patterns import trie

    assert trie(words) == pattern


def test_lower_case_minggu_before_a_date_is_that_date() -> None:
    """Regression: "minggu, 5 Januari 2025" raised KeyError('hari') and failed the whole article."""
    found = find_timexes("Acara itu digelar minggu, 5 Januari 2025 di balai desa.", date(2025, 1, 6))
    assert [(t.text, t.value) for t in found] == [("minggu, 5 Januari 2025", "2025-01-05")]


def test_lower_pattern_keeps_escapes_and_group_syntax() -> None:
    from warta.analyze.timex_rules import _lower_pattern

    assert _lower_pattern(r"(?P<Zone>WIB)\S\W\D(?P=Zone)[A-Z]") == r"(?P<Zone>wib)\S\W\D(?P=Zone)[a-z]"
