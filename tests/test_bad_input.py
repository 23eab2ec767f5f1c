"""Bad inputs end as one clear error each, and never stop a batch.

Each case writes a broken file next to good ones and runs the whole read -> extract stream:
the broken one must come out as a result with a ``read:`` error that names the problem, and the
pages after it must still be processed.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from warta.ingest.readers import iter_pages
from warta.pipeline import extract_pages
from warta.types import RawPage

GOOD = (
    "KABARKU.ID, Pasirluhur - Pemerintah kabupaten mulai membangun jembatan darurat di desa itu "
    "setelah jembatan lama ambruk, kata bupati kepada wartawan, Sabtu (20/1/2024).\n"
)

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("kosong.txt", b"", "empty"),
    ("spasi.txt", b" \n\t\r\n   ", "empty"),
    ("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
    ("laporan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("arsip.txt", gzip.compress(GOOD.encode()), "gzip"),
    ("dump.html", b"\x00\x01\x02\x03" * 300, "binary"),
]


@pytest.mark.parametrize(("name", "data", "named"), BAD_FILES)
def test_bad_file_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes, named: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz-baik.txt").write_text(GOOD, encoding="utf-8")
    results = list(extract_pages(iter_pages([str(tmp_path / name), str(tmp_path / "zz-baik.txt")])))
    assert len(results) == 2
    bad, good = results
    assert bad.source == str(tmp_path / name)
    assert bad.article is None and bad.page is None
    assert bad.error is not None and bad.error.startswith("read: ")
    assert named in bad.error
    assert good.source == str(tmp_path / "zz-baik.txt")
    assert good.page is not None


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(b"kata " * 1000)
    [result] = list(extract_pages(iter_pages([str(path)], max_bytes=1000)))
    assert result.error is not None and "limit" in result.error


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "rahasia.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        if _can_read(path):
            pytest.skip("running as a user that can read anything (root)")
        [item] = list(iter_pages([str(path)]))
        assert not isinstance(item, RawPage)
        assert "cannot read" in item.error
    finally:
        path.chmod(0o644)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_legacy_and_truncated_files_still_become_pages(tmp_path: Path) -> None:
    (tmp_path / "lama.txt").write_bytes(("“Kutipan” lama — " + GOOD).encode("cp1252"))
    (tmp_path / "terpotong.txt").write_bytes((GOOD + "akhir —").encode()[:-2])
    pages = [p for p in iter_pages([str(tmp_path)]) if isinstance(p, RawPage)]
    found = [(Path(p.source).name, p.encoding) for p in pages]
    assert found == [("lama.txt", "cp1252"), ("terpotong.txt", "utf-8")]
    assert pages[0].text.startswith("“Kutipan” lama — KABARKU.ID")
    assert pages[1].text.endswith("akhir ")
