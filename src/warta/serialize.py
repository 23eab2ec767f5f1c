"""Turn articles into the JSON rows of CONTRACT.md and into a readable text view."""

from __future__ import annotations

from typing import Any

from warta.types import AnalyzedArticle, Article


def analyzed_to_dict(analyzed: AnalyzedArticle, *, explain: bool = False) -> dict[str, Any]:
    """The JSONL row for an analysed article: the article's fields plus its analysis."""
    row = article_to_dict(analyzed.article, explain=explain)
    row["entities"] = [
        {"text": m.text, "label": m.label, "canonical": m.canonical, "start": m.start, "end": m.end, "role": m.role}
        for m in analyzed.entities]
    # CONTRACT's `quotes` are quotations (direct or partial); reported speech goes beside them.
    quotes = [
        {"speaker": q.speaker, "text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end,
         "speaker_label": q.speaker_label}
        for q in analyzed.quotes]
    row["quotes"] = [q for q in quotes if q["kind"] != "indirect"]
    row["reported_speech"] = [q for q in quotes if q["kind"] == "indirect"]
    row["events"] = [
        {"date": e.date, "granularity": e.granularity, "timex": e.timex, "sentence": e.sentence,
         "start": e.start, "end": e.end, "actors": list(e.actors)}
        for e in analyzed.events]
    if analyzed.skipped:
        row["skipped"] = list(analyzed.skipped)
    return row


def article_to_dict(article: Article, *, explain: bool = False) -> dict[str, Any]:
    """The JSONL row for one article (CONTRACT.md's fields first, then ours)."""
    row: dict[str, Any] = {
        "source": article.source,
        "outlet": article.outlet,
        "outlet_name": article.outlet_name,
        "title": article.title or "",
        "published": article.published,
        "published_inferred": article.published_inferred,
        "authors": list(article.authors),
        "editors": list(article.editors),
        "wire_sources": list(article.wire_sources),
        "dateline": article.dateline,
        "body": article.body,
        "deck": article.deck,
        "timezone": article.timezone,
        "url": article.url,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "language": article.language,
        "kind": article.kind,
        "entities": [],
        "quotes": [],
    }
    if article.warnings:
        row["warnings"] = list(article.warnings)
    if explain:
        row["dropped"] = [{"text": d.text, "reason": d.reason} for d in article.dropped]
    return row


def render_text(article: Article, *, explain: bool = False) -> str:
    """A human-readable view of one article, for the terminal."""
    lines = [f"== {article.source}"]
    fields = [
        ("title", article.title), ("deck", article.deck), ("outlet", article.outlet),
        ("published", (article.published or "") + (" (inferred)" if article.published_inferred else "")),
        ("authors", ", ".join(article.authors)), ("editors", ", ".join(article.editors)),
        ("wire", ", ".join(article.wire_sources)), ("dateline", article.dateline),
        ("language", article.language),
    ]
    for name, value in fields:
        if value:
            lines.append(f"{name:>10}: {value}")
    for cap in article.captions:
        lines.append(f"{'caption':>10}: {cap.text}" + (f"  [{cap.credit}]" if cap.credit else ""))
    for warning in article.warnings:
        lines.append(f"{'warning':>10}: {warning}")
    lines.append("")
    lines.append(article.body)
    if explain and article.dropped:
        lines.append("")
        lines.append("-- left out of the body:")
        for d in article.dropped:
            text = d.text if len(d.text) <= 100 else d.text[:97] + "..."
            lines.append(f"  [{d.reason}] {text}")
    return "\n".join(lines)
