"""Articles to table rows and back, and the hash that identifies a page.

Pure functions, no SQL: :mod:`warta.store.db` binds what these return. Tuples are stored as
JSON arrays and captions as JSON objects, so the columns stay readable from the ``sqlite3``
shell and map one-to-one onto PostgreSQL ``jsonb`` later.

>>> content_hash("TEMPO.CO, Jakarta - Isi berita.")[:12]
'61c04b756e82'
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any, Protocol

from warta.types import Article, Caption, Dropped, Event, Mention, PageKind, Quote, RawPage

# Lone surrogates (from a ``surrogateescape`` decode) cannot be encoded as UTF-8; hashing them
# with ``surrogatepass`` still gives a stable identity, and the insert then fails cleanly.
_HASH_ERRORS = "surrogatepass"

# The article columns in the order the INSERT binds them.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "source", "title", "deck", "body", "url", "outlet", "published", "published_inferred",
    "timezone", "authors", "editors", "wire_sources", "dateline", "captions", "language", "kind",
    "dropped", "warnings", "outlet_name",
)


def content_hash(text: str) -> str:
    """The identity of a page: sha256 hex of its decoded text as UTF-8.

    Hashing the decoded text rather than the file means the same page saved as UTF-8 and as
    Latin-1, or reached through two paths, is stored once.
    """
    return hashlib.sha256(text.encode("utf-8", _HASH_ERRORS)).hexdigest()


def byte_length(text: str) -> int:
    """The UTF-8 size of a page's text, kept for statistics and the later size limits."""
    return len(text.encode("utf-8", _HASH_ERRORS))


def storable(text: str) -> str:
    """``text`` with lone surrogates made visible (``\\udc80``), for labels that must not fail.

    A file name undecodable on this system reaches us with surrogate escapes; neither storing
    its page nor recording its failure should fail because of the name.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def page_values(page: RawPage, digest: str, ingested_at: str) -> tuple[Any, ...]:
    """Bind values for ``pages (content_hash, source, url, kind, encoding, byte_length, ingested_at)``."""
    return (
        digest, storable(page.source), page.url, page.kind, page.encoding, byte_length(page.text),
        ingested_at,
    )


def _json(value: Any) -> str:
    # ensure_ascii=False keeps Indonesian names readable in the sqlite3 shell.
    return json.dumps(value, ensure_ascii=False)


def article_values(article: Article) -> tuple[Any, ...]:
    """Bind values for the :data:`ARTICLE_COLUMNS` of one article."""
    return (
        storable(article.source), article.title, article.deck, article.body, article.url, article.outlet,
        article.published, int(article.published_inferred), article.timezone,
        _json(list(article.authors)), _json(list(article.editors)), _json(list(article.wire_sources)),
        article.dateline,
        _json([{"text": c.text, "credit": c.credit} for c in article.captions]),
        article.language, article.kind,
        _json([{"text": d.text, "reason": d.reason} for d in article.dropped]),
        _json(list(article.warnings)),
        article.outlet_name,
    )


def _strings(raw: str) -> tuple[str, ...]:
    return tuple(str(item) for item in json.loads(raw))


def _kind(raw: str) -> PageKind:
    # The CHECK constraint guarantees one of the two; this narrows the type for mypy.
    return "html" if raw == "html" else "text"


class RowLike(Protocol):
    """What :func:`article_from_row` needs: ``sqlite3.Row`` and ``dict`` both qualify."""

    def __getitem__(self, key: str, /) -> Any: ...


def article_from_row(row: RowLike) -> Article:
    """Rebuild the :class:`Article` stored in one ``articles`` row (a ``sqlite3.Row`` or dict)."""
    return Article(
        source=row["source"],
        body=row["body"],
        title=row["title"],
        deck=row["deck"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        published_inferred=bool(row["published_inferred"]),
        timezone=row["timezone"],
        authors=_strings(row["authors"]),
        editors=_strings(row["editors"]),
        wire_sources=_strings(row["wire_sources"]),
        dateline=row["dateline"],
        captions=tuple(Caption(c["text"], c["credit"]) for c in json.loads(row["captions"])),
        language=row["language"],
        kind=_kind(row["kind"]),
        dropped=tuple(Dropped(d["text"], d["reason"]) for d in json.loads(row["dropped"])),
        warnings=_strings(row["warnings"]),
        outlet_name=row["outlet_name"],
    )


def compress(text: str) -> bytes:
    """A page's text for storage: zlib at a fast level (news pages shrink about 3-4x)."""
    return zlib.compress(text.encode("utf-8", _HASH_ERRORS), 6)


def decompress(blob: bytes) -> str:
    """The page text :func:`compress` stored."""
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def mention_values(m: Mention) -> tuple[Any, ...]:
    """Bind values for ``mentions (text, label, canonical, role, start, end)``."""
    return (m.text, m.label, m.canonical, m.role, m.start, m.end)


def mention_from_row(row: RowLike) -> Mention:
    """A :class:`Mention` from a ``mentions`` row."""
    return Mention(row["text"], row["label"], row["canonical"], row["start"], row["end"], row["role"])


def quote_values(q: Quote) -> tuple[Any, ...]:
    """Bind values for ``quotes (text, speaker, speaker_label, kind, cue, start, end)``."""
    return (q.text, q.speaker, q.speaker_label, q.kind, q.cue, q.start, q.end)


def quote_from_row(row: RowLike) -> Quote:
    """A :class:`Quote` from a ``quotes`` row."""
    return Quote(row["text"], row["speaker"], row["kind"], row["start"], row["end"], row["cue"],
                 row["speaker_label"])


def event_values(e: Event) -> tuple[Any, ...]:
    """Bind values for ``events (date, granularity, timex, sentence, actors, start, end)``."""
    return (e.date, e.granularity, e.timex, e.sentence, _json(list(e.actors)), e.start, e.end)


def event_from_row(row: RowLike) -> Event:
    """An :class:`Event` from an ``events`` row."""
    return Event(row["date"], row["granularity"], row["sentence"], row["start"], row["end"], row["timex"],
                 _strings(row["actors"]))
