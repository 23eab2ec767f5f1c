"""The analysis runner: steps in order, skips said out loud, the dateline kept out of the story."""

from __future__ import annotations

from warta.analyze.pipeline import analyze, dateline_end
from warta.types import Article

BODY = ("KABARKITA.COM, Sukamaju - Bupati Sukamaju Hendra Wijaya meresmikan jembatan baru di Desa "
        "Cikaret pada Senin (4/3/2024).\n\n"
        "\"Jembatan ini untuk anak-anak yang bersekolah di seberang sungai,\" kata Hendra kepada wartawan.")


def test_dateline_is_not_an_actor() -> None:
    result = analyze(Article(source="a.txt", body=BODY, published="2024-03-05", language="id"))
    assert dateline_end(BODY) == len("KABARKITA.COM, Sukamaju - ")
    assert all(m.start >= dateline_end(BODY) for m in result.entities)
    assert not any("KABARKITA" in m.text or m.text == "COM" for m in result.entities)


def test_other_languages_are_skipped_with_a_reason() -> None:
    result = analyze(Article(source="b.txt", body="The bridge was opened on Monday.", language="en"))
    assert result.entities == () and result.skipped and "not Indonesian" in result.skipped[0]


def test_no_date_means_no_events_and_says_so() -> None:
    result = analyze(Article(source="c.txt", body=BODY, language="id"))
    assert result.events == ()
    assert any("no publication date" in s for s in result.skipped)
