"""Bytes of unknown encoding -> text, or the specific reason they are not a page."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.errors import BinaryInput, EmptyInput, InputError, InputTooLarge
from warta.ingest.decode import check_size, clean_text, decode_bytes

LEAD = "Bupati Pasirluhur meminta warga berhati-hati saat melintas di jembatan darurat."
ACCENTED = "Kafe “Kopi Sedahan” — menu crème brûlée, harga Rp25.000 per porsi…"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(LEAD.encode(), LEAD, "utf-8", id="ascii"),
        pytest.param(ACCENTED.encode(), ACCENTED, "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + ACCENTED.encode(), ACCENTED, "utf-8", id="utf-8-bom"),
        pytest.param(ACCENTED.encode("utf-16"), ACCENTED, "utf-16", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), ACCENTED, "utf-16", id="utf-16-be"),
        pytest.param(ACCENTED.encode("utf-16-le"), ACCENTED, "utf-16-le", id="utf-16-no-bom"),
        pytest.param(ACCENTED.encode("utf-32"), ACCENTED, "utf-32", id="utf-32-bom"),
        pytest.param(ACCENTED.encode("cp1252"), ACCENTED, "cp1252", id="cp1252"),
        pytest.param("Harga café naïve".encode("latin-1"), "Harga café naïve", "cp1252", id="latin-1"),
    ],
)
def test_decodes_known_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data, "page.txt") == (text, encoding)


def test_mixed_utf8_and_cp1252_lines_each_decode_right() -> None:
    utf8_line = "Judul: “Jembatan Cikareo” ambruk — dua tewas".encode()
    cp1252_line = "Kutipan lama: “kami sudah lapor”, kata warga…".encode("cp1252")
    data = utf8_line + b"\n" + cp1252_line + b"\n" + LEAD.encode()
    text, encoding = decode_bytes(data, "mixed.txt")
    assert encoding == "utf-8+cp1252"
    assert text.splitlines() == [
        "Judul: “Jembatan Cikareo” ambruk — dua tewas",
        "Kutipan lama: “kami sudah lapor”, kata warga…",
        LEAD,
    ]


def test_cp1252_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    text, _ = decode_bytes(b"Harga \x81naik\n", "odd.txt")
    assert text == "Harga \x81naik\n"


@pytest.mark.parametrize("cut", [1, 2])
def test_truncated_multibyte_at_end_stays_utf8(cut: int) -> None:
    full = (ACCENTED + " penutup —").encode()
    text, encoding = decode_bytes(full[:-cut], "cut.txt")
    assert encoding == "utf-8"
    assert text == ACCENTED + " penutup "


def test_truncated_mixed_file_drops_dangling_bytes() -> None:
    data = "— awal\n".encode() + "“lama”\n".encode("cp1252") + "akhir —".encode()[:-1]
    text, encoding = decode_bytes(data, "cut.txt")
    assert encoding == "utf-8+cp1252"
    assert text == "— awal\n“lama”\nakhir "


def test_non_latin_legacy_file_uses_charset_guess() -> None:
    russian = "Мэр города заявил журналистам, что мост будет восстановлен в течение месяца. " * 4
    text, encoding = decode_bytes(russian.encode("cp1251"), "ru.txt")
    assert text == russian
    assert encoding != "cp1252"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("baris satu\r\nbaris dua\rbaris tiga\n", "baris satu\nbaris dua\nbaris tiga\n"),
        ("\ufeffdengan BOM di depan", "dengan BOM di depan"),
        ("pemisah\u2028baris", "pemisah\nbaris"),
    ],
)
def test_newlines_normalised_and_bom_stripped(data: str, expected: str) -> None:
    assert decode_bytes(data.encode(), "nl.txt")[0] == expected


def test_stray_nul_in_long_text_is_removed() -> None:
    data = (LEAD + "\n") * 50
    data = data[:1000] + "\x00" + data[1000:]
    text, _ = decode_bytes(data.encode(), "nul.txt")
    assert "\x00" not in text
    assert text == (LEAD + "\n") * 50


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"\n\n\t  \r\n", "\u3000\n".encode(), codecs.BOM_UTF8 + b" \n"]
)
def test_empty_or_whitespace_only(data: bytes) -> None:
    with pytest.raises(EmptyInput, match="empty"):
        decode_bytes(data, "empty.txt")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (gzip.compress(LEAD.encode()), "gzip"),
        (b"SQLite format 3\x00\x10\x00", "SQLite"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP"),
    ],
)
def test_binary_formats_named_by_magic_number(data: bytes, named: str) -> None:
    with pytest.raises(BinaryInput, match=named):
        decode_bytes(data, "foto.txt")


def test_nul_bytes_mean_binary() -> None:
    data = b"ab\x00cd\x00\x00ef" * 100
    with pytest.raises(BinaryInput, match="NUL"):
        decode_bytes(data, "blob.txt")


def test_control_characters_mean_binary() -> None:
    data = zlib.compress(LEAD.encode() * 20)[2:]  # raw deflate: no magic number, no text
    data = bytes(b if b else 1 for b in data)  # and no NULs either
    with pytest.raises(BinaryInput):
        decode_bytes(data * 3, "deflate.txt")


def test_error_message_names_the_source() -> None:
    with pytest.raises(EmptyInput, match=r"^pages/kosong\.txt: "):
        decode_bytes(b"", "pages/kosong.txt")


def test_check_size_says_what_to_do() -> None:
    check_size(10, "a.txt", 10)
    with pytest.raises(InputTooLarge, match="11 bytes is more than the 10-byte limit"):
        check_size(11, "a.txt", 10)


def test_clean_text_rejects_control_character_soup() -> None:
    with pytest.raises(BinaryInput):
        clean_text("\x01\x02\x03\x04" * 50, "rec#1")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "fuzz.txt")
    except InputError:
        return
    assert isinstance(text, str) and text.strip()
    assert "\x00" not in text and "\r" not in text
    assert not text.startswith("\ufeff")
    assert encoding


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500).filter(lambda s: s.strip() and "\x00" not in s))
def test_utf8_text_round_trips(text: str) -> None:
    try:
        decoded, _ = decode_bytes(text.encode(), "fuzz.txt")
    except InputError:
        return  # control-character soup, or whitespace only after normalisation
    expected = clean_text(text, "fuzz.txt")
    assert decoded == expected
