"""Language identification: Indonesian vs English vs Malay, fast enough for every page."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from warta.extract.language import detect_language, is_indonesian

INDONESIAN = [
    ("Polisi masih menyelidiki penyebab kebakaran yang "
     "menghanguskan tiga kios di pasar itu pada Selasa malam."),
    ("Menurut dia, harga cabai rawit di tingkat petani sudah naik "
     "dua kali lipat sejak awal bulan karena kemarau."),
    ("\"Kami sudah berkoordinasi dengan dinas terkait,\" ujarnya "
     "kepada wartawan di Pasirluhur, Kamis (18/1/2024)."),
    ("Pemerintah kabupaten akan membangun jembatan darurat dalam "
     "dua pekan agar warga tidak perlu memutar jauh."),
]
MALAY = [
    ("Kerajaan negeri akan membina jambatan baharu merentasi sungai "
     "tersebut tahun hadapan, kata datuk bandar."),
    "Polis sedang menyiasat punca kebakaran yang memusnahkan tiga gerai di pasar awam itu pada malam Isnin.",
    ("Beliau berkata demikian kepada pemberita selepas majlis "
     "perasmian di pejabat daerah, kerana projek itu penting."),
]
ENGLISH = [
    ("The regent asked residents to avoid the alternative route "
     "while the suspension bridge is being repaired."),
    ("Police are still investigating the cause of the fire that "
     "destroyed three stalls at the market on Tuesday."),
]


@pytest.mark.parametrize("text", INDONESIAN)
def test_indonesian(text: str) -> None:
    code, confidence = detect_language(text)
    assert code == "id"
    assert confidence > 0.9
    assert is_indonesian(text)


@pytest.mark.parametrize("text", MALAY)
def test_malay_is_not_mistaken_for_indonesian(text: str) -> None:
    assert detect_language(text)[0] == "ms"
    assert not is_indonesian(text)


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text: str) -> None:
    assert detect_language(text)[0] == "en"
    assert not is_indonesian(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Jembatan Cikareo ambruk, warga terisolasi", "id"),
        ("Harga cabai naik lagi di pasar", "id"),
        ("Bridge collapse isolates villagers", "und"),
        ("", "und"),
        ("12.345 / 67 -- !!", "und"),
    ],
)
def test_short_texts(text: str, code: str) -> None:
    assert detect_language(text)[0] == code


def test_boilerplate_lines_do_not_decide() -> None:
    page = "Home\nNews\nSport\nLogin\n" * 20 + INDONESIAN[0] + "\n" + INDONESIAN[1] + "\nCopyright 2024\n"
    assert detect_language(page)[0] == "id"


def test_html_is_judged_by_its_text() -> None:
    page = (
        '<html><head><meta name="description" content="bridge news site english"></head><body>'
        + "".join(f'<p class="paragraph-body-text">{s}</p>\n' for s in INDONESIAN)
        + "</body></html>"
    )
    assert detect_language(page)[0] == "id"


def test_fast_enough_for_every_page() -> None:
    page = ("\n".join(INDONESIAN) + "\n") * 200  # a long page: only a sample is read
    detect_language(page)  # load the model outside the timing
    start = time.perf_counter()
    for _ in range(100):
        detect_language(page)
    per_call = (time.perf_counter() - start) / 100
    assert per_call < 0.005  # about 0.5 ms here; generous for a loaded CI machine


def test_bundled_samples_are_indonesian(samples_dir: Path) -> None:
    from warta.ingest.readers import iter_pages
    from warta.types import RawPage

    for page in iter_pages([str(samples_dir)]):
        assert isinstance(page, RawPage)
        assert is_indonesian(page.text), page.source


def test_unsure_model_without_markers_means_indonesian() -> None:
    # Regression: the model gives this plainly Indonesian sentence 57% Malay; with no marker
    # word either way it must come out "id". ("pejabat", an official in Indonesian but an
    # office in Malay, used to be a Malay marker and flipped a real page.)
    text = ("Para pejabat yang diperiksa menyatakan akan menyerahkan seluruh dokumen anggaran "
            "kepada penyidik pekan depan, menurut kuasa hukum mereka.")
    assert detect_language(text)[0] == "id"
