"""Endless, varied plain-text news pages, made up from the bundled sample pages.

A benchmark over the same ten pages repeated would measure caches, not the extractor, so each
page is recombined: the header and footer boilerplate of one sample (menus, tickers, promos,
footers), a headline and a date line in one of the forms Indonesian sites print, a dateline
lead, and five to sixteen body paragraphs drawn from *all* samples, with people, places and
numbers swapped at random. "Baca Juga" lines, photo captions, ads and "Berita terkait" lists
are sprinkled in where real pages have them.

:func:`synth_pages` is a generator: page ``i`` exists only while the consumer holds it, so
10,000 or 1,000,000 pages cost the same memory.

>>> pages = synth_pages(seed=1)
>>> first = next(pages)
>>> first.source, first.kind
('synthetic/000000.txt', 'text')
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

from warta.types import RawPage

# A line this long is body prose in the samples; shorter lines are boilerplate or headings.
MIN_PARAGRAPH_CHARS = 110

OUTLETS = (
    ("WARTANUSA.COM", "wartanusa.com"), ("KabarPagi.co.id", "kabarpagi.co.id"),
    ("suaratimur.id", "suaratimur.id"), ("LintasBerita.net", "lintasberita.net"),
    ("CAKRAWALANEWS.COM", "cakrawalanews.com"), ("BERITASATU-NUSA.ID", "beritasatu-nusa.id"),
    ("Harian Sedahan", "hariansedahan.com"), ("KOTAKITA.CO.ID", "kotakita.co.id"),
)
# Invented names only: the samples' people and places, and more of the same kind.
PEOPLE = (
    "Hendra Wiratmaja", "Yudistira Ramdani", "Sutarmi", "Asep Sopandi", "Bima Santosa",
    "Darmawan Hadi", "Rukmini", "Lukman Hakim Siregar", "Bambang Irawan", "Yosua Manuhutu",
    "Andi Mappasessu", "Ujang Saepudin", "Sri Wahyuni", "Retno Palupi", "Agus Salimin",
    "Made Suarjana", "Nurul Hidayah", "Theresia Lobo", "Fransiskus Bere", "Wayan Kertiasa",
)
PLACES = (
    "Pasirluhur", "Wanajaya", "Lappa Riaja", "Cikareo", "Mekarsaluyu", "Lembursari", "Sukamenak",
    "Tanjung Batu", "Sedahan", "Karangwangi", "Batu Lima", "Sungai Ipuh", "Rantau Pandan",
    "Ngarip", "Waikelo", "Lamboya", "Kutamaya", "Pangkalan Tujuh",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
ZONES = ("WIB", "WIB", "WIB", "WITA", "WIT")
_NUMBER_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Material:
    """What the samples offer, split into parts that can be recombined."""

    headers: tuple[tuple[str, ...], ...]
    footers: tuple[tuple[str, ...], ...]
    paragraphs: tuple[str, ...]
    titles: tuple[str, ...]
    names: re.Pattern[str]


def synth_pages(seed: int = 7, limit: int | None = None) -> Iterator[RawPage]:
    """Yield ``limit`` pages (endless when None), the same ones for the same ``seed``."""
    material = _load_material()
    rng = random.Random(seed)
    i = 0
    while limit is None or i < limit:
        yield RawPage(source=f"synthetic/{i:06d}.txt", text=_page(rng, material), kind="text")
        i += 1


def _load_material() -> _Material:
    samples = files("warta").joinpath("samples")
    headers: list[tuple[str, ...]] = []
    footers: list[tuple[str, ...]] = []
    paragraphs: list[str] = []
    titles: list[str] = []
    for entry in sorted(samples.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        lines = entry.read_text(encoding="utf-8").splitlines()
        prose = [i for i, line in enumerate(lines) if len(line) >= MIN_PARAGRAPH_CHARS]
        if not prose:
            continue
        head, tail = lines[: prose[0]], lines[prose[-1] + 1 :]
        # The sample's own headline ends the part of its header that is reused (menus, ticker,
        # section name); the headline, date and byline are made anew for every page.
        at = next((i for i, line in enumerate(head) if _is_headline(line)), None)
        if at is None:
            continue
        titles.append(head[at])
        headers.append(tuple(head[:at]))
        footers.append(tuple(tail))
        paragraphs += [_strip_dateline(lines[i]) for i in prose]
    names = re.compile("|".join(re.escape(n) for n in sorted(PEOPLE + PLACES, key=len, reverse=True)))
    return _Material(tuple(headers), tuple(footers), tuple(paragraphs), tuple(titles), names)


def _is_headline(line: str) -> bool:
    return 30 <= len(line) <= 90 and not line.isupper() and ":" not in line


def _strip_dateline(paragraph: str) -> str:
    """Drop a sample's own dateline ("X.COM, Place - "): each synthetic page gets a fresh one."""
    head, sep, rest = paragraph.partition(" - ")
    return rest if sep and len(head) < 50 else paragraph


def _page(rng: random.Random, m: _Material) -> str:
    outlet, domain = rng.choice(OUTLETS)
    place = rng.choice(PLACES)
    count = rng.randint(5, min(16, len(m.paragraphs)))
    paragraphs = [_vary(rng, m, p) for p in rng.sample(m.paragraphs, count)]
    paragraphs[0] = f"{outlet}, {place} - {paragraphs[0]}"
    if rng.random() < 0.6:
        related = _vary(rng, m, rng.choice(m.titles))
        paragraphs.insert(rng.randint(2, len(paragraphs)), f"Baca Juga: {related}")
    if rng.random() < 0.4:
        paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(("Advertising", "ADVERTISEMENT")))
    title = _vary(rng, m, rng.choice(m.titles))
    parts = [
        "\n".join(_vary(rng, m, line) for line in rng.choice(m.headers)),
        title,
        _date_line(rng),
        _byline(rng),
        f"Suasana di {rng.choice(PLACES)}, {rng.choice(DAYS)} ({_short_date(rng)}). "
        f"ANTARA FOTO/{rng.choice(PEOPLE)}",
        "\n\n".join(paragraphs),
        "Berita Terkait\n" + "\n".join(
            f"{_vary(rng, m, rng.choice(m.titles))} {rng.randint(1, 11)} jam lalu" for _ in range(3)),
        "\n".join(rng.choice(m.footers)).replace("©", f"© {domain}"),
    ]
    return "\n\n".join(parts) + "\n"


def _vary(rng: random.Random, m: _Material, text: str) -> str:
    """Swap every known person or place for another, and every number for one of the same length."""
    text = m.names.sub(lambda _: rng.choice(PEOPLE if rng.random() < 0.5 else PLACES), text)
    return _NUMBER_RE.sub(lambda n: _same_length_number(rng, len(n.group())), text)


def _same_length_number(rng: random.Random, digits: int) -> str:
    return str(rng.randint(10 ** (digits - 1), 10**digits - 1))


def _date_line(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2018, 2025)
    hh, mm, zone = rng.randint(0, 23), rng.randint(0, 59), rng.choice(ZONES)
    weekday = rng.choice(DAYS)
    forms = (
        f"{weekday}, {day} {MONTHS[month - 1]} {year} {hh:02d}:{mm:02d} {zone}",
        f"{weekday.upper()}, {day} {MONTHS[month - 1].upper()} {year} | {hh:02d}:{mm:02d} {zone}",
        f"{weekday}, {day:02d}/{month:02d}/{year} {hh:02d}.{mm:02d} {zone}",
        f"{weekday} ({day}/{month}/{year})",
    )
    return rng.choice(forms)


def _short_date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2018, 2025)}"


def _byline(rng: random.Random) -> str:
    a, b = rng.sample(PEOPLE, 2)
    return rng.choice((f"Reporter: {a}\nEditor: {b}", f"Penulis: {a} | Editor: {b}", f"Oleh: {a}"))
