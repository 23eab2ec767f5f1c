"""Dated events: the clause cut around each date (invented text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.events import _clause, _Clauses


@pytest.mark.parametrize("text", [
    "Gempa terjadi Senin (5/1). Warga panik; sekolah libur.\n\nPada Selasa, “Kami siap.”  Semua aman!",
    "a.  b;\n\nc. ”  d",
    "",
])
def test_clauses_from_one_scan_match_a_scan_per_span(text: str) -> None:
    clauses = _Clauses(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 12) + 1):
            assert clauses.around(start, end) == _clause(text, start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Ia", "datang", ".", "!", "?", ";", "”", "’", '"', " ", "  ", "\n", "\n\n"]),
                max_size=30).map("".join), st.data())
def test_clauses_on_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _Clauses(text).around(start, end) == _clause(text, start, end)


_CLAUSE_ALPHABET = st.sampled_from([".", "!", "?", ";", "\n", "\n\n", " ", "\"", "”", "’", "A", "b", "1"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CLAUSE_ALPHABET, max_size=40).map("".join))
def test_the_fast_clause_scan_finds_the_clause_ends(text: str) -> None:
    from warta.analyze.events import CLAUSE_END, _clause_ends

    assert _clause_ends(text) == ([m.start() for m in CLAUSE_END.finditer(text)],
                                  [m.end() for m in CLAUSE_END.finditer(text)])
