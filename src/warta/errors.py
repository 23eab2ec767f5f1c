"""The exceptions warta raises, so callers can tell what went wrong and what to do.

    WartaError                    base of everything below
    ├── InputError                a page could not be read as text at all
    │   ├── EmptyInput            the file or record holds nothing (or only whitespace)
    │   ├── BinaryInput           the bytes are not text (an image, a PDF, an archive ...)
    │   └── InputTooLarge         bigger than the configured limit
    ├── ExtractionError           the page was read but holds no article
    │   ├── NoArticleFound        no block of the page looks like article prose
    │   └── UnsupportedLanguage   the article is not in Indonesian (steps that need it skip)
    ├── AnalysisError             an analysis step (entities, quotes, events) failed on an article
    └── StoreError                the knowledge base could not be opened or written

Every message says what happened and, where there is one, what to do next; the CLI prints it
as it is and goes on with the next page.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""


class InputError(WartaError):
    """The input could not be turned into text."""


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is binary data, not a text or HTML page."""


class InputTooLarge(InputError):
    """The input is larger than the limit set for one page."""


class ExtractionError(WartaError):
    """The page was read, but no article could be extracted from it."""


class NoArticleFound(ExtractionError):
    """Nothing on the page looks like article prose (a menu, an index page, an error page)."""


class UnsupportedLanguage(ExtractionError):
    """The page is not in Indonesian; language-specific steps cannot run on it."""

    def __init__(self, message: str, language: str) -> None:
        super().__init__(message)
        self.language = language


class AnalysisError(WartaError):
    """An analysis step failed on an article; the message names the step."""


class StoreError(WartaError):
    """The knowledge base could not be opened, migrated or written."""
