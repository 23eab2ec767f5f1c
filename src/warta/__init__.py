"""warta: Indonesian news pages in, a knowledge base out.

The public API::

    >>> from warta import RawPage, extract_page
    >>> page = RawPage(source="x.txt", text="Judul Berita\\n\\nTEMPO.CO, Jakarta - Presiden ...")
    >>> article = extract_page(page)   # doctest: +SKIP

See :mod:`warta.pipeline` for batch and streaming runners and :mod:`warta.store` for the
knowledge base.
"""

from __future__ import annotations

__version__ = "0.1.0"

from warta.errors import (
    BinaryInput,
    EmptyInput,
    ExtractionError,
    InputError,
    InputTooLarge,
    NoArticleFound,
    StoreError,
    UnsupportedLanguage,
    WartaError,
)
from warta.extract import extract_page
from warta.pipeline import ExtractResult, extract_pages, extract_paths
from warta.types import Article, Caption, Dropped, RawPage, ReadFailure

__all__ = [
    "Article",
    "BinaryInput",
    "Caption",
    "Dropped",
    "EmptyInput",
    "ExtractResult",
    "ExtractionError",
    "InputError",
    "InputTooLarge",
    "NoArticleFound",
    "RawPage",
    "ReadFailure",
    "StoreError",
    "UnsupportedLanguage",
    "WartaError",
    "__version__",
    "extract_page",
    "extract_pages",
    "extract_paths",
]
