"""Who a story is about and who said what in it, from the members' entity and quote analysis.

    mentions of every member  ->  by canonical name: label, roles seen, articles naming it
    quotes of every member    ->  by speaker: each quotation with its date, outlet and source

Names are the analysis's canonical names, so "Jokowi" and "Presiden Joko Widodo" in two
outlets are one person here exactly when the entity step resolved them so. A quotation carried
by several copies of one wire report is shown once, citing the first source (the rest are
in ``also``): an analyst wants to know what was said, not how often it was reprinted.

>>> [p.name for p in story_entities(members)][:3]       # doctest: +SKIP
['Joko Widodo', 'BNPB', 'Suharyanto']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from warta.types import AnalyzedArticle

#: Entity labels listed as a story's people and organisations.
PEOPLE_LABELS = frozenset({"PER", "ORG"})
#: Entities listed per story (most articles first); the long tail is mostly passing mentions.
MAX_ENTITIES = 40
#: Roles kept per entity (most often seen first).
MAX_ROLES = 5


@dataclass(frozen=True, slots=True)
class StoryEntity:
    """A person or organisation of a story: its roles there and how many articles name it."""

    name: str
    label: str
    roles: tuple[str, ...]
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class SaidQuote:
    """One quotation: the words, how they were quoted, when and where they were published."""

    text: str
    kind: str
    date: str | None
    outlet: str | None
    source: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """Everything one speaker is quoted saying in a story, in publication order."""

    speaker: str
    label: str | None
    quotes: tuple[SaidQuote, ...]


def story_entities(members: Sequence[AnalyzedArticle]) -> tuple[StoryEntity, ...]:
    """The PER and ORG entities of the members, by canonical name, most widely named first."""
    labels: dict[str, Counter[str]] = {}
    roles: dict[str, Counter[str]] = {}
    articles: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for item in members:
        for m in item.entities:
            if m.label not in PEOPLE_LABELS or not m.canonical.strip():
                continue
            name = m.canonical.strip()
            labels.setdefault(name, Counter())[m.label] += 1
            if m.role:
                roles.setdefault(name, Counter())[" ".join(m.role.split())] += 1
            articles.setdefault(name, set()).add(item.article.source)
            mentions[name] += 1
    ranked = sorted(mentions, key=lambda n: (-len(articles[n]), -mentions[n], n))[:MAX_ENTITIES]
    return tuple(StoryEntity(n, labels[n].most_common(1)[0][0],
                             tuple(r for r, _ in roles.get(n, Counter()).most_common(MAX_ROLES)),
                             len(articles[n]), mentions[n]) for n in ranked)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def who_said_what(members: Sequence[AnalyzedArticle]) -> tuple[SpeakerQuotes, ...]:
    """The attributed quotations of the members grouped by speaker, most quoted first.

    ``members`` should come in publication order: the first copy of a repeated quotation is
    the one cited.
    """
    by_speaker: dict[str, list[SaidQuote]] = {}
    speaker_label: dict[str, str | None] = {}
    first: dict[tuple[str, str], int] = {}
    for item in members:
        art = item.article
        for q in item.quotes:
            if not q.speaker or not q.text.strip():
                continue
            said = by_speaker.setdefault(q.speaker, [])
            speaker_label.setdefault(q.speaker, q.speaker_label)
            key = (q.speaker, _key(q.text))
            if key in first:
                old = said[first[key]]
                if art.source != old.source and art.source not in old.also:
                    said[first[key]] = SaidQuote(old.text, old.kind, old.date, old.outlet, old.source,
                                                 (*old.also, art.source))
                continue
            first[key] = len(said)
            said.append(SaidQuote(q.text.strip(), q.kind, art.published[:10] if art.published else None,
                                  art.outlet, art.source))
    ranked = sorted(by_speaker, key=lambda s: (-len(by_speaker[s]), s))
    return tuple(SpeakerQuotes(s, speaker_label[s], tuple(by_speaker[s])) for s in ranked)
