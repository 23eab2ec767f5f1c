"""What a user types into ``warta search``, turned into a safe full-text query, and snippets.

Full-text query languages have their own syntax, and raw user text is not valid in them: ``"``,
``AND(``, ``-``, ``*`` or an unbalanced quote make FTS5's ``MATCH`` raise. So user text is never
passed through; it is parsed here into a small grammar:

    gempa cianjur           both words (AND is the default)
    "jawa barat"            a phrase; “typographic quotes” work too; an unclosed quote runs
                            to the end of the query
    banjir OR longsor       either side (OR binds loosest, as in FTS5)
    gempa -cianjur          gempa, but not cianjur (also ``NOT cianjur``)
    presid*                 a prefix

Anything else (parentheses, ``AND``, stray operators, punctuation-only terms) is dropped. Each
word then goes through the search analyser (:mod:`warta.store.analyser`): "pengungsi" is looked
up as *ungsi* in the stemmed columns, so it finds "mengungsi"; a name such as "Bekasi" is looked
up whole. A prefix is matched against the words as written, since a stem is no prefix of them.
The parsed query is rendered for FTS5 (:func:`build_match`) or PostgreSQL (:func:`build_tsquery`).

>>> build_match('gempa "jawa barat" OR banjir -jakarta')
'({title_stems deck_stems body_stems} : "gempa" AND {title_stems deck_stems body_stems} : "jawa barat") OR \
({title_stems deck_stems body_stems} : "banjir" NOT ({title_stems deck_stems body_stems} : "jakarta"))'
>>> build_match('AND( "') is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from warta.store.analyser import Token, analyse_fields, fold, query_form, query_words

# bm25 weights for the title, deck and body: a word in the headline says far more about what an
# article is about than the same word once in a long body. The FTS5 table has these columns
# twice (as written, for prefixes; analysed, for words and phrases), weighted alike.
COLUMN_WEIGHTS: tuple[float, float, float] = (10.0, 3.0, 1.0)
FTS_WEIGHTS: tuple[float, ...] = (*COLUMN_WEIGHTS, *COLUMN_WEIGHTS)
STEM_COLUMNS = "{title_stems deck_stems body_stems}"
WORD_COLUMNS = "{title deck body}"
# The same split for PostgreSQL's one tsvector: stems of the title, deck and body are weighted
# A, B and C, the words as written D; ts_rank's weights are given in the order {D, C, B, A}.
PG_STEM_WEIGHTS = "ABC"
PG_WORD_WEIGHT = "D"
PG_RANK_WEIGHTS = "{0.1, 0.1, 0.3, 1.0}"

# Snippets come from the body: the title is shown next to every hit anyway.
SNIPPET_TOKENS = 24  # about two lines of a terminal
HIGHLIGHT = ("[", "]")
ELLIPSIS = "…"

# FTS5 refuses expression trees deeper than 256; nobody types more than a few dozen words, so
# cap the terms well below that rather than let a pasted paragraph raise.
MAX_TERMS = 32

_OPEN_QUOTES = {'"': '"', "“": "”", "„": "”"}
_CLOSE_QUOTES = {'"', "”"}
_SEPARATORS = frozenset("()")

# Asked with a folded word: does the index hold it as a proper noun? (see analyser.query_form)
NameLookup = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found by :meth:`Store.search`, best first.

    ``score`` is the negated bm25 rank, so higher means more relevant; it only orders hits of
    one query and is not comparable across queries. ``snippet`` marks matches with ``[...]``.
    """

    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON row ``warta search --format jsonl`` prints (and the web API will serve)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Term:
    """One searchable unit: a word or a phrase, maybe a prefix, maybe excluded.

    ``forms`` are its words as the index holds them (filled by :func:`analyse_query`).
    """

    text: str
    prefix: bool = False
    negated: bool = False
    forms: tuple[str, ...] = ()

    def render(self) -> str:
        """The term for FTS5: its forms quoted, so no character in them is an operator."""
        phrase = '"' + " ".join(self.forms or (self.text,)).replace('"', '""') + '"'
        if self.prefix:
            return f"{WORD_COLUMNS} : {phrase} *"
        return f"{STEM_COLUMNS} : {phrase}"

    def render_pg(self) -> str:
        """The term for a PostgreSQL tsquery: lexemes restricted to the right weights, in sequence."""
        forms = self.forms or (fold(self.text),)
        lexemes = ["'" + f.replace("\\", "\\\\").replace("'", "''") + "'" for f in forms]
        if self.prefix:
            parts = [f"{x}:{PG_WORD_WEIGHT}" for x in lexemes[:-1]] + [f"{lexemes[-1]}:*{PG_WORD_WEIGHT}"]
        else:
            parts = [f"{x}:{PG_STEM_WEIGHTS}" for x in lexemes]
        return "(" + " <-> ".join(parts) + ")" if len(parts) > 1 else parts[0]


def _clean(query: str) -> str:
    """Control characters become spaces; lone surrogates (from undecodable argv) become U+FFFD."""
    text = query.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(query) else query
    return "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _searchable(text: str) -> bool:
    # The index holds letters and digits only; a term without either would be an empty
    # phrase, which silently matches nothing and would turn an AND group into no hits.
    return bool(query_words(text))


def _tokens(query: str) -> list[tuple[str, bool]]:
    """Split into (text, quoted) pieces; quotes group, whitespace and parentheses separate."""
    pieces: list[tuple[str, bool]] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace() or ch in _SEPARATORS:
            i += 1
        elif ch in _OPEN_QUOTES:
            close = _OPEN_QUOTES[ch]
            end = i + 1
            while end < n and query[end] != close and query[end] not in _CLOSE_QUOTES:
                end += 1
            phrase = query[i + 1 : end]
            end += 1  # past the closing quote (or past the end: an unclosed quote)
            if end < n and query[end] == "*":
                phrase += "*"
                end += 1
            pieces.append((phrase, True))
            i = end
        else:
            end = i
            while end < n and not (query[end].isspace() or query[end] in _SEPARATORS
                                   or query[end] in _OPEN_QUOTES):
                end += 1
            pieces.append((query[i:end], False))
            i = end
    return pieces


def parse_query(query: str) -> list[list[Term]]:
    """The query as OR-groups of terms that must all match (excluded terms marked ``negated``).

    >>> [[t.text for t in g] for g in parse_query('a b OR "c d"')]
    [['a', 'b'], ['c d']]
    """
    groups: list[list[Term]] = [[]]
    negate_next = False
    count = 0
    for text, quoted in _tokens(_clean(query)):
        if not quoted and text == "OR":
            groups.append([])
            negate_next = False
            continue
        if not quoted and text == "AND":
            continue
        if not quoted and text == "NOT":
            negate_next = True
            continue
        negated = negate_next
        negate_next = False
        if not quoted and text.startswith("-"):
            negated = True
            text = text.lstrip("-")
        prefix = text.endswith("*")
        text = text.rstrip("*").strip()
        if not _searchable(text) or count >= MAX_TERMS:
            continue
        count += 1
        groups[-1].append(Term(text, prefix=prefix, negated=negated))
    return [g for g in groups if any(not t.negated for t in g)]


def analyse_query(query: str, indexed_as_name: NameLookup | None = None) -> list[list[Term]]:
    """:func:`parse_query` with each term's index forms: words analysed, a prefix only folded."""
    groups: list[list[Term]] = []
    for group in parse_query(query):
        analysed = []
        for term in group:
            words = query_words(term.text)
            forms = (tuple(fold(w) for w in words) if term.prefix
                     else tuple(query_form(w, indexed_as_name) for w in words))
            analysed.append(replace(term, forms=forms))
        groups.append(analysed)
    return groups


def render_match(groups: Sequence[Sequence[Term]]) -> str | None:
    """An FTS5 ``MATCH`` expression for analysed groups, or ``None`` when there are none."""
    rendered: list[str] = []
    for group in groups:
        wanted = " AND ".join(t.render() for t in group if not t.negated)
        unwanted = " OR ".join(t.render() for t in group if t.negated)
        rendered.append(f"({wanted} NOT ({unwanted}))" if unwanted else f"({wanted})")
    return " OR ".join(rendered) if rendered else None


def render_tsquery(groups: Sequence[Sequence[Term]]) -> str | None:
    """A PostgreSQL ``tsquery`` (text to cast with ``::tsquery``) for analysed groups, or ``None``."""
    rendered: list[str] = []
    for group in groups:
        parts = [t.render_pg() for t in group if not t.negated]
        parts += [f"!{t.render_pg()}" for t in group if t.negated]
        rendered.append("(" + " & ".join(parts) + ")")
    return " | ".join(rendered) if rendered else None


def build_match(query: str, indexed_as_name: NameLookup | None = None) -> str | None:
    """An FTS5 ``MATCH`` expression for the user's query, or ``None`` if nothing is searchable."""
    return render_match(analyse_query(query, indexed_as_name))


def build_tsquery(query: str, indexed_as_name: NameLookup | None = None) -> str | None:
    """The PostgreSQL twin of :func:`build_match`: a tsquery over the same analysed text."""
    return render_tsquery(analyse_query(query, indexed_as_name))


# -- snippets -----------------------------------------------------------------------------------


def wanted_forms(groups: Sequence[Sequence[Term]]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The index forms and the prefixes a snippet highlights (excluded terms are not shown)."""
    forms: set[str] = set()
    prefixes: list[str] = []
    for group in groups:
        for term in group:
            if term.negated:
                continue
            if term.prefix:
                prefixes.append(term.forms[-1])
                forms.update(term.forms[:-1])
            else:
                forms.update(term.forms)
    return frozenset(forms), tuple(prefixes)


def make_snippet(
    text: str, tokens: Sequence[Token], forms: frozenset[str], prefixes: tuple[str, ...] = (),
    size: int = SNIPPET_TOKENS,
) -> tuple[str, list[tuple[int, int]]]:
    """The ``size`` words of ``text`` with the most distinct matches, on one line, and their offsets.

    Cut from the original text, so a reader sees "mengungsi" where the index matched *ungsi*.
    A window that does not start or end the text is marked with :data:`ELLIPSIS`.
    """
    if not tokens:
        return "", []

    def key(t: Token) -> str | None:
        if t.form in forms:
            return t.form
        if prefixes:
            word = fold(text[t.start : t.end])
            for p in prefixes:
                if word.startswith(p):
                    return p
        return None

    keys = [key(t) for t in tokens]
    best, best_score = 0, -1
    for i in range(max(1, len(tokens) - size + 1)):
        window = keys[i : i + size]
        score = len({k for k in window if k is not None}) * 1000 + sum(k is not None for k in window)
        if score > best_score:
            best, best_score = i, score
    end = min(len(tokens), best + size)
    out: list[str] = [ELLIPSIS] if best > 0 else []
    length = len(out[0]) if out else 0
    matches: list[tuple[int, int]] = []
    for n in range(best, end):
        t = tokens[n]
        if n > best:
            gap = _collapse(text[tokens[n - 1].end : t.start])
            out.append(gap)
            length += len(gap)
        word = text[t.start : t.end]
        if keys[n] is not None:
            matches.append((length, length + len(word)))
        out.append(word)
        length += len(word)
    if end < len(tokens):
        out.append(ELLIPSIS)
    return "".join(out), matches


def _collapse(gap: str) -> str:
    """What lies between two words, its whitespace runs (paragraph breaks too) made one space."""
    inner = " ".join(gap.split())
    if not inner:
        return " " if gap else ""
    return (" " if gap[0].isspace() else "") + inner + (" " if gap[-1].isspace() else "")


def mark(snippet: str, matches: Sequence[tuple[int, int]], marks: tuple[str, str] = HIGHLIGHT) -> str:
    """The snippet with each match wrapped in ``marks`` (``[...]`` for the terminal)."""
    out: list[str] = []
    last = 0
    for start, end in matches:
        out += [snippet[last:start], marks[0], snippet[start:end], marks[1]]
        last = end
    out.append(snippet[last:])
    return "".join(out)


def snippet_for(
    title: str | None, deck: str | None, body: str, forms: frozenset[str], prefixes: tuple[str, ...]
) -> tuple[str, list[tuple[int, int]]]:
    """The snippet of one hit's body: the article analysed as it was indexed, then cut."""
    tokens = analyse_fields(title, deck, body, headline=1)[2]
    return make_snippet(body, tokens, forms, prefixes)
