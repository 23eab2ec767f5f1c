"""registered_domain: host or URL -> the publisher's registered domain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.extract.domains import registered_domain


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("news.detik.com", "detik.com"),
        ("www.tempo.co", "tempo.co"),
        ("jabar.tribunnews.com", "tribunnews.com"),
        ("www.kontan.co.id", "kontan.co.id"),
        ("nasional.kontan.co.id", "kontan.co.id"),
        ("kontan.co.id", "kontan.co.id"),
        ("berita.jakarta.go.id", "jakarta.go.id"),
        ("lppm.ui.ac.id", "ui.ac.id"),
        ("www.walhi.or.id", "walhi.or.id"),
        ("blog.contoh.web.id", "contoh.web.id"),
        ("m.antaranews.com", "antaranews.com"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("https://WWW.Kompas.COM/read/2024/01/17/x?page=2", "kompas.com"),
        ("http://user@sub.serambinews.com:8080/path", "serambinews.com"),
        ("tempo.co.", "tempo.co"),
        ("localhost", "localhost"),
        ("192.168.1.10", "192.168.1.10"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_registered_domain(host: str, expected: str) -> None:
    assert registered_domain(host) == expected


_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)


@given(st.lists(_label, min_size=1, max_size=3), st.sampled_from(["com", "co.id", "go.id", "co", "net"]))
def test_registered_domain_is_stable_under_subdomains(labels: list[str], suffix: str) -> None:
    """Adding sub-site labels never changes the answer, and the answer is idempotent."""
    domain = f"{labels[-1]}.{suffix}"
    host = ".".join([*labels, suffix])
    assert registered_domain(host) == domain
    assert registered_domain(registered_domain(host)) == domain


def test_outlet_directory_is_well_formed() -> None:
    """Every row: a host, printed names, and (for a regional brand) a network the directory knows."""
    import re

    from warta.extract.outlet import DOMAIN, networks, outlet_names
    from warta.lang import read_table

    for row in read_table("id", "outlets.tsv"):
        assert len(row) in (2, 3), row
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", row[0]), row
        assert all(name.strip() for name in row[1].split("|")), row
        if len(row) == 3:
            assert DOMAIN.fullmatch(row[2]), row
    assert set(networks().values()) == {"suara.com", "inews.id", "tribunnews.com"}
    assert outlet_names()["suarajogja"] == "suara.com"
    assert outlet_names()["tribunjogja"] == "tribunnews.com"


def test_network_domain_shapes_apply_only_to_unlisted_domains() -> None:
    from warta.extract.outlet import publisher

    assert publisher("https://inewscontohkota.id/berita/1") == "inews.id"
    assert publisher("tribuncontoh.com") == "tribunnews.com"
    assert publisher("suarakarya.id") == "suarakarya.id"  # listed: an independent daily
    assert publisher("suara-lain.com") == "suara-lain.com"
