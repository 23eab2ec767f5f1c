"""Stories as reports people read: Markdown for a terminal or a paste, HTML for a browser.

Both show the same sections, in the order an analyst reads them:

    title, size and span  ->  sources by outlet (numbered: [1], [2] ...)  ->  summary, each
    sentence citing its source number  ->  timeline (disagreements between outlets marked)
    ->  people and organisations with their roles  ->  who said what  ->  related stories

Every piece of article text is untrusted (scraped pages carry anything, ``<script>`` too): the
HTML report escapes all of it with :func:`html.escape`, and the Markdown report escapes the
characters Markdown would turn into markup or HTML. The JSON output carries everything; these
reports cut long sections at the ``MAX_*`` limits below to stay readable.

>>> print(render_markdown(stories))                         # doctest: +SKIP
>>> open("stories.html", "w").write(render_html(stories))   # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from warta.stories.report import Story, TimelineEntry

#: Sections are cut here in reports (JSON carries them all).
MAX_TIMELINE = 8
MAX_ENTITIES = 10
MAX_SPEAKERS = 6
MAX_QUOTES = 3
# Characters that start Markdown markup anywhere in a line. "(" needs no escape once "[" and "]"
# are escaped (no link can form), and "#" only matters at the start of a line (handled in md()).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str | None) -> str:
    """Text made literal in Markdown, on one line."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))
    return "\\" + escaped if escaped[:1] in "#+-!" and escaped else escaped


def _numbers(story: Story) -> dict[str, int]:
    return {src: i for i, src in enumerate(story.articles, 1)}


def _cite(sources: Sequence[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[s]}]" for s in sources if s in numbers)


def _span(story: Story) -> str:
    if story.start and story.end and story.start != story.end:
        return f"{story.start} – {story.end}"
    return story.start or "undated"


def _by_outlet(story: Story) -> list[tuple[str, list[tuple[int, str, str | None, str | None]]]]:
    """(outlet, [(number, source, date, headline)]) with the most prolific outlet first."""
    refs = {m.source: m for m in story.members}
    groups: dict[str, list[tuple[int, str, str | None, str | None]]] = {}
    for n, src in enumerate(story.articles, 1):
        ref = refs.get(src)
        outlet = (ref.outlet if ref else None) or "outlet unknown"
        groups.setdefault(outlet, []).append((n, src, ref.published[:10] if ref and ref.published else None,
                                              ref.title if ref else None))
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _disagreement_text(entry: TimelineEntry) -> str:
    parts = []
    for what, values in entry.disagreement.items():
        parts.append(f"{what}: " + " vs ".join(f"{v} ({len(srcs)})" for v, srcs in values.items()))
    return "; ".join(parts)


#: The tighter cuts of a brief report (the demo, a terminal glance).
BRIEF = {"timeline": 5, "entities": 6, "speakers": 3, "quotes": 2}


def render_story_markdown(story: Story, *, brief: bool = False) -> str:
    """One story as a Markdown section; ``brief`` cuts every section shorter."""
    max_timeline = BRIEF["timeline"] if brief else MAX_TIMELINE
    max_entities = BRIEF["entities"] if brief else MAX_ENTITIES
    max_speakers = BRIEF["speakers"] if brief else MAX_SPEAKERS
    max_quotes = BRIEF["quotes"] if brief else MAX_QUOTES
    nums = _numbers(story)
    n = len(story.articles)
    out = [f"## {md(story.title)}", "", f"`{story.id}` · {n} article{'s' if n != 1 else ''} · {_span(story)}", ""]
    out.append("**Sources**")
    for outlet, items in _by_outlet(story):
        listed = "; ".join(f"[{n}] {md(title or src)}" + (f" ({day})" if day else "")
                           + (" — copy" if src in story.duplicates else "") for n, src, day, title in items)
        out.append(f"- {md(outlet)}: {listed}")
    if story.summary:
        out += ["", "**Summary**"]
        out += [f"- {md(s.text)} {_cite([s.source], nums)}" for s in story.summary]
    if story.timeline:
        out += ["", "**Timeline**"]
        for e in story.timeline[:max_timeline]:
            flag = f" ⚠ outlets disagree: {md(_disagreement_text(e))}" if e.disagreement else ""
            out.append(f"- **{e.date}** {md(e.text)} {_cite(e.sources, nums)}{flag}")
        if len(story.timeline) > max_timeline:
            out.append(f"- … {len(story.timeline) - max_timeline} more in the JSON output")
    if story.entities:
        out += ["", "**People and organisations**"]
        for ent in story.entities[:max_entities]:
            roles = f" — {md(', '.join(ent.roles))}" if ent.roles else ""
            seen = f"{ent.articles} article{'s' if ent.articles != 1 else ''}"
            out.append(f"- {md(ent.name)} ({ent.label}, {seen}){roles}")
    if story.quotes:
        out += ["", "**Who said what**"]
        for group in story.quotes[:max_speakers]:
            out.append(f"- {md(group.speaker)}:")
            for q in group.quotes[:max_quotes]:
                where = ", ".join(x for x in (q.outlet, q.date) if x)
                shown = f" ({md(where)})" if where else ""
                out.append(f"  - “{md(q.text)}” {_cite([q.source, *q.also], nums)}{shown}")
    if story.related:
        out += ["", "Related: " + ", ".join(f"`{r}`" for r in story.related)]
    out.append("")
    return "\n".join(out)


def render_markdown(stories: Sequence[Story]) -> str:
    """A readable report: one section per story, biggest first, singletons listed at the end."""
    big = sorted((s for s in stories if len(s.articles) > 1), key=lambda s: (-len(s.articles), s.id))
    single = [s for s in stories if len(s.articles) == 1]
    out = [f"# {len(stories)} stories from {sum(len(s.articles) for s in stories)} articles", ""]
    out += [render_story_markdown(s) for s in big]
    if single:
        out += ["## Single articles", ""]
        out += [f"- {md(s.title)} — {md(s.articles[0])}" for s in single]
        out.append("")
    return "\n".join(out)


_CSS = ("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        ".meta{color:#666}.flag{color:#a40}blockquote{margin:.2rem 0 .2rem 1rem;font-style:italic}"
        "section{border-top:1px solid #ddd;margin-top:2rem}")


def _html_story(story: Story) -> str:
    nums = _numbers(story)
    def cite(sources: Sequence[str]) -> str:
        return " ".join(f'<a href="#{escape(story.id)}-{nums[s]}">[{nums[s]}]</a>' for s in sources if s in nums)
    h: list[str] = [f'<section id="{escape(story.id)}"><h2>{escape(story.title)}</h2>',
                    f'<p class="meta">{escape(story.id)} · {len(story.articles)} articles · {escape(_span(story))}</p>',
                    "<h3>Sources</h3><ul>"]
    for outlet, items in _by_outlet(story):
        links = "; ".join(f'<span id="{escape(story.id)}-{n}">[{n}] {escape(title or src)}'
                          + (f" ({escape(day)})" if day else "")
                          + (' <span class="meta">copy</span>' if src in story.duplicates else "") + "</span>"
                          for n, src, day, title in items)
        h.append(f"<li><b>{escape(outlet)}</b>: {links}</li>")
    h.append("</ul>")
    if story.summary:
        h.append("<h3>Summary</h3><ul>")
        h += [f"<li>{escape(s.text)} {cite([s.source])}</li>" for s in story.summary]
        h.append("</ul>")
    if story.timeline:
        h.append("<h3>Timeline</h3><ul>")
        for e in story.timeline[:MAX_TIMELINE]:
            flag = (f' <span class="flag">⚠ outlets disagree: {escape(_disagreement_text(e))}</span>'
                    if e.disagreement else "")
            h.append(f"<li><b>{escape(e.date)}</b> {escape(e.text)} {cite(e.sources)}{flag}</li>")
        h.append("</ul>")
    if story.entities:
        h.append("<h3>People and organisations</h3><ul>")
        h += [f"<li>{escape(e.name)} <span class=\"meta\">{escape(e.label)}, {e.articles} article(s)"
              f"{' — ' + escape(', '.join(e.roles)) if e.roles else ''}</span></li>"
              for e in story.entities[:MAX_ENTITIES]]
        h.append("</ul>")
    if story.quotes:
        h.append("<h3>Who said what</h3>")
        for group in story.quotes[:MAX_SPEAKERS]:
            h.append(f"<h4>{escape(group.speaker)}</h4>")
            for q in group.quotes[:MAX_QUOTES]:
                where = ", ".join(x for x in (q.outlet, q.date) if x)
                h.append(f"<blockquote>{escape(q.text)}</blockquote>"
                         f'<p class="meta">{escape(where)} {cite([q.source, *q.also])}</p>')
    if story.related:
        h.append("<p>Related: " + ", ".join(f'<a href="#{escape(r)}">{escape(r)}</a>' for r in story.related) + "</p>")
    h.append("</section>")
    return "\n".join(h)


def render_html(stories: Sequence[Story]) -> str:
    """A self-contained HTML page of the stories (biggest first); all article text escaped."""
    ordered = sorted(stories, key=lambda s: (-len(s.articles), s.id))
    body = "\n".join(_html_story(s) for s in ordered)
    return ("<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<title>warta: {len(stories)} stories</title><style>{_CSS}</style></head><body>\n"
            f"<h1>{len(stories)} stories from {sum(len(s.articles) for s in stories)} articles</h1>\n"
            f"{body}\n</body></html>\n")
