"""Plain-text scrape -> Article: the cascade for pages stored as text.

Stages (each marked below):

1. **lines**: describe every line by its features (:mod:`warta.extract.lines`).
2. **segments**: cut the page where an end-of-article section starts ("Berita terkait",
   "TERBARU", copyright, related-list time stamps) and keep the segment with the most prose.
3. **lead**: find where the body starts: the dateline lead when the page has one, else the
   first prose line after the header (title, byline, date, captions).
4. **body**: keep prose and the short lines that sit between prose (subheadings, a sentence
   cut by the scrape); drop cue lines, captions, credits, tickers, with a reason each.
5. **fields**: title, deck and captions from the header; publication date; outlet, dateline,
   byline and wire credits; language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from warta.errors import NoArticleFound
from warta.extract.byline import is_credit_line, read_byline, undouble, wire_credits
from warta.extract.dates import DateMention, find_dates
from warta.extract.lines import (
    MIN_PROSE_STOP_RATIO,
    MIN_PROSE_WORDS,
    Line,
    describe_lines,
    is_caption,
)
from warta.extract.outlet import Dateline, outlet_from_text, parse_dateline, publisher
from warta.types import Article, Caption, Dropped, RawPage

#: Kinds that end the article: nothing after them belongs to it.
END_KINDS = frozenset({"end", "reltime"})
#: Kinds dropped wherever they are.
DROP_KINDS = frozenset({"related", "promo", "ad", "share", "nav", "ticker", "junk", "signoff", "end", "reltime"})
#: A dateline lead is looked for among the first prose lines of the article segment only:
#: further down, "Rusia — yang ..." is a dash inside a sentence, not a dateline.
LEAD_SEARCH_PROSE = 4
#: How far down the segment a header line (date, byline) may sit, and how many prose lines
#: (deck, captions without credits) may come before it: beyond that, the prose is the body.
HEADER_SEARCH_LINES = 25
MAX_HEADER_PROSE = 2
#: Header lines (above the body) longer than this are not a headline.
MAX_TITLE_WORDS = 40
#: A header line longer than this is a caption or a deck, not a date line: its date is the
#: photo's or the event's, so at best a hint for an inferred date.
MAX_DATE_LINE = 120
#: A photo credit on its own line: "VLADIMIR SMIRNOV / POOL / AFP", "ANTARA FOTO/Nama".
CREDIT_ONLY = re.compile(r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*/\s*){1,4}[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}")
#: A date between the place and the dash of a dateline: "Jakarta, 2/1/18 (Outlet) -".
DATELINE_DATE = re.compile(r"^[A-Z][\w .'’]{1,30},\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b[^-–—]{0,40}\s[-–—]\s")
#: Metadata some scrapers prepend: " date 2024-03-18 ".
META_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*")
#: A credit standing alone without a slash: "Istimewa", "Dok. Humas", "Ilustrasi".
CREDIT_WORD = re.compile(r"(?i)istimewa|dok(?:\.|umentasi)?(?:\s+\w+){0,2}|ilustrasi|ist")
#: A byline label opening a line ("Penulis: ...", "Oleh ...").
BYLINE_LABEL = re.compile(r"(?i)(penulis|reporter|editor|oleh|pewarta|sumber)\b")
#: A paragraph's closing sign-off with the outlet's domain: ". (Serambinews.com/Agus)".
SIGNED_PARAGRAPH = re.compile(r"[.!?\"”]\s*\(\s*[\w-]+\.(?:com|co\.id|id|co)\s*/\s*[^)]{2,60}\)\s*$", re.I)
#: The label in front of a caption's credit ("Foto: ", "Kredit foto: ").
CREDIT_LABEL = re.compile(r"^(?i:(?:kredit\s+)?foto|photo)\s*:\s*")
#: What headlines carry that is not the headline: a "zoom-in" widget label, the site's domain.
TITLE_WIDGET = re.compile(r"^(?:zoom-in)\s+")
TITLE_SITE = re.compile(r"\s+[|\-–—]\s+[\w.]+\.(?:com|co\.id|id|co)\s*$", re.I)
#: A date stamped as an update ("Diperbarui 05 Sep 2024"): the first publication is likelier.
UPDATED = re.compile(r"(?i)diperbarui|update[d]?\b")
#: Words before a date that look ahead ("akan", "hingga"): a coming date is not the report's.
LOOKS_AHEAD = re.compile(r"(?i)\b(akan|mendatang|hingga|sampai)\s+\S*\s*$")


def extract_text(page: RawPage) -> Article:
    """Extract the article from a plain-text scrape. Raises NoArticleFound on pages without one."""
    text = page.text
    meta = META_DATE.match(text)
    meta_dates = [meta.group(1)] if meta else []
    if meta:
        text = text[meta.end():]
    lines = describe_lines(text)
    if not any(ln.is_prose for ln in lines):
        raise NoArticleFound(
            f"no line of the page reads as article prose ({len(lines)} lines: menus, lists or links?)")

    # -- 2. segments -------------------------------------------------------------------
    start, stop = _best_segment(lines)

    # -- 3. lead ---------------------------------------------------------------------
    lead, dateline = _find_lead(lines, start, stop)
    header = lines[:lead]

    # -- 4. body ---------------------------------------------------------------------
    body_lines, dropped, captions, credit_lines = _select_body(lines, lead, stop)
    if not body_lines:
        raise NoArticleFound("the page's prose is all captions, lists or credits")
    for ln in lines[stop:]:
        dropped.append(Dropped(ln.text, ln.reason or "after the end of the article"))

    # -- 5. fields -------------------------------------------------------------------
    title, title_idx = _find_title(header)
    deck = _find_deck(header, title_idx)
    for ln in header:
        if ln.index == (title_idx if title_idx is not None else -1) or (deck and ln.text == deck):
            continue
        if ln.kind == "prose" or is_caption(ln.text):
            cap = _caption(ln.text)
            if cap.text not in {c.text for c in captions}:
                captions.append(cap)
        else:
            dropped.append(Dropped(ln.text, ln.reason or "page header"))
    header_texts = [ln.text for ln in header]
    published, zone, date_idx = _published(header_texts, meta_dates)
    if published is None and body_lines:
        published = _dateline_date(body_lines[0].text)
    body_texts = [ln.text for ln in body_lines]
    footer = tuple(d.text for d in dropped if len(d.text) < 80)
    title_pos = next((k for k, ln in enumerate(header) if ln.index == title_idx), None)
    byline = read_byline(header_texts, date_idx, title_pos, footer, body_texts[-1])
    wires = wire_credits(body_texts, dateline.wire if dateline else None, tuple(credit_lines))
    byline.wires = _merge(byline.wires, wires)
    inferred = False
    if published is None:
        guess = infer_date(body_texts[:3], [c.text for c in captions])
        if guess:
            published, inferred = guess.isoformat(), True
    outlet = outlet_from_text([ln.text for ln in lines], dateline)
    if outlet is None and page.url:
        outlet = publisher(page.url)
    body = "\n\n".join(body_texts)
    return Article(
        source=page.source, body=body, title=title, deck=deck, url=page.url, outlet=outlet,
        published=published, published_inferred=inferred, timezone=zone,
        authors=tuple(byline.authors), editors=tuple(byline.editors), wire_sources=tuple(byline.wires),
        outlet_name=dateline.outlet_name if dateline else None,
        dateline=dateline.place if dateline else None, captions=tuple(captions), kind="text",
        dropped=tuple(dropped), language=_language(body),
    )


def _merge(a: list[str], b: list[str]) -> list[str]:
    out = list(a)
    for x in b:
        if x not in out:
            out.append(x)
    return out


def _language(body: str) -> str | None:
    try:
        from warta.extract.language import detect_language
    except ImportError:  # pragma: no cover - the detector ships with the package
        return None
    return detect_language(body)[0]


def _best_segment(lines: list[Line]) -> tuple[int, int]:
    """[start, stop) of the run between end markers with the most prose characters."""
    bounds = [0] + [ln.index for ln in lines if ln.kind in END_KINDS] + [len(lines)]
    best, best_mass = (0, len(lines)), -1
    for a, b in pairwise(bounds):
        mass = sum(len(ln.text) for ln in lines[a:b] if ln.is_prose and not is_caption(ln.text))
        if mass > best_mass:
            best, best_mass = (a, b), mass
    # The header (title, date, byline) sits above the first end marker only when the best
    # segment is the first one; otherwise the segment starts after a marker.
    return best


def _find_lead(lines: list[Line], start: int, stop: int) -> tuple[int, Dateline | None]:
    """Index of the first body line, and the dateline when the lead has one."""
    seen = 0
    for i in range(start, stop):
        ln = lines[i]
        if ln.kind not in ("prose", "short"):
            continue
        dl = parse_dateline(ln.text)
        if dl is None and ln.kind == "short" and ln.words <= 6 and i + 1 < stop:
            dl = parse_dateline(ln.text + " " + lines[i + 1].text)  # "Warta Ekonomi, Jakarta -" alone
            if dl is not None and dl.end <= len(ln.text) + 1:
                return i, dl
            dl = None
        if dl is not None and ln.words >= MIN_PROSE_WORDS and not _is_date_line(ln.text):
            return i, dl
        if ln.is_prose:
            seen += 1
            if seen >= LEAD_SEARCH_PROSE:
                break
    # No dateline: the body starts at the first prose line that is not a caption or deck,
    # after the last header line (date, byline) near the top of the segment.
    last_meta = start - 1
    prose_before = 0
    for i in range(start, min(stop, start + HEADER_SEARCH_LINES)):
        ln = lines[i]
        if ln.is_prose and not _header_prose(lines, i):
            prose_before += 1
            if prose_before > MAX_HEADER_PROSE:
                break
        elif ln.kind == "short" and (find_dates(ln.text) or _is_byline_shaped(ln.text)):
            last_meta = i
    for i in range(max(start, last_meta + 1), stop):
        if lines[i].is_prose and not _header_prose(lines, i):
            return i, None
    # Every prose line is a caption or a repeat (a photo gallery): the first one after the
    # header, else the first one at all.
    for i in (*range(max(start, last_meta + 1), stop), *range(start, stop)):
        if lines[i].is_prose:
            return i, None
    return start, None


def _is_date_line(text: str) -> bool:
    """A line that is mostly a date stamp ("NTVNews - ... - 14 Agu 2024, 15:57")."""
    return any(len(text) - (m.end - m.start) <= 60 for m in find_dates(text))


def _header_prose(lines: list[Line], i: int) -> bool:
    """A prose line that belongs to the header: a caption, or a line repeated on the page."""
    ln = lines[i]
    if is_caption(ln.text) or ln.repeats > 1:
        return True
    prev = lines[i - 1] if i > 0 else None
    # A caption follows a credit-only line ("VLADIMIR SMIRNOV / POOL / AFP", "Istimewa").
    return bool(prev and prev.kind == "short" and prev.words <= 6 and _credit_only(prev.text) and i + 1 < len(lines))


def _credit_only(text: str) -> bool:
    return bool(CREDIT_ONLY.fullmatch(text)
                or CREDIT_WORD.fullmatch(text))


def _is_byline_shaped(text: str) -> bool:
    return bool(BYLINE_LABEL.match(text))


def _select_body(
        lines: list[Line], lead: int, stop: int) -> tuple[list[Line], list[Dropped], list[Caption], list[str]]:
    """Keep the article's lines from the lead to the end of its segment, with reasons for the rest.

    Also returns the captions met on the way and the wire-credit lines ("REUTERS | TASS").
    """
    credits: list[str] = []
    kept: list[Line] = []
    dropped: list[Dropped] = []
    captions: list[Caption] = []
    last_prose = max((i for i in range(lead, stop) if lines[i].is_prose), default=lead)
    skip_next = False
    for i in range(lead, stop):
        ln = lines[i]
        if skip_next:  # the titles listed under a bare "Baca Juga"
            if ln.kind == "short" and not ln.ends_sentence:
                dropped.append(Dropped(ln.text, "title of a linked article"))
                continue
            skip_next = False
        if ln.kind in DROP_KINDS:
            dropped.append(Dropped(ln.text, ln.reason))
            skip_next = ln.kind == "related" and ln.words <= 3
            continue
        if ln.is_prose and _signed_paragraph(ln.text):
            kept.append(ln)
            continue
        if i != lead and (is_caption(ln.text) or (ln.repeats > 1 and not ln.is_prose)):
            if ln.words >= 3 and not _credit_only(ln.text):
                captions.append(_caption(ln.text))
            dropped.append(Dropped(ln.text, "photo caption or credit"))
            continue
        if is_credit_line(ln.text):
            credits.append(ln.text)
            dropped.append(Dropped(ln.text, "wire credit line"))
            continue
        if ln.is_prose or i == lead:
            kept.append(ln)
            continue
        if i > last_prose:
            if _cut_sentence(ln) and i == stop - 1:
                kept.append(ln)
            else:
                dropped.append(Dropped(ln.text, "after the last paragraph"))
            continue
        if _cut_sentence(ln) or _subheading(lines, i, lead, stop):
            kept.append(ln)
        else:
            dropped.append(Dropped(ln.text, ln.reason or "short line"))
    return kept, dropped, captions, credits


def _signed_paragraph(text: str) -> bool:
    """A paragraph closed by the reporter's sign-off "(Serambinews.com/Agus)", not a caption."""
    # The sign-off closes the line: most paragraphs end otherwise, and need no regex.
    return text.rstrip().endswith(")") and SIGNED_PARAGRAPH.search(text) is not None


def _cut_sentence(ln: Line) -> bool:
    """A sentence the scrape cut short, or a short quoted sentence: prose without the length."""
    if ln.words >= MIN_PROSE_WORDS and ln.stop_ratio >= MIN_PROSE_STOP_RATIO:
        return True
    return (ln.ends_sentence and ln.words >= 3 and ln.stop_ratio > 0 and ln.text[:1] in "\"“'‘") or (
        ln.ends_sentence and ln.words >= 4 and ln.stop_ratio >= 0.2)


def _subheading(lines: list[Line], i: int, lead: int, stop: int) -> bool:
    """A short title-like line between two prose paragraphs ("Jalannya Pertandingan")."""
    ln = lines[i]
    if ln.words > 10 or ln.ends_sentence or not ln.text[:1].isupper() or len(ln.text) < 3:
        return False
    prev_ok = i - 1 >= lead and lines[i - 1].is_prose
    nxt = lines[i + 1] if i + 1 < stop else None
    return prev_ok and nxt is not None and (nxt.is_prose or _subheading_chain(lines, i + 1, stop))


def _subheading_chain(lines: list[Line], j: int, stop: int) -> bool:
    ln = lines[j]
    return ln.kind == "short" and ln.words <= 6 and not ln.ends_sentence and j + 1 < stop and lines[j + 1].is_prose


def _caption(text: str) -> Caption:
    from warta.extract.lines import CREDIT_TAIL

    m = CREDIT_TAIL.search(text)
    if m and m.start() > 10:
        credit = text[m.start():].strip(" ()[].")
        return Caption(text[: m.start()].strip(), CREDIT_LABEL.sub("", credit) or None)
    return Caption(text, None)


def _find_title(header: list[Line]) -> tuple[str | None, int | None]:
    """The headline among the header lines: headline-shaped, repeated lines preferred."""
    candidates = [ln for ln in header if _headline_shaped(ln)]
    if not candidates:
        return None, None
    # A repeated line is the headline printed twice (page title and article title); among
    # the rest, a full-length headline beats a short section or tag label above it.
    pick = max(candidates, key=lambda ln: (ln.repeats > 1, min(ln.words, 8), -ln.index))
    return _clean_title(pick.text), pick.index


def _headline_shaped(ln: Line) -> bool:
    if ln.kind not in ("short", "prose") or ln.words < 3 or ln.words > MAX_TITLE_WORDS:
        return False
    t = ln.text
    if t.endswith(".") and not t.endswith("..."):
        return False
    if find_dates(t) or _is_byline_shaped(t) or is_caption(t) or _credit_only(t) or is_credit_line(t):
        return False
    if ln.words < 4 and ln.repeats < 2:
        return False  # "Luar Negeri", "HOME BOLA": section labels
    if t.isupper() and ln.words <= 6:
        return False
    return (ln.cap_ratio >= 0.3 and t[:1].isupper()) or t[:1].isdigit()


def _clean_title(text: str) -> str:
    text = TITLE_WIDGET.sub("", text)
    text = TITLE_SITE.sub("", text)
    return undouble(text.strip())


def _find_deck(header: list[Line], title_idx: int | None) -> str | None:
    """The standfirst right under the headline: one prose line that is not a caption."""
    if title_idx is None:
        return None
    after = [ln for ln in header if ln.index > title_idx]
    if after and after[0].is_prose and not is_caption(after[0].text) and after[0].repeats == 1:
        return after[0].text
    return None


def _published(header: list[str], meta_dates: list[str]) -> tuple[str | None, str | None, int | None]:
    """The date line of the header: (ISO value, zone, index in header)."""
    best: tuple[int, DateMention, int] | None = None
    for i, text in enumerate(header):
        if len(text) > MAX_DATE_LINE or (is_caption(text) and len(text) > 80):
            continue  # a caption's date is the photo's, maybe of an older event
        for m in find_dates(text):
            rest = len(text) - (m.end - m.start)
            score = (3 if m.hour is not None else 0) + (2 if m.zone else 0) + (1 if m.weekday_named else 0)
            score += 3 if rest <= 40 else 0
            if UPDATED.search(text[: m.start]):
                score -= 1
            if best is None or score > best[0]:
                best = (score, m, i)
    if best is not None:
        return best[1].iso(), best[1].zone, best[2]
    if meta_dates:
        return meta_dates[0], None, None
    return None, None, None


def _dateline_date(lead: str) -> str | None:
    """A date printed inside the lead's dateline ("Jakarta, 2/1/18 (Outlet) - ..."): shown, not inferred."""
    m = DATELINE_DATE.match(lead)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def infer_date(lead: list[str], captions: list[str]) -> date | None:
    """A publication date the page does not show, from dated references in its lead.

    News reports what just happened: the latest full date in the first paragraphs is the
    best guess (dates after "akan" look ahead and are skipped). A caption's date is used only
    when the lead has none, because photos are often of older events.
    """
    def latest(texts: list[str]) -> date | None:
        found = [m.day for t in texts for m in find_dates(t)
                 if not LOOKS_AHEAD.search(t[: m.start][-30:])]
        return max(found) if found else None

    return latest(lead) or latest(captions)


@dataclass(frozen=True, slots=True)
class TextFields:
    """What the text of an article says about itself: dateline place, wire credits, byline."""

    dateline: str | None
    wire_sources: tuple[str, ...]
    authors: tuple[str, ...]
    editors: tuple[str, ...]


def text_fields(body: str) -> TextFields:
    """Dateline, wire credits and byline read from an article's text alone.

    The HTML path uses this on the text trafilatura extracted, so both paths read these fields
    the same way.
    """
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    dateline = next((d for d in (parse_dateline(p) for p in paragraphs[:3]) if d), None)
    credits = tuple(p for p in paragraphs if is_credit_line(p))
    prose = [p for p in paragraphs if p not in credits]
    byline = read_byline([], None, None, tuple(p for p in paragraphs if len(p) < 80), prose[-1] if prose else "")
    return TextFields(
        dateline.place if dateline else None,
        tuple(wire_credits(prose, dateline.wire if dateline else None, credits)),
        tuple(byline.authors),
        tuple(byline.editors),
    )
