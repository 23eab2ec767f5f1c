"""Dated events: each clause that carries a resolved date, with the entities in it.

A story's timeline is built from these: "what happened when, and to whom". The temporal
tagger (:mod:`warta.analyze.timex`) finds and resolves the dates against the publication date;
this step keeps those that name a day, week, month or year (not durations or sets), cuts the
clause around each, and lists the entities mentioned in that clause as its actors.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date

from warta.analyze.timex import find_timexes
from warta.types import Event, Mention

#: Clause boundaries: sentence ends, semicolons, and a newline between paragraphs.
CLAUSE_END = re.compile(r"(?<=[.!?;])[\"”’]?\s+|\n+")
# The same boundaries for a scan of a whole body, found faster: the stop (or the first newline)
# is the first character of the match, so the engine jumps from one to the next. A match from
# a stop starts one character after the boundary it stands for (see ``_clause_ends``).
_CLAUSE_END_SCAN = re.compile(r"[.!?;\n](?:(?<=\n)\n*|[\"”’]?\s+)")
#: Values that name a point or period on the calendar (TIMEX3 DATE/TIME values).
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}|W\d{2}|Q\d|H\d)(?:-\d{2})?(?:T[\d:]+|T(?:MO|AF|EV|NI))?)?$")


def _clause(body: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in CLAUSE_END.finditer(body, 0, start):
        left = m.end()
    nxt = CLAUSE_END.search(body, end)
    right = nxt.start() if nxt else len(body)
    return left, right


class _Clauses:
    """:func:`_clause` for many spans of one body, from a single scan of its clause ends.

    The scan's matches are the ones a scan stopped at ``start`` (or begun at ``end``) finds,
    except when a match straddles that point; such a span is measured by :func:`_clause`.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts, self.ends = _clause_ends(body)

    def around(self, start: int, end: int) -> tuple[int, int]:
        starts, ends = self.starts, self.ends
        i = bisect_right(ends, start)      # the clause ends that finish by ``start``
        j = bisect_left(starts, end)       # the first clause end at or after ``end``
        if (i < len(starts) and starts[i] < start) or (j > 0 and ends[j - 1] > end):
            return _clause(self.body, start, end)
        return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(self.body))


def _clause_ends(body: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of ``CLAUSE_END.finditer(body)``'s matches, from ``_CLAUSE_END_SCAN``."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _CLAUSE_END_SCAN.finditer(body):
        start = m.start()
        starts.append(start if body[start] == "\n" else start + 1)
        ends.append(m.end())
    return starts, ends


def find_events(body: str, reference: date, mentions: Sequence[Mention]) -> list[Event]:
    """One event per resolved calendar date in ``body`` (the publication date is ``reference``)."""
    events: list[Event] = []
    clauses: _Clauses | None = None
    for t in find_timexes(body, reference):
        if t.type not in ("DATE", "TIME") or not CALENDAR_VALUE.match(t.value):
            continue
        if clauses is None:
            clauses = _Clauses(body)
        left, right = clauses.around(t.start, t.end)
        actors: list[str] = []
        for m in mentions:
            if left <= m.start and m.end <= right and m.canonical not in actors:
                actors.append(m.canonical)
        granularity = getattr(t, "granularity", None) or ("day" if len(t.value) >= 10 else "month")
        events.append(Event(t.value, str(granularity), body[left:right].strip(), left, right, t.text, tuple(actors)))
    return events
