"""Find publication dates as Indonesian outlets print them.

Forms handled (one regular grammar, not a list of outlet templates):

    Rabu, 17 Januari 2024 21:02 WIB          Jumat, 27 Oktober 2023 / 07:37 WIB
    SENIN, 15 AGUSTUS 2022 | 11:53 WIB      Kamis, 14 September 2023, 18:55 WITA
    Rabu (13/9/2023)                          17/01/2024, 21:02 WIB
    diperbarui 05 Sep 2024, 16:35 WIB         14 Agu 2024, 15:57      date 2024-03-18

Month and day names come from ``lang/id/time.json``, shared with the temporal tagger (Agt,
Sept, Des, Nop, Peb ...), plus the English forms some CMSs print in page headers ("29 March
2024 16:50"), which the tagger leaves out because "may" and "sun" are ordinary words in text.
dateparser is not used here: for these fixed forms a grammar is both faster and right more
often (it misreads "Nop"/"Peb" and "Minggu").

>>> m = find_dates("Rabu, 17 Januari 2024 21:02 WIB")[0]
>>> m.iso()
'2024-01-17T21:02:00+07:00'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache, lru_cache

from warta.lang.id import load_time_words

#: Years outside this window are almost always misreads (prices, counts, page numbers).
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date (and maybe a clock time and zone) found in a line, with its character span."""

    start: int
    end: int
    day: date
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None
    weekday_named: bool = False

    def iso(self) -> str:
        """ISO 8601: with time and offset when the zone is known, time alone, or the date."""
        if self.hour is None or self.minute is None:
            return self.day.isoformat()
        value = datetime(self.day.year, self.day.month, self.day.day, self.hour, self.minute)
        if self.zone:
            value = value.replace(tzinfo=timezone(timedelta(hours=zone_offsets()[self.zone])))
        return value.isoformat()


@cache
def _names(kind: str) -> dict[str, int]:
    words = load_time_words()
    if kind == "month":
        return {**words["months"], **words["month_abbreviations"], **words["months_english"]}
    return {**words["days"], **words["days_english"]}


@cache
def zone_offsets() -> dict[str, int]:
    """Indonesian time zones and their UTC offsets in hours (WIB 7, WITA 8, WIT 9)."""
    return {zone: int(offset[:3]) for zone, offset in load_time_words()["zones"].items()}


def _alt(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    month = _alt(_names("month"))
    zones = "|".join(sorted(zone_offsets(), key=len, reverse=True))

    long_form = rf"(?P<d1>\d{{1,2}})\s*(?P<mon>{month})\.?\s*,?\s*(?P<y1>\d{{4}})"
    numeric = r"\(?(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})\)?"
    iso = r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:T(?=\d))?"
    clock = (rf"(?:\s*(?:[,|/•\-–—]|\bpukul\b|\bjam\b)?\s*)(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)"
             rf"(?::[0-5]\d)?(?!\d)(?:\s*(?P<zone>{zones})\b)?")
    # The scan starts at a digit or "(" (fast to reject elsewhere); the weekday name before a
    # date is looked for afterwards, behind the match (see _WEEKDAY_BEFORE).
    return re.compile(rf"(?<![\d/])(?:{long_form}|{numeric}|{iso})(?:{clock})?", re.IGNORECASE)


@cache
def _weekday_before() -> re.Pattern[str]:
    day = _alt(_names("day"))
    return re.compile(rf"(?:{day})\b\.?\s*,?\s*$", re.IGNORECASE)


def find_dates(text: str) -> list[DateMention]:
    """Every full date (day, month and year) in ``text``, in order of appearance."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)  # the header lines are asked about by several steps of one page
def _find_dates(text: str) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    months = _names("month")
    for m in _pattern().finditer(text):
        g = m.groupdict()
        try:
            if g["d1"]:
                day = date(int(g["y1"]), months[g["mon"].casefold()], int(g["d1"]))
            elif g["d2"]:
                day = date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
            else:
                day = date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        except (ValueError, KeyError):
            continue
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            continue
        hour = int(g["hh"]) if g["hh"] else None
        minute = int(g["mm"]) if g["mm"] else None
        zone = g["zone"].upper() if g["zone"] else None
        wd = _weekday_before().search(text, max(0, m.start() - 12), m.start())
        start = wd.start() if wd else m.start()
        found.append(DateMention(start, m.end(), day, hour, minute, zone, wd is not None))
    return tuple(found)
