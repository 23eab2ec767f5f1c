"""Temporal expressions in Indonesian news, normalised TIMEX3-style against the publication date.

The tagger is a cascade of three plain stages, each marked below:

1. **scan** (:func:`warta.analyze.timex_rules.scan`): data-driven regexes find candidate spans
   ("Minggu (28/12/2014)", "pukul 06.18 WIB", "dua hari lalu", "sejenak") and keep the longest
   where they overlap;
2. **join**: a dated day followed, across white space only, by a clock time or a part of the day
   becomes one TIME ("Selasa (30/12/2014) sore" -> ``2014-12-30TAF``), as IndoTimex marks it;
3. **resolve**: in text order, each span gets a value. Deictic words ("kemarin", "pekan lalu",
   "pada Selasa") count from the *reference* date; anaphoric ones ("hari itu", "sebulan
   kemudian", a bare "pukul 07.55", "malam") count from the *anchor*, the last day the text
   itself named, which is how a Kompas story narrates a sequence of events.

dateparser is not used: it misreads exactly the cases news needs ("4 bulan lalu", "Minggu" as
a week, "Nop", "Peb"), and every absolute form it reads right is covered by the grammar here
at a fraction of the cost. Example::

    >>> from datetime import date
    >>> [t.value for t in find_timexes("Gempa terjadi Minggu (28/12) pukul 06.18 WIB.",
    ...                                date(2014, 12, 29))]
    ['2014-12-28T06:18']

Each :class:`Timex` carries, besides the TIMEX3 value, the ``granularity`` and first ``date``
of what it names, so the event builder can place a sentence on a timeline without re-parsing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from warta.analyze.timex_rules import Candidate, W, parse_number, scan

__all__ = ["Timex", "find_timexes"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its span in the text and its TIMEX3 type and value.

    ``granularity`` is one of time, day_part, day, week, month, quarter, half, season, year,
    decade, century (None for durations, sets and PRESENT_REF-like values); ``date`` is the
    first day of the period named, when there is one.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    granularity: str | None = None
    date: date | None = None
    mod: str | None = None
    zone: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's {"text", "start", "end", "type", "value"} plus the event fields."""
        row: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end,
                               "type": self.type, "value": self.value}
        if self.granularity:
            row["granularity"] = self.granularity
        if self.date:
            row["date"] = self.date.isoformat()
        if self.mod:
            row["mod"] = self.mod
        if self.zone:
            row["zone"] = self.zone
        row["rule"] = self.rule
        return row


@dataclass(frozen=True, slots=True)
class _Value:
    type: str
    value: str
    granularity: str | None = None
    day: date | None = None
    mod: str | None = None
    zone: str | None = None


# Granularities precise to a day: a later "hari itu" or "pukul 07.55" refers back to them.
_DAY_LEVEL = frozenset({"day", "time", "day_part"})
_JOINABLE = frozenset({"clock", "clockzone", "pod"})
_CLOCKS = frozenset({"clock", "clockzone"})
_DATED = frozenset({"numdate", "textdate", "dayname"})
_CLOCK_THEN_DAY = re.compile(r"\s*,\s*(?:pada\s+)?")
_MONTHS: dict[str, int] = {**W["months"], **W["month_abbreviations"]}
_DAYS: dict[str, int] = W["days"]
_UNITS: dict[str, str] = W["units"]
_TIME_UNITS = {"S": "S", "MIN": "M", "H": "H"}
# A fraction of a unit is written in the next smaller one: "setengah hari" is PT12H.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
            "MIN": ("S", 60), "DE": ("Y", 10), "CE": ("Y", 100)}
# A photo caption opens with its credit in capitals ("ANTARA FOTO/NAMA FOTOGRAFER Petugas ...");
# its date is when the photo was taken, not a step of the story, so it does not move the anchor.
_CAPTION_LINE = re.compile(r"\s*[A-Z][A-Za-z0-9.]*(?:[ .][A-Z0-9.]+)*\s?/\s?[A-Z][A-Z.']+(?:\s[A-Z.']+)*\s")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_FUTURE_CUE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, W["future_cues"])) + r")(?!\w)",
                         re.IGNORECASE)


# --- calendar helpers -------------------------------------------------------------------------

def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick(options: list[date], ref: date, direction: int) -> date | None:
    """The option on/before (-1), on/after (+1) or nearest to (0, ties to the past) ``ref``."""
    if direction < 0:
        past = [d for d in options if d <= ref]
        return max(past) if past else None
    if direction > 0:
        future = [d for d in options if d >= ref]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - ref).days), d > ref)) if options else None


def _direction(tail: str) -> int:
    if tail in ("lalu", "yang lalu", "kemarin", "silam"):
        return -1
    if tail in ("depan", "mendatang", "nanti", "yang akan datang"):
        return 1
    return 0


def _day(d: date, mod: str | None = None) -> _Value:
    return _Value("DATE", d.isoformat(), "day", d, mod)


def _month(y: int, m: int, mod: str | None = None) -> _Value:
    return _Value("DATE", f"{y:04d}-{m:02d}", "month", date(y, m, 1), mod)


def _year(y: int, mod: str | None = None) -> _Value:
    return _Value("DATE", f"{y:04d}", "year", date(y, 1, 1), mod)


def _week(d: date, suffix: str = "") -> _Value:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return _Value("DATE", f"{iso.year:04d}-W{iso.week:02d}{suffix}", "week", monday)


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P6Y, PT48H, PT12H for half a day, PXD when the count is vague."""
    if unit == "8Y":
        n, unit = (n * 8 if n is not None else None), "Y"
    while n is not None and n != int(n) and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        n, unit = n * factor, smaller
    count = "X" if n is None else _num(n)
    if unit in _TIME_UNITS:
        return f"PT{count}{_TIME_UNITS[unit]}"
    return f"P{count}{unit}"


def _compound(parts: list[tuple[float, str]]) -> str | None:
    """"1 jam 30 menit" -> PT1H30M; None when the units are out of order or not whole."""
    order = ["Y", "M", "W", "D", "H", "MIN", "S"]
    units = [u for _, u in parts]
    if any(u not in order or n != int(n) for n, u in parts) or units != sorted(units, key=order.index):
        return None
    day_part = "".join(f"{int(n)}{u}" for n, u in parts if u not in _TIME_UNITS)
    time_part = "".join(f"{int(n)}{_TIME_UNITS[u]}" for n, u in parts if u in _TIME_UNITS)
    return "P" + day_part + ("T" + time_part if time_part else "")


def _count(c: Candidate) -> float | None:
    if c.part("se"):
        return 1.0
    if c.part("vague"):
        return None
    return parse_number(c.part("n")) if c.part("n") else 1.0


# --- the resolver -----------------------------------------------------------------------------

class _Resolver:
    """Gives each candidate its value; holds the reference date and the running anchor."""

    def __init__(self, text: str, reference: date) -> None:
        self.text = text
        self.ref = reference
        self.anchor = reference

    def resolve(self, c: Candidate) -> _Value | None:
        handler = getattr(self, f"_r_{c.rule}")
        value: _Value | None = handler(c)
        return value

    # absolute dates

    def _full_date(self, c: Candidate, month: int) -> _Value | None:
        day, year = int(c.part("d")), c.part("y")
        if year:
            y = int(year) + (2000 if len(year) == 2 else 0)
            found = _safe_date(y, month, day)
        else:
            options = [d for y in (self.ref.year - 1, self.ref.year, self.ref.year + 1)
                       if (d := _safe_date(y, month, day))]
            found = _pick(options, self.ref, _direction(c.part("tail")))
        return _day(found) if found else None

    def _r_numdate(self, c: Candidate) -> _Value | None:
        month = int(c.part("m"))
        return self._full_date(c, month) if 1 <= month <= 12 else None

    def _r_textdate(self, c: Candidate) -> _Value | None:
        return self._full_date(c, _MONTHS[c.part("m").rstrip(".")])

    def _r_dayofmonth(self, c: Candidate) -> _Value | None:
        day = int(c.part("d"))
        first = self.ref.replace(day=1)
        months = [_shift_months(first, k) for k in (-1, 0, 1)]
        options = [d for m in months if (d := _safe_date(m.year, m.month, day))]
        found = _pick(options, self.ref, _direction(c.part("tail")))
        return _day(found) if found else None

    def _r_month(self, c: Candidate) -> _Value | None:
        month, mod = _MONTHS[c.part("m").rstrip(".")], W["modifiers"].get(c.part("mod"))
        if c.part("y"):
            return _month(int(c.part("y")), month, mod)
        tail = c.part("tail")
        here = self.ref.year * 12 + self.ref.month - 1
        options = [y * 12 + month - 1 for y in (self.ref.year - 1, self.ref.year, self.ref.year + 1)]
        if tail == "ini":
            chosen = self.ref.year * 12 + month - 1
        elif _direction(tail) < 0:
            chosen = max(o for o in options if o < here)
        elif _direction(tail) > 0:
            chosen = min(o for o in options if o > here)
        else:
            chosen = min(options, key=lambda o: (abs(o - here), o > here))
        return _month(chosen // 12, chosen % 12 + 1, mod)

    def _r_year(self, c: Candidate) -> _Value | None:
        mod = W["modifiers"].get(c.part("mod")) or ("APPROX" if c.part("approx") else None)
        return _year(int(c.part("y")), mod)

    def _r_decade(self, c: Candidate) -> _Value | None:
        dec = c.part("dec")
        if len(dec) == 2:
            dec = ("19" if int(dec) > self.ref.year % 100 else "20") + dec
        return _Value("DATE", dec[:3], "decade", date(int(dec), 1, 1),
                      "APPROX" if c.part("approx") else None)

    def _r_century(self, c: Candidate) -> _Value | None:
        raw = c.part("c")
        number = int(raw) if raw.isdigit() else _roman(raw)
        if not 1 <= number <= 30:
            return None
        return _Value("DATE", f"{number - 1:02d}", "century", date(max(1, (number - 1) * 100), 1, 1))

    def _r_yearpart(self, c: Candidate) -> _Value | None:
        code, n = W["year_parts"][c.part("kind")], W["ordinals"][c.part("n")]
        year = int(c.part("y")) if c.part("y") else self.ref.year + W["period_shift"].get(c.part("tail"), 0)
        if (code == "H" and n > 2) or (code == "T" and n > 3):
            return None
        months = {"Q": 3, "H": 6, "T": 4}[code]
        return _Value("DATE", f"{year:04d}-{code}{n}", "half" if code == "H" else "quarter",
                      date(year, (n - 1) * months + 1, 1))

    def _r_holiday(self, c: Candidate) -> _Value | None:
        code = W["holidays"][c.part("h")]
        month, day, part = int(code[:2]), int(code[3:5]), code[5:]
        if c.part("y"):
            # "malam tahun baru 2015" is the eve of 2015.
            found = date(int(c.part("y")) - (1 if part and month == 12 and day == 31 else 0), month, day)
        else:
            found = min((date(y, month, day) for y in (self.ref.year - 1, self.ref.year, self.ref.year + 1)),
                        key=lambda d: (abs((d - self.ref).days), d > self.ref))
        if part:
            return _Value("TIME", f"{found.isoformat()}{part}", "day_part", found)
        return _day(found)

    def _r_season(self, c: Candidate) -> _Value | None:
        year = self.ref.year + W["period_shift"].get(c.part("tail"), 0)
        return _Value("DATE", f"{year:04d}-{W['seasons'][c.part('s')]}", "season", None)

    # clock times and parts of the day

    def clock(self, c: Candidate, day: date) -> _Value:
        hour, minute = int(c.part("h")), int(c.part("mi") or 0)
        pod = c.part("pod")
        # "pukul 1 siang" is 13:00, "pukul 8 malam" 20:00, "pukul 12 malam" midnight.
        afternoon = (pod == "siang" and hour < 6) or (pod in ("sore", "petang", "senja") and hour < 12)
        if afternoon or (pod in ("malam", "malam hari") and 6 <= hour < 12):
            hour += 12
        elif pod in ("malam", "tengah malam") and hour == 12:
            hour = 0
        zone = W["zones"].get(c.parts.get("zone") or "")
        mod = "APPROX" if c.part("approx") in ("sekitar", "sekira", "kurang lebih") else None
        return _Value("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time", day, mod, zone)

    def _r_clock(self, c: Candidate) -> _Value | None:
        return self.clock(c, self.anchor)

    _r_clockzone = _r_clock
    _r_clockrange = _r_clock

    def part_of_day(self, c: Candidate, day: date) -> _Value:
        code = W["parts_of_day"][c.part("pod")]
        return _Value("TIME", f"{day.isoformat()}T{code}", "day_part", day)

    def _r_pod(self, c: Candidate) -> _Value | None:
        pre, tail = c.part("pre"), c.part("tail")
        if pre in ("kemarin",):
            day = self.ref - timedelta(days=1)
        elif pre in ("besok", "esok"):
            day = self.ref + timedelta(days=1)
        elif pre or tail in ("ini", "tadi", "nanti"):
            day = self.ref
        else:
            day = self.anchor
        return self.part_of_day(c, day)

    def _r_lastnight(self, c: Candidate) -> _Value | None:
        day = self.ref - timedelta(days=1)
        return _Value("TIME", f"{day.isoformat()}TNI", "day_part", day)

    # deictic and anaphoric dates

    def _r_dayname(self, c: Candidate) -> _Value | None:
        weekday, tail = _DAYS[c.part("dow")], c.part("tail")
        back = (self.ref.isoweekday() - weekday) % 7
        if tail in ("lalu", "kemarin"):
            return _day(self.ref - timedelta(days=back or 7))
        if tail == "ini":
            return _day(self.ref + timedelta(days=weekday - self.ref.isoweekday()))
        ahead = (7 - back) or 7  # days to the next such weekday, never today
        if tail in ("depan", "mendatang"):
            return _day(self.ref + timedelta(days=ahead))
        if back and (tail == "nanti" or self._future_context(c.start)):
            return _day(self.ref + timedelta(days=ahead))
        return _day(self.ref - timedelta(days=back))  # "pada Selasa": on or before the reference

    def _future_context(self, start: int) -> bool:
        """True when the clause before a bare day name speaks of the future ("akan digelar Kamis")."""
        window = self.text[max(0, start - 80):start]
        breaks = list(_SENTENCE_BREAK.finditer(window))
        clause = window[breaks[-1].end():] if breaks else window
        return _FUTURE_CUE.search(clause) is not None

    def _r_relday(self, c: Candidate) -> _Value | None:
        return _day(self.ref + timedelta(days=W["relative_days"][c.part("w")]))

    def _r_anchorday(self, c: Candidate) -> _Value | None:
        return _day(self.anchor + timedelta(days=W["anchor_days"][c.part("w")]))

    def _period(self, unit: str, base: date, shift: int, mod: str | None) -> _Value:
        if unit in ("pekan", "minggu"):
            return replace(_week(base + timedelta(weeks=shift)), mod=mod)
        if unit == "bulan":
            d = _shift_months(base, shift)
            return _month(d.year, d.month, mod)
        return _year(base.year + shift, mod)

    def _r_period(self, c: Candidate) -> _Value | None:
        mod = W["modifiers"].get(c.part("mod"))
        if c.part("shift"):
            return self._period(c.part("u"), self.ref, W["period_shift"][c.part("shift")], mod)
        return self._period(c.part("u"), self.anchor, W["anchor_shift"][c.part("anchor")], mod)

    def _r_modperiod(self, c: Candidate) -> _Value | None:
        return self._period(c.part("u"), self.ref, 0, W["modifiers"][c.part("mod")])

    def _r_weekend(self, c: Candidate) -> _Value | None:
        shift = W["period_shift"].get(c.part("shift"), 0)
        return _week(self.ref + timedelta(weeks=shift), "-WE")

    def _r_offset(self, c: Candidate) -> _Value | None:
        n, unit = _count(c), _UNITS.get(c.part("u"), "X")
        ago, ahead, rel = c.part("ago"), c.part("ahead"), c.part("rel")
        if n is None or unit == "X":
            if ago:
                return _Value("DATE", "PAST_REF")
            if ahead:
                return _Value("DATE", "FUTURE_REF")
            return _Value("DURATION", _duration(None, unit if unit != "X" else "X"))
        if unit in _TIME_UNITS:
            return _Value("DURATION", _duration(n, unit))
        if rel:
            base, sign = self.anchor, (-1 if rel in W["earlier"] else 1)
        else:
            base, sign = self.ref, (-1 if ago else 1)
        return _shifted(base, sign * n, unit, day_level=bool(rel))

    def _r_duration(self, c: Candidate) -> _Value | None:
        n = _count(c)
        if n is not None and n <= 0:
            return None
        value = _duration(n, _UNITS[c.part("u")])
        if c.part("u2") and n is not None and (n2 := parse_number(c.part("n2"))) is not None:
            value = _compound([(n, _UNITS[c.part("u")]), (n2, _UNITS[c.part("u2")])]) or value
        return _Value("DURATION", value,
                      mod="APPROX" if c.part("approx") in ("sekitar", "sekira", "kurang lebih") else None)

    def _r_rangehead(self, c: Candidate) -> _Value | None:
        return self._r_duration(c)

    def _r_redup(self, c: Candidate) -> _Value | None:
        return _Value("DURATION", _duration(None, _UNITS[c.part("u")]))

    def _r_vaguedur(self, c: Candidate) -> _Value | None:
        return _Value("DURATION", W["vague_durations"][c.part("w")])

    def _r_ref(self, c: Candidate) -> _Value | None:
        return _Value("DATE", W["refs"][c.part("w")])

    def _r_set(self, c: Candidate) -> _Value | None:
        word = c.part("u") or c.part("pu") or c.part("ku")
        if word in _UNITS:
            n = parse_number(c.part("n")) if c.part("n") else 1.0
            return _Value("SET", _duration(n, _UNITS[word]))
        if word in _DAYS:
            return _Value("SET", f"XXXX-WXX-{_DAYS[word]}")
        return _Value("SET", f"XXXX-XX-XXT{W['parts_of_day'][word]}")


def _roman(raw: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for i, ch in enumerate(raw):
        v = values[ch]
        total += -v if i + 1 < len(raw) and values[raw[i + 1]] > v else v
    return total


def _shifted(base: date, n: float, unit: str, *, day_level: bool) -> _Value | None:
    """``base`` moved by ``n`` units; "sebulan kemudian" keeps the day, "dua bulan lalu" the month."""
    if unit == "D":
        return _day(base + timedelta(days=round(n)))
    if unit == "W":
        moved = base + timedelta(days=round(n * 7))
        return _day(moved) if day_level else _week(moved)
    if unit == "M" or (unit == "Y" and n != int(n)):
        months = round(n * (12 if unit == "Y" else 1))
        moved = _shift_months(base, months)
        return _day(moved) if day_level else _month(moved.year, moved.month)
    years = {"Y": 1, "8Y": 8, "DE": 10, "CE": 100}.get(unit)
    return _year(base.year + round(n * years)) if years else None


def _in_caption(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return _CAPTION_LINE.match(text, line_start) is not None


# --- the cascade ------------------------------------------------------------------------------

def find_timexes(text: str, reference: date) -> list[Timex]:
    """Every temporal expression in ``text``, in order, valued against ``reference``.

    ``reference`` is the publication date; the result is deterministic and needs no model.
    """
    resolver = _Resolver(text, reference)
    out: list[Timex] = []
    cands = scan(text)  # 1. scan
    for i, cand in enumerate(cands):
        prev = out[-1] if out else None
        # 2. join: "Minggu (28/12/2014) pukul 07.55", "Selasa sore" -> one TIME
        if (prev is not None and prev.granularity == "day" and prev.date is not None
                and cand.rule in _JOINABLE and not cand.part("pre")
                and not text[prev.end:cand.start].strip()):
            day = prev.date
            joined = resolver.clock(cand, day) if cand.rule != "pod" else resolver.part_of_day(cand, day)
            out[-1] = Timex(text[prev.start:cand.end], prev.start, cand.end, joined.type, joined.value,
                            joined.granularity, joined.day, joined.mod, joined.zone,
                            f"{prev.rule}+{cand.rule}")
            continue
        # 3. resolve ("pukul 06.17 WIB, Minggu (28/12/2014)" takes the day named right after it)
        following = cands[i + 1] if i + 1 < len(cands) else None
        if (cand.rule in _CLOCKS and following is not None and following.rule in _DATED
                and _CLOCK_THEN_DAY.fullmatch(text, cand.end, following.start)
                and (named := resolver.resolve(following)) is not None and named.day is not None):
            value: _Value | None = resolver.clock(cand, named.day)
        else:
            value = resolver.resolve(cand)
        if value is None:
            continue
        if value.granularity in _DAY_LEVEL and value.day is not None and not _in_caption(text, cand.start):
            resolver.anchor = value.day
        out.append(Timex(text[cand.start:cand.end], cand.start, cand.end, value.type, value.value,
                         value.granularity, value.day, value.mod, value.zone, cand.rule))
    return out
