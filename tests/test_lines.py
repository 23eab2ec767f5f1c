"""Line features: the faster forms of the per-line scans find exactly what the plain forms did.

Extraction output must not change when a scan is made faster, so each rewritten regex is
checked against the form it replaced, on hand-picked edge cases and on generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.lines import (
    CAPITALISED,
    CREDIT_TAIL,
    Line,
    cue_kind,
    describe_lines,
    ends_with_credit,
    first_kind,
    line_features,
    normalise_line,
)
from warta.lang import read_table

#: The capital-letter scan as first written: look-behind first, tested at every position.
CAPITALISED_REFERENCE = re.compile(r"(?<![^\W_])(?=[^\W\d_])[^\W\d_a-zß-ÿ]")

#: Characters where the two forms could part ways: case, digits, underscore, Latin-1 letters,
#: letters without case, numerals that are not digits, joiners and spaces.
TRICKY = "aZ_1 -'’éÉßÿıİ²½Ⅻǅあ\u0307"


@pytest.mark.parametrize("text", [
    "", "A", "a", "_Jakarta", "2Bandung", "ÉCOLE", "ß", "Ⅻ", "²x", "Kompas.com - Jakarta",
    "Presiden Joko Widodo meresmikan Jembatan Cikareo", "i̇stanbul İstanbul", "KPK-Polri", "x_Y",
])
def test_capitalised_matches_reference_on_edge_cases(text: str) -> None:
    assert CAPITALISED.findall(text) == CAPITALISED_REFERENCE.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40))
def test_capitalised_matches_reference(text: str) -> None:
    assert CAPITALISED.findall(text) == CAPITALISED_REFERENCE.findall(text)


PAGE = """WARTANUSA.COM
Home | Nasional | Daerah
Jembatan Gantung Cikareo Putus, Warga Terisolasi
Senin, 4 Maret 2024 09:15 WIB
Reporter: Larasati Putri
WARTANUSA.COM, Cikareo - Jembatan gantung yang menghubungkan dua desa di Cikareo putus pada Minggu malam.
Baca Juga: Harga Cabai Rawit Naik Lagi
Warga kini harus memutar sejauh dua belas kilometer untuk sampai ke pasar dan sekolah, kata kepala desa.
Home | Nasional | Daerah
© 2024 wartanusa.com"""


def test_describe_lines_is_the_same_from_the_line_cache() -> None:
    """Features and first kinds come from a per-text cache; a second page sees the same lines."""
    first = describe_lines(PAGE)
    again = describe_lines(PAGE)
    assert first == again
    for ln in first:
        assert line_features.__wrapped__(ln.text) == line_features(ln.text)
        fresh = Line(ln.index, ln.text, *line_features.__wrapped__(ln.text), repeats=ln.repeats)
        assert (ln.kind, ln.reason) == first_kind(fresh)
    assert [ln.repeats for ln in first if ln.text.startswith("Home")] == [2, 2]


#: Captions and near-captions: every credit form, and prose that holds a form's substrings.
CREDIT_CASES = [
    "Warga melintasi jembatan darurat. Foto: Hendra/WartaNusa",
    "Petugas memeriksa lokasi (ANTARA FOTO/Bima Santosa)",
    "Banjir merendam rumah warga. /Bloomberg-Andi Mappasessu",
    "Suasana pasar [Foto: ANTARA]",
    "Kredit Foto: Dok. Basarnas",
    "Kapal bersandar di dermaga (Liputan6.com/Sri Wahyuni).",
    "Presiden menyapa warga. REUTERS/Yosua Manuhutu",
    "Pemain merayakan gol. AFP via REUTERS",
    "Tim SAR mengevakuasi korban. Dok. Pribadi",
    "Ilustrasi gedung. Shutterstock",
    "Pemeriksaan berlangsung pada Rabu (13/9/2023) sore, kata dia.",
    "Harga naik: cabai rawit, bawang merah dan tomat.",
    "Ia datang via jalur darat dari Kupang.",
    "Menteri (kiri) berbincang dengan warga di Istana.",
    "",
]


@pytest.mark.parametrize("text", CREDIT_CASES)
def test_ends_with_credit_is_credit_tail_search(text: str) -> None:
    assert ends_with_credit(text) == (CREDIT_TAIL.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Foto", "foto", ":", "/", "(", ")", "[", "]", " ", ".", "via", "REUTERS",
                                 "ANTARA FOTO", "Dok", "Istimewa", "Getty Images", "Nama", "kata", "2023", "-"]),
                max_size=14).map("".join))
def test_ends_with_credit_matches_credit_tail(text: str) -> None:
    assert ends_with_credit(text) == (CREDIT_TAIL.search(text) is not None)


def test_credit_tail_is_the_pattern_it_was() -> None:
    """Captions are split at CREDIT_TAIL's match: it is built from the forms, unchanged."""
    assert CREDIT_TAIL.pattern == (
        r"(?:(?:\(|\[)\s*(?i:foto|photo|dok|sumber|ist|istimewa)\b[^)\]]{0,80}[)\]]"
        r"|\b(?i:kredit\s+)?(?i:foto|photo|dok\.?|ilustrasi)\s*:\s*.{1,60}?"
        r"|\(\s*[A-Za-z][A-Za-z0-9 .]{1,29}(?:\s+FOTO)?\s*/\s*[^)]{2,80}\)"
        r"|\s/\s?[A-Z][\w.]*(?:[-/ ][\w.]+){0,5}/?"
        r"|(?:[A-Z][\w.]+/){1,4}[A-Z][\w. ]+(?:\s+via\s+[A-Z]+)?"
        r"|\b(?:[A-Z][A-Za-z.]+\s+){0,3}via\s+(?:REUTERS|AFP|AP|ANTARA|[A-Z]{2,})"
        r"|\b(?:ANTARA FOTO|AP Photo|Getty Images|Shutterstock|Istimewa|Dok\.? Pribadi)\b[^.]{0,40})"
        r"\s*[.)\]]?\s*$")


def _cue_kind_reference(text: str) -> str | None:
    """The cue lookup as first written: the alternation with named groups, on every line."""
    rows = read_table("id", "boilerplate_cues.tsv")
    pattern = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(rows)), re.I)
    m = pattern.match(text.lstrip("-–—•·*#>|[( ").strip())
    return rows[int(m.lastgroup[1:])][0] if m and m.lastgroup else None


def test_cue_kind_matches_reference_on_sample_pages(samples_dir: Path) -> None:
    """Every line of the bundled pages and fixtures gets the kind the plain lookup gave."""
    texts = [f.read_text(encoding="utf-8") for f in sorted(samples_dir.glob("*.txt"))]
    texts += [f.read_text(encoding="utf-8") for f in sorted((Path(__file__).parent / "fixtures" / "text").glob("*"))]
    lines = {normalise_line(t) for text in texts for t in text.splitlines()} - {""}
    lines |= {"Baca Juga: Jembatan Putus", "BERITA TERKAIT", "Ikuti kami di Google News", "Advertisement",
              "© 2024 wartanusa.com", "Home » Nasional", "Tags: banjir, jembatan", "3 total views"}
    kinds = {t: cue_kind.__wrapped__(t) for t in lines}
    assert kinds == {t: _cue_kind_reference(t) for t in lines}
    assert sum(k is not None for k in kinds.values()) >= 8
