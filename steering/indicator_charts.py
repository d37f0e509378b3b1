"""The indicator page's charts, drawn with kpis' accessible SVG line chart: the values
beside the county and national means, and the targets as a line of their own so that
the distance to each target shows."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpis.charts import LineChart, line_chart
from kpis.models import Gender
from steering.indicator_values import IndicatorPage
from steering.models import Indicator

DESCRIPTION = gettext_lazy("Linjediagram över år: %(lines)s. Samma siffror finns i tabellen.")


def indicator_charts(*, page: IndicatorPage) -> list[LineChart]:
    indicator = page.status.indicator
    targets = {year: float(value) for year, value in page.status.targets.items()}
    target_line = (_("Målvärde"), targets)
    if page.comparison is not None:
        charts = _kolada_charts(page, indicator, target_line)
    else:
        by_gender: dict[str, dict[int, float]] = {}
        for value in page.manual_values:
            by_gender.setdefault(value.gender, {})[value.year] = float(value.value)
        series = [(str(Gender(g).label), by_gender[g]) for g in ("T", "K", "M") if g in by_gender]
        charts = [_chart(indicator.name, [*series, target_line])]
    return [chart for chart in charts if chart is not None]


def _kolada_charts(page: IndicatorPage, indicator: Indicator, target_line) -> list:
    comparison = page.comparison
    name, county = comparison.municipality_name, comparison.county_name or _("Länet")
    gender = indicator.gender
    suffix = "" if gender == "T" else f", {str(Gender(gender).label).lower()}"
    charts = [_chart(indicator.name, [
        (name + suffix, comparison.series(gender=gender, which="own")),
        (_("%(county)s, medel") % {"county": county} + suffix, comparison.series(gender=gender, which="county")),
        (_("Riket, medel") + suffix, comparison.series(gender=gender, which="national")),
        target_line,
    ])]
    if {"K", "M"} <= set(comparison.genders):
        gendered = []
        for code in ("K", "M"):
            label = str(Gender(code).label).lower()
            gendered += [
                (f"{name}, {label}", comparison.series(gender=code, which="own")),
                (_("%(county)s, medel, %(gender)s") % {"county": county, "gender": label},
                 comparison.series(gender=code, which="county")),
                (_("Riket, medel, %(gender)s") % {"gender": label}, comparison.series(gender=code, which="national")),
            ]
        charts.append(_chart(_("%(title)s, kvinnor och män") % {"title": comparison.kpi.title}, gendered))
    return charts


def _chart(title: str, series: list[tuple[str, dict[int, float]]]) -> LineChart | None:
    series = [(label, points) for label, points in series if points]
    years = sorted({year for _label, points in series for year in points})
    return line_chart(
        title=title,
        description=DESCRIPTION % {"lines": ", ".join(label for label, _points in series)},
        series=series, years=years,
    )
