"""The text analyser behind search: Indonesian stemming for matching, proper nouns left whole.

Search should find *mengungsi* and *pengungsi* for "ungsi", but a stemmer alone mangles names:
Sastrawi turns "Bekasi" into *bekas* (used), "Kediri" into *diri* (self) and "Pemalang" into
*malang*. So each article is analysed once, as a whole, and every word gets an *index form*:

1. words are the runs of letters and digits (what FTS5's unicode61 tokenizer sees), lower-cased
   and with diacritics folded (so PostgreSQL's 'simple' configuration sees the same tokens);
2. a capitalised word is a proper noun, kept as it is, when it is a place or person name in the
   gazetteers, or when the article writes it capitalised mid-sentence and never in lower case
   (capitals in a title-case headline or at a sentence start are no evidence);
3. every other word is stemmed (Sastrawi, with a root dictionary check), numbers and short words
   left alone.

The index forms are stored only for matching: snippets are cut from the original text. The
user's query goes through :func:`query_form`, the same rules with one addition: a lower-case
query word that the index holds as a proper noun ("bekasi") is looked up unstemmed.

>>> analyse_document("Banjir di Bekasi", None, "Warga Bekasi mengungsi. Pengungsi butuh selimut bekas.")
('banjir di bekasi', '', 'warga bekasi ungsi ungsi butuh selimut bekas')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from warta.lang import read_lines

# Bump when the rules or the word lists change how text is analysed: a knowledge base indexed
# by another version rebuilds its search index on the next writable open (warta.store.db).
ANALYSER_VERSION = "1"

# Letters and digits, as FTS5's unicode61 tokenizer splits (it also splits at "_").
_WORD = re.compile(r"[^\W_]+")
# Between two words, any of these means the second one starts a sentence, a quotation, a
# heading or a dateline's text: its capital letter says nothing about it being a name.
_BOUNDARY = frozenset(".!?:;\"“”'‘’()[]-–—\n•|")
# Words this short are function words or abbreviations; stemming them only does harm.
MIN_STEM_LENGTH = 4
# Gazetteer lists whose words are names (places, people); organisation lists are left out
# because their names are made of common words ("Kementerian Keuangan").
_NAME_LISTS = ("loc_country.txt", "loc_id_region.txt", "loc_world_city.txt", "per_name.txt")
# Distinct words kept in the stem cache: a large news archive has a few hundred thousand.
STEM_CACHE_SIZE = 400_000


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: where it is, and the form it is indexed and matched under."""

    start: int
    end: int
    form: str


def fold(word: str) -> str:
    """Lower case without diacritics: "Café" -> "cafe" (what unicode61 remove_diacritics does)."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@cache
def _stemmer() -> Any:
    # Imported lazily: loading the root dictionary is only worth it once text is analysed.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The plain stemmer, not the factory's cached one: stem() keeps its own bounded cache, and
    # stem_word() skips the text normaliser that a single folded word does not need.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """The root of a folded common word ("pengungsi" -> "ungsi"); numbers and short words as they are."""
    if len(word) < MIN_STEM_LENGTH or not word.isalpha() or not word.isascii():
        return word
    return str(_stemmer().stem_word(word)) or word


@cache
def name_words() -> frozenset[str]:
    """Folded words of place and person names that the gazetteers list.

    A word of a multi-word name counts only when it belongs to one name: "Bekasi" does, but
    "Kepulauan" (Kepulauan Riau, Kepulauan Seribu ...) is a common word used in many names.
    """
    seen: dict[str, int] = {}
    single: set[str] = set()
    for name in _NAME_LISTS:
        for line in read_lines("id", f"gazetteer/{name}"):
            words = [fold(w) for w in _WORD.findall(line)]
            if len(words) == 1:
                single.add(words[0])
            for w in set(words):
                seen[w] = seen.get(w, 0) + 1
    return frozenset(w for w in single | {w for w, n in seen.items() if n == 1} if len(w) >= MIN_STEM_LENGTH)


def _scan(text: str) -> Iterator[tuple[int, int, str, bool, bool]]:
    """``(start, end, folded, capitalised, mid_sentence)`` for each word of ``text``."""
    last = 0
    first = True
    for m in _WORD.finditer(text):
        word = m.group()
        gap = text[last : m.start()]
        mid = not first and not any(ch in _BOUNDARY for ch in gap)
        first = False
        last = m.end()
        yield m.start(), m.end(), fold(word), word[0].isupper(), mid


def analyse_fields(*fields: str | None, headline: int = 0) -> list[list[Token]]:
    """The tokens of each field of one document, index forms decided over the whole document.

    Fields before ``headline`` (the title) may be in title case, so their capitals are not
    evidence of a name; their lower-case words still are evidence of a common word.
    """
    scans = [list(_scan(text or "")) for text in fields]
    evidence: set[str] = set()
    common: set[str] = set()
    for i, scan in enumerate(scans):
        for _, _, word, cap, mid in scan:
            if not cap:
                common.add(word)
            elif mid and i >= headline:
                evidence.add(word)
    proper = evidence - common
    names = name_words()
    return [[Token(s, e, w if cap and (w in proper or w in names) else stem(w)) for s, e, w, cap, _ in scan]
            for scan in scans]


def analyse_document(title: str | None, deck: str | None, body: str | None) -> tuple[str, str, str]:
    """The index text of an article's title, deck and body: index forms joined by spaces."""
    out = analyse_fields(title, deck, body, headline=1)
    return (" ".join(t.form for t in out[0]), " ".join(t.form for t in out[1]), " ".join(t.form for t in out[2]))


def query_form(word: str, indexed_as_name: Callable[[str], bool] | None = None) -> str:
    """The index form a query word is matched under.

    A gazetteer name, or a word the index holds as a proper noun (``indexed_as_name``, asked
    only when stemming would change the word), is matched as typed, in either case: "bekasi"
    and "Bekasi" both find the city and never *bekas*. Any other word is stemmed.
    """
    folded = fold(word)
    stemmed = stem(folded)
    if stemmed == folded or folded in name_words():
        return folded
    if indexed_as_name is not None and indexed_as_name(folded):
        return folded
    return stemmed


def query_words(text: str) -> list[str]:
    """The words of a query term or phrase, as the analyser splits them."""
    return _WORD.findall(text)
