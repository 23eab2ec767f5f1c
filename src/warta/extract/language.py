"""Which language a page is in, offline and in well under a millisecond.

Steps that need Indonesian (entities, quotes, time expressions) skip other languages, so every
page is checked. The check is py3langid's naive-Bayes model (it ships its own weights; nothing
is downloaded), with two fixes for what it gets wrong on Indonesian news:

    1. Malay and Indonesian share most words, so the model splits its belief between ``ms``
       and ``id`` on perfectly Indonesian prose. When the two together win, their *sum* is the
       confidence, and a short list of words that only one of them uses
       (``lang/id/id_ms_markers_lang.tsv``: *karena* / *kerana*, *bahwa* / *bahawa* ...)
       decides which; a tie goes to Indonesian unless the model is sure it is Malay, and a
       sure model takes a lead of two marker words to overrule.
    2. Headlines and captions are too short for character statistics; below
       ``MIN_MODEL_CHARS`` letters the share of Indonesian function words decides instead
       (``lang/id/stopwords.txt``).
    3. Prose that is plainly Indonesian (``FAST_ID_SHARE`` function words or more, Indonesian
       marker words and no Malay ones) is decided without the model: most pages are, and the
       model is the slowest step of extraction.

The model reads a sample (long lines first, ``SAMPLE_CHARS`` at most), not the whole page: its
cost grows with the text, and a menu or a ticker says nothing about the article's language.

>>> detect_language("Polisi masih menyelidiki penyebab kebakaran di pasar itu, kata warga.")[0]
'id'
>>> is_indonesian("The regent asked residents to avoid the bridge while it is repaired.")
False
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from warta.lang import read_table, read_words

# How much text the model reads. Language shows in a few sentences; more only costs time
# (the detector walks the text byte by byte in Python, roughly 0.15 ms per 1,000 characters).
SAMPLE_CHARS = 600

# Lines shorter than this are skipped when sampling: menus, tickers, dates and bylines are
# short, prose is long.
MIN_SAMPLE_LINE = 40

# Below this many letters the statistical model is guesswork (a headline of four words can
# come out as Hausa); the function-word share is used instead.
MIN_MODEL_CHARS = 40

# Share of function words above which a short text counts as Indonesian: real Indonesian
# headlines run 10-40%, English ones have none of these words.
MIN_SHORT_STOPWORD_SHARE = 0.15

# Share of Indonesian function words from which prose with no Malay marker word is taken as
# Indonesian without running the model; Indonesian news prose runs at 0.2-0.45 (name-heavy
# leads lower), English and other languages near 0.
FAST_ID_SHARE = 0.15

# Below this confidence :func:`is_indonesian` says no: the model is unsure, and so should the
# caller be before running Indonesian-only steps.
MIN_CONFIDENCE = 0.5

# The model is "sure" of its id/ms split when one side holds this share of the two; the
# markers then need a lead of MARKER_MARGIN_WHEN_SURE words (rather than one) to overrule it.
SURE_SPLIT = 0.9
MARKER_MARGIN_WHEN_SURE = 2

UNDETERMINED = "und"
_MALAY_FAMILY = frozenset({"id", "ms"})
_WORD_RE = re.compile(r"[^\W\d_]+")
_TAG_RE = re.compile(r"<[^<>]*>?")


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, confidence in [0, 1])`` for ``text``; ``("und", 0.0)`` if unknown.

    >>> detect_language("")
    ('und', 0.0)
    """
    sample = _sample(text)
    found = _WORD_RE.findall(sample)  # one scan for the letter count and the words
    if sum(map(len, found)) < MIN_MODEL_CHARS:
        return _detect_short(sample)
    words = [w.lower() for w in found]
    id_hits, ms_hits = _marker_hits(words)
    share = sum(map(_stopwords().__contains__, words)) / len(words) if words else 0.0
    if share >= FAST_ID_SHARE and id_hits >= ms_hits == 0:
        return "id", round(min(0.6 + 1.5 * share, 0.99), 4)
    ranked: list[tuple[str, float]] = _identifier().rank(sample)
    best, confidence = ranked[0]
    if best not in _MALAY_FAMILY:
        return best, round(float(confidence), 4)
    scores = dict(ranked[:5])
    p_id, p_ms = float(scores.get("id", 0.0)), float(scores.get("ms", 0.0))
    # Markers decide. When the model is sure of its split it takes a lead of
    # MARKER_MARGIN_WHEN_SURE marker words to overrule it; when it is unsure, a tie goes to
    # Indonesian, the language warta is built for and the one its inputs are almost always in.
    lead = id_hits - ms_hits
    id_share = p_id / (p_id + p_ms) if p_id + p_ms > 0 else 0.5
    if id_share >= SURE_SPLIT:
        indonesian = lead > -MARKER_MARGIN_WHEN_SURE
    elif id_share <= 1 - SURE_SPLIT:
        indonesian = lead >= MARKER_MARGIN_WHEN_SURE
    else:
        indonesian = lead >= 0
    return ("id" if indonesian else "ms"), round(min(p_id + p_ms, 1.0), 4)


def is_indonesian(text: str) -> bool:
    """True when ``text`` is Indonesian with at least ``MIN_CONFIDENCE``.

    >>> is_indonesian("Harga cabai rawit di tingkat petani sudah naik dua kali lipat sejak awal bulan.")
    True
    """
    code, confidence = detect_language(text)
    return code == "id" and confidence >= MIN_CONFIDENCE


def _sample(text: str) -> str:
    """Up to ``SAMPLE_CHARS`` of the page's long lines, in page order; the head if none is long.

    Tags are removed first, so an HTML page is judged by its text, not its attributes.
    """
    parts: list[str] = []
    size = 0
    for line in text.splitlines():
        if "<" in line:  # markup (an HTML page, or a tag left in a scrape) is not language
            line = _TAG_RE.sub(" ", line)
        line = line.strip()
        if len(line) >= MIN_SAMPLE_LINE:
            parts.append(line)
            size += len(line) + 1
            if size >= SAMPLE_CHARS:
                break
    if not parts:
        return text[:SAMPLE_CHARS].strip()
    return "\n".join(parts)[:SAMPLE_CHARS]


def _detect_short(sample: str) -> tuple[str, float]:
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if not words:
        return UNDETERMINED, 0.0
    markers = _markers()
    if sum(markers.get(w) == "ms" for w in words) > sum(markers.get(w) == "id" for w in words):
        return "ms", 0.5
    # Function words and Indonesian-only words both count as evidence ("Jembatan ambruk, warga
    # terisolasi" has no function word but two words a Malay headline would not use).
    share = sum(w in _stopwords() or markers.get(w) == "id" for w in words) / len(words)
    if share < MIN_SHORT_STOPWORD_SHARE:
        return UNDETERMINED, 0.0
    # A short text is never certain: scale the share so a third of function words is 0.9.
    return "id", round(min(0.5 + 1.2 * share, 0.9), 4)


def _marker_hits(words: list[str]) -> tuple[int, int]:
    """Count words (and two-word phrases) only Indonesian, and only Malay, would use."""
    markers = _markers()
    openers = _phrase_openers()
    counts = {"id": 0, "ms": 0}
    last = len(words) - 1
    for i, word in enumerate(words):
        lang = markers.get(word)
        if lang:
            counts[lang] += 1
        if word in openers and i < last:  # only words that start a two-word marker look ahead
            lang = markers.get(f"{word} {words[i + 1]}")
            if lang:
                counts[lang] += 1
    return counts["id"], counts["ms"]


@cache
def _phrase_openers() -> frozenset[str]:
    return frozenset(key.split()[0] for key in _markers() if " " in key)


def _stopwords() -> frozenset[str]:
    return read_words("id", "stopwords.txt")


@cache
def _markers() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("id", "id_ms_markers_lang.tsv")}


def load_model() -> None:
    """Load the language model now rather than on the first page that needs it (about 0.6 s).

    Most pages are decided without the model, so it is first loaded by whichever page is not
    plainly Indonesian; a server or a benchmark calls this at start-up so that no page waits.
    """
    _identifier()


@cache
def _identifier() -> Any:  # py3langid is untyped
    """Load py3langid's bundled model once (about 0.6 s), with probabilities normalised."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
