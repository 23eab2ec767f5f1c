"""Line features: the faster forms of the per-line scans find exactly what the plain forms did.

Extraction output must not change when a scan is made faster, so each rewritten regex is
checked against the form it replaced, on hand-picked edge cases and on generated text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.lines import CAPITALISED

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
