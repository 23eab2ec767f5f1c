"""The web face of the knowledge base: a JSON API and HTML pages over one read-only query layer.

    warta.web.query   KnowledgeBase: every question the API and the UI ask, read-only SQL
    warta.web.api     create_app(db_path): FastAPI app, error shape, security headers
    warta.web.ui      the HTML pages (Jinja2, autoescaped, no script)

>>> from warta.web import create_app
>>> app = create_app("news.db")        # doctest: +SKIP   then: uvicorn.run(app) or `warta serve`
"""

from __future__ import annotations

from warta.web.api import create_app
from warta.web.query import KnowledgeBase, SearchFilters

__all__ = ["KnowledgeBase", "SearchFilters", "create_app"]
