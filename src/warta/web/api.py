"""The web application: the JSON API under ``/api``, the HTML pages, one error shape, safe headers.

    create_app("news.db")  ->  FastAPI
        /api/search  /api/articles/{id}  /api/stories  /api/stories/{id}  /api/entities/{name}
        /api/outlets  /api/outlets/{domain}/coverage  /api/coverage
        /api/export/articles.jsonl|.csv  /api/stories/{id}/report.md|.html
        /  /articles/{id}  /stories  /stories/{id}  /entities/{name}  /outlets  /outlets/{domain}
        /api/openapi.json

Both halves call the same :class:`~warta.web.query.KnowledgeBase` methods, so a page and its
JSON twin never disagree. Every error, from a bad parameter (422) to an unknown id (404) to a
bug (500), is answered in one shape::

    {"error": {"status": 404, "message": "no article 99", "detail": null}}

(an HTML page says the same for a browser). Every response carries a strict
Content-Security-Policy: article text is untrusted, and even if some text ever slipped past
escaping, the browser would refuse to run inline script or load anything from elsewhere.

>>> app = create_app("news.db")                      # doctest: +SKIP
>>> uvicorn.run(app, host="127.0.0.1", port=8000)    # what `warta serve` does
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta import __version__
from warta.errors import StoreError
from warta.web import report
from warta.web.query import (
    ArticleDetail,
    Bucket,
    Coverage,
    EntityProfile,
    KnowledgeBase,
    NameCount,
    OutletCount,
    SearchFilters,
    SearchPage,
    StoriesPage,
    StoryDetail,
)

log = logging.getLogger("warta.web")

STATIC_DIR = Path(__file__).parent / "static"

# Sent with every response. The CSP forbids inline script and event handlers (the attack an
# untrusted article could carry), plugins, <base> hijacking and framing by other sites.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

# Bounds on every input: generous for an analyst, small enough that no request is unbounded.
MAX_QUERY_CHARS = 500
MAX_NAME_CHARS = 200
MAX_PAGE = 100
MAX_OFFSET = 100_000
DOMAIN_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$"
STORY_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$"
MAX_ARTICLE_ID = 2**63 - 1


class ErrorInfo(BaseModel):
    """What went wrong: the HTTP status, one sentence, and structured detail when there is some."""

    status: int
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorInfo


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
    500: {"model": ErrorBody, "description": "Server error"},
    503: {"model": ErrorBody, "description": "Knowledge base unavailable"},
}


def wants_json(request: Request) -> bool:
    """API paths always get JSON; other paths get an HTML page unless the client asks for JSON."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    """The error in the one JSON shape, or as an HTML page for a browser on a UI path."""
    if not wants_json(request):
        from warta.web.ui import render_error  # the UI imports this module; import late

        return render_error(request, status, message)
    body = ErrorBody(error=ErrorInfo(status=status, message=message, detail=detail))
    return JSONResponse(body.model_dump(), status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else _phrase(exc.status_code)
    detail = None if isinstance(exc.detail, str) else exc.detail
    response = error_response(request, exc.status_code, message, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # loc/msg/type only: pydantic's ctx may hold exception objects that do not serialise.
    detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    first = detail[0] if detail else None
    where = ".".join(str(p) for p in first["loc"][1:]) if first else ""
    message = f"invalid {where}: {first['msg']}" if first and where else "invalid request"
    return error_response(request, 422, message, detail)


async def _store_error(request: Request, exc: Exception) -> Response:
    log.error("knowledge base error on %s: %s", request.url.path, exc)
    return error_response(request, 503, "the knowledge base could not be read; try again", str(exc))


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


class GuardMiddleware:
    """Adds the security headers to every response, and turns an unhandled exception into a 500.

    A plain ASGI middleware rather than an exception handler, because Starlette answers an
    unhandled error outside every user middleware: the 500 would lose both the error shape
    and the CSP.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:  # the response is half sent: nothing better to do than drop the connection
                raise
            log.exception("unhandled error on %s", scope.get("path"))
            request = Request(scope)
            response = error_response(request, 500, "internal error: the server could not answer this request")
            await response(scope, receive, send_with_headers)


# -- the JSON API ---------------------------------------------------------------------------


def get_kb(request: Request) -> KnowledgeBase:
    """The app's knowledge base (a FastAPI dependency)."""
    return cast(KnowledgeBase, request.app.state.kb)


KB = Annotated[KnowledgeBase, Depends(get_kb)]
Q = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description='search words: "a phrase", OR, -not, prefix*')]
Outlet = Annotated[str | None, Query(max_length=253, pattern=DOMAIN_PATTERN, description="outlet domain")]
DateFrom = Annotated[date | None, Query(alias="from", description="published on or after (YYYY-MM-DD)")]
DateTo = Annotated[date | None, Query(alias="to", description="published on or before (YYYY-MM-DD)")]
Entity = Annotated[str | None, Query(min_length=1, max_length=MAX_NAME_CHARS, description="canonical entity name")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
ArticleId = Annotated[int, PathParam(ge=1, le=MAX_ARTICLE_ID)]
StoryId = Annotated[str, PathParam(pattern=STORY_ID_PATTERN)]
BucketParam = Annotated[Bucket, Query(description="period of each point")]


def make_filters(query: str, outlet: str | None, date_from: date | None, date_to: date | None,
                 entity: str | None, limit: int = 20, offset: int = 0) -> SearchFilters:
    """Filters from validated parameters; an inverted date range is a 422, not an empty page."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"`from` ({date_from}) is after `to` ({date_to})")
    return SearchFilters(query, outlet or None, date_from, date_to, entity or None, limit, offset)


def story_or_404(kb: KnowledgeBase, story_id: str) -> StoryDetail:
    """The story, or a 404 that names it."""
    found = kb.story(story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return found


router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["api"])


@router.get("/search", response_model=SearchPage, summary="Full-text search with filters")
def api_search(kb: KB, q: Q = "", outlet: Outlet = None, date_from: DateFrom = None, date_to: DateTo = None,
               entity: Entity = None, limit: Limit = 20, offset: Offset = 0) -> SearchPage:
    """Articles matching ``q`` (bm25-ranked; newest first when ``q`` is empty) that pass every filter."""
    return kb.search(make_filters(q, outlet, date_from, date_to, entity, limit, offset))


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article with its analysis")
def api_article(kb: KB, article_id: ArticleId) -> ArticleDetail:
    """The article, its mentions, quotes and events (offsets into ``body``), and its stories."""
    found = kb.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


@router.get("/stories", response_model=StoriesPage, summary="Stories, newest first")
def api_stories(kb: KB, limit: Limit = 20, offset: Offset = 0) -> StoriesPage:
    """Stories ordered by their latest article, newest first."""
    return kb.stories(limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="One story")
def api_story(kb: KB, story_id: StoryId) -> StoryDetail:
    """Members grouped by outlet, who said what, and the stories step's document (``doc``)."""
    return story_or_404(kb, story_id)


@router.get("/stories/{story_id}/report.md", response_class=PlainTextResponse, summary="Story report, Markdown")
def api_story_markdown(kb: KB, story_id: StoryId) -> PlainTextResponse:
    """The story as a Markdown report (untrusted text escaped)."""
    return PlainTextResponse(report.story_markdown(story_or_404(kb, story_id)),
                             media_type="text/markdown; charset=utf-8")


@router.get("/stories/{story_id}/report.html", response_class=HTMLResponse, summary="Story report, HTML")
def api_story_html(request: Request, kb: KB, story_id: StoryId) -> HTMLResponse:
    """The story as a standalone HTML report."""
    from warta.web.ui import render_story_report

    return render_story_report(request, story_or_404(kb, story_id))


@router.get("/entities", response_model=list[NameCount], summary="Entity names by prefix")
def api_entity_names(kb: KB, prefix: Annotated[str, Query(min_length=1, max_length=MAX_NAME_CHARS)],
                     limit: Limit = 10) -> list[NameCount]:
    """Canonical names that start with ``prefix``, most mentioned first."""
    return kb.entity_names(prefix, limit)


@router.get("/entities/{name:path}", response_model=EntityProfile, summary="Entity profile")
def api_entity(kb: KB, name: Annotated[str, PathParam(min_length=1, max_length=MAX_NAME_CHARS)]) -> EntityProfile:
    """Roles seen, quotes over time, co-occurring names, stories and articles of one canonical name."""
    found = kb.entity(name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    return found


@router.get("/outlets", response_model=list[OutletCount], summary="Outlets and their article counts")
def api_outlets(kb: KB) -> list[OutletCount]:
    """Every outlet (domain), biggest first; articles with no known outlet are one row with ``null``."""
    return kb.outlets()


@router.get("/outlets/{domain}/coverage", response_model=Coverage, summary="An outlet's coverage over time")
def api_outlet_coverage(kb: KB, domain: Annotated[str, PathParam(pattern=DOMAIN_PATTERN)],
                        bucket: BucketParam = "day") -> Coverage:
    """Articles per day, ISO week or month for one outlet, empty periods included."""
    if not kb.has_outlet(domain):
        raise HTTPException(404, f"no articles from outlet {domain!r}")
    return kb.coverage(outlet=domain, bucket=bucket)


@router.get("/coverage", response_model=Coverage, summary="Coverage over time, all outlets or one entity")
def api_coverage(kb: KB, outlet: Outlet = None, entity: Entity = None, bucket: BucketParam = "day") -> Coverage:
    """Articles per period across every outlet, optionally only those mentioning ``entity``."""
    return kb.coverage(outlet=outlet, entity=entity, bucket=bucket)


def _export(kb: KnowledgeBase, filters: SearchFilters, lines: Callable[..., Any], media: str, name: str) -> Response:
    return StreamingResponse(lines(kb.export_rows(filters)), media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/export/articles.jsonl", summary="Export articles as JSON Lines",
            response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}})
def api_export_jsonl(kb: KB, q: Q = "", outlet: Outlet = None, date_from: DateFrom = None, date_to: DateTo = None,
                     entity: Entity = None) -> Response:
    """Every article passing the filters (as in /api/search), one JSON object a line, in id order."""
    filters = make_filters(q, outlet, date_from, date_to, entity)
    return _export(kb, filters, report.jsonl_lines, "application/x-ndjson; charset=utf-8", "articles.jsonl")


@router.get("/export/articles.csv", summary="Export articles as CSV",
            response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
def api_export_csv(kb: KB, q: Q = "", outlet: Outlet = None, date_from: DateFrom = None, date_to: DateTo = None,
                   entity: Entity = None) -> Response:
    """The same rows as the JSONL export, as CSV; cells that would run as formulas are defused."""
    filters = make_filters(q, outlet, date_from, date_to, entity)
    return _export(kb, filters, report.csv_lines, "text/csv; charset=utf-8", "articles.csv")


# -- the application --------------------------------------------------------------------------


def create_app(db_path: str | Path) -> FastAPI:
    """The API and the UI over the knowledge base at ``db_path`` (opened read-only).

    Raises :class:`~warta.errors.StoreError` at once when the file is missing or not a warta
    knowledge base, so ``warta serve`` fails at start rather than on the first request.
    """
    from warta.web.ui import router as ui_router

    kb = KnowledgeBase.open(db_path)
    app = FastAPI(title="warta", version=__version__, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,  # the docs pages load script from a CDN, which the CSP forbids
                  description="A knowledge base of Indonesian online news: search, articles, stories, "
                              "entities, outlets. Every error is `{\"error\": {\"status\", \"message\", \"detail\"}}`.")
    app.state.kb = kb
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_middleware(GuardMiddleware)
    app.include_router(router)
    app.include_router(ui_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
