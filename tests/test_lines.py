"""Line features: the faster forms of the per-line scans find exactly what the plain forms did.

Extraction output must not change when a scan is made faster, so each rewritten regex is
checked against the form it replaced, on hand-picked edge cases and on generated text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.lines import CAPITALISED, Line, describe_lines, first_kind, line_features

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
