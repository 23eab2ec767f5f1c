"""Indonesian language data: loaders only, the words themselves live in the data files.

Keeping the vocabulary in ``time.json`` (not in code) lets the temporal tagger and the
page-date parser share one list of months (with the "Agt", "Nop", "Peb" spellings Kompas and
Tribun print), day names and zones, and lets a linguist fix a word without touching a regex::

    >>> from warta.lang.id import load_time_words
    >>> load_time_words()["months"]["agustus"], load_time_words()["zones"]["WITA"]
    (8, '+08:00')
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load_time_words"]


@cache
def load_time_words() -> dict[str, Any]:
    """The contents of ``time.json``, read once per process (callers must not mutate it)."""
    raw = files(__name__).joinpath("time.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data
