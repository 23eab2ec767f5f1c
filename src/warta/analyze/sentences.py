"""Sentences and tokens with character offsets, for Indonesian news text.

Every later step (entities, quotes, events) needs to point back into ``Article.body``, so both
functions here return offsets, never copies: ``body[start:end]`` is always the token or the
sentence. A generic splitter breaks Indonesian news in the wrong places: at "Jl." and "Prof.",
inside "1.468.000", "0,33" and "21.02 WIB", after the initial in "Susilo B. Yudhoyono", and
inside a quotation that runs over two sentences before its reporting verb
(``“Kami siap. Semua sudah diatur,” kata Budi.``). The cascade:

1. :func:`tokenize` scans with one regular expression whose alternatives are tried in order:
   URLs and e-mail addresses, site names ("KOMPAS.com"), numbers with separators, dotted
   abbreviations ("S.H.", "a.n."), words (hyphens and apostrophes inside a word kept:
   "Jong-un", "Ma'ruf"), ellipses, then any other single character;
2. a word followed by a full stop keeps the stop when the pair is a known abbreviation
   (``lang/id/abbreviations.txt``) or a capital initial;
3. :func:`split_sentences` breaks at a line break, and after ``.``/``!``/``?``/ellipsis
   (plus closing quotes and brackets) when the next token can open a sentence, unless the
   break would fall inside a quotation that a lower-case reporting verb follows.

    >>> text = "Harga naik 0,33% pada 21.02 WIB. Prof. Budi tiba di Jl. Merdeka No. 5."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Harga naik 0,33% pada 21.02 WIB.', 'Prof. Budi tiba di Jl. Merdeka No. 5.']
    >>> [t for t, _, _ in tokenize(text, 0, 16)]
    ['Harga', 'naik', '0,33', '%']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from warta.lang import read_lines

__all__ = ["Token", "split_sentences", "tokenize", "tokenized_sentences"]

Token = tuple[str, int, int]

# Alternatives are tried left to right at each position, so the specific shapes come first:
# a URL must not fall apart at its dots, "1.468.000" must not become three numbers, and
# "KOMPAS.com" must not end a sentence after "KOMPAS".
# The possessive runs ("*+", "++") never give back a character: what follows each can never
# match the run's own class, so backtracking into it could not succeed, only cost time.
_TOKEN_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    ("url", r"""(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]"""),
    ("email", r"[\w.+-]++@[\w-]+(?:\.[\w-]+)+"),
    ("site", r"[A-Za-z][\w-]*+(?:\.(?:com|co|id|net|org|go|ac|or|tv|info|news|my|sg|io|asia))+(?![\w])"),
    ("number", r"\d++(?:[.,:/]\d++)+(?!\w)"),
    ("currency", r"Rp(?=\d)"),
    ("dotted", r"(?:[^\W\d_]{1,3}\.){2,}"),
    ("word", r"\w+(?:[-'’]\w+)*"),
    ("ellipsis", r"\.{2,}|…"),
    ("other", r"\S"),
)


def _token_re(without: frozenset[str] = frozenset()) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{alt})" for name, alt in _TOKEN_ALTERNATIVES if name not in without))


_TOKEN_RE = _token_re()
# The e-mail and site alternatives scan every word to its end before failing; a text with no
# "@" (no site suffix) cannot match them, so it is scanned by a pattern without them.
_SITE_HINT = re.compile(r"\.(?:com|co|id|net|org|go|ac|or|tv|info|news|my|sg|io|asia)")
_TOKEN_RES: dict[tuple[bool, bool], re.Pattern[str]] = {
    (True, True): _TOKEN_RE,
    (True, False): _token_re(frozenset({"site"})),
    (False, True): _token_re(frozenset({"email"})),
    (False, False): _token_re(frozenset({"email", "site"})),
}

# Most tokens are words or single marks; the alternatives before "word" only match a token that
# a word or a mark of this plain scan would start, and only where the plain token is followed by
# one of ``_SPECIAL_AFTER`` ("1.000", "21:02", "13/9", "S.H.", "KOMPAS.com", "a-@b.id") or
# starts with one of ``_SPECIAL_START`` ("Rp5", "http", "www", ".a@b.id"). There the full
# pattern decides; everywhere else the plain scan, which tries far fewer alternatives, is the same.
_PLAIN_RE = _token_re(frozenset({"url", "email", "site", "number", "currency", "dotted"}))
_SPECIAL_AFTER = frozenset(".,:/@+-")
_SPECIAL_START = ("Rp", "http", "www", ".", "+", "-")
_SPECIAL_FIRST = frozenset(start[0] for start in _SPECIAL_START)

# Marks that end a sentence; a run of them ("?!") ends it once.
_TERMINALS = frozenset({".", "!", "?", "…"})
# Marks that close a quotation or a bracket and stay with the sentence they close.
_CLOSERS = frozenset({"”", "’", "»", ")", "]", '"', "'"})
# Marks that may open a sentence besides a capital letter or a digit.
_OPENERS = frozenset({"“", "‘", '"', "'", "(", "[", "«", "-", "—", "–"})
# How far ahead (characters) a quotation's closing mark is looked for: news quotations longer
# than this are rare, and the bound keeps a stray opening mark from swallowing a paragraph.
MAX_QUOTE_CHARS = 1200


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(all abbreviations, those that may close a sentence), lower-cased, from the data file."""
    every: set[str] = set()
    ending: set[str] = set()
    for line in read_lines("id", "abbreviations.txt"):
        cells = line.split("\t")
        abbr = cells[0].strip().casefold()
        every.add(abbr)
        if len(cells) > 1 and cells[1].strip() == "end":
            ending.add(abbr)
    return frozenset(every), frozenset(ending)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` as ``(token, start, end)`` with offsets into ``text``.

    Punctuation is its own token except where it belongs to the word: decimal and thousands
    separators, clock times, abbreviations and initials, URLs, e-mail addresses, site names.

    >>> tokenize("Kim Jong-un tiba pukul 21.02 WIB.")[1:]
    [('Jong-un', 4, 11), ('tiba', 12, 16), ('pukul', 17, 22), ('21.02', 23, 28), ('WIB', 29, 32), ('.', 32, 33)]
    """
    stop = len(text) if end is None else end
    abbrs = _abbreviations()[0]
    out: list[Token] = []
    append = out.append
    pos = start
    token_re = _TOKEN_RES[text.find("@", start, stop) >= 0, _SITE_HINT.search(text, start, stop) is not None]
    while pos < stop:
        # The plain scan, until a token is not what it reads (see ``_PLAIN_RE``) or a word takes
        # its full stop ("Jl.", "B."): the scan then resumes after that token.
        for m in _PLAIN_RE.finditer(text, pos, stop):
            s, e = m.span()
            resume = False
            after = text[e] if e < stop else ""
            if after in _SPECIAL_AFTER or (text[s] in _SPECIAL_FIRST and text.startswith(_SPECIAL_START, s)):
                full = token_re.match(text, s, stop)
                if full is not None and (full.end() != e or full.lastgroup != m.lastgroup):
                    m, e, resume = full, full.end(), True
                    after = text[e] if e < stop else ""
            if after == "." and m.lastgroup == "word":
                word = m.group()
                if (word + ".").casefold() in abbrs or _is_initial(text, word, e, stop):
                    append((text[s:e + 1], s, e + 1))
                    pos = e + 1
                    break
            append((m.group(), s, e))
            if resume:
                pos = e
                break
        else:
            break
    return out


def _is_initial(text: str, word: str, dot: int, stop: int) -> bool:
    """A single capital letter and a stop followed by a name: "B." in "Susilo B. Yudhoyono"."""
    if len(word) != 1 or not word.isupper():
        return False
    rest = text[dot + 1: min(stop, dot + 3)]
    return len(rest) == 2 and rest[0] == " " and rest[1].isupper()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` over ``text``, in order, trimmed of surrounding space.

    Every non-space character of ``text`` lies in exactly one span.

    >>> t = "“Kami siap. Semua sudah diatur,” kata Budi. Ia pulang."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['“Kami siap. Semua sudah diatur,” kata Budi.', 'Ia pulang.']
    """
    tokens = tokenize(text)
    return [(tokens[a][1], tokens[b - 1][2]) for a, b in _sentence_ranges(text, tokens)]


def tokenized_sentences(text: str) -> list[tuple[int, int, list[Token]]]:
    """``(start, end, tokens)`` per sentence: :func:`split_sentences` with
    ``tokenize(text, start, end)`` for each, the tokens taken from the one scan of the text.

    A sentence's own scan stops at its end, which can only matter for its last token (a
    lookahead or an initial's check seeing past the end): when that token could be read
    differently, the sentence is scanned again on its own.
    """
    tokens = tokenize(text)
    out: list[tuple[int, int, list[Token]]] = []
    for a, b in _sentence_ranges(text, tokens):
        start, end = tokens[a][1], tokens[b - 1][2]
        last = tokens[b - 1][0]
        if end < len(text) and (_WORD_CHAR.match(text, end) or (len(last) == 2 and last[1] == ".")):
            out.append((start, end, tokenize(text, start, end)))
        else:
            out.append((start, end, tokens[a:b]))
    return out


_WORD_CHAR = re.compile(r"\w")


def _sentence_ranges(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges ``(first, last + 1)`` of the sentences of ``text``."""
    if not tokens:
        return []
    breaks = _line_breaks(text, tokens)
    keep_together = _attributed_quotes(tokens, breaks)
    ending_abbrs = _abbreviations()[1]
    spans: list[tuple[int, int]] = []
    first = 0
    i = 0
    n = len(tokens)
    # A sentence ends only after a token that ends with a stop (every terminal and ending
    # abbreviation does) or one a line break follows: the tokens between are stepped over.
    for candidate in sorted(breaks.union(k for k, (tok, _, _) in enumerate(tokens) if tok[-1] in _STOP_CHARS)):
        if candidate < i:
            continue
        i = last = candidate
        tok = tokens[i][0]
        is_end = tok in _TERMINALS or tok == "..." or tok.casefold() in ending_abbrs
        if is_end:
            while last + 1 < n and tokens[last + 1][0] in _TERMINALS and _adjacent(tokens, last):
                last += 1
            while last + 1 < n and tokens[last + 1][0] in _CLOSERS and _adjacent(tokens, last):
                last += 1
        nxt = last + 1
        if nxt >= n:
            break
        boundary = last in breaks
        if not boundary and is_end and not keep_together[i]:
            opener = tokens[nxt][0]
            if tok.casefold() in ending_abbrs and tok not in _TERMINALS:
                boundary = opener[:1].isupper()
            else:
                boundary = opener[:1].isupper() or opener[:1].isdigit() or opener in _OPENERS
        if boundary:
            spans.append((first, last + 1))
            first = nxt
        i = nxt
    spans.append((first, n))
    return spans


# The last characters of the tokens that can end a sentence: the terminals, "..." and the
# ending abbreviations ("dll.").
_STOP_CHARS = frozenset(".!?…")


def _line_breaks(text: str, tokens: list[Token]) -> set[int]:
    """Indices ``i`` of the tokens followed by a line break (before token ``i + 1``)."""
    starts = [start for _, start, _ in tokens]
    out: set[int] = set()
    pos = text.find("\n", starts[0])
    while 0 <= pos < starts[-1]:
        following = bisect_right(starts, pos)     # the first token after the break
        out.add(following - 1)
        pos = text.find("\n", starts[following])
    return out


def _adjacent(tokens: list[Token], i: int) -> bool:
    """Whether token ``i + 1`` follows token ``i`` with no space between ("!?", ".”")."""
    return tokens[i][2] == tokens[i + 1][1]


def _attributed_quotes(tokens: list[Token], breaks: set[int]) -> list[bool]:
    """For each token, whether it lies inside a quotation that a reporting clause follows.

    ``“Kami siap. Semua sudah diatur,” kata Budi.`` is one sentence to a reader of news: the
    quotation is the object of "kata". We recognise the clause by its shape, not a verb list:
    the closing mark, an optional comma, then a lower-case word. ``breaks`` are the tokens a
    line break follows (see :func:`_line_breaks`).
    """
    n = len(tokens)
    inside = [False] * n
    i = 0
    for opening in [k for k, (tok, _, _) in enumerate(tokens) if tok in ("“", '"')]:
        if opening < i:
            continue
        i = opening
        tok, start, _ = tokens[i]
        closer = "”" if tok == "“" else '"'
        j = i + 1
        while j < n and tokens[j][0] != closer and tokens[j][1] - start < MAX_QUOTE_CHARS:
            if j - 1 in breaks:
                break
            j += 1
        if j >= n or tokens[j][0] != closer:
            continue
        k = j + 1
        if k < n and tokens[k][0] == ",":
            k += 1
        if k < n and tokens[k][0][:1].islower() and not any(b in breaks for b in range(j, k)):
            for m in range(i, j):
                inside[m] = True
        i = j + 1
    return inside
