"""Word clusters for the entity recogniser, learned from unlabelled text (``make train`` step).

Why: a CRF only knows the words it saw labelled; a cluster id lets "Sleman" borrow what the
model learned about "Bantul" because both appear between "Kabupaten" and ",". The clusters are
learned here from the *tokens* of the NER train splits (their labels are not read), never from
the dev splits we tune on, and written to ``src/warta/models/ner_clusters.tsv`` (word, tab,
ids at three granularities such as ``12/87/301``).

Method, chosen to need only numpy and a few seconds: count each frequent word's left and right
neighbours among the commonest words, weight by positive PMI, reduce with a truncated SVD, and
run k-means at three sizes. Brown clusters would be the classic choice; this is close in spirit
and far cheaper to implement and run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

MIN_COUNT = 3  # rarer words get no cluster: their contexts are too few to place them
CONTEXT_WORDS = 600  # neighbours counted: the commonest words, mostly function words
DIMENSIONS = 60
SIZES = (32, 128, 512)
SEED = 13


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 20) -> np.ndarray:
    centres = x[rng.choice(len(x), size=min(k, len(x)), replace=False)]
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        assign = np.argmax(x @ centres.T, axis=1)  # rows are unit vectors: cosine
        for c in range(len(centres)):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) or 1.0)
    return assign


def learn_clusters(sentences: Sequence[Sequence[str]]) -> dict[str, str]:
    """Map each frequent lower-cased word to ``"i/j/k"``, its cluster at each of SIZES."""
    lowered = [[t.lower() for t in s] for s in sentences]
    counts = Counter(t for s in lowered for t in s)
    vocab = [w for w, n in counts.most_common() if n >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:CONTEXT_WORDS])}
    n_ctx = len(ctx) + 2  # + sentence start / end
    mat = np.zeros((len(vocab), 2 * n_ctx), dtype=np.float64)
    for s in lowered:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = index.get(padded[i])
            if row is None:
                continue
            left = ctx.get(padded[i - 1], n_ctx - 2 if i == 1 else -1)
            right = ctx.get(padded[i + 1], n_ctx - 1 if i == len(padded) - 2 else -1)
            if left >= 0:
                mat[row, left] += 1
            if right >= 0:
                mat[row, n_ctx + right] += 1
    total = mat.sum()
    pmi = np.log((mat * total + 1e-12) / (mat.sum(1, keepdims=True) * mat.sum(0, keepdims=True) + 1e-12))
    ppmi = np.where(mat > 0, np.maximum(pmi, 0.0), 0.0)
    u, sv, _ = np.linalg.svd(ppmi, full_matrices=False)
    vec = u[:, :DIMENSIONS] * np.sqrt(sv[:DIMENSIONS])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-12
    rng = np.random.default_rng(SEED)
    ids = [_kmeans(vec, k, rng) for k in SIZES]
    return {w: "/".join(str(int(a[i])) for a in ids) for i, w in enumerate(vocab)}


def write_clusters(clusters: dict[str, str], path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for word in sorted(clusters):
            if "\t" not in word:
                fh.write(f"{word}\t{clusters[word]}\n")
