"""Where the quotation marks of an article body open and close.

News pages print quotations every which way: curly “…” or straight "…" marks, ‘…’ inside
them, an opening mark that the outlet forgot (``Itu penyebabnya,” ujarnya.``), a quotation
that runs over several paragraphs (each paragraph reopens with a mark and only the last one
closes, or the first opens and a later one closes), and a quotation cut short where the
stored excerpt ends. This module only finds the spans; :mod:`warta.analyze.quotes` decides
what kind of quotation each span is and who said it.

The scan is a small state machine over paragraphs (stages marked in :func:`quote_spans`):

1. classify each mark as opening or closing from the characters around it, the glyph
   breaking ties (a straight ``"`` has no direction of its own);
2. pair marks within a paragraph; a closing mark with nothing open before it starts the
   quotation at the paragraph's start (the missing opening mark);
3. carry a quotation left open at a paragraph's end into the next paragraph when that one
   reopens with a mark or closes one; otherwise end it at its own paragraph (a cut excerpt);
4. pair single marks ‘…’ outside the double-mark spans (terms and quotes-in-passing).

    >>> [(s.start, s.end) for s in quote_spans('Ia berkata, “Kami siap,” ujarnya.')]
    [(13, 23)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENING = "“„«"
DOUBLE_CLOSING = "”»"
DOUBLE_EITHER = '"″'
SINGLE_OPENING = "‘‚"
SINGLE_CLOSING = "’"
SINGLE_EITHER = "'"
DOUBLE_MARKS = DOUBLE_OPENING + DOUBLE_CLOSING + DOUBLE_EITHER
SINGLE_MARKS = SINGLE_OPENING + SINGLE_CLOSING + SINGLE_EITHER
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS

# Characters after which a mark reads as opening (a space, a bracket, a dash, a colon).
_BEFORE_OPENING = set("([{—–-:/")
# Characters before which a mark reads as closing (a space or punctuation that ends a clause).
_AFTER_CLOSING = set(".,;:!?)]}—–-…/")

# A single mark only counts when its partner is this close: longer runs are apostrophes that
# happen to pair up ("Jum'at ... Ma'ruf"), not quotations.
MAX_SINGLE_QUOTE_CHARS = 200

# A paragraph that ends without one of these was cut by a hard line break, not by the writer.
_SENTENCE_FINAL = set(".!?…:;")

_PARAGRAPH = re.compile(r"[^\n]+")
# Where the marks are: the engine finds them, instead of a look at every character.
_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLE_MARKS)}]")
_SINGLE_MARK = re.compile(f"[{re.escape(SINGLE_MARKS)}]")


@dataclass(frozen=True, slots=True)
class Span:
    """The quoted words of one quotation: ``body[start:end]``, marks left out.

    ``opened``/``closed`` say whether the body prints the opening and closing mark;
    ``paragraphs`` counts the paragraphs it runs over; ``single`` is true for ‘…’ spans;
    ``continues`` marks a paragraph of a quotation that the next span goes on with (the
    outlet reopened the mark at the next paragraph), so they share one attribution.
    """

    start: int
    end: int
    opened: bool
    closed: bool
    paragraphs: int = 1
    single: bool = False
    continues: bool = False


def paragraphs(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line: pages separate paragraphs by line breaks."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(body) if m.group().strip()]


def _direction(text: str, i: int, opening: str, closing: str) -> str | None:
    """'open', 'close', 'either' (a straight mark between spaces: the pairing decides) or
    None (not a quotation mark here) for the mark at ``text[i]``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    spaced_before = prev.isspace() or prev in _BEFORE_OPENING or prev in ALL_MARKS
    spaced_after = nxt.isspace() or nxt in _AFTER_CLOSING or nxt in ALL_MARKS
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    if not spaced_before and not spaced_after and prev in ".,!?;":
        # glued on both sides: 'diamankan.”Saya' opens, ',"ucapnya' closes
        if nxt.isupper():
            return "open"
        if nxt.islower():
            return "close"
    if text[i] in opening:
        return "open"
    if text[i] in closing:
        return "close"
    return "either" if spaced_before and spaced_after else None


def _double_marks(body: str, start: int, end: int) -> list[tuple[int, str]]:
    """The double marks of one paragraph, each with its direction."""
    found: list[tuple[int, str]] = []
    for mark in _DOUBLE_MARK.finditer(body, start, end):
        i = mark.start()
        direction = _direction(body, i, DOUBLE_OPENING, DOUBLE_CLOSING)
        if direction:
            found.append((i, direction))
    return found


def _text_start(body: str, start: int, end: int) -> int:
    """First character of quoted words from ``start``: spaces and stray marks skipped."""
    while start < end and (body[start].isspace() or body[start] in ALL_MARKS):
        start += 1
    return start


def _text_end(body: str, start: int, end: int) -> int:
    """End of quoted words before ``end``: trailing spaces dropped."""
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def quote_spans(body: str) -> list[Span]:
    """Every quotation span of ``body``, in order of position (see the module docstring)."""
    spans: list[Span] = []
    pending: tuple[int, int, int] | None = None  # open quotation: (text start, para end, paragraphs)
    for p_start, p_end in paragraphs(body):
        marks = _double_marks(body, p_start, p_end)  # stage 1
        closed_here = False
        if pending is not None:  # stage 3: does this paragraph go on with the open quotation?
            text_start, last_end, count = pending
            first = marks[0] if marks else None
            if first is None and body[last_end - 1] not in _SENTENCE_FINAL:
                pending = (text_start, p_end, count + 1)  # a hard line break inside a sentence
                continue
            reopens = first is not None and first[1] != "close" and first[0] <= _text_start(body, p_start, p_end)
            if first is not None and not reopens and first[1] in ("close", "either"):
                spans.append(Span(text_start, _text_end(body, text_start, first[0]), True, True, count + 1))
                marks, closed_here = marks[1:], True
            else:  # reopened: one span per paragraph, chained; no marks: the excerpt was cut
                spans.append(Span(text_start, _text_end(body, text_start, last_end), True, False, count,
                                  continues=reopens))
            pending = None
        is_open: int | None = None
        nested = 0  # straight marks inside a straight-quoted quotation: "… "new normal" …"
        for pos, direction in marks:  # stage 2
            if direction == "either":
                direction = "close" if is_open is not None else "open"
            if direction == "open":
                if is_open is not None and body[pos] in DOUBLE_EITHER and body[is_open] in DOUBLE_EITHER:
                    nested += 1
                else:
                    is_open = pos
            elif nested:
                nested -= 1
            elif is_open is not None:
                text_start = _text_start(body, is_open + 1, pos)
                if text_start < pos:
                    spans.append(Span(text_start, _text_end(body, text_start, pos), True, True))
                is_open, closed_here = None, True
            elif not closed_here and not spans_in(spans, p_start, pos):  # the missing opening mark
                text_start = _text_start(body, p_start, pos)
                if text_start < pos:
                    spans.append(Span(text_start, _text_end(body, text_start, pos), False, True))
                closed_here = True
        if is_open is not None:
            text_start = _text_start(body, is_open + 1, p_end)
            pending = (text_start, p_end, 1) if text_start < p_end else None
    if pending is not None:
        text_start, last_end, count = pending
        spans.append(Span(text_start, _text_end(body, text_start, last_end), True, False, count))
    spans.extend(_single_spans(body, spans))  # stage 4
    spans.sort(key=lambda s: s.start)
    return spans


def spans_in(spans: list[Span], start: int, end: int) -> bool:
    """Whether a found span already overlaps ``[start, end)``."""
    return any(s.start < end and start < s.end for s in spans)


def _single_spans(body: str, doubles: list[Span]) -> list[Span]:
    """‘…’ spans outside the double-mark spans, within one paragraph each."""
    found: list[Span] = []
    for p_start, p_end in paragraphs(body):
        is_open: int | None = None
        for mark in _SINGLE_MARK.finditer(body, p_start, p_end):
            i = mark.start()
            if spans_in(doubles, i, i + 1):
                continue
            prev = body[i - 1] if i > 0 else " "
            nxt = body[i + 1] if i + 1 < len(body) else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe: Ma’ruf, Jum'at
            direction = _direction(body, i, SINGLE_OPENING, SINGLE_CLOSING)
            if direction == "open":
                is_open = i
            elif direction == "close" and is_open is not None:
                start, end = is_open + 1, i
                if 0 < end - start <= MAX_SINGLE_QUOTE_CHARS and not spans_in(doubles, start, end):
                    found.append(Span(start, end, True, True, single=True))
                is_open = None
    return found
