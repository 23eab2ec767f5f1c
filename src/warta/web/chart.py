"""Coverage over time as an SVG bar chart drawn on the server.

Server-side SVG needs no script at all, so the strict Content-Security-Policy holds and the
chart works with JavaScript off. Labels are escaped like any other text (an outlet name is
data); geometry comes only from numbers.

>>> from warta.web.query import CoveragePoint
>>> "<svg" in coverage_svg([CoveragePoint("2024-01-17", 3)], title="per day")
True
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from warta.web.query import CoveragePoint

WIDTH, HEIGHT = 720, 200
# Room for the axis labels: left for counts, bottom for periods.
PAD_LEFT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 36, 28, 10, 8
# Period labels under the axis; more would overlap at this width.
MAX_X_LABELS = 6


def coverage_svg(points: Sequence[CoveragePoint], *, title: str) -> Markup:
    """A bar per period, each with a ``<title>`` tooltip; an empty series gets a short note."""
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    if not points:
        parts.append(f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" class="note">'
                     "no dated articles</text></svg>")
        return Markup("".join(parts))  # only constants and escaped text above
    top = max(p.articles for p in points) or 1
    step = plot_w / len(points)
    bar_w = max(step * 0.8, 0.5)
    base_y = PAD_TOP + plot_h
    parts.append(f'<line class="axis" x1="{PAD_LEFT}" y1="{base_y}" x2="{WIDTH - PAD_RIGHT}" y2="{base_y}"/>')
    parts.append(f'<text class="tick" x="{PAD_LEFT - 4}" y="{PAD_TOP + 8}" text-anchor="end">{top}</text>')
    parts.append(f'<text class="tick" x="{PAD_LEFT - 4}" y="{base_y}" text-anchor="end">0</text>')
    for i, p in enumerate(points):
        h = plot_h * p.articles / top
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        parts.append(f'<rect class="bar" x="{x:.2f}" y="{base_y - h:.2f}" width="{bar_w:.2f}" height="{h:.2f}">'
                     f"<title>{escape(p.period)}: {p.articles}</title></rect>")
    every = max(1, -(-len(points) // MAX_X_LABELS))
    for i in range(0, len(points), every):
        x = PAD_LEFT + (i + 0.5) * step
        parts.append(f'<text class="tick" x="{x:.2f}" y="{HEIGHT - 8}" text-anchor="middle">'
                     f"{escape(points[i].period)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))  # numbers we computed and escaped labels only
