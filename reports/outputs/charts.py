"""An indicator's series as an SVG line chart: own value, county and nation, drawn by hand
so that the web page, the PDF and the Word file show the same picture without a plotting
library. The lines differ by dash pattern and marker as well as by colour, so the chart
reads in greyscale and for colour-blind readers; the data table beside it carries the
figures for a screen reader (the chart itself is one labelled image).

The PDF takes the same picture as an <img> of the SVG (`series_img`): WeasyPrint then
reads it with the XML parser and draws it, instead of parsing, styling and tagging its
elements with the page's own, and its labels are placed by their widths instead of by
text-anchor, which WeasyPrint draws as a group of its own for every label. Together a
fifth of the report's elements."""

from __future__ import annotations

import base64

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

OWN = _("Kommunen")
COUNTY = _("Länet")
NATIONAL = _("Riket")

WIDTH, HEIGHT = 480, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 12, 46
# (key, colour, dash pattern, marker shape): own is solid and strongest, and each line
# has a marker of its own shape besides its colour and dash.
LINES = (("own", "#1f4e79", "", "circle"), ("county", "#b85c00", "6 4", "square"),
         ("national", "#4d4d4d", "2 3", "diamond"))


# Advance widths in em of Liberation Sans, the PDF's font (metric-compatible with Arial),
# for what an axis label holds: all digits are as wide.
_ADVANCES = {",": 0.278, ".": 0.278, "−": 0.584, "-": 0.333, " ": 0.278}
_DIGIT_ADVANCE = 0.556
_LABEL_SIZE = 10


def line_labels() -> dict[str, str]:
    return {"own": str(OWN), "county": str(COUNTY), "national": str(NATIONAL)}


def _ticks(low: float, high: float) -> list[float]:
    if high == low:
        high, low = high + 1, low - 1
    raw = (high - low) / 4
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = max(magnitude * round(raw / magnitude) or magnitude, 0.1)
    first = (low // step) * step
    return [round(first + n * step, 2) for n in range(7) if first + (n - 1) * step <= high]


def _marker(shape: str, x: float, y: float) -> str:
    """A point's marker as a closed subpath centred on it."""
    if shape == "circle":
        return f"M{x - 3.5:.1f},{y:.1f}a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0z"
    if shape == "square":
        return f"M{x - 3:.1f},{y - 3:.1f}h6v6h-6z"
    return f"M{x:.1f},{y - 4.2:.1f}l4.2,4.2l-4.2,4.2l-4.2,-4.2z"


def _width(text: str) -> float:
    return _LABEL_SIZE * sum(_ADVANCES.get(char, _DIGIT_ADVANCE) for char in text)


def series_img(*, series: list[dict], title: str, ident: str) -> str:
    """The chart as an <img> of its SVG with `title` as its text alternative, for the PDF."""
    svg = series_svg(series=series, title=title, ident=ident, anchored=False)
    return (f'<img class="chart" width="{WIDTH}" height="{HEIGHT}" alt="{escape(title)}" '
            f'src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">')


def series_svg(*, series: list[dict], title: str, ident: str, anchored: bool = True) -> str:
    """The chart as an inline <svg> element labelled by `title`. Not `anchored`, the axis
    labels start where their width in the PDF's font puts their end or middle."""
    values = [point[key] for point in series for key, *_ in LINES if point.get(key) is not None]
    years = [point["year"] for point in series]
    labels = line_labels()
    title_id = f"diagram-{ident}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" font-family="Uppsikt Sans, Liberation Sans, sans-serif" '
             f'role="img" aria-labelledby="{title_id}">',
             f'<title id="{title_id}">{escape(title)}</title>']
    if not values or not years:
        return "".join(parts) + "</svg>"
    ticks = _ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x(year):
        return _LEFT + (plot_w * (year - years[0]) / (years[-1] - years[0]) if len(years) > 1 else plot_w / 2)

    def y(value):
        return _TOP + plot_h * (1 - (value - low) / (high - low))

    # Few elements, each drawing much: WeasyPrint styles every element of an inline SVG as
    # it styles the page's own and draws a marker element anew at every point, so the grid
    # is one path, and a line's pieces, legend sample and markers are one path for the
    # strokes and one for the markers.
    grid = "".join(f"M{_LEFT},{y(tick):.1f}H{WIDTH - _RIGHT}" for tick in ticks)
    parts.append(f'<path d="{grid}" stroke="#d0d0d0" stroke-width="0.6"/>')
    tick_labels = [(_number(tick), _LEFT - 5, y(tick) + 3.5) for tick in ticks]
    year_labels = [(str(year), x(year), HEIGHT - _BOTTOM + 14) for year in years]
    if anchored:
        parts.append(f'<g font-size="{_LABEL_SIZE}" fill="#333" text-anchor="end">')
        parts += [f'<text x="{lx}" y="{ly:.1f}">{label}</text>' for label, lx, ly in tick_labels]
        parts.append(f'</g><g font-size="{_LABEL_SIZE}" fill="#333" text-anchor="middle">')
        parts += [f'<text x="{lx:.1f}" y="{ly}">{label}</text>' for label, lx, ly in year_labels]
    else:
        parts.append(f'<g font-size="{_LABEL_SIZE}" fill="#333">')
        parts += [f'<text x="{lx - _width(label):.1f}" y="{ly:.1f}">{label}</text>'
                  for label, lx, ly in tick_labels]
        parts += [f'<text x="{lx - _width(label) / 2:.1f}" y="{ly}">{label}</text>'
                  for label, lx, ly in year_labels]
    parts.append(f'</g><g font-size="{_LABEL_SIZE}" fill="#222">')
    for n, (key, colour, dash, shape) in enumerate(LINES):
        # A missing year breaks the line: a gap is not a zero.
        runs, run = [], []
        for point in series:
            if point.get(key) is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append((x(point["year"]), y(point[key])))
        runs += [run] if run else []
        legend_x, legend_y = _LEFT + n * 130, HEIGHT - 14
        line = "".join("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in run) for run in runs if len(run) > 1)
        markers = "".join(_marker(shape, px, py) for run in runs for px, py in run)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{line}M{legend_x},{legend_y}h24" fill="none" stroke="{colour}" stroke-width="2"'
                     f'{dash_attr}/><path d="{markers}{_marker(shape, legend_x + 12, legend_y)}" fill="{colour}"/>'
                     f'<text x="{legend_x + 30}" y="{legend_y + 4}">{escape(labels[key])}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")
