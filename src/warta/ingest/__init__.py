"""Reading inputs into :class:`~warta.types.RawPage` values: the first step of the pipeline.

    paths  ->  readers.iter_pages  ->  decode.decode_bytes  ->  RawPage | ReadFailure

:mod:`~warta.ingest.readers` knows about files, directories, globs, JSONL and stdin;
:mod:`~warta.ingest.decode` turns bytes of unknown encoding into clean text or says why it
cannot (empty, binary, too large).

>>> from warta.ingest import iter_pages
>>> for page in iter_pages(["pages/"]):  # doctest: +SKIP
...     print(page.source)
"""

from __future__ import annotations

from warta.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from warta.ingest.readers import detect_kind, iter_pages

__all__ = ["DEFAULT_MAX_BYTES", "decode_bytes", "detect_kind", "iter_pages"]
