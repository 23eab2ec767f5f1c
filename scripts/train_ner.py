"""Train the entity recogniser shipped in ``src/warta/models/ner.crfsuite`` (``make train``).

Reads the train splits of the three public Indonesian NER corpora from ``--data`` (default
``../shared/data`` beside the repo; they are never copied into the project), maps their tag
names onto PER / ORG / LOC, trains one CRF on all of them together and prints span F1 on each
corpus's dev split. The dev splits are used for tuning only, never for training unless
``--with-dev`` is given, and the held-out test splits are not on the machine at all.

    .venv/bin/python scripts/train_ner.py                    # train, report, save the model
    .venv/bin/python scripts/train_ner.py --c1 0.05 --c2 0.01 --no-save   # an experiment

Runs single-threaded (crfsuite is), about a minute on a laptop core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ner_clusters import learn_clusters, write_clusters  # noqa: E402

from warta.analyze.ner import MODEL_FILE, bio_to_spans, repair_bio  # noqa: E402
from warta.analyze.ner_features import CLUSTER_FILE, Resources, sentence_features  # noqa: E402

# The corpora use their own type names; these are the ones score_nlp.py maps too.
TYPE_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
            "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC"}


@dataclass(frozen=True)
class Corpus:
    """One public corpus: where its splits live, relative to --data."""

    name: str
    train: str
    dev: str


CORPORA = (
    Corpus("idner-news-2k", "idner-news-2k/train.txt", "idner-news-2k/dev.txt"),
    Corpus("indolem-nerui", "indolem-nerui/train.01.tsv", "indolem-nerui/dev.01.tsv"),
    Corpus("indonlu-nergrit", "indonlu-nergrit/train_preprocess.txt", "indonlu-nergrit/valid_preprocess.txt"),
)

Sentence = tuple[list[str], list[str]]


def normalise_tag(tag: str) -> str:
    """``B-PERSON`` -> ``B-PER``; types outside PER/ORG/LOC become ``O``."""
    prefix, _, name = tag.partition("-")
    mapped = TYPE_MAP.get(name.upper())
    return f"{prefix}-{mapped}" if prefix in ("B", "I") and mapped else "O"


def read_conll(path: Path) -> Iterator[Sentence]:
    """(tokens, tags) per sentence: first column the token, last column the BIO tag."""
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        cols = line.split()
        if not cols:
            if toks:
                yield toks, repair_bio(tags)
                toks, tags = [], []
            continue
        toks.append(cols[0])
        tags.append(normalise_tag(cols[-1]) if len(cols) > 1 else "O")
    if toks:
        yield toks, repair_bio(tags)


def span_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, float]:
    """Exact-span micro F1, overall and per type, conlleval-style as score_nlp.py counts it."""
    counts = {k: [0, 0, 0] for k in ("ALL", "PER", "ORG", "LOC")}  # hit, predicted, gold
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = set(bio_to_spans(g_tags)), set(bio_to_spans(p_tags))
        for kind in counts:
            gk = {s for s in g if kind in ("ALL", s[2])}
            pk = {s for s in p if kind in ("ALL", s[2])}
            counts[kind][0] += len(gk & pk)
            counts[kind][1] += len(pk)
            counts[kind][2] += len(gk)
    out = {}
    for kind, (hit, npred, ngold) in counts.items():
        prec = hit / npred if npred else 0.0
        rec = hit / ngold if ngold else 0.0
        out[kind] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def train(sents: Sequence[Sentence], res: Resources, out: Path, c1: float, c2: float, max_iter: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(sentence_features(toks, res), tags)
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iter,
        # Only transitions seen in the data: keeps I-ORG from following B-PER. The L1 term
        # (c1) is what keeps the model small: it zeroes most of the ~1M candidate features.
        "feature.possible_transitions": False,
    })
    trainer.train(str(out))


def evaluate(model: Path, res: Resources, dev: dict[str, list[Sentence]]) -> dict[str, dict[str, float]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    scores = {}
    for name, sents in dev.items():
        pred = [repair_bio(tagger.tag(sentence_features(toks, res))) for toks, _ in sents]
        scores[name] = span_f1([tags for _, tags in sents], pred)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                    help="folder holding the corpora (default: ../shared/data beside the repo)")
    # Tuned on the three dev splits (see the table in the commit message / report).
    ap.add_argument("--c1", type=float, default=0.05, help="L1 penalty (sparser, smaller model)")
    ap.add_argument("--c2", type=float, default=0.1, help="L2 penalty")
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--with-dev", action="store_true", help="also train on the dev splits (no honest dev score)")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--no-save", action="store_true", help="train and report only; keep the shipped model")
    args = ap.parse_args(argv)

    missing = [c.name for c in CORPORA if not (args.data / c.train).is_file()]
    if missing:
        print(f"train_ner: corpora not found under {args.data}: {', '.join(missing)}; pass --data", file=sys.stderr)
        return 2
    train_sents: list[Sentence] = []
    dev: dict[str, list[Sentence]] = {}
    for corpus in CORPORA:
        train_sents += read_conll(args.data / corpus.train)
        dev[corpus.name] = list(read_conll(args.data / corpus.dev))
        if args.with_dev:
            train_sents += dev[corpus.name]
    # Clusters come from the train tokens only (labels unused), so dev scores stay honest.
    clusters = learn_clusters([toks for toks, _ in train_sents])
    res = Resources(Resources.load().gazetteer, clusters)

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "ner.crfsuite"
        train(train_sents, res, model, args.c1, args.c2, args.max_iter)
        took = time.perf_counter() - t0
        scores = evaluate(model, res, dev)
        print(f"trained on {len(train_sents)} sentences in {took:.0f} s (c1={args.c1}, c2={args.c2}); "
              f"model {model.stat().st_size / 1e6:.2f} MB")
        print(f"{'dev split':18s} {'F1':>6s} {'PER':>6s} {'ORG':>6s} {'LOC':>6s}")
        for name, s in scores.items():
            print(f"{name:18s} {s['ALL']:6.3f} {s['PER']:6.3f} {s['ORG']:6.3f} {s['LOC']:6.3f}")
        if not args.no_save:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(model.read_bytes())
            write_clusters(clusters, str(args.out.parent / CLUSTER_FILE))
            print(f"wrote {args.out} and {CLUSTER_FILE} ({len(clusters)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
