"""From clustered articles to stories people read: ids, headlines, copies, threads, timeline,
summary, people and who said what.

    articles -> StoryClusterer -> describe_stories -> [Story] -> story_to_dict / render.*

A :class:`Story` is a plain value. Its ``id`` is a hash of its earliest article's body, so it
is the same on every run over the same pages, whatever order they were named in; its
``title`` is the member headline that best matches what all members say (or, when no member
has a headline, the lead sentence of the most central one). The rest is built per story from
the members' analysis: :mod:`~warta.stories.timeline`, :mod:`~warta.stories.summary`,
:mod:`~warta.stories.people`.

Only one story's articles are needed at a time: :func:`describe_stories` takes a ``load``
function, so a knowledge base of any size is described with the features of all articles and
the full text of one story in memory.

>>> stories = build_stories(articles)                       # doctest: +SKIP
>>> story_to_dict(stories[0])["summary"][0]                 # doctest: +SKIP
{'text': '...', 'sources': ['a.txt'], 'outlet': 'tempo.co'}
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warta.stories.cluster import StoryClusterer
from warta.stories.features import ArticleFeatures, content_words, featurize
from warta.stories.people import SpeakerQuotes, StoryEntity, story_entities, who_said_what
from warta.stories.summary import SummarySentence, summarize
from warta.stories.timeline import TimelineEntry, build_timeline
from warta.types import AnalyzedArticle, Article

__all__ = ["ArticleRef", "Story", "TimelineEntry", "build_stories", "describe_stories", "story_id",
           "story_to_dict"]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A member article as a report lists it: source, outlet, date and headline."""

    source: str
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """The articles that report one news event, across outlets.

    ``articles`` lists every member's source (copies included), oldest first; ``members``
    the same with outlet, date and headline; ``duplicates`` maps each copy to its original;
    ``related`` holds ids of other stories of the same long-running topic; ``start``/``end``
    span the members' dates (ISO, None when none is dated).
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
    members: tuple[ArticleRef, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    entities: tuple[StoryEntity, ...] = ()
    quotes: tuple[SpeakerQuotes, ...] = ()


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


Loaded = Article | AnalyzedArticle | None


def describe_stories(clusterer: StoryClusterer, feats: Mapping[str, ArticleFeatures],
                     load: Callable[[str], Loaded], *, keys: Collection[int] | None = None,
                     ids: Mapping[int, str] | None = None) -> Iterator[Story]:
    """Describe each story of a fitted ``clusterer``, oldest first, loading one story at a time.

    ``feats`` are the features the clusterer was fitted on, by source; ``load(source)`` gives
    the article (analysed or not) for the timeline, summary and quotes, or None. ``keys``
    limits the work to those stories (the ones a batch changed); ``ids`` are the ids stories
    already have (a story keeps its id when later articles join it), by key.
    """
    known = dict(ids or {})
    drafts: list[tuple[int, str, list[ArticleFeatures]]] = []
    for key, sources in clusterer.stories_.items():
        if keys is not None and key not in keys:
            continue
        members = sorted((feats[s] for s in sources if s in feats), key=_sort_key)
        if members:
            drafts.append((key, known.get(key) or story_id(members[0].fingerprint), members))
    ids = {**known, **{key: sid for key, sid, _ in drafts}}
    related = clusterer.related(keys)
    def span(members: list[ArticleFeatures]) -> list[date]:
        return sorted(f.day for f in members if f.day and f.dated != "year")
    drafts.sort(key=lambda d: (not span(d[2]), span(d[2])[0] if span(d[2]) else date.max, d[1]))
    for key, sid, members in drafts:
        days = span(members)
        loaded = [x for f in members if (x := load(f.source)) is not None]
        articles = [x.article if isinstance(x, AnalyzedArticle) else x for x in loaded]
        analysed = [x for x in loaded if isinstance(x, AnalyzedArticle)]
        outlets = {a.source: a.outlet for a in articles}
        members_sources = tuple(f.source for f in members)
        yield Story(
            id=sid,
            title=_headline(members),
            articles=members_sources,
            duplicates={s: clusterer.duplicates_[s] for s in members_sources if s in clusterer.duplicates_},
            related=tuple(sorted({ids[k] for k in related.get(key, []) if k in ids})),
            timeline=build_timeline(analysed, outlets, days[0] if days else None),
            outlets=tuple(sorted({o for o in outlets.values() if o})),
            start=days[0].isoformat() if days else None,
            end=days[-1].isoformat() if days else None,
            members=tuple(ArticleRef(a.source, a.outlet, a.published, a.title) for a in articles),
            # Copies say nothing new: the summary is drawn from originals only.
            summary=summarize([a for a in articles if a.source not in clusterer.duplicates_], outlets),
            entities=story_entities(analysed),
            quotes=who_said_what(analysed),
        )


def build_stories(items: Sequence[Article | AnalyzedArticle],
                  clusterer: StoryClusterer | None = None) -> list[Story]:
    """Cluster ``items`` (or use an already fitted ``clusterer``) and describe each story.

    Every item ends up in exactly one story; an article alone in the collection gets a story
    of its own. Stories come out oldest first.
    """
    feats: dict[str, ArticleFeatures] = {}
    by_source: dict[str, Article | AnalyzedArticle] = {}
    for i, item in enumerate(items):
        f = featurize(item, order=i)
        feats.setdefault(f.source, f)
        by_source.setdefault(f.source, item)
    if clusterer is None:
        clusterer = StoryClusterer().fit(list(feats.values()))
    return list(describe_stories(clusterer, feats, by_source.get))


def story_to_dict(story: Story) -> dict[str, Any]:
    """The JSON shape of a story: CONTRACT.md's id/title/articles, then everything else.

    The keys the web UI reads are ``timeline``, ``summary``, ``entities``, ``quotes``,
    ``duplicates`` and ``related``; timeline and summary items cite their articles in
    ``sources`` (a list of source paths, as ``articles``).
    """
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "outlets": list(story.outlets),
        "start": story.start,
        "end": story.end,
        "members": [{"source": m.source, "outlet": m.outlet, "published": m.published, "title": m.title}
                    for m in story.members],
        "duplicates": dict(story.duplicates),
        "related": list(story.related),
        "timeline": [{"date": e.date, "text": e.text, "sources": list(e.sources), "outlets": list(e.outlets),
                      "actors": list(e.actors), **({"disagreement": e.disagreement} if e.disagreement else {}),
                      **({"background": True} if e.background else {})}
                     for e in story.timeline],
        "summary": [{"text": s.text, "sources": [s.source], "outlet": s.outlet} for s in story.summary],
        "entities": [{"name": e.name, "label": e.label, "roles": list(e.roles), "articles": e.articles,
                      "mentions": e.mentions} for e in story.entities],
        "quotes": [{"speaker": g.speaker, "label": g.label,
                    "quotes": [{"text": q.text, "kind": q.kind, "date": q.date, "outlet": q.outlet,
                                "source": q.source, **({"also": list(q.also)} if q.also else {})}
                               for q in g.quotes]}
                   for g in story.quotes],
    }
