"""A story's timeline: the dated events of all its articles, merged, with disagreements flagged.

    events of each member (analysis)  ->  dates normalised to day / month / week
                                      ->  same date + similar clause = one entry citing every source
                                      ->  figures of one date compared across outlets ("14 orang
                                          meninggal" vs "62 orang meninggal") -> ``disagreement``
                                      ->  one clause given different dates by different outlets
                                          -> ``disagreement`` on the date

An analyst reads a timeline to learn what happened when, and *who says otherwise*: a death
toll that differs between outlets on the same day is either an update or an error, and either
way it should not be averaged away. So nothing is reconciled here; disagreements are shown.

>>> entries = build_timeline(members)                 # doctest: +SKIP
>>> entries[0].date, entries[0].sources, entries[0].disagreement   # doctest: +SKIP
('2022-11-21', ('a.txt', 'b.txt'), {'orang meninggal': {'14': ['a.txt'], '62': ['b.txt']}})
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from warta.lang.id import load_time_words
from warta.stories.features import content_words
from warta.types import AnalyzedArticle

#: Two dated clauses on one date are one timeline entry when this share of their words agree,
#: or when this share of the shorter clause's words is in the longer (a terse and a full report).
SAME_EVENT_JACCARD = 0.35
SAME_EVENT_CONTAINED = 0.5
#: Entries dated this many days before the story's first article are background ("Paus Yohanes
#: Paulus II berkunjung pada 1989"): kept, marked, and listed after the story's own days.
BACKGROUND_DAYS = 31
#: Two clauses this alike but dated differently by different outlets: a date disagreement.
#: Higher than SAME_EVENT_JACCARD: "banjir kembali melanda" recurs on many days legitimately.
SAME_CLAUSE_JACCARD = 0.6
#: Entries compared pairwise for date disagreements, per story (bounds a quadratic step).
MAX_DATE_CHECKS = 400
#: The date part of a TIMEX3 value: a day, a week, a month or a year. Anything after it (a
#: time "T10:30", or a part of day "TNI"/"TMO") is dropped: a timeline is kept to the day.
TIMEX_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}|\d{4})(?![\d-])")
#: A figure, its scale and the two words after it: "14 orang meninggal", "2.345 rumah rusak",
#: "1,5 juta warga", "empat belas orang" (number words are read with lang/id/time.json's).
FIGURE = re.compile(r"\b(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?|[a-z]+(?:\s+(?:belas|puluh|ratus))?)"
                    r"\s+(?:(ribu|juta)\s+)?([a-zA-Z]+)(?:\s+([a-zA-Z]+))?", re.IGNORECASE)
SCALES = {"ribu": 1_000, "juta": 1_000_000}
#: Words after a counted noun that say nothing about what was counted ("62 orang yang ...").
FILLER_AFTER = frozenset({"yang", "di", "dan", "dari", "ke", "itu", "ini", "pada", "dengan", "telah", "sudah"})


@cache
def counted_nouns() -> frozenset[str]:
    """The nouns a figure counts ("orang", "rumah" ...), from ``lang/id/stories_counted_nouns.txt``."""
    raw = files("warta.lang.id").joinpath("stories_counted_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _number(text: str) -> float | None:
    """A figure as printed ("2.345", "1,5", "empat belas") as a number, or None."""
    text = text.lower()
    if text[0].isdigit():
        return float(text.replace(".", "").replace(",", "."))
    words: dict[str, float] = load_time_words()["numbers"]
    multipliers: dict[str, float] = load_time_words()["number_multipliers"]
    head, _, tail = text.partition(" ")
    if head not in words:
        return None
    value = words[head]
    if tail == "belas":
        return value + 10
    return value * multipliers[tail] if tail in multipliers else value


def normalise_date(value: str) -> str | None:
    """A TIMEX3 value kept to its date ("2023-02-03TNI" -> "2023-02-03"); None for times alone.

    >>> normalise_date("2023-02-03T10:30"), normalise_date("T10:30"), normalise_date("PRESENT_REF")
    ('2023-02-03', None, None)
    """
    m = TIMEX_DATE.match(value.strip())
    return m.group(1) if m else None


def figures(text: str) -> dict[str, str]:
    """The counts a sentence gives, keyed by what is counted: {"orang meninggal": "14"}.

    The key is the counted noun and, when there is one, the word after it ("orang meninggal"
    and "orang luka" are different counts). Values are normalised ("empat belas" and "14" are
    one figure; "2.345" is 2345) so that only real differences are flagged.
    """
    nouns = counted_nouns()
    out: dict[str, str] = {}
    for m in FIGURE.finditer(text):
        noun, after = m.group(3).lower(), (m.group(4) or "").lower()
        if noun not in nouns:
            continue
        value = _number(m.group(1))
        if value is None:
            continue
        value *= SCALES.get((m.group(2) or "").lower(), 1)
        key = noun if not after or after in FILLER_AFTER else f"{noun} {after}"
        out.setdefault(key, f"{value:g}" if value < 1e6 else f"{value:.0f}")
    return out


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated happening of a story, with every article that reports it.

    ``disagreement`` maps what outlets disagree on to the values each gives, with the sources
    giving it: ``{"orang meninggal": {"14": ["a.txt"], "62": ["b.txt"]}}``, or for a date,
    ``{"date": {"2023-03-03": ["a.txt"], "2023-02-03": ["b.txt"]}}``. Empty when all agree.
    """

    date: str
    text: str
    sources: tuple[str, ...]
    actors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    disagreement: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    background: bool = False


@dataclass(slots=True)
class _Draft:
    date: str
    text: str
    words: set[str]
    sources: list[str]
    actors: list[str]
    said: dict[str, dict[str, str]]  # source -> {counted thing: figure}
    single: bool  # every clause merged here carried this one date only
    disagreement: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _same_event(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    common = len(a & b)
    return common / len(a | b) >= SAME_EVENT_JACCARD or common / min(len(a), len(b)) >= SAME_EVENT_CONTAINED


def build_timeline(members: Sequence[AnalyzedArticle], outlets: Mapping[str, str | None] | None = None,
                   start: date | None = None) -> tuple[TimelineEntry, ...]:
    """Merge the members' dated events into entries, oldest first; flag what outlets dispute.

    ``start`` is the story's first day: entries well before it are marked ``background``.
    """
    drafts: list[_Draft] = []
    for item in members:
        source = item.article.source
        dates_of: dict[int, set[str]] = {}
        for ev in item.events:
            when = normalise_date(ev.date)
            if when is not None:
                dates_of.setdefault(ev.start, set()).add(when)
        for ev in item.events:
            when = normalise_date(ev.date)
            if when is None:
                continue
            single = len(dates_of.get(ev.start, ())) == 1
            words = set(content_words(ev.sentence))
            said = figures(ev.sentence)
            for d in drafts:
                if d.date == when and _same_event(words, d.words):
                    if source not in d.sources:
                        d.sources.append(source)
                    d.actors.extend(a for a in ev.actors if a not in d.actors)
                    d.words |= words
                    d.single = d.single and single
                    for key, value in said.items():
                        d.said.setdefault(source, {}).setdefault(key, value)
                    break
            else:
                drafts.append(_Draft(when, ev.sentence.strip(), words, [source], list(ev.actors),
                                     {source: said} if said else {}, single))
    _flag_figures(drafts)
    _flag_dates(drafts)
    outlets = outlets or {}
    early = (start - timedelta(days=BACKGROUND_DAYS)).isoformat() if start else ""
    entries = [TimelineEntry(d.date, d.text, tuple(d.sources), tuple(d.actors),
                             tuple(sorted({o for s in d.sources if (o := outlets.get(s))})), d.disagreement,
                             background=bool(early) and d.date[:10] < early[:len(d.date[:10])])
               for d in drafts]
    # The story's own days first; then coarser ones ("2024", "2024-03"); then background.
    entries.sort(key=lambda e: (e.background, len(e.date) < len("2024-01-01"), e.date, -len(e.sources)))
    return tuple(entries)


def _flag_figures(drafts: list[_Draft]) -> None:
    """Per date, the same counted thing given different figures by different sources."""
    by_date: dict[str, list[_Draft]] = {}
    for d in drafts:
        by_date.setdefault(d.date, []).append(d)
    for group in by_date.values():
        values: dict[str, dict[str, set[str]]] = {}
        for d in group:
            for source, said in d.said.items():
                for key, value in said.items():
                    values.setdefault(key, {}).setdefault(value, set()).add(source)
        for key, by_value in values.items():
            if len(by_value) < 2 or len(set().union(*by_value.values())) < 2:
                continue  # one value, or one source revising itself within an article
            shown = {v: sorted(s) for v, s in sorted(by_value.items())}
            for d in group:
                if any(key in said for said in d.said.values()):
                    d.disagreement[key] = shown


def _flag_dates(drafts: list[_Draft]) -> None:
    """The same clause, from different sources, under different dates (a misdated report)."""
    checked = [d for d in drafts if d.single and d.words][:MAX_DATE_CHECKS]
    for i, a in enumerate(checked):
        for b in checked[i + 1:]:
            if a.date == b.date or set(a.sources) & set(b.sources):
                continue
            if len(a.words & b.words) / len(a.words | b.words) >= SAME_CLAUSE_JACCARD:
                shown = {a.date: sorted(a.sources), b.date: sorted(b.sources)}
                for d in (a, b):
                    d.disagreement.setdefault("date", {}).update(shown)
