"""What a user types into ``warta search``, turned into a safe FTS5 query.

FTS5 has its own query language, and raw user text is not valid in it: ``"``, ``AND(``, ``-``,
``*`` or an unbalanced quote make ``MATCH`` raise. So user text is never passed through; it is
parsed here into a small grammar and re-rendered with every term quoted:

    gempa cianjur           both words (AND is the default)
    "jawa barat"            a phrase; “typographic quotes” work too; an unclosed quote runs
                            to the end of the query
    banjir OR longsor       either side (OR binds loosest, as in FTS5)
    gempa -cianjur          gempa, but not cianjur (also ``NOT cianjur``)
    presid*                 a prefix

Anything else (parentheses, ``AND``, stray operators, punctuation-only terms) is dropped, so
:func:`build_match` either returns a valid expression or ``None`` (nothing searchable).

>>> build_match('gempa "jawa barat" OR banjir -jakarta')
'("gempa" AND "jawa barat") OR ("banjir" NOT ("jakarta"))'
>>> build_match('AND( "') is None
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# bm25 weights for the FTS columns (title, deck, body): a word in the headline says far more
# about what an article is about than the same word once in a long body.
COLUMN_WEIGHTS: tuple[float, float, float] = (10.0, 3.0, 1.0)

# Snippets come from the body (column 2): the title is shown next to every hit anyway.
SNIPPET_COLUMN = 2
SNIPPET_TOKENS = 24  # about two lines of a terminal
HIGHLIGHT = ("[", "]")
ELLIPSIS = "…"

# FTS5 refuses expression trees deeper than 256; nobody types more than a few dozen words, so
# cap the terms well below that rather than let a pasted paragraph raise.
MAX_TERMS = 32

_OPEN_QUOTES = {'"': '"', "“": "”", "„": "”"}
_CLOSE_QUOTES = {'"', "”"}
_SEPARATORS = frozenset("()")


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
    """One searchable unit: a word or a phrase, maybe a prefix, maybe excluded."""

    text: str
    prefix: bool = False
    negated: bool = False

    def render(self) -> str:
        """The term as an FTS5 string: quoted, so no character in it is an operator."""
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


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
    # unicode61 indexes letters and digits only; a term without either would be an empty
    # phrase, which silently matches nothing and would turn an AND group into no hits.
    return any(ch.isalnum() for ch in text)


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


def build_match(query: str) -> str | None:
    """An FTS5 ``MATCH`` expression for the user's query, or ``None`` if nothing is searchable."""
    rendered: list[str] = []
    for group in parse_query(query):
        wanted = " AND ".join(t.render() for t in group if not t.negated)
        unwanted = " OR ".join(t.render() for t in group if t.negated)
        rendered.append(f"({wanted} NOT ({unwanted}))" if unwanted else f"({wanted})")
    return " OR ".join(rendered) if rendered else None
