"""Language resources as data files, and the loaders that read them.

Word lists, cue phrases and gazetteers live in ``lang/<code>/`` as plain text or TSV so that
a linguist can extend them without touching code. Lines starting with ``#`` are comments.

>>> "dan" in read_words("id", "stopwords.txt")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_lines(lang: str, name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped of trailing newlines."""
    text = resources.files(f"warta.lang.{lang}").joinpath(name).read_text(encoding="utf-8")
    return tuple(line.rstrip("\n") for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@cache
def read_words(lang: str, name: str) -> frozenset[str]:
    """A word list as a set of lower-case words (one or more per line, space separated)."""
    return frozenset(w.casefold() for line in read_lines(lang, name) for w in line.split())


@cache
def read_table(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """A TSV data file as rows of stripped cells."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in read_lines(lang, name))
