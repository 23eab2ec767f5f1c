"""Bytes -> text, for pages whose encoding nobody declared.

Scraped news pages arrive as UTF-8 most of the time, but not always: old CMS exports are
cp1252, some files were saved by Windows tools as UTF-16, and a page stitched together from
several sources can be *mixed* (UTF-8 with a few cp1252 lines pasted in). Downloads get cut
mid-character, and now and then a PDF or an image is saved under a ``.txt`` name. This module
turns all of that into clean ``str`` or a specific :class:`~warta.errors.InputError`.

The cascade of :func:`decode_bytes`:

    1. empty or whitespace-only                       -> EmptyInput
    2. a byte-order mark (UTF-32, UTF-8, UTF-16)      -> that codec
    3. magic numbers (PDF, PNG, ZIP, gzip ...)        -> BinaryInput naming the format
    4. UTF-16 without a BOM (NUL in every other byte) -> that codec
    5. NUL bytes or control characters in bulk        -> BinaryInput
    6. strict UTF-8                                   -> "utf-8"
    7. UTF-8 cut mid-character at the very end        -> "utf-8", dangling bytes dropped
    8. UTF-8 with stray non-UTF-8 bytes (mixed)       -> each bad byte read as cp1252
    9. no UTF-8 at all (legacy)                       -> cp1252, or charset-normalizer's
                                                         guess for a non-Latin script

Every path ends in :func:`clean_text`: newlines become LF, a leading BOM and NULs go.

>>> decode_bytes("Harga naik, kata pedagang".encode("utf-8"), "a.txt")
('Harga naik, kata pedagang', 'utf-8')
>>> decode_bytes("Kafe “Kopi”".encode("cp1252"), "b.txt")
('Kafe “Kopi”', 'cp1252')
"""

from __future__ import annotations

import codecs
import re

from warta.errors import BinaryInput, EmptyInput, InputTooLarge

# One news page, even with inline scripts and styles, is well under 5 MB; 20 MB leaves room for
# a bloated HTML dump while stopping a stray database dump or video from being read into memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# How much of the start of a file is inspected for binary signs (git and grep look at 8 KiB).
SNIFF_BYTES = 8192

# Text has essentially no control characters other than tab/newline/CR/FF; random or binary
# data has about one byte in nine. More than this share in the sniffed part means binary.
MAX_CONTROL_SHARE = 0.05

# A few stray NULs in a large text file are debris (they are removed); more than one per this
# many bytes means the file is binary.
BYTES_PER_TOLERATED_NUL = 1000

# When no byte of the file is UTF-8, it is read as cp1252 (what Indonesian sites' old Windows
# CMSs wrote) unless non-ASCII bytes make up this share of its letters: Latin-script text uses
# accents sparingly, so a higher share means another script (Cyrillic, Greek, Thai ...).
MAX_LATIN_NON_ASCII_SHARE = 0.3

# Formats that turn up under text names, by their first bytes; checked before anything else
# because most also hold NULs and the message should name the format, not just "binary".
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", ""),  # too short to trust alone; see _sniff_format
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP files)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"BZh", ""),  # bzip2; needs the block-size digit, see _sniff_format
    (b"\xfd7zXZ\x00", "xz-compressed data (decompress it first)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xca\xfe\xba\xbe", "a Java class file or Mach-O binary"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"wOFF", "a WOFF web font"),
    (b"wOF2", "a WOFF2 web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than \t \n \v \f \r, plus ESC and DEL: never in a news page.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# A well-formed UTF-8 multi-byte sequence. cp1252 text almost never contains one by accident
# (it would need e.g. "Ã" followed by "©"), so finding one means the file is (partly) UTF-8.
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NEWLINES_RE = re.compile("\r\n?|\u2028|\u2029|\x85")
_MIXED_ERRORS = "warta-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read one byte that is not UTF-8 as cp1252 (latin-1 where undefined).

    Registered once, so that a mixed file decodes in one C-speed pass instead of line by line:
    every valid UTF-8 sequence stays UTF-8 and only the offending bytes take the fallback.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D have no cp1252 meaning
        char = byte.decode("latin-1")
    return char, exc.start + 1


codecs.register_error(_MIXED_ERRORS, _cp1252_fallback)


def check_size(size: int, source: str, max_bytes: int) -> None:
    """Raise :class:`InputTooLarge` when ``size`` bytes exceed the per-page limit.

    Readers call it before reading (with ``os.stat``'s size) so an oversized file is never
    loaded into memory.
    """
    if size > max_bytes:
        raise InputTooLarge(
            f"{source}: {size:,} bytes is more than the {max_bytes:,}-byte limit for one page; "
            "split the file, or raise the limit (max_bytes) if it really is one page"
        )


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode one page's bytes; return ``(text, encoding)`` or raise an :class:`InputError`.

    ``encoding`` is a Python codec name, or ``"utf-8+cp1252"`` for a mixed file. ``source``
    only names the input in error messages.

    >>> decode_bytes(b"%PDF-1.7 ...", "x.txt")
    Traceback (most recent call last):
    ...
    warta.errors.BinaryInput: x.txt: looks like a PDF document, not a text or HTML page
    """
    if not data.strip():
        raise EmptyInput(f"{source}: the input is empty (or only whitespace)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return clean_text(data.decode(codec, errors="replace"), source), codec.removesuffix("-sig")
    head = data[:SNIFF_BYTES]
    fmt = _sniff_format(head)
    if fmt:
        raise BinaryInput(f"{source}: looks like {fmt}, not a text or HTML page")
    utf16 = _bomless_utf16(head)
    if utf16:
        return clean_text(data.decode(utf16, errors="replace"), source), utf16
    _check_not_binary(data, head, source)
    text, encoding = _decode_8bit(data)
    return clean_text(text, source), encoding


def clean_text(text: str, source: str) -> str:
    """Normalise decoded text the same way whatever its origin (file, JSONL record, stdin).

    Newlines become ``\\n``, a leading BOM and every NUL are removed; text that is empty
    afterwards raises :class:`EmptyInput`, text full of control characters :class:`BinaryInput`.
    """
    text = text.removeprefix("\ufeff").replace("\x00", "")
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _NEWLINES_RE.sub("\n", text)
    if not text.strip():
        raise EmptyInput(f"{source}: the input is empty (or only whitespace)")
    sample = text[:SNIFF_BYTES]
    if len(_CONTROL_CHARS_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(f"{source}: mostly control characters; this is binary data, not a page")
    return text


def _sniff_format(head: bytes) -> str:
    """Name the binary format ``head`` starts with, or return ``""``."""
    for magic, name in MAGIC_NUMBERS:
        if name and head.startswith(magic):
            return name
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "bzip2-compressed data (decompress it first)"
    if head.startswith(b"BM") and len(head) > 14 and b"\x00" in head[2:14]:
        return "a BMP image"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(head[8:12], "an AVI video")
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime video (or HEIC image)"
    return ""


def _bomless_utf16(head: bytes) -> str:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when ``head`` is UTF-16 text saved without a BOM.

    Latin-script UTF-16 has a NUL in every other byte and none in the others; that pattern
    does not happen in binary formats often enough to matter, and they are caught later anyway.
    """
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return ""
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.8 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.8 * half and odd_nuls == 0:
        return "utf-16-be"
    return ""


def _check_not_binary(data: bytes, head: bytes, source: str) -> None:
    """Raise :class:`BinaryInput` for NULs or control bytes in bulk (no known magic number)."""
    nuls = data.count(0)
    if nuls > len(data) // BYTES_PER_TOLERATED_NUL:
        raise BinaryInput(f"{source}: contains NUL bytes ({nuls:,}); this is binary data, not a page")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES)) - head.count(0)
    if controls > MAX_CONTROL_SHARE * len(head):
        raise BinaryInput(f"{source}: mostly control characters; this is binary data, not a page")


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """Steps 6-9: strict UTF-8, truncated UTF-8, mixed, then legacy."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            # Cut mid-character at the end: drop the dangling bytes, keep the rest as UTF-8.
            data = data[: exc.start]
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
    if _UTF8_MULTIBYTE_RE.search(data):
        data = data[: len(data) - _dangling_tail(data)]
        return data.decode("utf-8", errors=_MIXED_ERRORS), "utf-8+cp1252"
    return _decode_legacy(data)


def _dangling_tail(data: bytes) -> int:
    """Count the bytes of an unfinished UTF-8 sequence at the end of ``data`` (0 to 3)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:  # a lead byte: how long should its sequence be?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if back < need else 0
    return 0


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """A file with no UTF-8 in it: cp1252 for Latin text, charset-normalizer for other scripts."""
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII_BYTES))
    letters = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES)) + non_ascii
    if non_ascii > MAX_LATIN_NON_ASCII_SHARE * letters:
        from charset_normalizer import from_bytes  # imported here: only legacy files need it

        best = from_bytes(data).best()
        if best is not None and best.encoding not in ("utf_8", "ascii"):
            return str(best), best.encoding
    return data.decode("cp1252", errors=_MIXED_ERRORS), "cp1252"
