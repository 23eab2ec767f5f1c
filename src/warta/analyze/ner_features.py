"""Token features for the entity recogniser: word shape, affixes, context, gazetteers, clusters.

The CRF in :mod:`warta.analyze.ner` sees each token only through the strings made here, so this
module *is* the model's view of Indonesian text. It is shared by the tagger and by
``scripts/train_ner.py``: a feature computed differently at training and at tagging time would
silently ruin the model, which is why there is exactly one definition, :class:`Featurizer`
(:func:`sentence_features` is its plain entry point). It builds the features of each distinct
token string once and, for a tagger, keeps only those the model learnt: tagging is the bulk of
the analysis time, and news repeats a few thousand strings.

Stages, each marked below:

1. the token itself: lower-cased form, shape, prefixes and suffixes, casing flags;
2. Indonesian cues: honorifics and titles just before, clitics (``-nya``), verbal prefixes;
3. gazetteer membership of the longest n-gram covering the token (regions, ministries,
   parties, agencies, wire services, media, companies, person names, trigger words);
4. word clusters learned by the project from unlabelled text (optional file);
5. the same compact view of the neighbours at -2 .. +2.

    >>> feats = sentence_features(["Presiden", "Joko", "Widodo"], Resources.load())
    >>> "gz:per_title" in feats[0]
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Generic, Literal, TypeVar, cast, overload

# Longest gazetteer entry we try to match, in tokens. Names longer than this ("Kementerian
# Koordinator Bidang Pembangunan Manusia dan Kebudayaan") are rare and their head words are
# caught by the trigger lists anyway.
MAX_NGRAM = 7

# Affix lengths: Indonesian morphology lives in 2-4 character prefixes (me-, ber-, di-, ter-,
# per-, ke-) and suffixes (-kan, -an, -nya, -lah); longer ones mostly memorise the word.
AFFIX_LENGTHS = (2, 3, 4)

# Data live beside the code (package data), read from disk: lang/ and models/ hold no Python.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = PACKAGE_DIR / "lang" / "id" / "gazetteer"
MODEL_DIR = PACKAGE_DIR / "models"
CLUSTER_FILE = "ner_clusters.tsv"

_TOKEN_SPLIT = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_VERB_PREFIX = re.compile(r"^(me[mn]?g?|ber|di|ter|per|ke)[a-z]{3,}")


def tokenize_entry(entry: str) -> tuple[str, ...]:
    """Split a gazetteer line as the corpora split text ("Saint-Germain" -> Saint, -, Germain)."""
    return tuple(tok.lower() for tok in _TOKEN_SPLIT.findall(entry))


def word_shape(token: str) -> str:
    """Map characters to X/x/d/other and squeeze runs: "Jokowi" -> "Xx", "HUT-71" -> "X-d"."""
    out: list[str] = []
    for ch in token:
        if ch.isupper():
            cls = "X"
        elif ch.islower():
            cls = "x"
        elif ch.isdigit():
            cls = "d"
        else:
            cls = ch
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased n-grams mapped to the lists (file stems) that hold them.

    The list names become feature names, so renaming a file changes the model: retrain after.
    """

    entries: dict[tuple[str, ...], frozenset[str]]
    max_len: int
    # First word of an entry -> the longest entry it starts (most tokens start none).
    heads: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_lists(cls, lists: Mapping[str, Iterable[str]]) -> Gazetteer:
        table: dict[tuple[str, ...], set[str]] = {}
        for name, lines in lists.items():
            for line in lines:
                key = tokenize_entry(line)
                if key:
                    table.setdefault(key, set()).add(name)
        longest = max((len(k) for k in table), default=1)
        heads: dict[str, int] = {}
        for key in table:
            heads[key[0]] = max(heads.get(key[0], 0), min(len(key), MAX_NGRAM))
        return cls({k: frozenset(v) for k, v in table.items()}, min(longest, MAX_NGRAM), heads)

    def matches(self, lowered: Sequence[str]) -> list[list[str]]:
        """For each token, features ``gz:LIST`` / ``gz:LIST:B|I`` of the longest match covering it.

        Longest match first, left to right, so "Jawa Barat" is one region rather than the island
        "Jawa" followed by a stray word.
        """
        marks: list[list[str]] = [[] for _ in lowered]
        for i, found in self.marked(lowered):
            marks[i] = found
        return marks

    def marked(self, lowered: Sequence[str]) -> list[tuple[int, list[str]]]:
        """:meth:`matches` for the tokens that have marks only, as ``(index, marks)`` in order.

        Most tokens start no entry, so a sentence usually has few marks: the tagger asks for
        these instead of a list per token.
        """
        heads = self.heads
        starts = [i for i, low in enumerate(lowered) if low in heads]
        if not starts:
            return []
        marks: dict[int, list[str]] = {}
        n = len(lowered)
        covered = 0         # tokens before this are inside an entry already matched
        for i in starts:
            if i < covered:
                continue
            for length in range(min(self.max_len, heads[lowered[i]], n - i), 0, -1):
                names = self.entries.get(tuple(lowered[i : i + length]))
                if names:
                    for name in names:
                        marks.setdefault(i, []).extend((f"gz:{name}:B", f"gz:{name}"))
                        for j in range(i + 1, i + length):
                            marks.setdefault(j, []).extend((f"gz:{name}:I", f"gz:{name}"))
                    covered = i + length
                    break
        return sorted(marks.items())


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the features look up besides the tokens: gazetteers and word clusters."""

    gazetteer: Gazetteer
    clusters: dict[str, str] = field(default_factory=dict)
    # The per-token feature cache over these resources, for training and ad-hoc callers; a
    # tagger makes its own, pruned to the attributes of its model.
    featurizer: Featurizer[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "featurizer", Featurizer(self))

    @classmethod
    def load(cls) -> Resources:
        return _load_resources()


def read_list(text: str) -> list[str]:
    """Lines of a data file, without blanks and ``#`` comments."""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def _load_resources() -> Resources:
    lists = {item.stem: read_list(item.read_text(encoding="utf-8")) for item in sorted(GAZETTEER_DIR.glob("*.txt"))}
    clusters: dict[str, str] = {}
    cluster_file = MODEL_DIR / CLUSTER_FILE
    if cluster_file.is_file():
        for line in cluster_file.read_text(encoding="utf-8").splitlines():
            word, _, path = line.partition("\t")
            if path:
                clusters[word] = path
    return Resources(Gazetteer.from_lists(lists), clusters)



# Distinct token strings whose context-free features are kept in memory. News vocabulary is
# Zipfian: a few thousand strings cover most tokens, and this bound keeps a long-running
# process (a server, a big ingest) from growing without end; the table is emptied when full.
TOKEN_CACHE_SIZE = 50_000

# Neighbour offsets, in the order their features are emitted.
_OFFSETS = (-2, -1, 1, 2)


def _token_view(token: str, lower: str) -> list[str]:
    """The compact description of a token that its neighbours see too."""
    feats = [f"w={lower}", f"sh={word_shape(token)}"]
    if token[:1].isupper():
        feats.append("cap")
    if token.isupper() and len(token) > 1:
        feats.append("caps")
    return feats


def _own_features(token: str, lower: str, res: Resources) -> list[str]:
    """Stage 1, 2 and 4: what only the token in focus contributes."""
    feats = [f"p{k}={lower[:k]}" for k in AFFIX_LENGTHS if len(lower) > k]
    feats += [f"s{k}={lower[-k:]}" for k in AFFIX_LENGTHS if len(lower) > k]
    feats.append(f"len={min(len(token), 10)}")
    if any(ch.isdigit() for ch in token):
        feats.append("digit")
    if "-" in token and len(token) > 1:
        feats.append("hyphen")
    if token.istitle() and len(token) > 1:
        feats.append("title")
    if lower.endswith("nya") and len(lower) > 5:
        feats.append("clitic=nya")
    if token.islower() and _VERB_PREFIX.match(lower):
        feats.append("verbal")
    cluster = res.clusters.get(lower)
    if cluster is not None:
        # Ids at several granularities ("12/87/301"), coarse to fine, so a rare word shares
        # statistics with its cluster at the level the data can support.
        feats += [f"c{k}={cid}" for k, cid in enumerate(cluster.split("/"))]
    return feats


# A feature as the featurizer hands it out: text for training and inspection, UTF-8 bytes for
# the tagger (crfsuite takes bytes as they are, where it would encode every text first).
F = TypeVar("F", bound=str | bytes)


@dataclass(frozen=True, slots=True)
class _TokenParts(Generic[F]):
    """What a token string contributes wherever it stands: its lower-cased form, its own
    features, and its view as each neighbour sees it (``-1:w=jakarta`` in ``left1``), already
    filtered to what the model knows."""

    lower: str
    own: tuple[F, ...]
    left2: tuple[F, ...]
    left1: tuple[F, ...]
    right1: tuple[F, ...]
    right2: tuple[F, ...]


class Featurizer(Generic[F]):
    """:func:`sentence_features` with the context-free part of each token computed once.

    Most of a token's features depend on the token string alone (its form, shape, affixes,
    cluster, and its view from the neighbours), and a news corpus repeats the same few
    thousand strings: building them once per string instead of once per occurrence is what
    makes tagging fast. A sentence's features are then concatenations of cached tuples, plus
    the gazetteer marks and the word pairs, which are cached per distinct value too. ``known``
    (the attributes a trained model holds) drops features the model never learnt, which the
    CRF would ignore anyway, so the tagger converts fewer strings; training passes ``None``
    and sees everything. ``encoded=True`` gives the features as UTF-8 bytes, for crfsuite.

        >>> Featurizer(Resources.load())(["Ia", "tiba", "di", "Bandung"])[3][:2]
        ['bias', 'w=bandung']
    """

    @overload
    def __init__(self: Featurizer[str], res: Resources, known: frozenset[str] | None = None) -> None: ...

    @overload
    def __init__(self: Featurizer[bytes], res: Resources, known: frozenset[str] | None = None, *,
                 encoded: Literal[True]) -> None: ...

    def __init__(self, res: Resources, known: frozenset[str] | None = None, *, encoded: bool = False) -> None:
        self.res = res
        self.known = known
        self.encoded = encoded
        self._parts: dict[str, _TokenParts[F]] = {}
        self._marks: dict[tuple[str, ...], tuple[tuple[F, ...], tuple[F, ...]]] = {}
        # Word pair -> (its "bi+1" feature for the left word, its "bi-1" one for the right word).
        self._pairs: dict[tuple[str, str], tuple[tuple[F, ...], tuple[F, ...]]] = {}
        # The left words of the pairs the model knows (None: every pair is kept). Most pairs
        # are unknown, and a word outside this set rules its pair out with one look-up. Built
        # on the first sentence (a pass over every attribute), so loading a tagger stays quick.
        self._pair_lefts: frozenset[str] | None = None
        # The features that do not depend on the sentence, filtered once.
        self._bos: tuple[F, ...] = self._keep(["BOS"])
        self._eos: tuple[F, ...] = self._keep(["EOS"])
        self._pads: dict[int, tuple[F, ...]] = {off: self._keep([f"{off}:pad"]) for off in _OFFSETS}

    def _keep(self, feats: Iterable[str]) -> tuple[F, ...]:
        """The features the model knows, in order, in the featurizer's form (text or bytes)."""
        known = self.known
        # F is bytes exactly when ``encoded`` (see the overloads of __init__).
        if self.encoded:
            kept: list[str] | list[bytes] = [f.encode() for f in feats if known is None or f in known]
        else:
            kept = [f for f in feats if known is None or f in known]
        return cast("tuple[F, ...]", tuple(kept))

    def parts(self, token: str) -> _TokenParts[F]:
        """The cached context-free features of one token string."""
        hit = self._parts.get(token)
        if hit is not None:
            return hit
        lower = token.lower()
        view = _token_view(token, lower)
        own = self._keep(["bias", *view, *_own_features(token, lower, self.res)])
        seen = [self._keep([f"{off}:{f}" for f in view]) for off in _OFFSETS]
        if len(self._parts) >= TOKEN_CACHE_SIZE:
            self._parts.clear()
        hit = self._parts[token] = _TokenParts(lower, own, *seen)
        return hit

    def _mark_features(self, marks: list[str]) -> tuple[tuple[F, ...], tuple[F, ...]]:
        """(the marks as the next token sees them, the marks as the token's own features).

        The next token sees the list names only, not the B/I position; the same few mark
        lists recur, so their filtered forms are kept.
        """
        key = tuple(marks)
        hit = self._marks.get(key)
        if hit is None:
            if len(self._marks) >= TOKEN_CACHE_SIZE:
                self._marks.clear()
            hit = self._marks[key] = (
                self._keep([f"-1:{f}" for f in marks if not f.endswith((":B", ":I"))]), self._keep(marks))
        return hit

    def _pair_features(self, pair: tuple[str, str]) -> tuple[tuple[F, ...], tuple[F, ...]]:
        """The word-pair features of two neighbours, ``bi+1`` of the left and ``bi-1`` of the
        right one (lower-cased), cached like the tokens' own."""
        if len(self._pairs) >= TOKEN_CACHE_SIZE:
            self._pairs.clear()
        left, right = pair
        hit = self._pairs[pair] = (self._keep([f"bi+1={left}|{right}"]), self._keep([f"bi-1={left}|{right}"]))
        return hit

    def __call__(self, tokens: Sequence[str]) -> list[list[F]]:
        """One list of feature strings per token; the CRF's only view of the sentence.

        Each token's features, in this order: its own (stage 1, 2, 4), its gazetteer marks
        (stage 3), BOS/EOS, then the neighbours -2, -1 (with the left neighbour's marks), +1,
        +2 (stage 5), then the word pairs with the left and the right neighbour. The order is
        the one the model was trained with.
        """
        n = len(tokens)
        if not n:
            return []
        cached = self._parts
        parts = [cached.get(t) or self.parts(t) for t in tokens]
        lowered = [p.lower for p in parts]
        empty: tuple[F, ...] = ()
        own_marks = [empty] * n
        left_marks = [empty] * (n + 1)      # index i: the marks token i sees on its left
        for i, marks in self.res.gazetteer.marked(lowered):
            left_marks[i + 1], own_marks[i] = self._mark_features(marks)
        del left_marks[n]
        pads = self._pads
        pad_l2, pad_l1, pad_r1, pad_r2 = pads[-2], pads[-1], pads[1], pads[2]
        # Every per-position column, padded at the sentence's edges.
        edges = [empty] * n
        edges[0] = self._bos
        edges[-1] = (*edges[-1], *self._eos)
        left2 = ([pad_l2, pad_l2] + [p.left2 for p in parts])[:n]
        left1 = [pad_l1] + [p.left1 for p in parts[:-1]]
        right1 = [p.right1 for p in parts[1:]] + [pad_r1]
        right2 = ([p.right2 for p in parts[2:]] + [pad_r2, pad_r2])[:n]
        seen_pairs = self._pairs
        lefts = self._pair_lefts
        if lefts is None and self.known is not None:
            lefts = self._pair_lefts = _pair_lefts(self.known)
        if lefts is None:
            pairs = [seen_pairs.get(pair) or self._pair_features(pair) for pair in pairwise(lowered)]
        else:
            unknown = (empty, empty)
            pairs = [(seen_pairs.get(pair) or self._pair_features(pair)) if pair[0] in lefts else unknown
                     for pair in pairwise(lowered)]
        pair_left = [empty] + [minus for _, minus in pairs]
        pair_right = [plus for plus, _ in pairs] + [empty]
        return [[*p.own, *g, *be, *l2, *l1, *lg, *r1, *r2, *pl, *pr]
                for p, g, be, l2, l1, lg, r1, r2, pl, pr in zip(parts, own_marks, edges, left2, left1, left_marks,
                                                                right1, right2, pair_left, pair_right, strict=True)]


def _pair_lefts(known: frozenset[str]) -> frozenset[str]:
    """Every string that can be the left word of a known pair feature ("bi+1=kota|bandung"):
    the text before each "|" of the pair, since a word may hold a "|" itself."""
    lefts: set[str] = set()
    for feature in known:
        if feature[:5] in ("bi+1=", "bi-1="):
            words = feature[5:].split("|")
            if len(words) == 2:
                lefts.add(words[0])
            else:
                lefts.update("|".join(words[:k]) for k in range(1, len(words)))
    return frozenset(lefts)


def sentence_features(tokens: Sequence[str], res: Resources) -> list[list[str]]:
    """One list of feature strings per token; the CRF's only view of the sentence.

    The single definition of the features, shared by training and tagging (through a
    :class:`Featurizer` kept on ``res``, so repeated tokens cost one dictionary look-up).

    >>> sentence_features(["Ia", "tiba", "di", "Bandung"], Resources.load())[3][:2]
    ['bias', 'w=bandung']
    """
    return res.featurizer(tokens)
