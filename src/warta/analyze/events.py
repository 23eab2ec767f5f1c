"""Dated events: each clause that carries a resolved date, with the entities in it.

A story's timeline is built from these: "what happened when, and to whom". The temporal
tagger (:mod:`warta.analyze.timex`) finds and resolves the dates against the publication date;
this step keeps those that name a day, week, month or year (not durations or sets), cuts the
clause around each, and lists the entities mentioned in that clause as its actors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from warta.analyze.timex import find_timexes
from warta.types import Event, Mention

#: Clause boundaries: sentence ends, semicolons, and a newline between paragraphs.
CLAUSE_END = re.compile(r"(?<=[.!?;])[\"”’]?\s+|\n+")
#: Values that name a point or period on the calendar (TIMEX3 DATE/TIME values).
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}|W\d{2}|Q\d|H\d)(?:-\d{2})?(?:T[\d:]+|T(?:MO|AF|EV|NI))?)?$")


def _clause(body: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in CLAUSE_END.finditer(body, 0, start):
        left = m.end()
    nxt = CLAUSE_END.search(body, end)
    right = nxt.start() if nxt else len(body)
    return left, right


def find_events(body: str, reference: date, mentions: Sequence[Mention]) -> list[Event]:
    """One event per resolved calendar date in ``body`` (the publication date is ``reference``)."""
    events: list[Event] = []
    for t in find_timexes(body, reference):
        if t.type not in ("DATE", "TIME") or not CALENDAR_VALUE.match(t.value):
            continue
        left, right = _clause(body, t.start, t.end)
        actors: list[str] = []
        for m in mentions:
            if left <= m.start and m.end <= right and m.canonical not in actors:
                actors.append(m.canonical)
        granularity = getattr(t, "granularity", None) or ("day" if len(t.value) >= 10 else "month")
        events.append(Event(t.value, str(granularity), body[left:right].strip(), left, right, t.text, tuple(actors)))
    return events
