"""RawPage -> Article.

The cascade, for a plain-text scrape (:mod:`warta.extract.text`):

    1. split the page into blocks (lines / paragraphs)          blocks.py
    2. classify each block as body or boilerplate, with reasons  boilerplate.py
    3. headline, deck, captions from the blocks around the body  title.py, captions
    4. publication date-time and zone                            dates.py
    5. outlet, dateline, byline, wire sources                    outlet.py, byline.py

HTML pages go through :mod:`warta.extract.html` (trafilatura for the body, our own field
finders for what it misses). Both end in the same :class:`~warta.types.Article`.
"""

from __future__ import annotations

from dataclasses import replace

from warta.types import Article, RawPage


def extract_page(page: RawPage) -> Article:
    """Extract the article of one page, whatever its kind.

    Raises :class:`~warta.errors.NoArticleFound` when nothing on the page is article prose.
    A page in another language is still extracted, with a warning saying which language and
    that the Indonesian-only steps (entities, quotes, time) will skip it.
    """
    if page.kind == "html":
        from warta.extract.html import extract_html

        article = extract_html(page)
    else:
        from warta.extract.text import extract_text

        article = extract_text(page)
    if article.language and article.language not in ("id", "und"):
        note = (f"page language detected as {article.language!r}, not Indonesian: "
                "entities, quotes and dates in the text are not analysed")
        article = replace(article, warnings=(*article.warnings, note))
    return article
