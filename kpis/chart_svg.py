"""A LineChart (kpis.charts) as SVG markup, built in Python: a template loop over
every point and tick cost more than the rest of the comparison page together.

The SVG has role="img" with <title> and <desc>; every point carries its value as
a <title>; the legend below names each line beside a sample of its dash and marker.
Coordinates are written unlocalised (an SVG never takes a decimal comma).
"""

from __future__ import annotations

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from kpis.charts import Line, LineChart

GRID = "#c9c9c9"
INK = "#1f1f1f"


def chart_svg(chart: LineChart, chart_id: int) -> SafeString:
    title_id, desc_id = f"diagram-{chart_id}-titel", f"diagram-{chart_id}-beskrivning"
    y_ticks = format_html_join("", (
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="' + GRID + '" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="14" fill="' + INK + '">{}</text>'
    ), ((chart.left, chart.right_edge, _n(t.position), _n(t.position), chart.left - 6, _n(t.position), t.value)
        for t in chart.y_ticks))
    x_ticks = format_html_join("", (
        '<text x="{}" y="{}" text-anchor="middle" font-size="14" fill="' + INK + '">{}</text>'
    ), ((_n(t.position), chart.bottom_edge + 20, t.value) for t in chart.x_ticks))
    lines = mark_safe("".join(_line(line) for line in chart.lines))
    legend = format_html_join("", (
        '<li><svg width="44" height="14" aria-hidden="true" focusable="false">'
        '<line x1="2" x2="42" y1="7" y2="7" stroke="{}" stroke-width="2.5"{}/>{}</svg> {}</li>'
    ), ((line.colour, _dash(line), marker(line.marker, 22, 7, line.colour), line.label) for line in chart.lines))
    return format_html(
        '<figure class="line-chart"><h2 class="ds-heading" data-size="xs">{}</h2>'
        '<svg viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" class="line-chart__svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>'
        '<g class="line-chart__grid" aria-hidden="true">{}{}'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="' + INK + '" stroke-width="1"/></g>{}</svg>'
        '<figcaption><ul class="line-chart__legend">{}</ul></figcaption></figure>',
        chart.title, chart.width, chart.height, title_id, desc_id, title_id, chart.title, desc_id, chart.description,
        y_ticks, x_ticks, chart.left, chart.right_edge, chart.bottom_edge, chart.bottom_edge, lines, legend,
    )


def marker(shape: str, x: float, y: float, colour: str, label: str = "") -> SafeString:
    """A point marker; its shape tells the line apart without colour.

    Plain strings rather than format_html: a page draws a hundred of these, and only
    the label comes from data (escaped here); shapes, colours and numbers are ours."""
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
