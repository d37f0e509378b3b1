"""A LineChart (kpis.charts) as SVG markup, built in Python: a template loop over
every point and tick cost more than the rest of the comparison page together.

The SVG has role="img" with <title> and <desc>; every point carries its value as
a <title>; the legend below names each line beside a sample of its dash and marker.
Coordinates are written unlocalised (an SVG never takes a decimal comma).

Built with f-strings and the standard library's escape (which Django's escape
wraps) rather than format_html: a page draws over a hundred points, and Django's
lazy-text checks on every argument cost more than the drawing. Only texts (titles,
labels, tick values) come from data and are escaped; numbers, colours and shapes
are ours.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from kpis.charts import Line, LineChart

GRID = "#c9c9c9"
INK = "#1f1f1f"


def chart_svg(chart: LineChart, chart_id: int) -> SafeString:
    title_id, desc_id = f"diagram-{chart_id}-titel", f"diagram-{chart_id}-beskrivning"
    title = escape(chart.title)
    y_ticks = "".join(
        f'<line x1="{chart.left}" x2="{chart.right_edge}" y1="{_n(t.position)}" y2="{_n(t.position)}" '
        f'stroke="{GRID}" stroke-width="1"/>'
        f'<text x="{chart.left - 6}" y="{_n(t.position)}" text-anchor="end" dominant-baseline="middle" '
        f'font-size="14" fill="{INK}">{escape(t.value)}</text>'
        for t in chart.y_ticks
    )
    x_ticks = "".join(
        f'<text x="{_n(t.position)}" y="{chart.bottom_edge + 20}" text-anchor="middle" font-size="14" '
        f'fill="{INK}">{escape(t.value)}</text>'
        for t in chart.x_ticks
    )
    lines = "".join(_line(line) for line in chart.lines)
    legend = "".join(
        f'<li><svg width="44" height="14" aria-hidden="true" focusable="false">'
        f'<line x1="2" x2="42" y1="7" y2="7" stroke="{line.colour}" stroke-width="2.5"{_dash(line)}/>'
        f'{marker(line.marker, 22, 7, line.colour)}</svg> {escape(line.label)}</li>'
        for line in chart.lines
    )
    return mark_safe(
        f'<figure class="line-chart"><h2 class="ds-heading" data-size="xs">{title}</h2>'
        f'<svg viewBox="0 0 {chart.width} {chart.height}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'class="line-chart__svg">'
        f'<title id="{title_id}">{title}</title><desc id="{desc_id}">{escape(chart.description)}</desc>'
        f'<g class="line-chart__grid" aria-hidden="true">{y_ticks}{x_ticks}'
        f'<line x1="{chart.left}" x2="{chart.right_edge}" y1="{chart.bottom_edge}" y2="{chart.bottom_edge}" '
        f'stroke="{INK}" stroke-width="1"/></g>{lines}</svg>'
        f'<figcaption><ul class="line-chart__legend">{legend}</ul></figcaption></figure>'
    )


def marker(shape: str, x: float, y: float, colour: str, label: str = "") -> SafeString:
    """A point marker; its shape tells the line apart without colour.

    Only the label comes from data (escaped here); shapes, colours and numbers are ours."""
    title = f"<title>{escape(label)}</title>" if label else ""
    if shape == "square":
        return mark_safe(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">{title}</rect>')
    if shape in ("triangle", "diamond"):
        corners = ([(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)] if shape == "triangle"
                   else [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)])
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)
        return mark_safe(f'<polygon points="{points}" fill="{colour}">{title}</polygon>')
    if shape == "cross":
        return mark_safe(
            f'<path d="M{x - 4:.1f},{y - 4:.1f} l8,8 m0,-8 l-8,8" stroke="{colour}" stroke-width="2.5">{title}</path>'
        )
    if shape == "circle-open":
        return mark_safe(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#ffffff" stroke="{colour}" stroke-width="2">{title}</circle>'
        )
    return mark_safe(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{title}</circle>')


def _line(line: Line) -> str:
    markers = "".join(marker(line.marker, p.x, p.y, line.colour, p.label) for p in line.points)
    return (f'<g class="line-chart__series"><path d="{line.path}" fill="none" stroke="{line.colour}" '
            f'stroke-width="2.5"{_dash(line)}/>{markers}</g>')


def _dash(line: Line) -> SafeString:
    return mark_safe(f' stroke-dasharray="{line.dash}"' if line.dash else "")


def _n(value: float) -> str:
    return f"{value:.1f}"
