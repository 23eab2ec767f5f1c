"""The data that flows through warta, one frozen dataclass per stage.

    RawPage  ->  Article  ->  AnalyzedArticle  ->  Story

A ``RawPage`` is what a reader produced from a file, a JSONL record or a URL: decoded text plus
where it came from. An ``Article`` is what extraction made of it. Both are plain values: no
methods that do I/O, so they can be pickled, compared in tests and serialised with
:func:`dataclasses.asdict`.

>>> page = RawPage(source="a.txt", text="TEMPO.CO, Jakarta - Isi berita.")
>>> page.kind
'text'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page as read: decoded text, its kind and its provenance.

    ``source`` is how the user named the input (a path exactly as given, or ``file.jsonl#3``);
    ``url`` is the page's address when the input carried one: it tells the outlet.
    ``encoding`` records how the bytes were decoded, so a wrong guess can be traced.
    """

    source: str
    text: str
    kind: PageKind = "text"
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption kept apart from the body, with the credit split off when there is one."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A block that extraction left out of the body, and why (the ``--explain`` view)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A news article extracted from one page.

    ``published`` is ISO 8601: ``2024-01-17T21:02:00+07:00`` when the page shows a time and a
    zone, ``2024-01-17`` when only the date is known, ``None`` when nothing could be found.
    ``published_inferred`` is true when the page shows no date and ``published`` was inferred
    from dated references in the lead. ``timezone`` keeps the zone as printed (WIB/WITA/WIT).
    """

    source: str
    body: str
    title: str | None = None
    deck: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_name: str | None = None
    published: str | None = None
    published_inferred: bool = False
    timezone: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    wire_sources: tuple[str, ...] = ()
    dateline: str | None = None
    captions: tuple[Caption, ...] = ()
    language: str | None = None
    kind: PageKind = "text"
    dropped: tuple[Dropped, ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into a :class:`RawPage`, with the reason in words."""

    source: str
    error: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity mentioned in an article body.

    ``start``/``end`` are character offsets into ``Article.body``; ``canonical`` is the name
    every mention of the same entity resolves to within the article ("Kim" and "Kim Jong-un"
    -> "Kim Jong Un"; "Korut" -> "Korea Utara"); ``role`` is the title or apposition that
    describes it there ("juru bicara Kremlin"), when the text gives one.
    """

    text: str
    label: str
    canonical: str
    start: int
    end: int
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation in an article body and who said it.

    ``kind`` is "direct" (the words in quotation marks), "partial" (a few quoted words inside
    reported speech) or "indirect" (reported speech: "mengatakan bahwa ..."). ``speaker`` is
    the canonical name of a person, organisation or country, or None when the text does not
    say; ``cue`` is the reporting verb that attributes it ("kata", "ujar", "menurut" ...).
    """

    text: str
    speaker: str | None
    kind: str
    start: int
    end: int
    cue: str | None = None
    speaker_label: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A clause that carries a resolved date: what happened when, and to whom.

    ``date`` is a TIMEX3 value ("2023-09-13", "2023-09", "2023-W37"); ``granularity`` says how
    precise it is; ``actors`` are canonical names of the entities in the clause.
    """

    date: str
    granularity: str
    sentence: str
    start: int
    end: int
    timex: str
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article with what it says: entities, quotations and dated events."""

    article: Article
    entities: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    skipped: tuple[str, ...] = ()
