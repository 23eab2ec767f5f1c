"""The knowledge base: pages, articles and failures in one SQLite file, searchable with FTS5.

    Store.open(path)                  the file, checked, migrated (migrations/NNNN_*.sql)
      .ingest(extract_paths(paths))   idempotent, batched, resumable after a kill
      .search("gempa OR banjir")      bm25-ranked hits with snippets
      .get_article(id)                the Article as it was stored

Everything that writes SQL lives in :mod:`warta.store.db`; :mod:`warta.store.search` turns user
text into safe FTS5 queries and :mod:`warta.store.rows` maps articles to rows.

>>> from warta.store import Store
>>> with Store.open(":memory:") as store:
...     store.search("gempa")
[]
"""

from __future__ import annotations

from warta.store.db import IngestProgress, IngestStats, Store
from warta.store.rows import content_hash
from warta.store.search import SearchHit

__all__ = ["IngestProgress", "IngestStats", "SearchHit", "Store", "content_hash"]
