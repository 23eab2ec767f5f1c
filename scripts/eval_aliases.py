#!/usr/bin/env python3
"""Measure alias grouping of :func:`warta.analyze.entities.find_entities` on COIN (coreference).

Why: the canonical name of a mention is how the knowledge base groups "Kim" with "Kim Jong Un"
and "BNPB" with its full name. COIN marks ALIAS links between two name mentions of the same
entity ("Dhimas Mudiarto Ramelan Sutarto" ... "Mudy"); this script checks that find_entities
gives both ends the same canonical name.

* alias recall: ALIAS links between two PROPER mentions whose ends both get the same
  canonical (also shown: links whose two ends were both found at all, the tagger's ceiling);
* grouping precision: pairs of found mentions with different surface forms and the same
  canonical, both on gold name mentions, that gold puts in one entity (IDENT/ALIAS/APPOS).

COIN's text is pre-tokenised ("Hj . Qonita"), which the tagger sees less often than news.

    .venv/bin/python scripts/eval_aliases.py ../shared/data/coin-coref-id/dev.tsv
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from warta.analyze.entities import find_entities
from warta.types import Mention

_LABEL = re.compile(r"([A-Z]+)\[(\d+)(?:_(\d+))?\]")


@dataclass
class Doc:
    text: str
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)   # mention id -> chars
    kinds: dict[int, str] = field(default_factory=dict)
    links: list[tuple[str, int, int]] = field(default_factory=list)


def read_coin(path: Path) -> list[Doc]:
    """Documents of a COIN TSV file with their mentions (character spans) and links."""
    docs: list[Doc] = []
    pos = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#Text="):
            docs.append(Doc(line[len("#Text="):]))
            pos = 0
            continue
        cols = line.split("\t")
        if not docs or len(cols) < 4 or not re.match(r"\d+-\d+", cols[0]):
            continue
        doc = docs[-1]
        at = doc.text.find(cols[2], pos)
        if at < 0:
            continue
        start, end = at, at + len(cols[2])
        pos = end
        for kind, a, b in _LABEL.findall(cols[3]):
            if b:
                doc.links.append((kind, int(a), int(b)))
            else:
                m = int(a)
                s, e = doc.spans.get(m, (start, end))
                doc.spans[m] = (min(s, start), max(e, end))
                doc.kinds[m] = kind
    return docs


def clusters(doc: Doc) -> dict[int, int]:
    """Gold entity of each mention: union of IDENT, ALIAS and APPOS links."""
    parent = {m: m for m in doc.spans}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for kind, a, b in doc.links:
        if kind in ("IDENT", "ALIAS", "APPOS") and a in parent and b in parent:
            parent[find(a)] = find(b)
    return {m: find(m) for m in doc.spans}


def best_match(span: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """The found mention overlapping a gold span most, if any."""
    s, e = span
    best, overlap = None, 0
    for m in mentions:
        o = min(e, m.end) - max(s, m.start)
        if o > overlap:
            best, overlap = m, o
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tsv", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print this many missed links")
    a = ap.parse_args()
    docs = read_coin(a.tsv)
    links = found_both = grouped = 0
    pairs = right = 0
    shown = 0
    t0 = time.perf_counter()
    for doc in docs:
        mentions = find_entities(doc.text)
        gold = clusters(doc)
        for kind, x, y in doc.links:
            if kind != "ALIAS" or doc.kinds.get(x) != "PROPER" or doc.kinds.get(y) != "PROPER":
                continue
            links += 1
            mx, my = best_match(doc.spans[x], mentions), best_match(doc.spans[y], mentions)
            if mx is None or my is None:
                continue
            found_both += 1
            if mx.canonical == my.canonical:
                grouped += 1
            elif shown < a.show:
                shown += 1
                print(f"  missed: {mx.text!r} -> {mx.canonical!r} / {my.text!r} -> {my.canonical!r}")
        on_gold: list[tuple[Mention, int]] = []
        for m in mentions:
            for mid, (s, e) in doc.spans.items():
                if doc.kinds.get(mid) == "PROPER" and s == m.start and e == m.end:
                    on_gold.append((m, gold[mid]))
                    break
        for i, (m1, g1) in enumerate(on_gold):
            for m2, g2 in on_gold[i + 1:]:
                if m1.canonical == m2.canonical and m1.text.casefold() != m2.text.casefold():
                    pairs += 1
                    right += g1 == g2
    took = time.perf_counter() - t0
    print(f"{a.tsv.name}: {len(docs)} documents, {links} ALIAS links between names ({took:.1f}s)")
    print(f"  both ends found            {found_both}/{links} = {found_both / max(links, 1):.3f}")
    print(f"  alias recall (same name)   {grouped}/{links} = {grouped / max(links, 1):.3f}"
          f"   (of links with both ends found: {grouped / max(found_both, 1):.3f})")
    print(f"  grouping precision         {right}/{pairs} = {right / max(pairs, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
