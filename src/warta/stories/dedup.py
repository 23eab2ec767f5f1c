"""Near-duplicates and syndication: the same copy published again, linked to its original.

Wire copy (Antara, a network's regional sites, an AMP or print variant of the same page) is
republished with a new header, a trimmed ending or a different headline. Counting each copy as
one more "outlet reporting" would inflate a story, and dropping them would hide who carried it;
so every duplicate is kept and linked to its *original*: the earliest published copy, or the
first seen when dates are unknown.

How, at corpus scale:

    body -> 5-word shingles (lower-cased, every word kept: copy is copy)
         -> MinHash (datasketch, 64 permutations) -> LSH candidates (Jaccard >= ~0.3)
         -> check: share of the *shorter* text's shingles found in the other >= 0.8

The check is containment, not Jaccard, because excerpts and AMP variants are shorter than the
page they copy. Memory stays bounded: only the last ``max_items`` articles are kept searchable
(a copy is republished within days, not years); the links already made are kept for good.

>>> finder = DuplicateFinder()
>>> finder.partial_fit([a, b, copy_of_a]).originals_          # doctest: +SKIP
{'copy_of_a.txt': 'a.txt'}
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Self

import numpy as np
from datasketch import MinHash, MinHashLSH

from warta.stories.features import ArticleFeatures

#: Permutations per MinHash: 64 keeps an article's signature at 512 bytes; the exact check
#: afterwards removes the false candidates this coarseness lets through.
NUM_PERM = 64
#: LSH recall threshold (estimated Jaccard); low so that short excerpts of a long page are found.
LSH_THRESHOLD = 0.3
#: Share of the shorter text's shingles that must appear in the other to call it a copy.
CONTAINMENT = 0.8
#: A text with fewer shingles than this is too short to call a copy of anything.
MIN_SHINGLES = 12
#: How many recent articles stay searchable; older ones keep their links but are not matched.
MAX_ITEMS = 200_000


def _identity(value: int) -> int:
    return value


@dataclass(slots=True)
class _Copy:
    shingles: np.ndarray
    day: date | None
    order: int


def _earlier(a: _Copy, b: _Copy) -> bool:
    """Whether ``a`` was published before ``b`` (by date when both have one, else by arrival)."""
    if a.day is not None and b.day is not None and a.day != b.day:
        return a.day < b.day
    return a.order < b.order


class DuplicateFinder:
    """Find near-duplicate articles incrementally and link each one to its original.

    Learned state: ``originals_`` maps every duplicate's source to its original's source (an
    original is never in it as a key); ``n_seen_`` counts the articles seen. ``root(source)``
    gives the original of any article (itself when it is one).
    """

    def __init__(self, containment: float = CONTAINMENT, num_perm: int = NUM_PERM,
                 max_items: int = MAX_ITEMS) -> None:
        self.containment = containment
        self.num_perm = num_perm
        self.max_items = max_items
        self._reset()

    def _reset(self) -> None:
        self.originals_: dict[str, str] = {}
        self.n_seen_ = 0
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=self.num_perm)
        self._copies: dict[str, _Copy] = {}
        self._window: deque[str] = deque()
        self._members: dict[str, list[str]] = {}
        self._template = MinHash(num_perm=self.num_perm, hashfunc=_identity, seed=1)

    def fit(self, items: Iterable[ArticleFeatures]) -> Self:
        """Forget everything, then link the duplicates among ``items``."""
        self._reset()
        return self.partial_fit(items)

    def partial_fit(self, items: Iterable[ArticleFeatures]) -> Self:
        """Add articles (as features); copies of earlier ones are linked to their original.

        Within a batch, articles go in date order, so the earliest copy becomes the original
        whatever order the files were named in.
        """
        batch = sorted(items, key=lambda f: (f.day is None, f.day or date.min, f.order))
        for feats in batch:
            self._add(feats)
        return self

    def link(self, links: Mapping[str, str]) -> Self:
        """Take up copy -> original links made earlier (by another process) without their texts.

        A linked article is not searchable until it is also given to :meth:`partial_fit`,
        but a new copy of it still joins its group there.
        """
        for copy, original in links.items():
            root = self.root(original)
            if copy == root or copy in self.originals_:
                continue
            self.originals_[copy] = root
            group = self._members.setdefault(root, [root])
            if copy not in group:
                group.append(copy)
        return self

    def root(self, source: str) -> str:
        """The original that ``source`` copies (``source`` itself when it is an original)."""
        return self.originals_.get(source, source)

    def copies_of(self, source: str) -> list[str]:
        """The duplicates linked to the original ``source``."""
        return [m for m in self._members.get(source, [source]) if m != source]

    def _add(self, feats: ArticleFeatures) -> None:
        self.n_seen_ += 1
        key = feats.source
        if key in self._copies:  # the same source given twice: keep the first
            return
        copy = _Copy(feats.shingles, feats.day, feats.order)
        roots: set[str] = set()
        if len(copy.shingles) >= MIN_SHINGLES:
            sig = self._template.copy()
            sig.update_batch(copy.shingles.tolist())
            for other in self._lsh.query(sig):
                if self._contains(copy.shingles, self._copies[other].shingles):
                    roots.add(self.root(other))
            self._lsh.insert(key, sig)
            self._window.append(key)
        self._copies[key] = copy
        if key not in self.originals_:  # a linked copy is already in its original's group
            self._members.setdefault(key, [key])  # and a linked original keeps its copies
        for root in sorted(roots):
            self._join(key, root)
        while len(self._window) > self.max_items:
            old = self._window.popleft()
            self._lsh.remove(old)
            self._copies.pop(old, None)

    def _contains(self, a: np.ndarray, b: np.ndarray) -> bool:
        shorter = min(len(a), len(b))
        if shorter < MIN_SHINGLES:
            return False
        common = len(np.intersect1d(a, b, assume_unique=True))
        return common >= self.containment * shorter

    def _join(self, key: str, other_root: str) -> None:
        """Put the groups of ``key`` and ``other_root`` together under the earlier original."""
        mine = self.root(key)
        if mine == other_root:
            return
        a, b = self._copies.get(mine), self._copies.get(other_root)
        keep, lose = (mine, other_root) if a is not None and (b is None or _earlier(a, b)) else (other_root, mine)
        members = self._members.pop(lose, [lose])
        self._members.setdefault(keep, [keep]).extend(members)
        self.originals_.pop(keep, None)
        for m in members:
            self.originals_[m] = keep
