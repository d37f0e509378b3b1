"""The indicators of a program's areas as the report shows them: value, target and goal
fulfilment judged on the values up to the cycle's year (the existing rule in
steering.fulfilment), and the series beside the county and the country for the chart.

Five to seven queries however many goals, indicators and organisations there are: the
goals, the indicators with their targets, the manual values and the statistics values (steering's
indicator_statuses), the county and national means of every KPI read, and the county's name."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F

from core.models import Municipality
from kpis.models import KoladaMunicipality, KpiMean
from reports.content import Fulfilment, GoalContent, IndicatorContent, SeriesPoint
from steering.fulfilment import Status, goal_fulfilment
from steering.indicator_values import indicator_statuses
from steering.models import Goal, Indicator, Program

MISSED = (Status.NOT_MET.code, Status.PARTLY_MET.code)


def _number(value) -> float | None:
    return None if value is None else float(value)


def _means(kpi_ids: set[str], county_code: str, year: int) -> dict[tuple[str, str, str], dict[int, float]]:
    """(kpi, gender, "county"|"national") → year → mean."""
    means: dict[tuple[str, str, str], dict[int, float]] = defaultdict(dict)
    if not kpi_ids:
        return means
    for kpi_id, area, year_, gender, mean in KpiMean.objects.filter(
        kpi_id__in=kpi_ids, area__in=[county_code, KpiMean.NATIONAL], year__lte=year,
    ).values_list("kpi_id", "area", "year", "gender", "mean"):
        which = "national" if area == KpiMean.NATIONAL else "county"
        means[(kpi_id, gender, which)][year_] = mean
    return means


def area_goals(*, program: Program, municipality: Municipality, year: int) -> dict[int, list[GoalContent]]:
    """Area id → its goals (program goals first, then the organisations' own), each with
    its indicators judged for `year`."""
    goals: dict[int, dict[int, GoalContent]] = defaultdict(dict)
    area_of_goal = {}
    for goal in Goal.objects.filter(area__program=program).select_related("organization").order_by(
        F("organization__name").asc(nulls_first=True), "title", "pk"
    ):
        area_of_goal[goal.pk] = goal.area_id
        goals[goal.area_id][goal.pk] = GoalContent(
            id=goal.pk, title=goal.title, organization=goal.organization.name if goal.organization_id else None,
            indicators=[],
        )
    indicators = Indicator.objects.filter(goal__area__program=program).prefetch_related("targets").order_by("name")
    statuses = indicator_statuses(indicators=indicators, municipality=municipality)
    county_code = "00" + municipality.code[:2]
    kpi_ids = {status.indicator.kpi_id for status in statuses if status.indicator.kpi_id}
    means = _means(kpi_ids, county_code, year)
    county_name = ""
    if kpi_ids:
        county_name = KoladaMunicipality.objects.filter(pk=county_code).values_list("title", flat=True).first() or ""
    for status in statuses:
        indicator = status.indicator
        values = {y: v for y, v in status.values.items() if y <= year}
        fulfilment = goal_fulfilment(direction=indicator.direction, baseline=indicator.baseline,
                                     targets=status.targets, values=values)
        county = means.get((indicator.kpi_id, indicator.gender, "county"), {})
        national = means.get((indicator.kpi_id, indicator.gender, "national"), {})
        series = [
            SeriesPoint(year=y, own=_number(values.get(y)), county=county.get(y), national=national.get(y))
            for y in sorted(set(values) | set(county) | set(national))
        ]
        content = IndicatorContent(
            id=indicator.pk, name=indicator.name, unit=indicator.unit, direction=indicator.direction,
            source=str(indicator.get_source_display()), year=fulfilment.year, value=_number(fulfilment.value),
            target=_number(fulfilment.target), target_year=fulfilment.target_year,
            fulfilment=Fulfilment(code=fulfilment.status.code, text=str(fulfilment.text), color=fulfilment.color,
                                  reason=fulfilment.reason),
            county_name=county_name if kpi_ids and indicator.kpi_id else "", series=series,
        )
        goals[area_of_goal[indicator.goal_id]][indicator.goal_id]["indicators"].append(content)
    return {area_id: list(by_goal.values()) for area_id, by_goal in goals.items()}


def missed_indicators(goals: list[GoalContent]) -> list[IndicatorContent]:
    """The indicators that missed their target: not met, or only partly."""
    return [indicator for goal in goals for indicator in goal["indicators"] if indicator["fulfilment"]["code"] in MISSED]
