"""``warta ingest`` and ``warta search`` end to end, on invented pages written to a temp dir."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main


def page(*paragraphs: str) -> str:
    """A plain-text scrape: headline, date line, then one paragraph a line, blank lines between."""
    return "\n\n".join(paragraphs) + "\n"


PAGES = {
    "jembatan.txt": page(
        "Warga Desa Sukamaju Gotong Royong Perbaiki Jembatan Gantung",
        "Kamis, 14 Maret 2024 10:15 WIB",
        "KOMPAS.com, GARUT - Puluhan warga Desa Sukamaju, Kecamatan Cisurupan, Kabupaten Garut, "
        "bergotong royong memperbaiki jembatan gantung yang rusak diterjang banjir bandang pekan lalu.",
        "Kepala Desa Sukamaju, Asep Hidayat, mengatakan jembatan itu merupakan satu-satunya akses "
        "warga menuju sekolah dan pasar di seberang sungai.",
        "Menurut dia, perbaikan ditargetkan selesai dalam dua pekan dengan bantuan material dari "
        "pemerintah kabupaten.",
    ),
    "kereta.txt": page(
        "Jadwal Kereta Lokal Bandung Raya Berubah Mulai Bulan Depan",
        "Senin, 4 Maret 2024 08:00 WIB",
        "TEMPO.CO, Bandung - PT Kereta Api Indonesia Daerah Operasi 2 Bandung mengubah jadwal "
        "perjalanan kereta lokal Bandung Raya mulai 1 April 2024.",
        "Manajer Humas Daop 2, Rina Wulandari, mengatakan perubahan dilakukan untuk menyesuaikan "
        "jadwal dengan jam kerja dan sekolah para penumpang.",
        "Penumpang diminta memeriksa jadwal terbaru melalui aplikasi sebelum berangkat ke stasiun.",
    ),
}

JSONL_RECORD = {
    "url": "https://www.antaranews.com/berita/12345/nelayan-cilacap-panen-ikan-layur",
    "text": page(
        "Nelayan Cilacap Panen Ikan Layur di Awal Musim Kemarau",
        "Rabu, 6 Maret 2024 15:30 WIB",
        "Cilacap (ANTARA) - Nelayan di Kabupaten Cilacap, Jawa Tengah, mulai panen ikan layur seiring "
        "datangnya musim kemarau di perairan selatan Jawa.",
        "Ketua Himpunan Nelayan setempat, Sarjono, mengatakan hasil tangkapan meningkat hampir dua kali "
        "lipat dibanding bulan sebelumnya.",
        "Harga ikan layur di tempat pelelangan ikan kini berkisar Rp40 ribu per kilogram.",
    ),
}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps(JSONL_RECORD) + "\n", encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_reingest_is_a_noop(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    code, out, err = run("ingest", str(pages), "--db", db)
    assert code == 0, err
    assert out.startswith("3 added, 0 already stored, 0 failed")
    assert "3 pages" in err  # the progress line
    code, out, _ = run("ingest", str(pages), "--db", db, "--quiet")
    assert code == 0
    assert out.startswith("0 added, 3 already stored, 0 failed")
    assert "(3 articles in all)" in out


def test_glob_and_jsonl_inputs(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run("ingest", str(pages / "*.txt"), "--db", db, "-q")[1].startswith("2 added")
    assert run("ingest", str(pages / "feed.jsonl"), "--db", db, "-q")[1].startswith("1 added")
    conn = sqlite3.connect(db)
    url, outlet = conn.execute("SELECT p.url, a.outlet FROM pages p JOIN articles a ON a.page_id = p.id "
                               "WHERE p.url IS NOT NULL").fetchone()
    conn.close()
    assert url == JSONL_RECORD["url"]
    assert outlet  # the URL tells the outlet


def test_search_finds_stored_articles(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    run("ingest", str(pages), "--db", db, "-q")
    code, out, _ = run("search", "jembatan gantung", "--db", db)
    assert code == 0
    assert "Jembatan Gantung" in out
    code, out, _ = run("search", "layur OR kereta", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    assert {"article_id", "title", "outlet", "published", "source", "snippet", "score"} <= set(rows[0])
    code, out, _ = run("search", 'AND( "unbalanced -', "--db", db)
    assert code == 0
    assert "no article matches" in out


def test_bad_page_is_reported_and_the_rest_stored(pages: Path, tmp_path: Path) -> None:
    (pages / "kosong.txt").write_text("   \n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    code, out, err = run("ingest", str(pages), "--db", db, "-q")
    assert code == 0
    assert out.startswith("3 added, 0 already stored, 1 failed")
    assert "kosong.txt" in err


def test_search_without_a_knowledge_base_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    code, _, err = run("search", "gempa", "--db", str(db))
    assert code == 1
    assert "no knowledge base" in err
    assert not db.exists()


def test_garbage_db_is_refused_and_kept(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "catatan.db"
    db.write_bytes(b"daftar belanja: beras, telur, minyak goreng\n")
    code, _, err = run("ingest", str(pages), "--db", str(db))
    assert code == 1
    assert "not a SQLite database" in err
    assert db.read_bytes() == b"daftar belanja: beras, telur, minyak goreng\n"


def test_demo_runs_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from warta import demo

    monkeypatch.chdir(tmp_path)
    assert demo.main() == 0
    first = capsys.readouterr().out
    assert demo.main() == 0
    second = capsys.readouterr().out
    assert (tmp_path / "demo.db").exists()
    assert " 0 already stored" in first and "search " in first
    assert " 0 added" in second and "already stored" in second
