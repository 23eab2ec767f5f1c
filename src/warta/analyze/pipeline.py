"""Article -> AnalyzedArticle: the analysis steps run in order over one article.

    entities (analyze.entities)  ->  quotes (analyze.quotes)  ->  events (analyze.events)

Each step only knows Indonesian. A page in another language keeps its article and gets an
empty analysis with the reason in ``skipped``, so callers can say why nothing was found. A step
that fails raises :class:`~warta.errors.AnalysisError` naming the step, so a bad article points
at the component that misbehaved instead of a stack trace from deep inside.
"""

from __future__ import annotations

from datetime import date

from warta.analyze.entities import find_entities
from warta.analyze.events import find_events
from warta.analyze.quotes import find_quotes
from warta.errors import AnalysisError
from warta.extract.outlet import parse_dateline
from warta.types import AnalyzedArticle, Article, Event, Mention, Quote


def reference_date(article: Article) -> date | None:
    """The date relative expressions count from: the publication date, when known."""
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def dateline_end(body: str) -> int:
    """Where the lead's dateline ends in ``body`` (0 when the lead has none)."""
    first = body.split("\n", 1)[0]
    found = parse_dateline(first[:200])
    return found.end if found else 0


def analyze(article: Article) -> AnalyzedArticle:
    """Find the entities, quotations and dated events of one article."""
    if article.language not in (None, "id", "und"):
        return AnalyzedArticle(article, skipped=(
            f"language is {article.language!r}, not Indonesian: entities, quotes and events skipped",))
    body = article.body
    ref = reference_date(article)
    step = "entities"
    try:
        people_not_in_story = (*article.authors, *article.editors)
        # Headline, deck and captions help resolve short names in the body ("Kim" -> the
        # "Kim Jong Un" of a caption); they never become mentions themselves.
        context = (article.title or "", article.deck or "", *(c.text for c in article.captions))
        mentions: list[Mention] = find_entities(body, exclude_names=people_not_in_story, context=context)
        # The dateline ("WARTANUSA.COM, Pasirluhur - ") names the outlet and the filing place,
        # not actors of the story.
        lead_end = dateline_end(body)
        if lead_end:
            mentions = [m for m in mentions if m.start >= lead_end]
        step = "quotes"
        quotes: list[Quote] = find_quotes(body, mentions)
        step = "events"
        events: list[Event] = find_events(body, ref, mentions) if ref else []
    except Exception as exc:  # a bug in one step must not lose the article: name the step
        raise AnalysisError(f"{step} step failed on {article.source}: {exc!r}") from exc
    skipped = () if ref else ("no publication date: relative dates not resolved, events skipped",)
    return AnalyzedArticle(article, tuple(mentions), tuple(quotes), tuple(events), skipped)
