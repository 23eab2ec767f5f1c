"""Regex building blocks shared by the analysis steps.

Python's regex engine finds a pattern fast when the pattern opens with a literal or an
alternation whose branches each open with a literal: it then jumps from one possible first
character to the next instead of trying the whole pattern at every position. Word lists
written as a plain alternation ("senin|selasa|sabtu|...") qualify, but every branch is tried
at each of those positions; a trie ("s(?:abtu|e(?:lasa|nin))") rejects a wrong letter after
one comparison per branch. Both steps that look for many words at once (the temporal tagger's
rule openings, the quotes step's reporting verbs) build their patterns here.

    >>> trie(["senin", "selasa", "sabtu"])
    '(?:s(?:abtu|e(?:lasa|nin)))'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["trie"]


def trie(words: Iterable[str]) -> str:
    """A non-capturing alternation that matches where one of ``words`` starts, branching
    letter by letter. A word that extends another ("agst" after "ags") adds nothing to where
    a match may start, and is left out: the pattern finds *where* a word begins, not which.
    """
    unique = sorted(set(words))
    if "" in unique:
        raise ValueError("an empty word matches everywhere")
    prefixes = [w for w in unique if not any(o != w and w.startswith(o) for o in unique)]
    by_first: dict[str, list[str]] = {}
    for word in prefixes:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        if len(rests) == 1:
            branches.append(re.escape(first + rests[0]))
        else:
            branches.append(re.escape(first) + trie(rests))
    return "(?:" + "|".join(branches) + ")"
