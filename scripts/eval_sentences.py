#!/usr/bin/env python3
"""Measure :mod:`warta.analyze.sentences` on UD Indonesian-GSD (CoNLL-U).

Why: the splitter and tokenizer run on every article and every later offset depends on them,
so their quality is pinned with a public treebank rather than judged by eye.

* sentence boundaries: the ``# text`` lines of a file are joined with one space, the text is
  split, and predicted sentence ends are compared with gold ends (precision, recall, F1);
* tokens: each gold sentence is tokenised on its own and token character spans are compared
  with the gold surface tokens (a multi-word token line counts once, by its surface form).

    .venv/bin/python scripts/eval_sentences.py ../shared/data/ud-indonesian-gsd/id_gsd-ud-dev.conllu
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from warta.analyze.sentences import split_sentences, tokenize


def read_conllu(path: Path) -> list[tuple[str, list[str]]]:
    """(sentence text, surface tokens) for each sentence of a CoNLL-U file."""
    out: list[tuple[str, list[str]]] = []
    text = ""
    toks: list[str] = []
    skip_to = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if text:
                out.append((text, toks))
            text, toks, skip_to = "", [], 0
        else:
            cols = line.split("\t")
            ident = cols[0]
            if "." in ident:  # empty node: no surface form
                continue
            if "-" in ident:
                _lo, hi = (int(x) for x in ident.split("-"))
                toks.append(cols[1])
                skip_to = hi
                continue
            if int(ident) <= skip_to:
                continue
            toks.append(cols[1])
    if text:
        out.append((text, toks))
    return out


def gold_spans(text: str, toks: list[str]) -> set[tuple[int, int]] | None:
    """Character spans of gold tokens in ``text``; None when they do not align with it."""
    spans: set[tuple[int, int]] = set()
    pos = 0
    for tok in toks:
        at = text.find(tok, pos)
        if at < 0:
            return None
        spans.add((at, at + len(tok)))
        pos = at + len(tok)
    return spans


def prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conllu", type=Path, nargs="+")
    ap.add_argument("--show", type=int, default=0, help="print this many token and sentence errors")
    a = ap.parse_args()
    for path in a.conllu:
        sents = read_conllu(path)
        joined = " ".join(t for t, _ in sents)
        gold_ends: set[int] = set()
        pos = 0
        for t, _ in sents:
            pos += len(t)
            gold_ends.add(pos)
            pos += 1
        t0 = time.perf_counter()
        pred = split_sentences(joined)
        took = time.perf_counter() - t0
        pred_ends = {e for _, e in pred}
        sp, sr, sf = prf(len(pred_ends & gold_ends), len(pred_ends), len(gold_ends))

        hit = n_pred = n_gold = 0
        shown = 0
        for text, toks in sents:
            gs = gold_spans(text, toks)
            if gs is None:
                continue
            ps = {(s, e) for _, s, e in tokenize(text)}
            hit += len(ps & gs)
            n_pred += len(ps)
            n_gold += len(gs)
            if shown < a.show and ps != gs:
                shown += 1
                print("  tok miss:", sorted(text[s:e] for s, e in gs - ps)[:6],
                      "extra:", sorted(text[s:e] for s, e in ps - gs)[:6])
        tp, tr, tf = prf(hit, n_pred, n_gold)
        if a.show:
            for s, e in pred:
                if e not in gold_ends and shown < 2 * a.show:
                    shown += 1
                    print("  sent split at:", repr(joined[max(s, e - 50):e + 30]))
        print(f"{path.name}: {len(sents)} sentences, {n_gold} tokens; "
              f"{len(joined) / 1024 / took:.0f} KiB/s splitting")
        print(f"  sentence boundary P {sp:.4f} R {sr:.4f} F1 {sf:.4f}")
        print(f"  token             P {tp:.4f} R {tr:.4f} F1 {tf:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
