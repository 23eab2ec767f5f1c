"""Quotations and who said them: each form Indonesian news prints, on invented paragraphs.

Mentions are made by hand (``_mentions``) so these tests pin the quote step alone, whatever
the entity recogniser does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.quotes import find_quotes
from warta.analyze.quotes_marks import quote_spans
from warta.types import Mention, Quote

PEOPLE = {
    "Rina Wulandari": "PER", "Rina": "PER", "Budi Santoso": "PER", "Budi": "PER",
    "Sari Anggraini": "PER", "Komisi Pangan": "ORG", "Korea Utara": "LOC", "Rusia": "LOC",
    "Maria Lestari": "PER", "Dewi Kartika": "PER", "Dewi": "PER",
}


def _mentions(body: str) -> list[Mention]:
    """Every occurrence of a known name, canonical = the longest known name starting with it."""
    found: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(PEOPLE, key=len, reverse=True):
        canonical = max((n for n in PEOPLE if n.startswith(name)), key=len)
        start = body.find(name)
        while start >= 0:
            if start not in taken:
                found.append(Mention(name, PEOPLE[name], canonical, start, start + len(name)))
                taken.update(range(start, start + len(name)))
            start = body.find(name, start + 1)
    return sorted(found, key=lambda m: m.start)


def _quotes(body: str, kind: str | None = None) -> list[Quote]:
    return [q for q in find_quotes(body, _mentions(body)) if kind is None or q.kind == kind]


@pytest.mark.parametrize(("body", "text", "speaker", "cue"), [
    ("“Harga beras akan turun bulan depan,” kata Rina Wulandari di Bandung.",
     "Harga beras akan turun bulan depan,", "Rina Wulandari", "kata"),
    ('"Kami menunggu keputusan pusat," ujar Kepala Dinas Pangan Budi Santoso, Senin (3/4).',
     "Kami menunggu keputusan pusat,", "Budi Santoso", "ujar"),
    ("Rina Wulandari mengatakan, “Stok gudang masih cukup sampai akhir tahun.”",
     "Stok gudang masih cukup sampai akhir tahun.", "Rina Wulandari", "mengatakan"),
    ("Budi Santoso berkata: “Kami tidak akan mundur dari rencana ini.”",
     "Kami tidak akan mundur dari rencana ini.", "Budi Santoso", "berkata"),
    ("Menurut Sari Anggraini, “pasar tradisional harus dibenahi lebih dulu.”",
     "pasar tradisional harus dibenahi lebih dulu.", "Sari Anggraini", "Menurut"),
    ("Ditanya soal tuduhan itu, Budi Santoso berkata:\n\n“Semua laporan itu tidak berdasar.”",
     "Semua laporan itu tidak berdasar.", "Budi Santoso", "berkata"),
    ("“Jalur distribusi sudah kami buka kembali,” tutur Kepala Badan Logistik (BL) Budi Santoso.",
     "Jalur distribusi sudah kami buka kembali,", "Budi Santoso", "tutur"),
])
def test_direct_quote_before_or_after_the_verb(body: str, text: str, speaker: str, cue: str) -> None:
    quote = _quotes(body, "direct")[0]
    assert (quote.text, quote.speaker, quote.cue) == (text, speaker, cue)
    assert body[quote.start:quote.end] == quote.text


def test_missing_opening_mark_before_a_reporting_verb() -> None:
    body = ("Rina Wulandari meninjau pasar pagi itu.\n\n"
            "Semua pedagang sudah mendapat kios baru di lantai dua,” ujarnya.")
    quote = _quotes(body, "direct")[0]
    assert quote.text.startswith("Semua pedagang") and quote.speaker == "Rina Wulandari"


def test_closing_mark_alone_without_a_verb_is_no_quote() -> None:
    assert _quotes("Rak di toko itu kosong” sejak pagi tadi.") == []


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    body = ("“Kami sudah menyiapkan tenda untuk para pengungsi.\n\n"
            "Air bersih juga dikirim setiap hari,” kata Budi Santoso.")
    quotes = _quotes(body, "direct")
    assert len(quotes) == 1
    assert "tenda" in quotes[0].text and "Air bersih" in quotes[0].text
    assert quotes[0].speaker == "Budi Santoso"


def test_paragraphs_that_reopen_the_mark_share_the_final_attribution() -> None:
    body = ("“Kami sudah menyiapkan tenda untuk para pengungsi.\n\n"
            "“Air bersih juga dikirim setiap hari,” kata Budi Santoso.")
    quotes = _quotes(body, "direct")
    assert [q.speaker for q in quotes] == ["Budi Santoso", "Budi Santoso"]


def test_quote_cut_by_the_excerpt_runs_to_the_end() -> None:
    body = "Sari Anggraini menjawab pertanyaan wartawan.\n\n“Kami belum bisa memastikan jumlah korban yang"
    quote = _quotes(body, "direct")[-1]
    assert quote.text.endswith("korban yang") and quote.speaker == "Sari Anggraini"


@pytest.mark.parametrize("body", [
    "Pengamat menyebut aliansi itu sebagai “NATO versi Asia” yang mengancam kawasan.",
    "Budi Santoso menilai program tersebut hanya “gula-gula politik” menjelang pemilu.",
    "Warga menyebut kebijakan baru itu ‘setengah hati’ dan meminta kajian ulang.",
])
def test_short_fragment_in_the_writers_sentence_is_partial(body: str) -> None:
    quotes = _quotes(body)
    marked = [q for q in quotes if q.kind != "indirect"]
    assert marked and all(q.kind == "partial" for q in marked)


def test_a_title_in_marks_is_not_a_quotation() -> None:
    body = "Paduan suara membawakan lagu “Dalam Terang Kita Berjalan” di akhir acara."
    assert [q for q in _quotes(body) if q.kind != "indirect"] == []


@pytest.mark.parametrize(("body", "speaker", "fragment"), [
    ("Rina Wulandari mengatakan bahwa harga cabai naik dua kali lipat sejak awal bulan.",
     "Rina Wulandari", "harga cabai naik"),
    ("Menurut Budi Santoso, jalan desa rusak parah akibat banjir pekan lalu.",
     "Budi Santoso", "jalan desa rusak"),
    ("Pasokan listrik akan pulih dalam tiga hari, kata Sari Anggraini kepada wartawan.",
     "Sari Anggraini", "Pasokan listrik"),
])
def test_reported_speech_is_indirect(body: str, speaker: str, fragment: str) -> None:
    quote = _quotes(body, "indirect")[0]
    assert quote.speaker == speaker and fragment in quote.text
    assert body[quote.start:quote.end] == quote.text
    assert not quote.text.startswith("bahwa")


@pytest.mark.parametrize(("body", "speaker"), [
    ("Dewi Kartika tiba di lokasi gempa.\n\n“Bantuan harus sampai hari ini juga,” katanya.", "Dewi Kartika"),
    ("Budi Santoso mengatakan stok aman.\n\nDia menambahkan, “Tidak perlu panic buying.”", "Budi Santoso"),
    ("Sari Anggraini hadir di rapat itu.\n\n“Anggaran sudah disetujui,” kata dia.", "Sari Anggraini"),
    ("“Kami siap membantu,” kata Rina Wulandari.\n\n“Semua posko sudah dibuka sejak pagi.”", "Rina Wulandari"),
    ("“Kami siap membantu,” kata Rina Wulandari.\n\nBudi Santoso menilai langkah itu tepat.\n\n"
     "“Koordinasi berjalan baik,” ujarnya.", "Budi Santoso"),
    ("“Jalur sudah dibuka,” kata Dewi Kartika.\n\n“Evakuasi dilanjutkan besok pagi,” tutur Presiden.",
     "Dewi Kartika"),
])
def test_pronoun_and_unattributed_quotes_go_to_the_current_speaker(body: str, speaker: str) -> None:
    assert _quotes(body, "direct")[-1].speaker == speaker


@pytest.mark.parametrize(("body", "speaker", "label"), [
    ("“Kami menolak tuduhan itu,” kata Korea Utara dalam pernyataan resminya.", "Korea Utara", "LOC"),
    ("“Sanksi itu tidak sah,” kata pernyataan juru bicara kementerian Rusia, Maria Lestari.",
     "Maria Lestari", "PER"),
    ("“Data akan dirilis pekan depan,” tulis Komisi Pangan di laman resminya.", "Komisi Pangan", "ORG"),
])
def test_organisation_or_country_as_speaker(body: str, speaker: str, label: str) -> None:
    quote = _quotes(body, "direct")[0]
    assert (quote.speaker, quote.speaker_label) == (speaker, label)


def test_unnamed_speaker_is_left_empty() -> None:
    body = "“Harga naik terus, Bu,” kata seorang pedagang di pasar."
    assert _quotes(body, "direct")[0].speaker is None


def test_inner_straight_quotes_do_not_split_the_quotation() -> None:
    body = '"Kebijakan "new normal" membuat pasar bergairah lagi," kata Sari Anggraini.'
    quote = _quotes(body, "direct")[0]
    assert quote.text.startswith("Kebijakan") and quote.text.endswith("lagi,")


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quote_spans("Salat Jum'at di masjid Ma’ruf berjalan tertib.") == []


MARKS = st.sampled_from(["“", "”", '"', "‘", "’", "'", ",", ".", ":", " ", "\n", "\n\n"])
WORDS = st.sampled_from(["kata", "ujarnya", "Rina Wulandari", "mengatakan", "bahwa", "Menurut", "dia",
                         "harga", "naik", "(BNPB)", "(3/4)", "seorang", "itu", "Budi", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, WORDS), max_size=60))
def test_never_crashes_and_offsets_slice_the_body(parts: list[str]) -> None:
    body = " ".join(parts)
    for quote in find_quotes(body, _mentions(body)):
        assert 0 <= quote.start <= quote.end <= len(body)
        assert quote.kind in ("direct", "partial", "indirect")
        if quote.kind != "direct" or "\n" not in quote.text:
            assert body[quote.start:quote.end] == quote.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_on_any_text(body: str) -> None:
    for quote in find_quotes(body, []):
        assert 0 <= quote.start <= quote.end <= len(body)


def test_organisation_speaks_under_the_acronym_the_article_prints() -> None:
    body = ("Badan Nasional Penanggulangan Bencana (BNPB) mencatat 25 orang tertimbun. "
            "“Tim masih melakukan pendataan di lapangan,” kata BNPB dalam keterangannya.")
    full = "Badan Nasional Penanggulangan Bencana"
    start = body.index("BNPB", body.index("kata"))
    mentions = [Mention(full, "ORG", full, 0, len(full)),
                Mention("BNPB", "ORG", full, body.index("BNPB"), body.index("BNPB") + 4),
                Mention("BNPB", "ORG", full, start, start + 4)]
    quote = next(q for q in find_quotes(body, mentions) if q.kind == "direct")
    assert (quote.speaker, quote.speaker_label) == ("BNPB", "ORG")


def test_a_title_abbreviation_does_not_end_the_speaker_phrase() -> None:
    body = "“Dua gedung rusak,” ujar Plt. Kepala Pusat Data BNPB, Rina Wulandari dalam rilisnya."
    assert _quotes(body, "direct")[0].speaker == "Rina Wulandari"


def test_menurut_without_a_comma_still_hands_the_floor_over() -> None:
    body = ("“Depo itu harus pindah,” kata Budi Santoso.\n\nHal senada disampaikan warga bernama Rina.\n\n"
            "Menurut Rina orang tuanya sudah lama tinggal di wilayah tersebut.\n\n"
            "“Orang tua saya di situ juga sampai almarhum,” jelasnya.")
    assert _quotes(body, "direct")[-1].speaker == "Rina Wulandari"


def test_excerpt_opening_with_a_pronoun_quote_takes_the_person_named_next() -> None:
    body = ("“Yang saya anggap berani itu kejutannya,” ujarnya dalam acara pertemuan tahunan.\n\n"
            "Dalam kesempatan itu Budi Santoso juga meminta semua pihak waspada.")
    assert _quotes(body, "direct")[0].speaker == "Budi Santoso"


def test_an_acronym_with_its_country_speaks_as_the_acronym() -> None:
    body = "“Tim Reaksi Cepat masih melakukan pendataan,” kata admin BNPB Indonesia."
    start = body.index("BNPB")
    mentions = [Mention("BNPB Indonesia", "ORG", "BNPB Indonesia", start, start + len("BNPB Indonesia"))]
    quote = next(q for q in find_quotes(body, mentions) if q.kind == "direct")
    assert (quote.speaker, quote.speaker_label) == ("BNPB", "ORG")


def test_the_subject_of_an_apposition_speaks_not_the_name_inside_it() -> None:
    body = "Sementara itu, Sari Anggraini, kuasa hukum Budi mengatakan, putusan itu tidak adil."
    assert [q.speaker for q in _quotes(body, "indirect")] == ["Sari Anggraini"]


def test_a_newcomer_introduced_as_subject_takes_the_following_pronoun_quote() -> None:
    body = ("“Kami siap banding,” kata Rina Wulandari.\n\n"
            "Hari ini giliran terdakwa lain. Namun, Maria Lestari, pengamat hukum, memperkirakan vonisnya ringan.\n\n"
            "“Hukumannya paling lama tiga tahun,” ucapnya.")
    assert _quotes(body, "direct")[-1].speaker == "Maria Lestari"


def test_someone_already_in_the_story_as_subject_does_not_take_the_floor() -> None:
    body = ("Rina Wulandari, kuasa hukum Budi, menilai putusan itu keliru.\n\n"
            "Padahal, saat itu, Budi hanya menunggu di mobil. “Dia tidak ikut masuk,” ujarnya.")
    assert _quotes(body, "direct")[-1].speaker == "Rina Wulandari"


def test_a_priests_title_abbreviation_does_not_end_the_speaker_phrase() -> None:
    body = "“Misa dimulai pukul tujuh,” kata Juru Bicara Panitia Kunjungan Rusia, Rm. Budi Santoso kepada wartawan."
    assert _quotes(body, "direct")[0].speaker == "Budi Santoso"


_WORDS = st.sampled_from(["kata", "Katanya", "ujarnya", "UJAR", "mengatakan", "Menurut", "warga", "Budi",
                          "pelaku", "berlaku", "keterangan", "ß", "İ", "ﬁ", ",", ".", "“", "”", "-nya"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_may_report_is_false_only_without_any_reporting_verb(text: str) -> None:
    from warta.analyze.quotes_speaker import may_report, tokens, verb_kind

    if not may_report(text):
        assert all(verb_kind(word) is None for _, _, word in tokens(text))


# The sentence ends as first written, with lookbehinds (slower: no character to jump to).
_REFERENCE_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])|(?<=[.!?])(?=[“”\"][A-Z])")
_END_ALPHABET = st.sampled_from([".", "!", "?", "\n", " ", "\"", "”", "“", "’", "'", "‘", "(", "A", "b", "1"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_END_ALPHABET, max_size=40).map("".join))
def test_sentence_ends_are_the_reference_ones_from_any_paragraph_start(text: str) -> None:
    from warta.analyze.quotes import _SENTENCE_END

    for start in [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]:
        for end in (len(text), max(start, len(text) - 3)):
            assert [m.end() for m in _SENTENCE_END.finditer(text, start, end)] == \
                [m.end() for m in _REFERENCE_SENTENCE_END.finditer(text, start, end)]
