"""From clustered articles to stories people read: ids, headlines, copies, threads and a timeline.

    articles -> StoryClusterer -> build_stories -> [Story] -> story_to_dict / render_markdown

A :class:`Story` is a plain value. Its ``id`` is a hash of its earliest article's body, so it
is the same on every run over the same pages, whatever order they were named in; its
``title`` is the member headline that best matches what all members say (or, when no member
has a headline, the lead sentence of the most central one). Its ``timeline`` merges the dated
events that analysis found: the same date and a similar clause in several articles make one
entry citing every source.

>>> stories = build_stories(articles)                       # doctest: +SKIP
>>> print(render_markdown(stories))                         # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warta.stories.cluster import StoryClusterer
from warta.stories.features import ArticleFeatures, content_words, featurize
from warta.types import AnalyzedArticle, Article

#: Two dated clauses on one date are one timeline entry when this share of their words agree.
SAME_EVENT_JACCARD = 0.35
#: Timeline entries shown per story in the markdown report (JSON carries them all).
MARKDOWN_TIMELINE = 8


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated happening of a story, with every article that reports it."""

    date: str
    text: str
    sources: tuple[str, ...]
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """The articles that report one news event, across outlets.

    ``articles`` lists every member's source (copies included); ``duplicates`` maps each copy
    to its original; ``related`` holds ids of other stories of the same long-running topic;
    ``start``/``end`` span the members' dates (ISO, None when none is dated).
    """

    id: str
    title: str
    articles: tuple[str, ...]
    duplicates: dict[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    outlets: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None


def story_id(fingerprint: str) -> str:
    """A story's id from its earliest article's body hash: stable across runs and orders."""
    return "story-" + hashlib.sha1(fingerprint.encode("ascii")).hexdigest()[:12]


def _sort_key(f: ArticleFeatures) -> tuple[bool, date, str]:
    return (f.day is None, f.day or date.max, f.fingerprint)


def _headline(members: Sequence[ArticleFeatures]) -> str:
    """The member headline whose words most members share; else the most central lead sentence."""
    share: Counter[str] = Counter()
    for f in members:
        share.update(f.words.keys())
    def centrality(text: str) -> float:
        words = set(content_words(text))
        return sum(share[w] for w in words) / (len(words) or 1)
    titled = [f for f in members if f.title]
    pool = [(f.title, f) for f in titled] if titled else [(f.lead, f) for f in members]
    best = max(pool, key=lambda tf: (centrality(tf[0] or ""), -_sort_key(tf[1])[1].toordinal()))
    return best[0] or ""


def _timeline(members: Sequence[AnalyzedArticle]) -> tuple[TimelineEntry, ...]:
    """Merge the members' dated events: same date and similar clause = one entry, all sources."""
    entries: list[tuple[str, set[str], str, list[str], list[str]]] = []
    for item in members:
        for ev in item.events:
            words = set(content_words(ev.sentence))
            for when, seen, _text, sources, actors in entries:
                if when == ev.date and words and len(words & seen) / len(words | seen) >= SAME_EVENT_JACCARD:
                    if item.article.source not in sources:
                        sources.append(item.article.source)
                    actors.extend(a for a in ev.actors if a not in actors)
                    seen |= words
                    break
            else:
                entries.append((ev.date, words, ev.sentence, [item.article.source], list(ev.actors)))
    entries.sort(key=lambda e: (e[0], -len(e[3])))
    return tuple(TimelineEntry(when, text, tuple(src), tuple(act)) for when, _w, text, src, act in entries)


def build_stories(items: Sequence[Article | AnalyzedArticle],
                  clusterer: StoryClusterer | None = None) -> list[Story]:
    """Cluster ``items`` (or use an already fitted ``clusterer``) and describe each story.

    Every item ends up in exactly one story; an article alone in the collection gets a story
    of its own. Stories come out oldest first.
    """
    feats: dict[str, ArticleFeatures] = {}
    for i, item in enumerate(items):
        f = featurize(item, order=i)
        feats.setdefault(f.source, f)
    if clusterer is None:
        clusterer = StoryClusterer().fit(list(feats.values()))
    analyzed = {i.article.source: i for i in items if isinstance(i, AnalyzedArticle)}
    outlets = {a.source: a.outlet for a in (i.article if isinstance(i, AnalyzedArticle) else i for i in items)}
    keys: dict[int, str] = {}
    drafts: list[tuple[int, list[ArticleFeatures]]] = []
    for key, sources in clusterer.stories_.items():
        members = sorted((feats[s] for s in sources if s in feats), key=_sort_key)
        if members:
            keys[key] = story_id(members[0].fingerprint)
            drafts.append((key, members))
    related = clusterer.related()
    stories: list[Story] = []
    for key, members in drafts:
        members_sources = tuple(f.source for f in members)
        days = sorted(f.day for f in members if f.day and f.dated != "year")
        stories.append(Story(
            id=keys[key],
            title=_headline(members),
            articles=members_sources,
            duplicates={s: clusterer.duplicates_[s] for s in members_sources if s in clusterer.duplicates_},
            related=tuple(sorted({keys[k] for k in related.get(key, []) if k in keys})),
            timeline=_timeline([analyzed[s] for s in members_sources if s in analyzed]),
            outlets=tuple(sorted({o for s in members_sources if (o := outlets.get(s))})),
            start=days[0].isoformat() if days else None,
            end=days[-1].isoformat() if days else None,
        ))
    stories.sort(key=lambda s: (s.start is None, s.start or "", s.id))
    return stories


def story_to_dict(story: Story) -> dict[str, Any]:
    """The JSON shape of a story: CONTRACT.md's id/title/articles, then everything else."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "outlets": list(story.outlets),
        "start": story.start,
        "end": story.end,
        "duplicates": dict(story.duplicates),
        "related": list(story.related),
        "timeline": [{"date": e.date, "text": e.text, "sources": list(e.sources), "actors": list(e.actors)}
                     for e in story.timeline],
    }


def render_markdown(stories: Sequence[Story]) -> str:
    """A readable report: one section per story, biggest first, singletons listed at the end."""
    big = sorted((s for s in stories if len(s.articles) > 1), key=lambda s: (-len(s.articles), s.id))
    single = [s for s in stories if len(s.articles) == 1]
    out = [f"# {len(stories)} stories from {sum(len(s.articles) for s in stories)} articles", ""]
    for s in big:
        span = f"{s.start} – {s.end}" if s.start and s.end and s.start != s.end else (s.start or "undated")
        out += [f"## {s.title}", "", f"`{s.id}` · {len(s.articles)} articles · {span}"
                + (f" · {', '.join(s.outlets)}" if s.outlets else ""), ""]
        for src in s.articles:
            copy = f" (copy of {s.duplicates[src]})" if src in s.duplicates else ""
            out.append(f"- {src}{copy}")
        if s.timeline:
            out += ["", "Timeline:"]
            for e in s.timeline[:MARKDOWN_TIMELINE]:
                out.append(f"- **{e.date}** {e.text} ({len(e.sources)} source{'s' if len(e.sources) > 1 else ''})")
        if s.related:
            out += ["", "Related: " + ", ".join(f"`{r}`" for r in s.related)]
        out.append("")
    if single:
        out += ["## Single articles", ""]
        out += [f"- {s.title} — {s.articles[0]}" for s in single]
        out.append("")
    return "\n".join(out)
