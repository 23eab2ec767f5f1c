"""Untrusted text to HTML with highlighted spans, without ever inserting raw text.

Article bodies, quotes and snippets come from pages anyone could have written: a body that
contains ``<script>`` must show those characters, not run them. So highlighting never edits
HTML: the text is cut at the span offsets, every piece is escaped on its own, and only tags
written here (never taken from the text) go between the pieces.

Spans come in layers (quotes outside, entity mentions inside). Within a layer, overlapping
spans keep the first; across layers the text is cut into elementary segments so the tags nest
properly even when a mention runs over the end of a quote.

>>> str(highlight("a <b> c", [Span(2, 5, "mark")]))
'a <mark>&lt;b&gt;</mark> c'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

# Tags a span may use: anything else is a bug in the caller, refused loudly rather than emitted.
ALLOWED_TAGS = frozenset({"mark", "a", "span", "q"})


@dataclass(frozen=True, slots=True)
class Span:
    """``[start, end)`` of the text wrapped in ``<tag attrs>``; lower ``layer`` sits outside."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    layer: int = 0

    def open(self) -> str:
        if self.tag not in ALLOWED_TAGS:
            raise ValueError(f"highlight: tag {self.tag!r} is not allowed")
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _clean_layers(text_length: int, spans: Sequence[Span]) -> list[list[Span]]:
    """Spans clipped to the text, grouped by layer, with overlaps inside a layer dropped."""
    layers: dict[int, list[Span]] = {}
    for span in spans:
        start, end = max(span.start, 0), min(span.end, text_length)
        if start < end:
            layers.setdefault(span.layer, []).append(
                Span(start, end, span.tag, span.attrs, span.layer) if (start, end) != (span.start, span.end)
                else span)
    cleaned: list[list[Span]] = []
    for layer in sorted(layers):
        kept: list[Span] = []
        for span in sorted(layers[layer], key=lambda s: (s.start, -s.end)):
            if not kept or span.start >= kept[-1].end:
                kept.append(span)
        cleaned.append(kept)
    return cleaned


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` as escaped HTML with each span wrapped in its tag (see the module docstring)."""
    layers = _clean_layers(len(text), spans)
    bounds = sorted({0, len(text), *(s.start for lay in layers for s in lay), *(s.end for lay in layers for s in lay)})
    cursor = [0] * len(layers)
    open_now: list[Span | None] = [None] * len(layers)
    out: list[str] = []
    for a, b in pairwise(bounds):
        active: list[Span | None] = []
        for i, layer in enumerate(layers):
            while cursor[i] < len(layer) and layer[cursor[i]].end <= a:
                cursor[i] += 1
            span = layer[cursor[i]] if cursor[i] < len(layer) else None
            active.append(span if span is not None and span.start <= a else None)
        # Close from the innermost layer out to the first that changes, then reopen inward.
        first_change = next((i for i in range(len(layers)) if active[i] is not open_now[i]), len(layers))
        for i in reversed(range(first_change, len(layers))):
            closing = open_now[i]
            if closing is not None:
                out.append(closing.close())
        for i in range(first_change, len(layers)):
            opening = active[i]
            if opening is not None:
                out.append(opening.open())
        open_now = active
        out.append(str(escape(text[a:b])))
    for span in reversed(open_now):
        if span is not None:
            out.append(span.close())
    return Markup("".join(out))  # every piece above is escaped text or a tag written here
