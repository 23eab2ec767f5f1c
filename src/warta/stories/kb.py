"""Stories over the knowledge base: cluster every stored article, describe and save the stories.

    Store.iter_articles  ->  get_analysis (one article at a time)  ->  featurize
        ->  StoryClusterer.partial_fit (in chunks)  ->  describe_stories (one story's
            analyses loaded at a time)  ->  Store.save_stories  ->  the web UI shows them

Memory holds the features of every article (a few hundred words and names each) and the
full analysis of one story at a time, never the whole corpus: the store is the memory.

>>> with Store.open("news.db") as store:                    # doctest: +SKIP
...     stories = stories_from_store(store)
"""

from __future__ import annotations

from warta.store import Store
from warta.stories.cluster import StoryClusterer
from warta.stories.features import ArticleFeatures, featurize
from warta.stories.report import Loaded, Story, describe_stories, story_to_dict

#: Articles featurised before they are handed to the clusterer: bounds the batch in hand.
CHUNK = 2000


def stories_from_store(store: Store, *, save: bool = True) -> list[Story]:
    """Cluster every article stored in ``store`` into stories, save them (unless ``save`` is
    false) and return them, oldest first."""
    clusterer = StoryClusterer()
    feats: dict[str, ArticleFeatures] = {}
    ids: dict[str, int] = {}
    chunk: list[ArticleFeatures] = []
    for order, (article_id, article) in enumerate(store.iter_articles()):
        if article.source in ids:
            continue
        ids[article.source] = article_id
        analysis = store.get_analysis(article_id)
        f = featurize(analysis if analysis is not None and analysis.entities else article, order=order)
        feats[f.source] = f
        chunk.append(f)
        if len(chunk) >= CHUNK:
            clusterer.partial_fit(chunk)
            chunk = []
    if chunk:
        clusterer.partial_fit(chunk)

    def load(source: str) -> Loaded:
        return store.get_analysis(ids[source]) if source in ids else None

    stories = list(describe_stories(clusterer, feats, load))
    if save:
        store.save_stories(story_to_dict(s) for s in stories)
    return stories
