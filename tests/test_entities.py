"""Entity mentions, canonical names, roles and exclusions (invented sentences)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.entities import find_entities
from warta.analyze.entities_resolve import display_name, name_key
from warta.types import Mention


def people(body: str, **kwargs: object) -> list[Mention]:
    return [m for m in find_entities(body, **kwargs) if m.label == "PER"]  # type: ignore[arg-type]


def canonicals(body: str, label: str = "PER", **kwargs: object) -> set[str]:
    return {m.canonical for m in find_entities(body, **kwargs) if m.label == label}  # type: ignore[arg-type]


@pytest.mark.parametrize(("body", "expected"), [
    ("Pemimpin Korea Utara Kim Jong-un menerima tamu di Pyongyang. Kim tampak gembira.",
     {"Kim Jong Un"}),
    ("Kim Jong Un tiba di Vladivostok pada pagi hari. Kim Jong-un disambut meriah. Kim tersenyum.",
     {"Kim Jong Un"}),
    ("Juru bicara Kremlin Dmitry Peskov menolak berkomentar. Peskov hanya tersenyum.",
     {"Dmitry Peskov"}),
    ("Presiden Joko Widodo meresmikan bendungan di Bogor. Menurut Joko Widodo, proyek itu penting.",
     {"Joko Widodo"}),
])
def test_canonical_names_group_within_the_article(body: str, expected: set[str]) -> None:
    assert canonicals(body) == expected


def test_short_mention_resolves_to_nearest_full_name() -> None:
    body = ("Kim Yong Nam bertemu Presiden Rusia Vladimir Putin di Moskow. Kim menyampaikan salam. "
            "Sehari kemudian Kim Jong Un tiba di Vladivostok. Kim disambut hangat.")
    kims = [m.canonical for m in people(body) if m.text == "Kim"]
    assert kims == ["Kim Yong Nam", "Kim Jong Un"]


@pytest.mark.parametrize(("body", "name", "role"), [
    ("Juru bicara Kremlin Dmitry Peskov menolak berkomentar.", "Dmitry Peskov", "Juru bicara Kremlin"),
    ("Menteri Luar Negeri Korea Utara Choe Son Hui tiba di Moskow.", "Choe Son Hui",
     "Menteri Luar Negeri Korea Utara"),
    ("Pertemuan itu dibuka Presiden Rusia, Vladimir Putin, di Vladivostok.", "Vladimir Putin",
     "Presiden Rusia"),
    ("Kepala BNPB Suharyanto meninjau lokasi banjir di Demak.", "Suharyanto", "Kepala BNPB"),
    ("Menlu Rusia Sergey Lavrov menerima tamunya di Moskow.", "Sergey Lavrov", "Menteri Luar Negeri Rusia"),
    ("Hal itu disampaikan Dmitry Peskov, juru bicara Kremlin, kepada wartawan.", "Dmitry Peskov",
     "juru bicara Kremlin"),
])
def test_roles_from_titles_and_appositions(body: str, name: str, role: str) -> None:
    found = [m for m in people(body) if m.canonical == name]
    assert found, f"{name} not found in {people(body)}"
    assert {m.role for m in found} == {role}


def test_role_is_stored_on_every_mention_of_the_person() -> None:
    body = "Juru bicara Kremlin Dmitry Peskov menolak berkomentar. Peskov lalu pergi."
    assert [m.role for m in people(body)] == ["Juru bicara Kremlin", "Juru bicara Kremlin"]


def test_titles_are_stripped_from_person_spans() -> None:
    body = "Kemarin Presiden Joko Widodo dan Wakil Presiden Ma'ruf Amin hadir di Istana."
    assert {m.text for m in people(body)} == {"Joko Widodo", "Ma'ruf Amin"}


@pytest.mark.parametrize(("body", "label", "alias", "canonical"), [
    ("Korut kembali meluncurkan rudal ke laut lepas pada Minggu pagi.", "LOC", "Korut", "Korea Utara"),
    ("Pemerintah Korsel mengecam peluncuran rudal itu.", "LOC", "Korsel", "Korea Selatan"),
    ("Pejabat AS menyebut langkah itu berbahaya.", "LOC", "AS", "Amerika Serikat"),
    ("Sekjen PBB menyerukan gencatan senjata.", "ORG", "PBB", "Perserikatan Bangsa-Bangsa"),
])
def test_aliases_from_the_data_file(body: str, label: str, alias: str, canonical: str) -> None:
    hits = [m for m in find_entities(body) if m.text == alias]
    assert hits and all(m.canonical == canonical and m.label == label for m in hits)


def test_abbreviation_defined_in_the_text() -> None:
    body = ("Badan Nasional Penanggulangan Bencana (BNPB) mencatat 40 rumah rusak. "
            "BNPB juga mengirim bantuan.")
    bnpb = [m for m in find_entities(body) if m.text == "BNPB"]
    assert bnpb and {m.canonical for m in bnpb} == {"Badan Nasional Penanggulangan Bencana"}


def test_person_alias_defined_in_the_text() -> None:
    body = "Presiden Joko Widodo (Jokowi) meninjau pasar. Jokowi membeli sayur."
    assert canonicals(body) == {"Joko Widodo"}


def test_exclude_names_drops_reporters_and_editors() -> None:
    body = "Wali Kota Bogor Bima Arya meninjau banjir. Penulis Rina Marlina melaporkan dari lokasi."
    got = canonicals(body, exclude_names=["Rina Marlina"])
    assert "Rina Marlina" not in got
    assert "Bima Arya" in got


def test_names_in_photo_credits_are_dropped() -> None:
    body = "Warga mengungsi ke masjid. (Foto: ANTARA/Rizky Pratama)\n\nWali Kota Bima Arya datang."
    assert "Rizky Pratama" not in canonicals(body)


def test_context_names_resolve_short_mentions_without_adding_people() -> None:
    body = "Putin menyambut Kim di kosmodrom. Kim lalu berkeliling."
    caption = "Presiden Rusia Vladimir Putin menyambut pemimpin Korea Utara Kim Jong Un di kosmodrom."
    got = canonicals(body, context=[caption])
    assert "Kim Jong Un" in got
    assert "Kim" not in got
    assert all(m.start < len(body) for m in find_entities(body, context=[caption]))


def test_headlines_in_title_case_give_no_context_names() -> None:
    body = "Putin menyambut Kim di kosmodrom."
    assert "Putin Sambut Kim Jong Un" not in canonicals(body, context=["Putin Sambut Kim Jong Un"])


@pytest.mark.parametrize("body", [
    "Magnitudo gempa mencapai 5,6. Getaran terasa hingga kota. Besaran magnitudo itu diperbarui.",
    "Polda Jateng, Kapolda Jateng, Irjen Pol Ahmad Sutanto, Jawa Tengah, Jateng, AKBP Budi, Banjir",
])
def test_no_person_in_common_words_or_keyword_lists(body: str) -> None:
    assert canonicals(body) == set()


def test_offsets_point_into_the_body() -> None:
    body = "Menlu Rusia Sergey Lavrov bertemu Menlu Korut Choe Son Hui di Moskow, Rusia."
    for m in find_entities(body):
        assert body[m.start:m.end] == m.text
    assert find_entities("") == [] and find_entities("   ") == []


@pytest.mark.parametrize(("a", "b"), [("Kim Jong-un", "Kim Jong Un"), ("kim  jong un", "Kim Jong Un")])
def test_name_key_ignores_hyphens_case_and_space(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_display_name_prefers_the_spaced_form() -> None:
    assert display_name("Kim Jong-un") == "Kim Jong Un"
    assert display_name("Moon  Jae-in") == "Moon Jae In"


@pytest.mark.parametrize(("body", "name"), [
    ("Banjir merendam desa itu sejak Minggu. Tumini, warga Desa Ketanjung, mengaku kaget.", "Tumini"),
    ("Salah seorang warga, Sukarti (55), menyatakan bahwa banjir mulai masuk sejak subuh.", "Sukarti"),
    ("Doni selaku saudara korban membeberkan kronologi kejadian itu.", "Doni"),
])
def test_names_a_person_cue_vouches_for(body: str, name: str) -> None:
    assert name in canonicals(body)


@pytest.mark.parametrize("body", [
    "Rupanya, warga panik dan meninggalkan rumah mereka.",
    "Beruntung, korban selamat dari insiden tersebut.",
    "Anak itu, MA (11), selamat dari insiden tersebut.",
])
def test_no_person_from_a_cue_after_an_adverb_or_initials(body: str) -> None:
    assert canonicals(body) == set()


@pytest.mark.parametrize(("body", "not_a_person"), [
    ("Les Bleus tampil menyerang sejak menit awal di Stadion Si Jalak Harupat.", "Les Bleus"),
    ("Der Panzer akhirnya menang adu penalti atas Prancis.", "Der Panzer"),
    ("Misa Akbar akan digelar di Gelora Bung Karno pada Kamis.", "Misa Akbar"),
    ("Sidang digelar di Gedung Oemar Seno Adji, Jakarta Selatan.", "Oemar Seno Adji"),
])
def test_nicknames_rites_and_buildings_are_no_people(body: str, not_a_person: str) -> None:
    assert not_a_person not in canonicals(body)


def test_title_abbreviation_and_office_words_are_stripped() -> None:
    body = "Kapolri Jendral Polisi Timur Pradopo meminta kasus itu diusut. Pemimpin umat Katolik Paus Fransiskus tiba."
    assert {"Timur Pradopo", "Fransiskus"} <= canonicals(body)


def test_a_place_that_speaks_is_the_person_of_that_name() -> None:
    body = ("Kabid Humas Polda Riau, AKBP Guntur Aryo Tejo mengatakan pelaku sudah ditangkap. "
            "Keduanya saling kenal, lanjut Guntur.")
    assert [m.canonical for m in people(body)] == ["Guntur Aryo Tejo", "Guntur Aryo Tejo"]


@pytest.mark.parametrize(("body", "name"), [
    ("“Kami perkirakan tumbuh lima persen,” ungkap Perry. Ia tidak merinci angkanya.", "Perry"),
    ("Kunci yang kedua adalah hidup penuh tantangan. Perry mengingatkan bahwa konsistensi penting.", "Perry"),
])
def test_a_reporting_verb_shows_a_name_is_a_person(body: str, name: str) -> None:
    assert name in canonicals(body)


def test_bodies_and_acronyms_that_speak_stay_out_of_people() -> None:
    body = "“Gempa tidak berpotensi tsunami,” kata BMKG. Indonesia menegaskan hal yang sama."
    assert canonicals(body) == set()


def test_a_list_split_by_semicolons_is_several_names() -> None:
    body = ("Terdakwa lain adalah Bripka Ricky Rizal; Kuat Ma’ruf, asisten rumah tangga; dan "
            "Putri Candrawathi, istri terdakwa.")
    assert {"Ricky Rizal", "Kuat Ma’ruf"} <= canonicals(body)


@pytest.mark.parametrize(("body", "place"), [
    ("Banjir merendam Desa Undaan Lor sejak Minggu malam.", "Undaan Lor"),
    ("Sorak pengunjung bergema di Ruang Sidang Utama Oemar Seno Adji, Jakarta Selatan.", "Oemar Seno Adji"),
])
def test_places_named_like_people_are_no_people(body: str, place: str) -> None:
    assert place not in canonicals(body)


@pytest.mark.parametrize(("body", "name"), [
    ("“Warga sudah mengungsi,” kata Kasi Kedaruratan BPBD Kudus Munaji. Air terus naik.", "Munaji"),
    ("Personil Pusdalops BPBD Kabupaten Demak Rizka melaporkan ketinggian air di wilayah itu.", "Rizka"),
    ("Jerman sempat unggul dua gol melalui Paris Brunner (29') dan Noah Darvich (51').", "Paris Brunner"),
    ("Hukuman bagi Kuat Ma'ruf, seorang asisten rumah tangga, dikurangi.", "Kuat Ma'ruf"),
])
def test_names_after_offices_and_with_cues(body: str, name: str) -> None:
    assert name in canonicals(body)


def test_rank_and_degree_around_a_name_inside_a_place_span() -> None:
    body = ("Kapolresta Balikpapan AKBP Sabar Supriyono melalui Kapolsek Balikpapan Utara AKP "
            "Putu Rideng SH, mengatakan motor itu segera dikembalikan.")
    assert "Putu Rideng" in canonicals(body)
    assert "Balikpapan Utara" in canonicals(body, "LOC")


@pytest.mark.parametrize(("body", "expected", "unexpected"), [
    ("Ketua TGIPF Mahfud MD menyebut kandungan gas air mata itu berbahaya.", "Mahfud MD", "TGIPF Mahfud MD"),
    ("Umat berdoa di depan patung Bunda Maria di halaman gereja.", None, "Maria"),
    ("Ia pernah menjadi Uskup Agung Buenos Aires sebelum terpilih.", None, "Agung Buenos Aires"),
])
def test_acronyms_places_and_figures_of_faith_inside_person_spans(
        body: str, expected: str | None, unexpected: str) -> None:
    found = canonicals(body)
    assert unexpected not in found
    if expected is not None:
        assert expected in found


def test_governed_place_is_not_part_of_the_name() -> None:
    """Regression: "Bupati Pasirluhur Hendra Wiratmaja" became a person "Pasirluhur Hendra Wiratmaja"."""
    from warta.analyze.entities import find_entities

    body = ("Bupati Pasirluhur Hendra Wiratmaja meninjau jembatan yang ambruk di Pasirluhur. "
            "Menurut Hendra, jembatan darurat segera dibangun.")
    people = {m.canonical: m.role for m in find_entities(body) if m.label == "PER"}
    assert people == {"Hendra Wiratmaja": "Bupati Pasirluhur"}
    kept = find_entities("Bupati Hendra Wiratmaja Saputra meninjau jembatan yang ambruk, kata warga.")
    assert {m.canonical for m in kept if m.label == "PER"} == {"Hendra Wiratmaja Saputra"}


def test_a_name_set_after_a_persons_role_is_a_person_even_when_it_reads_as_a_place() -> None:
    body = "Menjelang laga itu, pelatih Timnas Indonesia U-17, Bima Sakti, menegaskan timnya siap bertanding."
    labels = {m.canonical: m.label for m in find_entities(body)}
    assert labels.get("Bima Sakti") == "PER"


def test_the_body_of_a_role_keeps_its_own_label() -> None:
    body = "Kepala Pusat Data dan Informasi BNPB, Abdul Muhari, mengatakan ada 12 korban."
    labels = {m.canonical: m.label for m in find_entities(body)}
    assert labels.get("Abdul Muhari") == "PER"
    assert "PER" not in {label for name, label in labels.items() if "Pusat" in name or "BNPB" in name}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab -_.\n", max_size=30), st.text(alphabet="ab", min_size=1, max_size=3))
def test_written_as_word_is_the_lookbehind_search(body: str, word: str) -> None:
    import re

    from warta.analyze.entities import _written_as_word

    expected = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", body) is not None
    assert _written_as_word(body, word) == expected


_CREDIT_PIECES = st.sampled_from([
    "(Foto: ANTARA/Budi)", "(dok. Polres)", "Foto: Humas", "foto/", "KOMPAS.com/NAMA", "ANTARA FOTO/Ali",
    "detik.co.id / Rina", "Tribun.id/Ade", "Budi Santoso", "13/9", "/", " / ", "(", ")", "\n", " ", "  ",
    "kata", "Jakarta", ".", ",", "ſ", "K", "İ", "_", "sumber foto:", "Ilustrasi", "a", "Z",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_CREDIT_PIECES, max_size=20).map("".join))
def test_credit_regions_are_the_credit_pattern_matches(body: str) -> None:
    from warta.analyze.entities import _CREDIT_MARKED_RE, _CREDIT_RE, _CREDIT_SLASH, _credit_regions

    credit_re = _CREDIT_RE if _CREDIT_SLASH.search(body) else _CREDIT_MARKED_RE
    assert _credit_regions(body) == [m.span() for m in credit_re.finditer(body)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["di", "DI", "Kabupaten", "kab.", "ke", "dari", "warga", "adi", "Bogor", "bogor",
                                 "Bogorx", " ", "  ", "\n", ",", "-", "_", "İ", "kota"]), max_size=12).map("".join),
       st.sampled_from(["Bogor", "Kota", "Di", "A.B"]))
def test_used_as_place_is_the_cue_search(body: str, place: str) -> None:
    import re

    from warta.analyze.entities import _PLACE_CUE, _used_as_place

    expected = re.search(rf"\b{_PLACE_CUE}\s+{re.escape(place)}\b", body, re.IGNORECASE) is not None
    assert _used_as_place(body, place) == expected
