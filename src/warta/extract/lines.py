"""Split a plain-text scrape into lines and describe each one by features.

Boilerplate removal works on these features, not on outlet templates: length, sentence
punctuation, the density of Indonesian function words (running prose is full of "yang", "di",
"dan"; menus and headline lists are not), capitalisation, cue phrases (``lang/id``), related-
article time stamps ("2 jam lalu"), photo credits and repetition within the page.

>>> page = "Baca Juga: Judul Lain\\nIni adalah kalimat yang cukup panjang untuk dianggap sebagai isi berita."
>>> [ln.kind for ln in describe_lines(page)]
['related', 'prose']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from warta.lang import read_table, read_words

#: A line of at least this many words that ends like a sentence and is dense in function words
#: is prose. Eight words is shorter than almost any news sentence and longer than most menu
#: items and headline-list entries.
MIN_PROSE_WORDS = 8
#: Function-word share below which a line is a name list or a ticker, not prose. Indonesian
#: news prose runs at 0.15-0.45, but a lead full of names and acronyms can fall to 0.05, so
#: the bar is low: sentence punctuation and length do most of the work.
MIN_PROSE_STOP_RATIO = 0.04
#: Mean function-word share of a page's long lines below which the page is not Indonesian.
FOREIGN_STOP_RATIO = 0.02
#: Share of capitalised words above which a line not ending in a full stop is a headline
#: (Indonesian headlines capitalise every content word; prose capitalises names only).
HEADLINE_CAP_RATIO = 0.6
#: A line shorter than this (in spaces) is never joined with the next: menus are short.
MIN_WRAPPED_WORDS = 5
#: Related-list time stamps, ticker rows and desk sign-offs are never longer than this.
SHORT_FORM_CHARS = 80
#: A line without sentence punctuation holding this many commas (and one per four words or
#: more) is a list of tags or names, not prose.
LIST_COMMAS = 5
#: Lines this long are prose even without final punctuation (scrapes cut mid-sentence).
LONG_LINE_WORDS = 25
#: Distinct lines whose features and first kind are kept: enough for the menus, tickers and
#: footers of many outlets (they recur on every page); prose lines pass through and age out.
LINE_CACHE_SIZE = 16384

ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")
SPACES = re.compile(r"[ \t\r\f\v]+")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
#: The longest sentence ending SENTENCE_END matches ('." ABC' after collapsed spaces) fits in
#: this many final characters; searching only them keeps the anchored scan short.
SENTENCE_END_CHARS = 12
#: The start of a word written with a capital (counted for the headline shape): a letter that is
#: not lower case, with no letter or digit right before it. The character class comes first and
#: the look-behind after it, so the regex engine skips ahead to candidate letters instead of
#: testing the look-behind at every position (twice as fast, same matches).
CAPITALISED = re.compile(r"[^\W\d_a-zß-ÿ](?<![^\W_].)")
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s*$|[.!?]["”’]\s*\S{0,3}$|[:;]\s*$""")
REL_TIME = re.compile(
    r"^(?:\d+|se|satu|dua|tiga)\s*(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?lalu$"
    r"|^(?:baru saja|kemarin|just now|\d+\s+(?:mins?|hours?|days?)\s+ago)$", re.I)
TICKER = re.compile(r"^(?:[•·*\-]\s*)?[A-Z0-9/&.\- ]{2,20}\s+-?[\d.,]+(?:\s+[-+]?[\d.,]+%?){1,3}$")
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
IMAGE_MD = re.compile(r"^!\[.*\]\(.*\)\s*\|?$|^!\[\]")
#: Photo credit at the end of a caption: "Foto: X/Y", "(ANTARA FOTO/Nama)", "/Bloomberg-Nama",
#: "[Foto: ANTARA]", "Kredit Foto: ...", "(Liputan6.com/Nama)", "Dok. Basarnas", "REUTERS/Nama".
#: One row per form: the form, and substrings of which every match of it holds one. Testing
#: the substrings first (a plain ``in``) rules most prose out before any of the regexes runs.
CREDIT_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:\(|\[)\s*(?i:foto|photo|dok|sumber|ist|istimewa)\b[^)\]]{0,80}[)\]]", ("(", "[")),
    (r"\b(?i:kredit\s+)?(?i:foto|photo|dok\.?|ilustrasi)\s*:\s*.{1,60}?", (":",)),
    (r"\(\s*[A-Za-z][A-Za-z0-9 .]{1,29}(?:\s+FOTO)?\s*/\s*[^)]{2,80}\)", ("/",)),
    (r"\s/\s?[A-Z][\w.]*(?:[-/ ][\w.]+){0,5}/?", ("/",)),
    (r"(?:[A-Z][\w.]+/){1,4}[A-Z][\w. ]+(?:\s+via\s+[A-Z]+)?", ("/",)),
    (r"\b(?:[A-Z][A-Za-z.]+\s+){0,3}via\s+(?:REUTERS|AFP|AP|ANTARA|[A-Z]{2,})", ("via",)),
    (r"\b(?:ANTARA FOTO|AP Photo|Getty Images|Shutterstock|Istimewa|Dok\.? Pribadi)\b[^.]{0,40}",
     ("ANTARA FOTO", "AP Photo", "Getty Images", "Shutterstock", "Istimewa", "Dok")),
)
#: What may follow the credit: a closing bracket or full stop, and spaces.
CREDIT_END = r"\s*[.)\]]?\s*$"
#: Any of the forms (where the credit starts, to split it off the caption).
CREDIT_TAIL = re.compile("(?:" + "|".join(form for form, _ in CREDIT_FORMS) + ")" + CREDIT_END)
_CREDIT_CHECKS = tuple((needles, re.compile(form + CREDIT_END)) for form, needles in CREDIT_FORMS)
CAPTION_LEAD = re.compile(r"^(?:ILUSTRASI|FOTO|Foto|Ilustrasi)\s*[.:\-]", re.U)
#: A desk or agency sign-off after the last sentence: "... orang. ANTARA", "... (antara/jpnn)".
SIGNOFF_TAIL = re.compile(r"(?<=[.!?\"”])\s*(?:\([^()]{1,60}\)|[A-Z]{3,12})\s*$")
#: A paragraph's closing desk sign-off, not a photo credit: "(antara/jpnn)", "(RMI/JAY/ES)".
DESK_SIGNOFF = re.compile(r"\((?:[a-z0-9 ./-]+|(?:[A-Za-z]{1,5}/)+[A-Za-z]{1,5})\)\s*$")
INITIALS_SIGNOFF = re.compile(r"^[(\[]\s*[a-z0-9]{1,6}(?:\s*[/-]\s*[a-z0-9]{1,6})*\s*[)\]]$", re.I)


@dataclass(slots=True)
class Line:
    """One non-empty line of a scrape, its features and (after classification) its kind."""

    index: int
    text: str
    words: int
    stop_ratio: float
    cap_ratio: float
    ends_sentence: bool
    repeats: int
    kind: str = "short"
    reason: str = ""

    @property
    def is_prose(self) -> bool:
        return self.kind == "prose"


@cache
def _stopwords() -> frozenset[str]:
    return read_words("id", "stopwords.txt")


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """All cue phrases as one alternation (one regex pass per line), and each group's kind.

    First comes the same alternation without the named groups: it says whether any cue
    matches in half the time (the engine skips the group bookkeeping in every branch), and most
    lines match none. Only a line that matches is matched again to learn which cue it was.
    """
    rows = read_table("id", "boilerplate_cues.tsv")
    any_cue = "|".join(f"(?:{pattern})" for _, pattern in rows)
    alternation = "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(rows))
    return re.compile(any_cue, re.I), re.compile(alternation, re.I), tuple(kind for kind, _ in rows)


def normalise_line(text: str) -> str:
    """NFC, no-break spaces and zero-width characters out, runs of spaces collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
        text = ZERO_WIDTH.sub("", text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=16384)  # boilerplate lines recur across the pages of an outlet
def cue_kind(text: str) -> str | None:
    """The kind of boilerplate cue phrase that starts ``text``, if any."""
    stripped = text.lstrip("-–—•·*#>|[( ").strip()
    any_cue, pattern, kinds = _cues()
    if any_cue.match(stripped) is None:
        return None
    m = pattern.match(stripped)
    return kinds[int(m.lastgroup[1:])] if m and m.lastgroup else None


@lru_cache(maxsize=4096)
def is_caption(text: str) -> bool:
    """A photo caption: ends with a photo credit or starts with an ILUSTRASI/FOTO label.

    A paragraph that opens with a quotation mark is a quote, and a closing "(antara/jpnn)" in
    lower case is a desk sign-off: neither is a caption.
    """
    if CAPTION_LEAD.match(text):
        return True
    if text[:1] in "\"“'‘" or (text.endswith(")") and DESK_SIGNOFF.search(text[-80:])):
        return False
    return ends_with_credit(text[-120:])


def ends_with_credit(text: str) -> bool:
    """True when ``text`` ends with a photo credit: ``CREDIT_TAIL.search(text) is not None``, faster.

    Each form is tried on its own, and only when the text holds one of its substrings.
    """
    return any(any(n in text for n in needles) and check.search(text) is not None
               for needles, check in _CREDIT_CHECKS)


def _headline_case(text: str) -> bool:
    words = text.split()
    return sum(1 for w in words if w[0].isupper()) >= HEADLINE_CAP_RATIO * len(words)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join a sentence the scrape hard-wrapped: a line of some length that does not end a
    sentence, followed by one that starts in lower case ("... akan dibicarakan" / "pilihannya.")."""
    out: list[str] = []
    for t in lines:
        if (out and t[0].islower() and t[0].isalpha() and not SENTENCE_END.search(out[-1])
                and out[-1].count(" ") >= MIN_WRAPPED_WORDS and not _headline_case(out[-1])):
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out


class LineFeatures(NamedTuple):
    """What a line's text alone says about it (the page-dependent ``repeats`` is apart)."""

    words: int
    stop_ratio: float
    cap_ratio: float
    ends_sentence: bool


@lru_cache(maxsize=LINE_CACHE_SIZE)
def line_features(text: str) -> LineFeatures:
    """Word count, function-word and capital shares, and sentence end of one normalised line.

    Cached by text: an outlet prints the same menus, tickers and footers on every page.
    """
    low_words = WORD.findall(text.casefold())
    n = len(low_words)
    stops = sum(map(_stopwords().__contains__, low_words))
    caps = len(CAPITALISED.findall(text))
    tail = text[-80:]
    if tail[-1] == ")" or tail[-1].isupper():
        tail = SIGNOFF_TAIL.sub("", tail)
    ends = bool(SENTENCE_END.search(tail[-SENTENCE_END_CHARS:]))
    return LineFeatures(n, stops / n if n else 0.0, caps / n if n else 0.0, ends)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _first_kind_of(text: str, foreign: bool) -> tuple[str, str]:
    """:func:`first_kind` by text: a line's first kind depends on its text and the page's language only."""
    return first_kind(Line(0, text, *line_features(text), repeats=1), foreign=foreign)


def describe_lines(text: str) -> list[Line]:
    """Split ``text`` into non-empty lines and compute each line's features and first kind."""
    raw = [normalise_line(t) for t in text.split("\n")]
    kept = _join_wrapped([t for t in raw if t])
    folded = [t.casefold() for t in kept]
    counts = Counter(folded)
    lines = [Line(i, t, *line_features(t), repeats=counts[folded[i]]) for i, t in enumerate(kept)]
    # A page in another language has (almost) no Indonesian function words at all: judge its
    # lines by length and punctuation alone, so it is still extracted (and flagged later).
    long_lines = [ln for ln in lines if ln.words >= MIN_PROSE_WORDS]
    foreign = bool(long_lines) and sum(ln.stop_ratio for ln in long_lines) / len(long_lines) < FOREIGN_STOP_RATIO
    for line in lines:
        line.kind, line.reason = _first_kind_of(line.text, foreign)
    return lines


def first_kind(line: Line, *, foreign: bool = False) -> tuple[str, str]:
    """Classify a line by its own features alone; context is applied later.

    ``foreign`` pages (no Indonesian function words) are judged without the stop-word test.
    """
    t = line.text
    if line.words == 0:
        return "junk", "no words"
    cue = cue_kind(t)
    if cue:
        return cue, f"cue phrase ({cue})"
    if len(t) <= SHORT_FORM_CHARS:  # time stamps, tickers, sign-offs and bare URLs are short
        if REL_TIME.match(t):
            return "reltime", "related-list time stamp"
        if TICKER.match(t):
            return "ticker", "market ticker"
        if INITIALS_SIGNOFF.match(t):
            return "signoff", "editor's initials"
    if (" " not in t and URL_ONLY.match(t)) or (t[0] == "!" and IMAGE_MD.match(t)):
        return "junk", "bare URL or image markup"
    if line.cap_ratio >= HEADLINE_CAP_RATIO and line.words <= 30 and not t.endswith("."):
        return "short", "headline-shaped line"
    stop = 1.0 if foreign else line.stop_ratio
    if not line.ends_sentence and t.count(",") >= LIST_COMMAS and t.count(",") >= line.words / 4:
        return "short", "comma-separated list (tags, names)"
    if line.words >= MIN_PROSE_WORDS and stop >= MIN_PROSE_STOP_RATIO and (
            line.ends_sentence or line.words >= LONG_LINE_WORDS):
        return "prose", ""
    if line.words >= LONG_LINE_WORDS and stop >= MIN_PROSE_STOP_RATIO / 2:
        return "prose", ""
    return "short", "short line"
