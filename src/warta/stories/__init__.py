"""Stories: the articles, across outlets and days, that report one news event.

    articles  ->  features (words, names, a date)  ->  DuplicateFinder (copies -> original)
              ->  StoryClusterer (incremental)     ->  describe_stories -> [Story]
              ->  timeline, summary, people, who said what  ->  JSONL / Markdown / HTML

>>> from warta.stories import build_stories, story_to_dict
>>> stories = build_stories(articles)                       # doctest: +SKIP
>>> [story_to_dict(s)["articles"] for s in stories]         # doctest: +SKIP
"""

from __future__ import annotations

from warta.stories.cluster import StoryClusterer
from warta.stories.dedup import DuplicateFinder
from warta.stories.features import ArticleFeatures, featurize
from warta.stories.people import SaidQuote, SpeakerQuotes, StoryEntity
from warta.stories.render import render_html, render_markdown, render_story_markdown
from warta.stories.report import ArticleRef, Story, build_stories, describe_stories, story_id, story_to_dict
from warta.stories.summary import SummarySentence
from warta.stories.timeline import TimelineEntry

__all__ = [
    "ArticleFeatures",
    "ArticleRef",
    "DuplicateFinder",
    "SaidQuote",
    "SpeakerQuotes",
    "Story",
    "StoryClusterer",
    "StoryEntity",
    "SummarySentence",
    "TimelineEntry",
    "build_stories",
    "describe_stories",
    "featurize",
    "render_html",
    "render_markdown",
    "render_story_markdown",
    "story_id",
    "story_to_dict",
]
