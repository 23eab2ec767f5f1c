"""A story's document read tolerantly, and the exports: story reports, JSONL and CSV rows.

The stories step decides what goes into ``stories.doc`` (timeline, summary, related ...) and
may change it; this module is the one place that reads it, so the page, the Markdown report and
the HTML report agree and a missing or oddly shaped key shows as nothing rather than a 500.
Citations name articles by source (as ingested) or by id; both are turned into member ids.

Exports hold untrusted text too: Markdown escapes the characters that would become markup or
HTML, and CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) get
a leading apostrophe.

>>> csv_cell("=HYPERLINK(1)")
"'=HYPERLINK(1)"
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from warta.web.query import ExportRow, StoryDetail

CSV_COLUMNS = ("id", "source", "url", "outlet", "outlet_name", "published", "title", "deck", "authors",
               "editors", "wire_sources", "body")
# Spreadsheets treat a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# CommonMark treats these as markup; a backslash makes each literal (and `<` never opens HTML).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited article: ``article_id`` when it is a member of the story, else only a label."""

    label: str
    article_id: int | None
    number: int | None = None  # the article's number in the story's sources, as the page shows it


@dataclass(frozen=True, slots=True)
class CitedText:
    """A summary sentence or a timeline entry with the articles that support it."""

    text: str
    citations: list[Citation]
    date: str | None = None
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryView:
    """What the story page and reports show, whatever shape the document was in."""

    summary: list[CitedText]
    timeline: list[CitedText]
    related: list[str]
    numbers: dict[int, int] = field(default_factory=dict)  # article id -> its [n] in citations


def story_view(story: StoryDetail) -> StoryView:
    """Read ``story.doc`` into a :class:`StoryView`; unknown shapes become empty lists."""
    ids = {m.source: m.id for g in story.by_outlet for m in g.articles}
    members = set(ids.values())
    # One number per source article, oldest first, so "[2]" means the same article everywhere.
    ordered = sorted((m for g in story.by_outlet for m in g.articles), key=lambda m: (m.published or "", m.id))
    numbers = {m.id: n for n, m in enumerate(ordered, start=1)}
    doc = story.doc

    def cite(raw: Any) -> list[Citation]:
        items = raw if isinstance(raw, list) else [raw] if raw is not None else []
        out: list[Citation] = []
        for item in items:
            if isinstance(item, bool):
                continue
            if isinstance(item, int):
                out.append(Citation(f"#{item}", item if item in members else None, numbers.get(item)))
            elif isinstance(item, str):
                aid = ids.get(item)
                out.append(Citation(item, aid, numbers.get(aid) if aid is not None else None))
            elif isinstance(item, dict):
                key = item.get("source") or item.get("id") or item.get("article_id")
                out.extend(cite(key))
        return out

    def entries(raw: Any) -> list[CitedText]:
        if isinstance(raw, str):
            raw = [raw]
        if isinstance(raw, dict):
            raw = [raw]
        if not isinstance(raw, list):
            return []
        found: list[CitedText] = []
        for item in raw:
            if isinstance(item, str) and item.strip():
                found.append(CitedText(item, []))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                sources = item.get("sources", item.get("citations", item.get("articles")))
                actors = item.get("actors")
                found.append(CitedText(
                    item["text"], cite(sources),
                    str(item["date"]) if item.get("date") is not None else None,
                    tuple(str(a) for a in actors) if isinstance(actors, list) else ()))
        return found

    related = doc.get("related")
    return StoryView(entries(doc.get("summary")), entries(doc.get("timeline")),
                     [str(r) for r in related] if isinstance(related, list) else [], numbers)


# -- exports --------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text made literal in Markdown (and in any HTML a Markdown renderer would make of it)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def story_markdown(story: StoryDetail) -> str:
    """A story report an analyst can paste anywhere: summary, timeline, sources, who said what."""
    view = story_view(story)
    titles = {m.id: m.title or m.source for g in story.by_outlet for m in g.articles}

    def refs(c: list[Citation]) -> str:
        return (" [" + ", ".join(md_escape(titles.get(x.article_id, x.label) if x.article_id else x.label)
                                 for x in c) + "]") if c else ""

    span = " – ".join(dict.fromkeys(d for d in (story.first_published, story.last_published) if d)) or "undated"
    out = [f"# {md_escape(story.title) or 'Untitled story'}", "",
           f"{story.n_articles} articles from {story.n_outlets} outlets · {md_escape(span)} · `{story.id}`", ""]
    if view.summary:
        out += ["## Summary", "", *(f"- {md_escape(s.text)}{refs(s.citations)}" for s in view.summary), ""]
    if view.timeline:
        out += ["## Timeline", ""]
        out += [f"- **{md_escape(e.date or 'undated')}** {md_escape(e.text)}{refs(e.citations)}" for e in view.timeline]
        out.append("")
    out += ["## Sources by outlet", ""]
    for group in story.by_outlet:
        out.append(f"### {md_escape(group.outlet or 'outlet unknown')}")
        out += [f"- {md_escape(a.published or 'undated')}: {md_escape(a.title or a.source)}"
                + (f" <{a.url}>" if a.url and a.url.startswith(("http://", "https://")) and ">" not in a.url else "")
                for a in group.articles]
        out.append("")
    if story.who_said_what:
        out += ["## Who said what", ""]
        for speaker in story.who_said_what:
            out.append(f"### {md_escape(speaker.speaker)}")
            out += [f"- “{md_escape(q.text)}” ({md_escape(q.outlet or 'outlet unknown')}, "
                    f"{md_escape(q.published or 'undated')})" for q in speaker.quotes]
            out.append("")
    if view.related:
        out += ["## Related stories", "", *(f"- `{md_escape(r)}`" for r in view.related), ""]
    return "\n".join(out)


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def jsonl_lines(rows: Iterable[ExportRow]) -> Iterator[str]:
    """One JSON object per article, one per line."""
    for row in rows:
        yield json.dumps(asdict(row), ensure_ascii=False) + "\n"


def csv_lines(rows: Iterable[ExportRow]) -> Iterator[str]:
    """A header, then one CSV record per article (lists joined with ``; ``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for row in rows:
        record = asdict(row)
        writer.writerow([csv_cell("; ".join(v) if isinstance(v, list) else "" if v is None else str(v))
                         for v in (record[c] for c in CSV_COLUMNS)])
        yield flush()
