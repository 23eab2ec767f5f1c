"""Story clustering: which articles, across outlets and days, report the same news event.

A story is one happening (a summit, a verdict, an earthquake), so two articles belong together
when three things agree:

- **words** -- TF-IDF cosine of Indonesian-normalised content words (title words weighted up),
  so "tanggul Sungai Wulan jebol, ribuan warga mengungsi" meets its rewrites;
- **names** -- cosine of the PER/ORG/LOC canonicals (or capitalised phrases when no analysis
  ran), IDF-weighted, so the same actors and places count, common ones ("Indonesia") little;
- **time** -- reports days apart are one event; the same actors months apart are not (Putin
  meeting Kim at Vostochny in Sep 2023 is not Putin in Pyongyang in Jun 2024): close dates
  add a little, far dates subtract more the farther they are.

``score = W_WORDS * words + W_NAMES * names + time_term(days apart)``; articles join while the
score clears ``threshold``.

It is incremental, in the scikit-learn way: ``partial_fit(batch)`` joins each new article to
the existing stories (or to other new ones) without re-clustering what is settled; ``fit``
starts afresh. What a settled story is to the clusterer (its mean vectors and dates) is a
:class:`StoryState`, plain JSON through :func:`state_to_dict`: ``resume`` takes up from saved
states in another process, as :mod:`warta.stories.kb` does between ``warta stories --db`` runs.

Inside a batch the merging is agglomerative, best pair first, with every score
recomputed against the grown story, so the grouping does not depend on the order the files were
named in. Across batches a story that existed before the batch is never merged with another
existing one unless a new article bridges them. Candidates come from an inverted index over each
article's most telling words, keeping only the most recent ``max_postings`` entries per word:
news stories are local in time, and this keeps time and memory per article flat as the corpus
grows.

Copies (wire copy, republished pages) are found first by :class:`~warta.stories.dedup.DuplicateFinder`
and simply join their original's story.

>>> clusterer = StoryClusterer().fit(articles)          # doctest: +SKIP
>>> clusterer.labels_["a.txt"] == clusterer.labels_["b.txt"]  # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import heapq
import math
from collections import Counter, deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median_low
from typing import Any, Self

from warta.stories.dedup import DuplicateFinder
from warta.stories.features import ArticleFeatures, featurize
from warta.types import AnalyzedArticle, Article

#: Weights of word and name similarity in the score (they sum to one).
W_WORDS = 0.7
W_NAMES = 0.3
#: A pair of articles or stories joins when its score reaches this. Scores are group-average
#: similarities (the mean cosine over all article pairs), so they run lower than the cosine of
#: two single articles; 0.11 was calibrated on the dev corpus (B-cubed F1 0.94).
THRESHOLD = 0.11
#: Stories scoring this on words and names alone, but kept apart, are related (one thread).
RELATED_THRESHOLD = 0.08
#: Reports this many days apart or less are taken as close in time, and get TIME_BONUS.
CLOSE_DAYS = 3
TIME_BONUS = 0.05
#: Past FAR_DAYS the penalty grows by PENALTY_PER_DAY, up to MAX_PENALTY: a disaster's
#: follow-ups two weeks on are still the story; a second dyke breach five weeks on is less so,
#: and the same two leaders meeting again nine months later is another story altogether.
FAR_DAYS = 21
PENALTY_PER_DAY = 0.01
MAX_PENALTY = 0.6
#: When only the year is known on one side: a different year costs this much per year.
PENALTY_PER_YEAR = 0.3
#: Two stories that each name at least MIN_NAMES actors and places, but share (almost) none of
#: them, are two events of one kind (two market fires, two murders), however alike the words.
NAME_GATE = 0.03
MIN_NAMES = 2
#: Words an article is indexed under, and candidate stories scored per article.
INDEX_TERMS = 12
MAX_CANDIDATES = 40
#: Most recent stories remembered per indexed word.
MAX_POSTINGS = 300
#: Terms kept in an article's and a story's vector (the weakest carry almost no weight).
ARTICLE_TERMS = 120
STORY_TERMS = 240


ArticleLike = Article | AnalyzedArticle | ArticleFeatures


@dataclass(frozen=True, slots=True)
class StoryState:
    """One settled story as the clusterer compares it: enough to resume without its articles.

    ``words`` and ``names`` are the members' mean unit vectors (IDF weights as each article
    arrived), the dates are the members' precise days, bare years and yearless (month, day)s.
    """

    members: tuple[str, ...]
    words: dict[str, float]
    names: dict[str, float]
    days: tuple[date, ...] = ()
    years: tuple[int, ...] = ()
    month_days: tuple[tuple[int, int], ...] = ()


def state_to_dict(state: StoryState) -> dict[str, Any]:
    """A :class:`StoryState` as plain JSON (floats round-trip exactly)."""
    return {"members": list(state.members), "words": state.words, "names": state.names,
            "days": [d.isoformat() for d in state.days], "years": list(state.years),
            "month_days": [list(md) for md in state.month_days]}


def state_from_dict(row: Mapping[str, Any]) -> StoryState:
    """The inverse of :func:`state_to_dict`."""
    return StoryState(tuple(row["members"]), {str(k): float(v) for k, v in row["words"].items()},
                      {str(k): float(v) for k, v in row["names"].items()},
                      tuple(date.fromisoformat(d) for d in row.get("days", ())),
                      tuple(int(y) for y in row.get("years", ())),
                      tuple((int(m), int(d)) for m, d in row.get("month_days", ())))


@dataclass(slots=True)
class _Node:
    """A story while it is being built: summed vectors, member dates, and its articles."""

    key: int
    words: dict[str, float]
    names: dict[str, float]
    days: list[date]
    members: list[str]
    new: bool
    years: list[int] = field(default_factory=list)
    month_days: list[tuple[int, int]] = field(default_factory=list)
    version: int = 0
    neighbours: set[int] = field(default_factory=set)
    median_day: date | None = None
    median_year: int | None = None
    median_month_day: tuple[int, int] | None = None

    def refresh(self) -> None:
        """Recompute the medians once per change (scores read them many times)."""
        self.median_day = median_low(self.days) if self.days else None
        self.median_month_day = median_low(self.month_days) if self.month_days else None
        years = self.years + [d.year for d in self.days]
        self.median_year = median_low(years) if years else None

    def day(self) -> date | None:
        return self.median_day

    def year(self) -> int | None:
        return self.median_year


def _norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values()))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / (_norm(a) * _norm(b))


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors: of two mean unit vectors, the average pairwise cosine."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def time_term(a: date | None, b: date | None) -> float:
    """What the gap between two dates adds to (or takes from) a score; 0 when one is unknown."""
    if a is None or b is None:
        return 0.0
    gap = abs((a - b).days)
    if gap <= CLOSE_DAYS:
        return TIME_BONUS
    return -min(MAX_PENALTY, PENALTY_PER_DAY * max(0, gap - FAR_DAYS))


def year_term(a: int | None, b: int | None) -> float:
    """The coarse version of :func:`time_term`, for articles that only print a year."""
    if a is None or b is None:
        return 0.0
    return -min(MAX_PENALTY, PENALTY_PER_YEAR * abs(a - b))


def yearless_gap(month_day: tuple[int, int], other: date | tuple[int, int]) -> int:
    """Fewest days between a yearless (month, day) and a date or another (month, day), in any year.

    "(11/8)" with no year is 11 August of some year: at least 110 days from 29 November of
    any year, so a report of it is not a report of an event of 29 November 2022.
    """
    month, day = month_day
    # A leap year as the base, so that a yearless 29 February is a date too.
    base = date(2000, *other) if isinstance(other, tuple) else other
    gaps = []
    for year in (base.year - 1, base.year, base.year + 1):
        with contextlib.suppress(ValueError):  # 29 February outside a leap year
            gaps.append(abs((date(year, month, day) - base).days))
    return min(gaps) if gaps else 0


def _time(a: _Node, b: _Node) -> float:
    day_a, day_b = a.day(), b.day()
    if day_a is not None and day_b is not None:
        return time_term(day_a, day_b)
    md_a, md_b = a.median_month_day, b.median_month_day
    if md_a is not None or md_b is not None:
        # A yearless date only ever counts against: the same day of another year is no bonus.
        mine, other = (md_a, day_b or md_b) if md_a is not None else (md_b, day_a)
        if mine is not None and other is not None:
            return min(0.0, time_term(date.min, date.min + timedelta(days=yearless_gap(mine, other))))
    return year_term(a.year(), b.year())


def _top(vec: dict[str, float], n: int) -> dict[str, float]:
    if len(vec) <= n:
        return vec
    return dict(heapq.nlargest(n, vec.items(), key=lambda kv: kv[1]))


def _add(into: dict[str, float], other: dict[str, float]) -> None:
    for k, v in other.items():
        into[k] = into.get(k, 0.0) + v


class StoryClusterer:
    """Group articles into stories, incrementally; copies join their original's story.

    Parameters are the calibrated constants of this module; change them to trade precision
    for recall. Learned state, after ``fit`` or ``partial_fit``:

    - ``labels_``: article source -> story key (an int, stable while the object lives);
    - ``stories_``: story key -> article sources, in arrival order;
    - ``days_``: story key -> the story's median date (None when no member is dated);
    - ``duplicates_``: duplicate source -> original source;
    - ``n_articles_``, ``document_frequency_``: what the IDF weights are learned from.

    ``fit(X)`` forgets everything first; ``partial_fit(X)`` adds. X holds :class:`Article`,
    :class:`AnalyzedArticle` or already computed :class:`ArticleFeatures`.
    """

    def __init__(self, threshold: float = THRESHOLD, related_threshold: float = RELATED_THRESHOLD,
                 w_words: float = W_WORDS, w_names: float = W_NAMES, max_postings: int = MAX_POSTINGS,
                 dedup: bool = True, linkage: str = "average") -> None:
        self.linkage = linkage
        self.threshold = threshold
        self.related_threshold = related_threshold
        self.w_words = w_words
        self.w_names = w_names
        self.max_postings = max_postings
        self.dedup = dedup
        self._reset()

    def _reset(self) -> None:
        self.labels_: dict[str, int] = {}
        self.stories_: dict[int, list[str]] = {}
        self.days_: dict[int, date | None] = {}
        self.duplicates_: dict[str, str] = {}
        self.n_articles_ = 0
        self.document_frequency_: Counter[str] = Counter()
        self._nodes: dict[int, _Node] = {}
        self._postings: dict[str, deque[int]] = {}
        self._alias: dict[int, int] = {}
        self._next_key = 0
        self._arrivals = 0
        self._finder = DuplicateFinder()

    # -- public API ---------------------------------------------------------------------------

    def fit(self, articles: Iterable[ArticleLike]) -> Self:
        """Forget all stories, then cluster ``articles`` as one batch."""
        self._reset()
        return self.partial_fit(articles)

    def partial_fit(self, articles: Iterable[ArticleLike]) -> Self:
        """Add a batch: each new article joins an existing story, a new one, or its own."""
        feats: list[ArticleFeatures] = []
        seen: set[str] = set()
        for item in articles:
            f = self._features(item)
            if f.source not in self.labels_ and f.source not in seen:  # an article is clustered once
                seen.add(f.source)
                feats.append(f)
        if not feats:
            return self
        placed = self._place_copies(feats) if self.dedup else {}
        fresh = [f for f in feats if f.source not in placed]
        for f in fresh:
            self.n_articles_ += 1
            self.document_frequency_.update(f.words.keys())
            self.document_frequency_.update("\x00" + n for n in f.names)
        new_keys = [self._new_node(f) for f in fresh]
        self._merge(new_keys)
        for source, original in placed.items():
            self._assign(source, self.labels_[original] if original in self.labels_ else self._label_of(original))
        return self

    def resume(self, stories: Sequence[StoryState], *, n_articles: int,
               document_frequency: Mapping[str, int], duplicates: Mapping[str, str] | None = None,
               copies: Iterable[ArticleFeatures] = ()) -> Self:
        """Forget everything, then take up settled stories saved by :meth:`story_state`.

        Story ``i`` of ``stories`` gets key ``i``; give them oldest first, as the index keeps
        the most recent stories per word. ``n_articles`` and ``document_frequency`` are the
        IDF counts saved with them; ``duplicates`` the copy -> original links already made;
        ``copies`` recent articles (their shingles and dates suffice) that a new article may
        turn out to copy. The next :meth:`partial_fit` then behaves as if this object had
        clustered those stories itself.
        """
        self._reset()
        self.n_articles_ = n_articles
        self.document_frequency_.update(document_frequency)
        for state in stories:
            key = self._next_key
            self._next_key += 1
            node = _Node(key, dict(state.words), dict(state.names), list(state.days), list(state.members),
                         False, years=list(state.years), month_days=list(state.month_days))
            node.refresh()
            self._nodes[key] = node
            self.stories_[key] = node.members
            self.days_[key] = node.day()
            for source in node.members:
                self.labels_[source] = key
            self._index(node)
        self._finder.link(duplicates or {})
        self._finder.partial_fit(f for f in copies if f.source in self.labels_)
        self.duplicates_ = dict(self._finder.originals_)
        return self

    def story_state(self, key: int) -> StoryState:
        """What :meth:`resume` needs of story ``key``."""
        node = self._nodes[self._resolve(key)]
        return StoryState(tuple(node.members), dict(node.words), dict(node.names), tuple(node.days),
                          tuple(node.years), tuple(node.month_days))

    def related(self, keys: Collection[int] | None = None) -> dict[int, list[int]]:
        """Stories kept apart that share words and names: one long-running topic (a thread).

        With ``keys``, only those stories' threads are looked up (the rest are left out).
        """
        out: dict[int, list[int]] = {}
        for key, node in self._nodes.items():
            if keys is not None and key not in keys:
                continue
            for other in self._candidates(node, exclude=key):
                if self._score(node, self._nodes[other], timed=False) >= self.related_threshold:
                    out.setdefault(key, []).append(other)
        return {k: sorted(set(v)) for k, v in out.items()}

    def similarity(self, a: ArticleLike, b: ArticleLike) -> float:
        """The score two articles would have as singletons (for inspection and calibration)."""
        na, nb = (self._node_of(self._features(x), -1) for x in (a, b))
        return self._score(na, nb)

    # -- features and vectors -----------------------------------------------------------------

    def _features(self, item: ArticleLike) -> ArticleFeatures:
        self._arrivals += 1
        if isinstance(item, ArticleFeatures):
            return item
        return featurize(item, order=self._arrivals)

    def _idf(self, term: str) -> float:
        return math.log((1 + self.n_articles_) / (1 + self.document_frequency_.get(term, 0))) + 1.0

    def _vector(self, counts: Counter[str], prefix: str, keep: int) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * self._idf(prefix + t) for t, c in counts.items()}
        vec = _top(vec, keep)
        norm = _norm(vec)
        return {t: v / norm for t, v in vec.items()} if norm else vec

    def _node_of(self, f: ArticleFeatures, key: int) -> _Node:
        precise = f.day is not None and f.dated != "year"
        node = _Node(key, self._vector(f.words, "", ARTICLE_TERMS), self._vector(f.names, "\x00", ARTICLE_TERMS),
                     [f.day] if precise and f.day else [], [f.source], True,
                     years=[f.day.year] if f.day and not precise else [],
                     month_days=[f.month_day] if f.month_day else [])
        node.refresh()
        return node

    # -- copies -------------------------------------------------------------------------------

    def _place_copies(self, feats: list[ArticleFeatures]) -> dict[str, str]:
        """Run dedup on the batch; return copies to place as {source: an article of their group}."""
        self._finder.partial_fit(feats)
        self.duplicates_ = dict(self._finder.originals_)
        placed: dict[str, str] = {}
        batch = {f.source for f in feats}
        for f in feats:
            root = self._finder.root(f.source)
            group = [root, *self._finder.copies_of(root)]
            settled = next((m for m in group if m in self.labels_), None)
            if settled is not None:
                placed[f.source] = settled          # joins the story its copies are already in
            elif root != f.source and root in batch:
                placed[f.source] = root             # clustered through its original
        return placed

    def _label_of(self, source: str) -> int:
        key = self.labels_.get(source)
        if key is None:  # the original was itself placed as a copy in this batch: a fresh story
            key = self._new_node_for(source)
        return key

    def _new_node_for(self, source: str) -> int:
        key = self._next_key
        self._next_key += 1
        self._nodes[key] = _Node(key, {}, {}, [], [], False)
        self._assign(source, key)
        return key

    def _assign(self, source: str, key: int) -> None:
        key = self._resolve(key)
        self.labels_[source] = key
        members = self._nodes[key].members
        self.stories_[key] = members  # the story's list and the node's are one list
        if source not in members:
            members.append(source)

    # -- agglomeration ------------------------------------------------------------------------

    def _new_node(self, f: ArticleFeatures) -> int:
        key = self._next_key
        self._next_key += 1
        node = self._node_of(f, key)
        self._nodes[key] = node
        self.labels_[f.source] = key
        self.stories_[key] = node.members
        self.days_[key] = node.day()
        return key

    def _resolve(self, key: int) -> int:
        while key in self._alias:
            key = self._alias[key]
        return key

    def _index(self, node: _Node) -> None:
        for term in _top(node.words, INDEX_TERMS):
            posting = self._postings.get(term)
            if posting is None:
                posting = self._postings[term] = deque(maxlen=self.max_postings)
            posting.append(node.key)

    def _candidates(self, node: _Node, exclude: int) -> list[int]:
        hits: Counter[int] = Counter()
        for term in _top(node.words, INDEX_TERMS):
            posting = self._postings.get(term)
            if posting:
                hits.update(posting)
        out: list[int] = []
        for key, _ in hits.most_common(MAX_CANDIDATES * 2):
            key = self._resolve(key)
            if key != exclude and key in self._nodes and key not in out:
                out.append(key)
            if len(out) >= MAX_CANDIDATES:
                break
        return out

    def _score(self, a: _Node, b: _Node, timed: bool = True) -> float:
        sim = dot if self.linkage == "average" else cosine
        names = sim(a.names, b.names)
        if names < NAME_GATE and len(a.names) >= MIN_NAMES and len(b.names) >= MIN_NAMES:
            return -1.0
        return self.w_words * sim(a.words, b.words) + self.w_names * names + (_time(a, b) if timed else 0.0)

    def _merge(self, new_keys: Sequence[int]) -> None:
        """Agglomerate the new articles with each other and with existing stories, best first."""
        for key in new_keys:
            self._index(self._nodes[key])
        heap: list[tuple[float, int, int, int, int]] = []
        for key in new_keys:
            node = self._nodes[key]
            for other in self._candidates(node, exclude=key):
                self._push(heap, node, self._nodes[other])
        while heap:
            _, ka, kb, va, vb = heapq.heappop(heap)
            a, b = self._nodes.get(ka), self._nodes.get(kb)
            if a is None or b is None or a.version != va or b.version != vb:
                continue
            self._join(a, b)
            for other in sorted((a.neighbours | b.neighbours) - {a.key, b.key}):
                n = self._nodes.get(self._resolve(other))
                if n is not None and n.key != a.key:
                    self._push(heap, a, n)
        for node in self._nodes.values():
            node.new = False
            node.neighbours.clear()

    def _push(self, heap: list[tuple[float, int, int, int, int]], a: _Node, b: _Node) -> None:
        if not (a.new or b.new):
            return
        a.neighbours.add(b.key)
        b.neighbours.add(a.key)
        score = self._score(a, b)
        if score >= self.threshold:
            lo, hi = (a, b) if a.key < b.key else (b, a)
            heapq.heappush(heap, (-score, lo.key, hi.key, lo.version, hi.version))

    def _join(self, a: _Node, b: _Node) -> None:
        """Fold story ``b`` into ``a`` (the older key survives, so ids stay put)."""
        n_a, n_b = len(a.members), len(b.members)
        words = {k: v * n_a for k, v in a.words.items()}
        _add(words, {k: v * n_b for k, v in b.words.items()})
        names = {k: v * n_a for k, v in a.names.items()}
        _add(names, {k: v * n_b for k, v in b.names.items()})
        total = n_a + n_b
        a.words = _top({k: v / total for k, v in words.items()}, STORY_TERMS)
        a.names = _top({k: v / total for k, v in names.items()}, STORY_TERMS)
        a.days.extend(b.days)
        a.years.extend(b.years)
        a.month_days.extend(b.month_days)
        a.refresh()
        a.members.extend(b.members)
        a.new = True
        a.version += 1
        a.neighbours |= b.neighbours
        del self._nodes[b.key]
        self._alias[b.key] = a.key
        for source in b.members:
            self.labels_[source] = a.key
        self.stories_[a.key] = a.members
        self.stories_.pop(b.key, None)
        self.days_[a.key] = a.day()
        self.days_.pop(b.key, None)
        self._index(a)

