"""Line charts over years as data for a hand-written SVG template.

Each line differs from the others in three ways — colour, dash pattern and
marker shape — and is named in a text legend, so no line is told by colour
alone; the data table beside the chart holds every number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40

# (colour, dash pattern, marker): colours pass 3:1 against white (WCAG 1.4.11).
STYLES = [
    ("#1e4b8f", "", "circle"),
    ("#a1441b", "8 4", "square"),
    ("#2f6b2f", "2 4", "triangle"),
    ("#6b2c78", "12 4 2 4", "diamond"),
    ("#4d4d4d", "4 4", "cross"),
    ("#8a5a00", "16 4", "circle-open"),
]


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    marker: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Tick:
    value: str
    position: float


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM


def line_chart(*, title: str, description: str, series: list[tuple[str, dict[int, float]]],
               years: list[int], unit: str = "") -> LineChart | None:
    """A chart of ``series`` (label, year → value) over ``years``, each point's label
    formatted for ``unit``; None when there is nothing to draw."""
    values = [v for _label, points in series for v in points.values()]
    if not values or not years:
        return None
    low, high, step = _scale(min(0.0, min(values)), max(values))
    first, last = min(years), max(years)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (plot_w / 2 if first == last else (year - first) / (last - first) * plot_w)

    def y(value: float) -> float:
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    lines = []
    for index, (label, points) in enumerate(series):
        colour, dash, marker = STYLES[index % len(STYLES)]
        lines.append(Line(
            label=label, colour=colour, dash=dash, marker=marker,
            points=[Point(year=yr, value=v, x=x(yr), y=y(v), label=f"{label} {yr}: {format_value(v, unit=unit)}")
                    for yr, v in sorted(points.items())],
        ))
    y_ticks = []
    tick = low
    while tick <= high + step / 2:
        y_ticks.append(Tick(value=format_number(tick), position=y(tick)))
        tick += step
    every = max(1, math.ceil(len(years) / 8))
    x_ticks = [Tick(value=str(yr), position=x(yr)) for yr in years[::every]]
    return LineChart(title=title, description=description, lines=lines, x_ticks=x_ticks, y_ticks=y_ticks)


def format_number(value: float | None, *, decimals: int | None = None) -> str:
    """Swedish style: 1 247 and 41,5 (a non-breaking space groups thousands).

    Without ``decimals`` whole numbers show none and others one, as axis ticks want;
    tables pass 1 so that a column lines up."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


# Units of things counted (people, places): their values are whole numbers.
COUNT_UNITS = frozenset({"antal", "st", "st.", "stycken", "personer", "antal personer", "deltagare"})


def is_count_unit(unit: str | None) -> bool:
    return (unit or "").strip().lower() in COUNT_UNITS


def format_value(value: float | int | None, *, unit: str | None = "") -> str:
    """A value as the pages show it: a count ("antal") or an integer without decimals,
    347 rather than "347,0 antal"; a measure (a share, an amount) with one, 42,0 %,
    so that a column of them lines up."""
    if value is None:
        return ""
    whole = is_count_unit(unit) or isinstance(value, int)
    return format_number(value, decimals=0 if whole else 1)


def _scale(low: float, high: float) -> tuple[float, float, float]:
    """Round limits and a step giving about five gridlines."""
    if high == low:
        high = low + 1
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step
