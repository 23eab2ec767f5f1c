"""Named entities (PER, ORG, LOC) from the CRF that ``scripts/train_ner.py`` trains.

One model serves both ``warta tag`` (measured on the public corpora) and entity extraction in
``warta extract``: the contract asks that what is measured is what runs. The model file is
committed (``warta/models/ner.crfsuite``), loads in a fraction of a second and needs nothing
from the network; the features it expects come from :mod:`warta.analyze.ner_features`.

    >>> tagger = load_tagger()
    >>> tagger.tag(["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta"])
    ['O', 'B-PER', 'I-PER', 'O', 'O', 'B-LOC']
    >>> tag_spans(["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta"])
    [(1, 3, 'PER'), (5, 6, 'LOC')]
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from warta.analyze.ner_features import MODEL_DIR, Featurizer, Resources
from warta.errors import WartaError

MODEL_FILE = MODEL_DIR / "ner.crfsuite"

class NerModelMissing(WartaError):
    """The trained entity model is not where the package expects it."""


class Tagger:
    """A loaded CRF plus the resources its features need; tag one tokenised sentence at a time.

    Not thread-safe (crfsuite keeps per-call state): give each thread its own ``Tagger``.
    """

    def __init__(self, model_path: Path = MODEL_FILE, resources: Resources | None = None) -> None:
        if not model_path.is_file():
            raise NerModelMissing(
                f"no entity model at {model_path}; run `make train` (needs ../shared/data) "
                "or reinstall warta"
            )
        self.model_path = model_path
        self.resources = resources if resources is not None else Resources.load()
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model_path))
        # Bytes: crfsuite copies them as they are, where it would encode each text feature.
        self._features = Featurizer(self.resources, model_attributes(model_path), encoded=True)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-ORG``, ``O`` ...), one per token; ``[]`` for no tokens."""
        if not tokens:
            return []
        labels: list[str] = self._crf.tag(self._features(tokens))
        return repair_bio(labels)


@cache
def load_tagger() -> Tagger:
    """The shared tagger, loaded once per process (about 0.1 s)."""
    return Tagger()


# The crfsuite model layout (crf1d_model.c): a header of twelve little-endian 32-bit fields,
# the attribute names in a CQDB chunk at ``off_attrs``. Read here because pycrfsuite only
# exposes them through ``Tagger.info()``, which dumps and parses the whole model (0.7 s).
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")


def model_attributes(model_path: Path) -> frozenset[str] | None:
    """The attribute (feature) names a crfsuite model holds; None when the file is not one.

    Features outside this set carry no weight, so the tagger need not build them. A file in an
    unexpected layout gives None, and the tagger then builds every feature (same tags, slower).
    """
    data = model_path.read_bytes()
    try:
        head = _HEADER.unpack_from(data, 0)
        if head[0] != b"lCRF":
            return None
        base = head[9]
        chunk, _size, _flag, _order, count, bwd = _CQDB_HEADER.unpack_from(data, base)
        if chunk != b"CQDB":
            return None
        names: set[str] = set()
        for record in struct.unpack_from(f"<{count}I", data, base + bwd):
            start = base + record + 8
            key_size = struct.unpack_from("<I", data, base + record + 4)[0]
            names.add(data[start:start + key_size - 1].decode("utf-8"))
    except (struct.error, UnicodeDecodeError):
        return None
    return frozenset(names)


def repair_bio(labels: Sequence[str]) -> list[str]:
    """Turn an ``I-X`` that follows neither ``B-X`` nor ``I-X`` into ``B-X``.

    The CRF rarely emits such a tag, but a reader of BIO would then drop or merge the span.
    """
    out = list(labels)
    if labels.count("O") == len(labels):  # most sentences: nothing to repair
        return out
    # A repair keeps the type, so whether a label needs one depends on the input alone.
    for i, label in enumerate(labels):
        if label != "O" and label.startswith("I-") and (labels[i - 1][2:] if i else "") != label[2:]:
            out[i] = "B-" + label[2:]
    return out


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` token spans, end exclusive, from BIO tags."""
    spans: list[tuple[int, int, str]] = []
    if labels.count("O") == len(labels):
        return spans
    start: int | None = None
    kind = ""
    end = 0     # just past the open span's last label
    for i, label in enumerate(labels):
        if label == "O":
            continue        # an "O" only closes a span, which the next label or the end does too
        if start is not None and (i != end or not label.startswith("I-") or label[2:] != kind):
            spans.append((start, end, kind))
            start = None
        if start is None:
            if not label.startswith(("B-", "I-")):
                continue
            start, kind = i, label[2:]
        end = i + 1
    if start is not None:
        spans.append((start, end, kind))
    return spans


def tag_spans(tokens: Sequence[str], tagger: Tagger | None = None) -> list[tuple[int, int, str]]:
    """Entity spans of a tokenised sentence: ``(start, end, type)``, token offsets, end exclusive."""
    return bio_to_spans((tagger or load_tagger()).tag(tokens))


def read_token_lines(path: str | Path) -> Iterator[list[str]]:
    """Sentences from a file of one token a line, a blank line between sentences.

    Only the first whitespace-separated column is kept, so CoNLL files with gold columns can be
    fed as they are; CRLF line ends and runs of blank lines are tolerated.
    """
    sentence: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            cols = line.split()
            if cols:
                sentence.append(cols[0])
            elif sentence:
                yield sentence
                sentence = []
    if sentence:
        yield sentence
