"""Inputs as the user names them -> a stream of :class:`RawPage` (or :class:`ReadFailure`).

One name can be many pages, and the reader works out which:

    "-"                      standard input, one page
    a directory              walked recursively in sorted order, page files only
    a glob ("pages/*.txt")   expanded, sorted, page files only
    a ``.jsonl`` file        one page per record {"url": ..., "text" | "html": ...}
    any other file           one page; HTML or a plain-text scrape, told apart by content

Streaming is the contract: :func:`iter_pages` yields each page as soon as it is read and keeps
no reference to it, and a JSONL file is read one line at a time, so memory does not grow with
the number of pages. A size check happens *before* a file is read (``os.stat``) and a JSONL
line is read with a length cap, so a 5 GB dump never lands in memory.

A name that cannot be read yields a :class:`ReadFailure` saying why, and reading goes on with
the next one: in a batch of ten thousand pages one broken file should cost one line of output.

>>> [type(p).__name__ for p in iter_pages(["no/such/file.txt"])]
['ReadFailure']
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from warta.errors import InputError, InputTooLarge
from warta.ingest.decode import DEFAULT_MAX_BYTES, check_size, clean_text, decode_bytes
from warta.types import PageKind, RawPage, ReadFailure

__all__ = ["DEFAULT_MAX_BYTES", "PAGE_SUFFIXES", "detect_kind", "iter_pages"]

# The files a directory walk or a glob picks up; anything else (``.url`` sidecars, images,
# notes) is left alone. A file named explicitly is always read, whatever its name.
PAGE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# Gold annotations live beside the pages in evaluation corpora; they are not pages.
NOT_PAGES = frozenset({"gold.jsonl"})

# Markup is sniffed in the head of the page only: enough for any real HTML document to show
# itself, and cheap on a 20 MB input.
KIND_SNIFF_CHARS = 65536

# A page with no <html>/<body>/doctype is still HTML when it is mostly tags: a fragment saved
# from an article div. A plain-text scrape may quote a "<br>" or "< 30 derajat" now and then,
# so it takes this many known tags, some of them closing tags, to call it markup.
MIN_HTML_TAGS = 8
MIN_HTML_CLOSING_TAGS = 3

_DOCUMENT_MARKERS_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_KNOWN_TAG_RE = re.compile(
    r"<(/?)(?:a|article|aside|b|blockquote|br|div|em|figcaption|figure|footer|h[1-6]|header|i|img|"
    r"li|link|main|meta|nav|ol|p|script|section|span|strong|style|table|td|tr|ul)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_GLOB_CHARS_RE = re.compile(r"[*?\[]")


def detect_kind(text: str) -> PageKind:
    """Tell an HTML page from a plain-text scrape by its content, not its file name.

    >>> detect_kind("<!DOCTYPE html><html><body><p>Isi</p></body></html>")
    'html'
    >>> detect_kind("Harga cabai < Rp50.000 per kilogram, kata pedagang.")
    'text'
    """
    head = text[:KIND_SNIFF_CHARS]
    if _DOCUMENT_MARKERS_RE.search(head):
        return "html"
    closing = 0
    for tags, match in enumerate(_KNOWN_TAG_RE.finditer(head), start=1):
        closing += bool(match.group(1))
        if tags >= MIN_HTML_TAGS and closing >= MIN_HTML_CLOSING_TAGS:
            return "html"
    return "text"


def iter_pages(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawPage | ReadFailure]:
    """Yield every page the inputs name, in order, one at a time.

    ``max_bytes`` caps one page (a file, a JSONL record or stdin); a bigger one becomes a
    :class:`ReadFailure` without being read.

    >>> pages = iter_pages(["pages/", "more/*.html", "feed.jsonl", "-"])  # doctest: +SKIP
    """
    for path in paths:
        if path == "-":
            yield _read_stdin(max_bytes)
        elif os.path.isdir(path):
            for file_path in _walk(path):
                yield from _read_path(file_path, max_bytes)
        elif os.path.exists(path):
            yield from _read_path(path, max_bytes)
        elif _GLOB_CHARS_RE.search(path):
            yield from _read_glob(path, max_bytes)
        else:
            yield ReadFailure(path, "no such file or directory")


def _walk(root: str) -> Iterator[str]:
    """Page files under ``root``, depth first in sorted order; hidden entries skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _is_page_file(name):
                yield os.path.join(dirpath, name)


def _is_page_file(name: str) -> bool:
    if name.startswith(".") or name in NOT_PAGES:
        return False
    return os.path.splitext(name)[1].lower() in PAGE_SUFFIXES


def _read_glob(pattern: str, max_bytes: int) -> Iterator[RawPage | ReadFailure]:
    matches = sorted(glob.iglob(pattern, recursive=True))
    if not matches:
        yield ReadFailure(pattern, "no file matches this pattern")
        return
    for match in matches:
        if os.path.isdir(match):
            for file_path in _walk(match):
                yield from _read_path(file_path, max_bytes)
        elif _is_page_file(os.path.basename(match)):
            yield from _read_path(match, max_bytes)


def _read_path(path: str, max_bytes: int) -> Iterator[RawPage | ReadFailure]:
    """One file: a JSONL file yields its records, any other file one page."""
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
    else:
        yield _read_file(path, max_bytes)


def _read_file(path: str, max_bytes: int) -> RawPage | ReadFailure:
    try:
        check_size(os.stat(path).st_size, path, max_bytes)
        with open(path, "rb") as fh:
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = fh.read(max_bytes + 1)
        check_size(len(data), path, max_bytes)
        text, encoding = decode_bytes(data, path)
    except InputError as exc:
        return ReadFailure(path, str(exc))
    except OSError as exc:
        return ReadFailure(path, f"cannot read: {exc.strerror or exc}")
    return RawPage(source=path, text=text, kind=detect_kind(text), encoding=encoding)


def _read_stdin(max_bytes: int) -> RawPage | ReadFailure:
    try:
        data = sys.stdin.buffer.read(max_bytes + 1)
        check_size(len(data), "-", max_bytes)
        text, encoding = decode_bytes(data, "-")
    except InputError as exc:
        return ReadFailure("-", str(exc))
    except OSError as exc:
        return ReadFailure("-", f"cannot read standard input: {exc.strerror or exc}")
    return RawPage(source="-", text=text, kind=detect_kind(text), encoding=encoding)


def _read_jsonl(path: str, max_bytes: int) -> Iterator[RawPage | ReadFailure]:
    """One page per line; a bad line is a failure of that record only."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - the generator closes it in ``finally``
    except OSError as exc:
        yield ReadFailure(path, f"cannot read: {exc.strerror or exc}")
        return
    try:
        for number, line in _capped_lines(fh, max_bytes):
            source = f"{path}#{number}"
            if line is None:
                yield ReadFailure(source, str(InputTooLarge(
                    f"{source}: the record is more than the {max_bytes:,}-byte limit for one page")))
            elif line.strip():
                yield _parse_record(line, source)
    except OSError as exc:
        yield ReadFailure(path, f"cannot read: {exc.strerror or exc}")
    finally:
        fh.close()


def _capped_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, line)``; ``None`` for a line over the cap, which is skipped unread."""
    number = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # discard the rest, one chunk at a time
                line = fh.readline(max_bytes)
            yield number, None
        else:
            yield number, line


def _parse_record(line: bytes, source: str) -> RawPage | ReadFailure:
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, ValueError) as exc:
        return ReadFailure(source, f"not a JSON record ({exc}); expected {{\"url\": ..., \"text\": ...}}")
    if not isinstance(record, dict):
        return ReadFailure(source, f"expected a JSON object, got {type(record).__name__}")
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        return ReadFailure(source, "'url' must be a string")
    for field, forced in (("html", "html"), ("text", None)):
        body = record.get(field)
        if body is None:
            continue
        if not isinstance(body, str):
            return ReadFailure(source, f"'{field}' must be a string")
        try:
            text = clean_text(body, source)
        except InputError as exc:
            return ReadFailure(source, str(exc))
        kind: PageKind = "html" if forced else detect_kind(text)
        return RawPage(source=source, text=text, kind=kind, url=url or None, encoding="utf-8")
    return ReadFailure(source, "the record has no 'text' or 'html' field")
