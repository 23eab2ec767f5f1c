"""Stories over the knowledge base: cluster the stored articles, describe and save the stories.

Two ways, one result on the same articles:

- :func:`update_stories` (what ``warta stories --db`` does): only the articles in no story yet
  are clustered, against the stories already saved. Every story keeps its articles and its
  id; the new articles join a story or start new ones, and only the stories that changed are
  described again and written (:meth:`Store.update_stories`); the others are not touched.
- :func:`stories_from_store` (``--rebuild``): every stored article, clustered afresh.

Between runs the clusterer's memory lives in the store as plain JSON (migration 0005): per
story, its :class:`~warta.stories.cluster.StoryState` (mean word and name vectors, dates) and
the ids of its related stories; for the whole knowledge base, the IDF counts. A new article
may copy a stored one: the stored articles published within :data:`COPY_WINDOW_DAYS` of the new
ones are re-read for dedup (only their shingles), the copy links already made come from the
``duplicates`` table. So an update costs the new articles, the changed stories and that
window, not the whole corpus::

    Store.story_states / story_model  ->  StoryClusterer.resume
    Store.unclustered_article_ids  ->  get_analysis  ->  featurize  ->  partial_fit
        ->  describe_stories(changed only)  ->  Store.update_stories

>>> with Store.open("news.db") as store:                    # doctest: +SKIP
...     update = update_stories(store)
...     [s.id for s in update.stories]
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from warta.store import Store
from warta.stories.cluster import StoryClusterer, StoryState, state_from_dict, state_to_dict
from warta.stories.features import ArticleFeatures, copy_features, featurize
from warta.stories.report import Loaded, Story, describe_stories, story_to_dict
from warta.types import AnalyzedArticle

#: Articles featurised before they are handed to the clusterer: bounds the batch in hand.
CHUNK = 2000
#: Format of the saved clusterer state; a knowledge base saved under another is clustered again.
STATE_VERSION = 1
#: A new article is checked as a copy of the stored articles published this many days either
#: side of it: wire copy is republished within days (see :mod:`warta.stories.dedup`).
COPY_WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    """What a run did: the stories written (new or changed, oldest first), the ids of stories
    merged into another by a bridging article, how many stories were left as they were, how
    many articles were clustered, and whether everything was clustered again."""

    stories: list[Story]
    removed: list[str]
    unchanged: int
    clustered: int
    rebuilt: bool


def _features(store: Store, article_id: int, analysis: AnalyzedArticle | None = None) -> ArticleFeatures | None:
    analysis = analysis or store.get_analysis(article_id)
    if analysis is None:
        return None
    # Clustering on capitalised names beats clustering on an analysis that found no entity.
    return featurize(analysis if analysis.entities else analysis.article, order=article_id)


def _loader(store: Store, ids: Mapping[str, int]) -> Any:
    def load(source: str) -> Loaded:
        return store.get_analysis(ids[source]) if source in ids else None
    return load


def _model(clusterer: StoryClusterer) -> str:
    return json.dumps({"version": STATE_VERSION, "n_articles": clusterer.n_articles_,
                       "document_frequency": dict(clusterer.document_frequency_)}, ensure_ascii=False)


def _state(clusterer: StoryClusterer, story: Story) -> str:
    key = clusterer.labels_[story.articles[0]]
    return json.dumps({"cluster": state_to_dict(clusterer.story_state(key)), "related": list(story.related)},
                      ensure_ascii=False)


def stories_from_store(store: Store, *, save: bool = True) -> list[Story]:
    """Cluster every article stored in ``store`` into stories afresh, save them (unless ``save``
    is false) with the state :func:`update_stories` resumes from, and return them, oldest first."""
    clusterer = StoryClusterer()
    feats: dict[str, ArticleFeatures] = {}
    ids: dict[str, int] = {}
    chunk: list[ArticleFeatures] = []
    for article_id, article in store.iter_articles():
        if article.source in ids:
            continue
        ids[article.source] = article_id
        f = _features(store, article_id)
        if f is None:
            continue
        feats[f.source] = f
        chunk.append(f)
        if len(chunk) >= CHUNK:
            clusterer.partial_fit(chunk)
            chunk = []
    if chunk:
        clusterer.partial_fit(chunk)
    stories = list(describe_stories(clusterer, feats, _loader(store, ids)))
    if save:
        store.save_stories((story_to_dict(s) for s in stories),
                           states={s.id: _state(clusterer, s) for s in stories}, model=_model(clusterer))
    return stories


@dataclass(slots=True)
class _Saved:
    """The stories as the last run left them: ids, clusterer states and related ids by key."""

    ids: list[str]
    states: list[StoryState]
    related: list[list[str]]
    model: dict[str, Any]


def _saved(store: Store) -> _Saved | None:
    """The saved state, or None when there is none usable (never clustered, older format)."""
    raw = store.story_model()
    if raw is None:
        return None
    model = json.loads(raw)
    if model.get("version") != STATE_VERSION:
        return None
    saved = _Saved([], [], [], model)
    for story_id, state in store.story_states():
        if state is None:  # a story written without its state: resuming would lose it
            return None
        row = json.loads(state)
        saved.ids.append(story_id)
        saved.states.append(state_from_dict(row["cluster"]))
        saved.related.append([str(r) for r in row.get("related", ())])
    return saved


def _copy_window(store: Store, new: Sequence[ArticleFeatures], clustered: set[str]) -> Iterable[ArticleFeatures]:
    """The stored, clustered articles published near the new ones, as dedup features."""
    days = [f.day for f in new if f.day is not None]
    if not days:
        return []
    first = min(days) - timedelta(days=COPY_WINDOW_DAYS)
    after = max(days) + timedelta(days=COPY_WINDOW_DAYS + 1)
    return [copy_features(article, order=article_id)
            for article_id, article in store.articles_published_between(first.isoformat(), after.isoformat())
            if article.source in clustered]


def update_stories(store: Store) -> StoriesUpdate:
    """Cluster the stored articles that are in no story yet into the saved stories, and save.

    Falls back to :func:`stories_from_store` when no usable state is saved (a knowledge base
    never clustered, or clustered by an older warta).
    """
    saved = _saved(store)
    if saved is None:
        stories = stories_from_store(store)
        return StoriesUpdate(stories, [], 0, sum(len(s.articles) for s in stories), True)
    clustered = {source for state in saved.states for source in state.members}
    new: list[ArticleFeatures] = []
    for article_id in store.unclustered_article_ids():
        f = _features(store, article_id)
        if f is not None and f.source not in clustered:  # not a second page under a known source
            new.append(f)
    n_saved = len(saved.ids)
    if not new:
        return StoriesUpdate([], [], n_saved, 0, False)
    clusterer = StoryClusterer().resume(
        saved.states, n_articles=int(saved.model["n_articles"]),
        document_frequency=saved.model["document_frequency"], duplicates=store.duplicate_links(),
        copies=_copy_window(store, new, clustered))
    clusterer.partial_fit(new)

    removed = {k for k in range(n_saved) if k not in clusterer.stories_}
    changed = {k for k, members in clusterer.stories_.items()
               if k >= n_saved or len(members) != len(saved.states[k].members)}
    gone = {saved.ids[k] for k in removed}
    # A story whose thread gained a changed story, or lost a merged one, is described again too.
    for key, others in clusterer.related(changed).items():
        sid = saved.ids[key] if key < n_saved else None
        changed.update(k for k in others if k < n_saved and sid not in saved.related[k])
    changed.update(k for k in range(n_saved) if k not in removed and gone & set(saved.related[k]))

    ids = store.article_ids()
    feats = {f.source: f for f in new}
    for key in changed:
        for source in clusterer.stories_[key]:
            if source not in feats and source in ids and (f := _features(store, ids[source])) is not None:
                feats[source] = f
    known = {k: saved.ids[k] for k in range(n_saved) if k not in removed}
    owners = {sid: k for k, sid in known.items()}
    stories = []
    for story in describe_stories(clusterer, feats, _loader(store, ids), keys=changed, ids=known):
        key = clusterer.labels_[story.articles[0]]
        if owners.get(story.id, key) != key:  # a new story's id taken by a stored one: keep both
            story = dataclasses.replace(story, id=f"{story.id}-{len(owners)}")
        owners[story.id] = key
        stories.append(story)
    store.update_stories((story_to_dict(s) for s in stories), removed=sorted(gone),
                         states={s.id: _state(clusterer, s) for s in stories}, model=_model(clusterer))
    return StoriesUpdate(stories, sorted(gone), n_saved - len(removed) - len(changed & set(known)),
                         len(new), False)
