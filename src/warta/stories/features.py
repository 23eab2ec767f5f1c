"""What the story steps compare: Indonesian-normalised words, names and a date per article.

Two articles report the same event when they use the same content words, name the same people,
organisations and places, and were written at about the same time. This module turns one
article into those three things, once, so the clusterer and the deduplicator never look at raw
text again:

    body + title  ->  words: lower-case, function words dropped, light affix stripping
                  ->  names: PER/ORG/LOC canonicals from analysis, else capitalised phrases
                  ->  day:   the publication date, else the latest full date in the text

The stemming is for matching only ("mengungsi", "pengungsi", "pengungsian" -> "ungsi"); no word
in this form is ever shown. The word lists live in ``lang/id/stories_*`` data files.

>>> from warta.types import Article
>>> f = featurize(Article(source="a.txt", body="Warga Desa Cikareo mengungsi, Senin (15/1/2024)."))
>>> sorted(f.words), f.day
(['cikareo', 'desa', 'ungsi', 'warga'], datetime.date(2024, 1, 15))
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from statistics import median_low

import numpy as np

from warta.lang.id import load_time_words
from warta.types import AnalyzedArticle, Article

#: A word: a number with its decimal comma ("6,25" is not "6" and "25": BI rates, magnitudes,
#: scores tell events apart), or letters and digits keeping inner hyphens ("Jong-un", "U-17").
WORD = re.compile(r"\d+(?:[.,]\d+)*(?![\w-])|[^\W_]+(?:-[^\W_]+)*")
#: A percentage ("6%", "6,25 persen"): rates and shares tell one decision from the next.
PERCENT = re.compile(r"\b(\d+(?:[.,]\d+)?)\s*(?:%|persen\b)", re.IGNORECASE)
#: A month and year ("September 2023"): a coarse date when no full one is printed.
MONTH_YEAR = re.compile(r"\b([A-Za-z]+)\s+((?:19|20)\d{2})\b")
#: A year printed in the text: the coarsest date, used when no full date is found.
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
#: A capitalised word or an acronym; a run of them is a name ("Sungai Wulan", "Kim Jong Un").
CAP_RUN = re.compile(r"\b(?:[A-Z][\w'-]*[a-z0-9][\w'-]*|[A-Z]{2,}[\w-]*)(?:\s+(?:[A-Z][\w'-]*|[A-Z]{2,}))*")
#: Dates printed in Indonesian news: "(15/1/2024)", "2/1/18", "15 Januari 2024", and the
#: yearless forms a report uses for days of its own week or month: "(20/10)", "17 Maret".
#: A yearless numeric date counts only in brackets: a bare "1/3" is as often a fraction.
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)?\d{2})\b|\((\d{1,2})/(\d{1,2})\)")
WORDY_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)(?:\s+((?:19|20)\d{2}))?\b")
#: The weekday a date is printed with: "Rabu (25/10)", "Kamis, 9/2/2024", "Rabu 3 Januari 2023".
WEEKDAY_BEFORE = re.compile(r"([A-Za-z'’]+)\s*,?\s*\(?\s*$")
#: A yearless date this many days after the publication date belongs to the year before
#: ("(28/12)" in a report of 2 January): reports look back far more often than ahead.
AHEAD_DAYS = 7
#: A printed date this many days after the median of an article's dates is a typo, not its day.
OUTLIER_DAYS = 120
#: Days into January during which a printed year may still be last year's by habit.
NEW_YEAR_DAYS = 15
#: Title words count this many times over body words: a headline names the event on purpose.
TITLE_WEIGHT = 3
#: Stems shorter than this are left whole (stripping "di" off "dia" helps nobody).
MIN_STEM = 4
#: Entity labels that identify an event's actors and place; dates and numbers are compared apart.
NAME_LABELS = frozenset({"PER", "ORG", "LOC", "GPE", "FAC", "EVENT"})
#: A name that is a web address ("KOMPAS.com", "Tribunnews.com"): the outlet, not an actor.
DOMAIN_LIKE = re.compile(r"\.(?:com|co|id|net|org|tv|news)\b", re.IGNORECASE)
#: A lead's dateline ("TEMPO.CO, Jakarta - ", "JAKARTA, KOMPAS.com –"): not part of a headline.
DATELINE = re.compile(r"^[^\n.!?]{0,60}?[A-Z][^\n]{0,40}?\s*[-–—]\s+(?=[A-Z\"“])")
#: Words per dedup shingle: long enough that two reports of one event in their own words share few.
SHINGLE_WORDS = 5


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """One article as the story steps see it.

    ``words`` counts stems of the body plus the title (weighted); ``names`` counts canonical
    names; ``shingles`` are the body's hashed 5-word shingles (for dedup); ``day`` is the best
    date known (``dated`` says where it came from: "published", "text", "year" -- only the
    year is meant -- or "none"); ``fingerprint`` is a hash of the body, stable across runs.
    ``month_day`` is (month, day) of the latest yearless date ("Rabu (25/10)") of an article
    that tells no year at all: it still rules out events far from that day in every year.
    """

    source: str
    words: Counter[str]
    names: Counter[str]
    day: date | None
    dated: str
    title: str | None
    lead: str
    fingerprint: str
    shingles: np.ndarray
    order: int = 0
    month_day: tuple[int, int] | None = None


@cache
def _stop_words() -> frozenset[str]:
    raw = files("warta.lang.id").joinpath("stories_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for line in raw.splitlines() if not line.startswith("#") for w in line.split())


@cache
def _affixes() -> dict[str, tuple[str, ...]]:
    raw = files("warta.lang.id").joinpath("stories_affixes.tsv").read_text(encoding="utf-8")
    kinds: dict[str, list[str]] = {}
    for line in raw.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        kind, affix = line.split("\t", 1)
        kinds.setdefault(kind.strip(), []).append(affix.strip())
    return {kind: tuple(sorted(v, key=len, reverse=True)) for kind, v in kinds.items()}


@cache
def stem(word: str) -> str:
    """Strip one particle, possessive, suffix and prefix each, keeping at least MIN_STEM letters."""
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    affixes = _affixes()
    for kind in ("particle", "possessive", "suffix"):
        for suffix in affixes.get(kind, ()):
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
    for prefix in affixes.get("prefix", ()):
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            return word[len(prefix):]
    return word


def content_words(text: str) -> list[str]:
    """The stems of the words of ``text`` that can tell one event from another."""
    stop = _stop_words()
    out: list[str] = []
    for m in WORD.finditer(text.lower()):
        w = m.group()
        if w in stop or (len(w) < 3 and not w[0].isdigit()) or (w.isdigit() and len(w) < 3):
            continue
        out.append(stem(w))
    out.extend(m.group(1).replace(".", ",") + "%" for m in PERCENT.finditer(text))
    return out


def plain_words(text: str) -> list[str]:
    """Every word of ``text``, lower-cased and unstemmed: the shingle material for dedup."""
    return WORD.findall(text.lower())


def shingle_hashes(words: list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique CRC32 hashes of the ``size``-word shingles (stable across runs and hosts)."""
    if len(words) < size:
        return np.zeros(0, dtype=np.uint32)
    hashes = {zlib.crc32(" ".join(words[i:i + size]).encode("utf-8")) for i in range(len(words) - size + 1)}
    return np.array(sorted(hashes), dtype=np.uint32)


def capitalised_names(text: str) -> Counter[str]:
    """Names guessed from capitalisation, for when no entity analysis is available.

    A run of capitalised words is a name unless it is one function word that only starts a
    sentence ("Sementara", "Namun"); month and day names are dropped for the same reason.
    """
    stop = _stop_words()
    names: Counter[str] = Counter()
    for m in CAP_RUN.finditer(text):
        words = [w for w in m.group().split() if w.lower() not in stop]
        if not words or (len(words) == 1 and len(words[0]) < 3):
            continue
        name = " ".join(words)
        if not DOMAIN_LIKE.search(name):
            names[name.lower()] += 1
    return names


@cache
def _months() -> dict[str, int]:
    """Month names and their short forms ("Agt", "Des", "Nop"), as the date finders read them."""
    words = load_time_words()
    return {**words["months"], **words["month_abbreviations"]}


@cache
def _weekdays() -> dict[str, int]:
    days: dict[str, int] = dict(load_time_words()["days"])
    return days


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date as printed: year None when the text leaves it out; weekday (1-7) when named."""

    at: int
    year: int | None
    month: int
    day: int
    weekday: int | None


def printed_dates(text: str) -> list[PrintedDate]:
    """Every calendar date printed in ``text``, with or without its year, in order."""
    found: list[PrintedDate] = []
    weekdays, months = _weekdays(), _months()
    def weekday(at: int) -> int | None:
        m = WEEKDAY_BEFORE.search(text[max(0, at - 16):at])
        return weekdays.get(m.group(1).lower()) if m else None
    for m in NUMERIC_DATE.finditer(text):
        if m.group(4):
            found.append(PrintedDate(m.start(), None, int(m.group(5)), int(m.group(4)), weekday(m.start())))
            continue
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year  # "2/1/18": a two-digit year is this century's
        found.append(PrintedDate(m.start(), year, int(m.group(2)), int(m.group(1)), weekday(m.start())))
    for m in WORDY_DATE.finditer(text):
        month = months.get(m.group(2).lower())
        if month:
            printed = int(m.group(3)) if m.group(3) else None
            found.append(PrintedDate(m.start(), printed, month, int(m.group(1)), weekday(m.start())))
    return sorted((d for d in found if 1 <= d.month <= 12 and 1 <= d.day <= 31), key=lambda d: d.at)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "31/11/2022" is printed by real pages: no date
        return None


def _checked(d: PrintedDate, year: int) -> date | None:
    """The date in ``year``, or in the next year when it is early January and only that fits.

    Writers keep typing the old year in the first days of January ("Rabu 3 Januari 2023" for
    Wednesday 3 January 2024); the weekday printed beside the date says which year was meant.
    Elsewhere a wrong weekday is as likely as a wrong year, so the printed year stands.
    """
    value = _make(year, d.month, d.day)
    if d.weekday is None or d.month != 1 or d.day > NEW_YEAR_DAYS:
        return value
    if value is not None and value.isoweekday() == d.weekday:
        return value
    alt = _make(year + 1, d.month, d.day)
    return alt if alt is not None and alt.isoweekday() == d.weekday else value


def context_year(text: str, published: date | None = None) -> int | None:
    """The year an article speaks from: published, else its full dates, else its year mentions."""
    if published is not None:
        return published.year
    full = [d.year for d in printed_dates(text) if d.year is not None]
    if full:
        return max(full)
    years = Counter(YEAR.findall(text))
    if years:
        return int(max(years.items(), key=lambda kv: (kv[1], kv[0]))[0])
    return None


def resolve_dates(text: str, published: date | None = None) -> tuple[list[date], list[tuple[int, int]]]:
    """The dates of ``text`` as calendar dates, and the (month, day) of those left yearless.

    A yearless date takes the year the article speaks from (the publication date's, or the
    year of the other dates and mentions in it); against a publication date it is the latest
    such day not more than AHEAD_DAYS after it. With no year anywhere, it stays (month, day).
    """
    year = context_year(text, published)
    dates: list[date] = []
    yearless: list[tuple[int, int]] = []
    for d in printed_dates(text):
        if d.year is not None:
            value = _checked(d, d.year)
        elif year is None:
            yearless.append((d.month, d.day))
            continue
        else:
            value = _checked(d, year)
            if value is not None and published is not None and (value - published).days > AHEAD_DAYS:
                value = _checked(d, year - 1)
        if value is not None:
            dates.append(value)
    return dates, yearless


def article_day(article: Article) -> tuple[date | None, str]:
    """The date an article speaks from: published when known, else the latest date it prints.

    The latest, not the first: a report recalls earlier days ("sejak Jumat (9/2/2024)") but is
    written after the last one it mentions -- leaving out dates far after all the others, which
    are typos ("22/11/2023" in a report of 22/11/2022). A publication date that extraction
    inferred from the text is checked against the weekday printed with it (see ``_checked``).
    """
    if article.published:
        with contextlib.suppress(ValueError):
            published = date.fromisoformat(article.published[:10])
            if article.published_inferred:
                published = _recheck(article.body, published)
            return published, "published"
    dates, _ = resolve_dates(article.body)
    if dates:
        middle = median_low(dates)
        return max(d for d in dates if (d - middle).days <= OUTLIER_DAYS), "text"
    months = _months()
    coarse = [int(m.group(2)) for m in MONTH_YEAR.finditer(article.body) if m.group(1).lower() in months]
    if coarse:  # "inflasi September 2023" dates a report only to the year: months often look back
        return date(max(coarse), 7, 1), "year"
    years = Counter(YEAR.findall(article.body))
    if years:  # mid-year stands for "some time that year": compared with a wide margin
        year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return date(int(year), 7, 1), "year"
    return None, "none"


def _recheck(body: str, published: date) -> date:
    """An inferred publication date, moved to next year when its printed weekday says so."""
    for d in printed_dates(body):
        if (d.year, d.month, d.day) == (published.year, published.month, published.day):
            return _checked(d, published.year) or published
    return published


def yearless_day(article: Article) -> tuple[int, int] | None:
    """(month, day) of the latest yearless date of an article that prints no year at all."""
    if article.published:
        return None
    dates, yearless = resolve_dates(article.body)
    return max(yearless) if yearless and not dates else None


def lead_sentence(body: str, limit: int = 160) -> str:
    """The first sentence of the body, cut at ``limit`` characters: a title when there is none."""
    first = DATELINE.sub("", body.strip().split("\n", 1)[0], count=1)
    m = re.search(r"(?<=[.!?])\s", first)
    sentence = first[: m.start()] if m else first
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def featurize(item: Article | AnalyzedArticle, order: int = 0) -> ArticleFeatures:
    """Turn one article (analysed or not) into what the story steps compare."""
    analyzed = item if isinstance(item, AnalyzedArticle) else None
    article = item.article if isinstance(item, AnalyzedArticle) else item
    words = Counter(content_words(article.body))
    if article.title:
        for w in content_words(article.title):
            words[w] += TITLE_WEIGHT
    names: Counter[str] = Counter()
    outlet = (article.outlet_name or "").lower()
    if analyzed is not None:
        for mention in analyzed.entities:
            name = mention.canonical.lower()
            if mention.label in NAME_LABELS and name != outlet and not DOMAIN_LIKE.search(name):
                names[name] += 1
    if not names:
        names = capitalised_names(article.body if not article.title else f"{article.title}\n{article.body}")
    day, dated = article_day(article)
    fingerprint = hashlib.sha1(article.body.encode("utf-8")).hexdigest()
    shingles = shingle_hashes(plain_words(article.body))
    return ArticleFeatures(article.source, words, names, day, dated, article.title,
                           lead_sentence(article.body), fingerprint, shingles, order,
                           yearless_day(article) if day is None else None)


def copy_features(article: Article, order: int = 0) -> ArticleFeatures:
    """Only what dedup compares (shingles, the date, arrival order): for articles already in a
    story that a new one may copy, at a fraction of :func:`featurize`'s cost."""
    day, dated = article_day(article)
    return ArticleFeatures(article.source, Counter(), Counter(), day, dated, article.title, "",
                           "", shingle_hashes(plain_words(article.body)), order)
