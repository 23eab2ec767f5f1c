"""The HTML pages: server-rendered Jinja2, autoescaped, no inline script, no script at all.

    /                    search with filters (outlet, date range, entity), newest first when empty
    /articles/{id}       the article with entities and quotes highlighted, events, stories
    /stories             stories, newest first
    /stories/{id}        summary with citations, timeline, sources by outlet, who said what
    /entities/{name}     roles, quotes over time, co-occurring names, coverage chart
    /outlets[/{domain}]  article counts and coverage over time (SVG drawn here)

Every page calls the same :class:`~warta.web.query.KnowledgeBase` method as its JSON twin.
Text from articles reaches the page only through autoescaping or through
:func:`~warta.web.highlight.highlight`, which escapes each piece between offsets.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Any, cast
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from warta.web.api import (
    DOMAIN_PATTERN,
    MAX_ARTICLE_ID,
    MAX_NAME_CHARS,
    MAX_OFFSET,
    MAX_QUERY_CHARS,
    STORY_ID_PATTERN,
    get_kb,
    make_filters,
    story_or_404,
)
from warta.web.chart import coverage_svg
from warta.web.highlight import Span, highlight
from warta.web.query import ArticleDetail, Bucket, CoveragePoint, KnowledgeBase, SearchItem, StoryDetail
from warta.web.report import story_view

PAGE_SIZE = 20
# Label classes the stylesheet knows; any other label is shown with the neutral class.
KNOWN_LABELS = frozenset({"PER", "ORG", "LOC"})


def _path_part(value: object) -> str:
    """A value made safe as one URL path segment (a name with a slash stays one segment)."""
    return quote(str(value), safe="")


def _environment() -> jinja2.Environment:
    # autoescape=True for every template, whatever its name: there is no unescaped output path.
    env = jinja2.Environment(loader=jinja2.PackageLoader("warta.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["path_part"] = _path_part
    env.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)
KB = Annotated[KnowledgeBase, Depends(get_kb)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """One template with its context; ``request`` is passed for templates that need the URL."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML face of the JSON error shape (used by the API's error handlers)."""
    return render(request, "error.html", status, status=status, message=message)


def render_story_report(request: Request, story: StoryDetail) -> HTMLResponse:
    """A standalone HTML report of one story (no navigation), for saving or printing."""
    return render(request, "report.html", story=story, view=story_view(story))


def _optional_day(value: str, name: str) -> date | None:
    """A date from an HTML form, where an empty field arrives as an empty string."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a date like 2024-01-17, not {value!r}") from None


def snippet_html(item: SearchItem) -> Markup:
    """A search snippet with the matched words in ``<mark>``."""
    return highlight(item.snippet, [Span(s, e, "mark") for s, e in item.matches])


def body_html(article: ArticleDetail) -> Markup:
    """The body with quotes (outer) and entity mentions (inner, linked to their page) highlighted."""
    spans = [Span(q.start, q.end, "span", (("class", f"quote quote-{q.kind}"),
                                              ("title", f"{q.speaker or 'unattributed'} ({q.kind})")), 0)
             for q in article.quotes]
    spans += [Span(m.start, m.end, "a", (
        ("class", f"ent ent-{m.label if m.label in KNOWN_LABELS else 'X'}"),
        ("href", f"/entities/{_path_part(m.canonical)}"),
        ("title", f"{m.canonical} · {m.label}" + (f" · {m.role}" if m.role else ""))), 1)
        for m in article.mentions]
    return highlight(article.body, spans)


def _pager(total: int, offset: int, limit: int) -> dict[str, int | None]:
    return {"prev": max(offset - limit, 0) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None,
            "first": offset + 1 if total else 0, "last": min(offset + limit, total)}


Text = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]
Day = Annotated[str, Query(max_length=10)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
BucketParam = Annotated[str, Query(pattern="^(day|week|month)$")]


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, kb: KB, q: Text = "", outlet: Text = "", entity: Annotated[
        str, Query(max_length=MAX_NAME_CHARS)] = "", date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        date_to: Annotated[str, Query(alias="to", max_length=10)] = "", offset: Offset = 0) -> HTMLResponse:
    """The analyst's start page: a search form, hits with highlighted snippets, recent stories."""
    filters = make_filters(q, outlet or None, _optional_day(date_from, "from"), _optional_day(date_to, "to"),
                           entity or None, PAGE_SIZE, offset)
    found = kb.search(filters)
    params = {"q": q, "outlet": outlet, "entity": entity, "from": date_from, "to": date_to}
    return render(request, "search.html", found=found, params=params, outlets=kb.outlets(),
                  snippets=[snippet_html(i) for i in found.items], pages=_pager(found.total, offset, PAGE_SIZE),
                  stories=kb.stories(5, 0).items if not any(params.values()) else [])


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, kb: KB,
                 article_id: Annotated[int, PathParam(ge=1, le=MAX_ARTICLE_ID)]) -> HTMLResponse:
    """One article, its entities and quotes highlighted in place."""
    found = kb.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    entities = Counter((m.canonical, m.label) for m in found.mentions)
    return render(request, "article.html", a=found, body=body_html(found),
                  entities=entities.most_common())


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, kb: KB, offset: Offset = 0) -> HTMLResponse:
    """Every story, the most recently reported first."""
    found = kb.stories(PAGE_SIZE, offset)
    return render(request, "stories.html", found=found, pages=_pager(found.total, offset, PAGE_SIZE))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, kb: KB,
               story_id: Annotated[str, PathParam(pattern=STORY_ID_PATTERN)]) -> HTMLResponse:
    """A story for an analyst: what happened, when, who reported it and who said what."""
    story = story_or_404(kb, story_id)
    per_day: Counter[str] = Counter(m.published[:10] for g in story.by_outlet for m in g.articles if m.published)
    chart = coverage_svg([CoveragePoint(d, per_day[d]) for d in sorted(per_day)], title="articles per day")
    return render(request, "story.html", story=story, view=story_view(story), chart=chart)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, kb: KB,
                name: Annotated[str, PathParam(min_length=1, max_length=MAX_NAME_CHARS)],
                bucket: BucketParam = "month") -> HTMLResponse:
    """Who or what ``name`` is in the news: roles, quotes, company kept, coverage over time."""
    profile = kb.entity(name)
    if profile is None:
        raise HTTPException(404, f"no entity named {name!r}")
    coverage = kb.coverage(entity=name, bucket=cast(Bucket, bucket))
    chart = coverage_svg(coverage.points, title=f"articles mentioning {name} per {bucket}")
    return render(request, "entity.html", e=profile, chart=chart, coverage=coverage, bucket=bucket)


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, kb: KB, bucket: BucketParam = "month") -> HTMLResponse:
    """Outlets by article count and the coverage of all of them over time."""
    coverage = kb.coverage(bucket=cast(Bucket, bucket))
    chart = coverage_svg(coverage.points, title=f"articles per {bucket}, all outlets")
    return render(request, "outlets.html", outlets=kb.outlets(), chart=chart, coverage=coverage,
                  bucket=bucket, outlet=None, latest=None)


@router.get("/outlets/{domain}", response_class=HTMLResponse)
def outlet_page(request: Request, kb: KB, domain: Annotated[str, PathParam(pattern=DOMAIN_PATTERN)],
                bucket: BucketParam = "day") -> HTMLResponse:
    """One outlet's coverage over time and its latest articles."""
    if not kb.has_outlet(domain):
        raise HTTPException(404, f"no articles from outlet {domain!r}")
    coverage = kb.coverage(outlet=domain, bucket=cast(Bucket, bucket))
    chart = coverage_svg(coverage.points, title=f"{domain}: articles per {bucket}")
    latest = kb.search(make_filters("", domain, None, None, None, PAGE_SIZE, 0))
    return render(request, "outlets.html", outlets=[], chart=chart, coverage=coverage, bucket=bucket,
                  outlet=domain, latest=latest)
