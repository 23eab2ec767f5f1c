"""Stories: the articles, across outlets and days, that report one news event.

    articles  ->  features (words, names, a date)  ->  DuplicateFinder (copies -> original)
              ->  StoryClusterer (incremental)     ->  build_stories -> [Story] -> JSONL / markdown

>>> from warta.stories import build_stories, story_to_dict
>>> stories = build_stories(articles)                       # doctest: +SKIP
>>> [story_to_dict(s)["articles"] for s in stories]         # doctest: +SKIP
"""

from __future__ import annotations

from warta.stories.cluster import StoryClusterer
from warta.stories.dedup import DuplicateFinder
from warta.stories.features import ArticleFeatures, featurize
from warta.stories.report import Story, TimelineEntry, build_stories, render_markdown, story_id, story_to_dict

__all__ = [
    "ArticleFeatures",
    "DuplicateFinder",
    "Story",
    "StoryClusterer",
    "TimelineEntry",
    "build_stories",
    "featurize",
    "render_markdown",
    "story_id",
    "story_to_dict",
]
