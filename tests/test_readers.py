"""Inputs as named by the user -> a stream of RawPage / ReadFailure."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from warta.ingest.readers import detect_kind, iter_pages
from warta.types import RawPage, ReadFailure

TEXT_PAGE = "Menu\nBeranda\n\nWARGANET.ID, Jakarta - Isi berita yang cukup panjang untuk dibaca.\n"
HTML_PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Isi berita.</p></body></html>"


def _pages(items: list[RawPage | ReadFailure]) -> list[RawPage]:
    return [item for item in items if isinstance(item, RawPage)]


def _failures(items: list[RawPage | ReadFailure]) -> list[ReadFailure]:
    return [item for item in items if isinstance(item, ReadFailure)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small corpus folder the way scrapes come: pages, sidecars, gold, a nested folder."""
    (tmp_path / "b.txt").write_text(TEXT_PAGE, encoding="utf-8")
    (tmp_path / "a.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "a.url").write_text("https://example.com/a", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not a page", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT_PAGE, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.htm").write_text(HTML_PAGE, encoding="utf-8")
    (sub / "d.TXT").write_text(TEXT_PAGE, encoding="utf-8")
    return tmp_path


def test_file_source_is_the_path_exactly_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.txt").write_text(TEXT_PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [page] = list(iter_pages(["./p.txt"]))
    assert isinstance(page, RawPage)
    assert (page.source, page.kind, page.encoding, page.url) == ("./p.txt", "text", "utf-8", None)
    assert page.text == TEXT_PAGE


def test_directory_walk_is_recursive_sorted_and_page_files_only(tree: Path) -> None:
    items = list(iter_pages([str(tree)]))
    assert not _failures(items)
    rel = [Path(p.source).relative_to(tree).as_posix() for p in _pages(items)]
    assert rel == ["a.html", "b.txt", "sub/c.htm", "sub/d.TXT"]
    assert [p.kind for p in _pages(items)] == ["html", "text", "html", "text"]


def test_glob_is_expanded_sorted_and_filtered(tree: Path) -> None:
    items = list(iter_pages([str(tree / "*")]))
    rel = [Path(p.source).relative_to(tree).as_posix() for p in _pages(items)]
    assert rel == ["a.html", "b.txt", "sub/c.htm", "sub/d.TXT"]  # a.url, gold.jsonl, notes.md left out
    assert [Path(p.source).name for p in _pages(list(iter_pages([str(tree / "**" / "*.htm")])))] == ["c.htm"]


def test_glob_without_match_is_a_failure(tmp_path: Path) -> None:
    [item] = list(iter_pages([str(tmp_path / "*.txt")]))
    assert isinstance(item, ReadFailure)
    assert "no file matches" in item.error


def test_missing_path_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT_PAGE, encoding="utf-8")
    missing = str(tmp_path / "hilang.txt")
    items = list(iter_pages([missing, str(tmp_path / "ok.txt")]))
    assert isinstance(items[0], ReadFailure)
    assert items[0].source == missing
    assert "no such file or directory" in items[0].error
    assert isinstance(items[1], RawPage)


def test_explicit_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "halaman.dat"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [page] = list(iter_pages([str(path)]))
    assert isinstance(page, RawPage) and page.kind == "html"


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"url": "https://kabarku.id/a", "text": TEXT_PAGE}),
        "{not json",
        json.dumps({"url": "https://kabarku.id/b", "html": "<p>Isi</p>"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://kabarku.id/c"}),
        json.dumps({"text": "   "}),
        json.dumps({"url": 5, "text": "x"}),
        json.dumps({"text": HTML_PAGE}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_pages([str(path)]))
    by_source = {item.source: item for item in items}
    src = str(path)
    assert set(by_source) == {f"{src}#{n}" for n in (1, 2, 3, 5, 6, 7, 8, 9)}  # blank line 4 skipped
    first = by_source[f"{src}#1"]
    assert isinstance(first, RawPage)
    assert (first.url, first.kind, first.text) == ("https://kabarku.id/a", "text", TEXT_PAGE)
    third = by_source[f"{src}#3"]
    assert isinstance(third, RawPage) and third.kind == "html"
    assert "not a JSON record" in _error(by_source[f"{src}#2"])
    assert "expected a JSON object" in _error(by_source[f"{src}#5"])
    assert "no 'text' or 'html'" in _error(by_source[f"{src}#6"])
    assert "empty" in _error(by_source[f"{src}#7"])
    assert "'url' must be a string" in _error(by_source[f"{src}#8"])
    ninth = by_source[f"{src}#9"]
    assert isinstance(ninth, RawPage) and ninth.kind == "html"


def _error(item: RawPage | ReadFailure) -> str:
    assert isinstance(item, ReadFailure)
    return item.error


def test_jsonl_record_over_the_limit_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"text": "kata " * 400})
    small = json.dumps({"text": "Berita pendek tetapi cukup."})
    path.write_text(f"{big}\n{small}\n", encoding="utf-8")
    items = list(iter_pages([str(path)], max_bytes=500))
    assert isinstance(items[0], ReadFailure) and "limit" in items[0].error
    assert isinstance(items[1], RawPage) and items[1].source == f"{path}#2"


def test_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_text("a" * 101, encoding="utf-8")
    [item] = list(iter_pages([str(path)], max_bytes=100))
    assert isinstance(item, ReadFailure)
    assert "101 bytes is more than the 100-byte limit" in item.error


def test_stdin_is_one_page(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(TEXT_PAGE.encode("cp1252")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [page] = list(iter_pages(["-"]))
    assert isinstance(page, RawPage)
    assert (page.source, page.text) == ("-", TEXT_PAGE)


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50)))
    [item] = list(iter_pages(["-"], max_bytes=10))
    assert isinstance(item, ReadFailure) and "limit" in item.error


def test_iter_pages_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT_PAGE, encoding="utf-8")
    stream = iter_pages([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    first = next(stream)
    assert isinstance(first, RawPage)
    (tmp_path / "b.txt").write_text(TEXT_PAGE, encoding="utf-8")  # created after reading began
    assert isinstance(next(stream), RawPage)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (HTML_PAGE, "html"),
        ("<html lang='id'><p>isi</p></html>", "html"),
        ("   \n<!doctype html>\n<title>x</title>", "html"),
        ("<div class='c'><p>Satu</p><p>Dua</p><p>Tiga</p><a href='/x'>x</a><span>y</span></div>", "html"),
        (TEXT_PAGE, "text"),
        ("Suhu < 30 derajat, dan harga > Rp10.000.\nBaca juga: <b>ini</b> bukan HTML.\n" * 3, "text"),
        ("Rumus a<b dan b>c sering salah ketik sebagai <br> di naskah lama.", "text"),
    ],
)
def test_detect_kind(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


def test_bundled_samples_read_cleanly(samples_dir: Path) -> None:
    items = list(iter_pages([str(samples_dir)]))
    assert not _failures(items)
    pages = _pages(items)
    assert len(pages) >= 10
    assert sum(p.kind == "html" for p in pages) == 2
    assert all(p.url for p in pages if "#" in p.source)


def test_real_corpus_reads_without_failures(shared_corpus: Path) -> None:
    items = list(iter_pages([str(shared_corpus / "dev")]))
    assert items and not _failures(items)
