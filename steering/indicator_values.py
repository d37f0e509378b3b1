"""Reads for the indicator and area pages: an indicator's values (from Kolada through
kpis' comparison, or entered by hand), its targets and its goal fulfilment.

The area page runs a fixed number of queries however many indicators it lists: the
indicators with their targets, then every manual value and every Kolada value they
need in one query each."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from core.models import Municipality
from kpis.models import Kpi, KpiValue
from kpis.selectors import Comparison, kpi_comparison
from steering.fulfilment import Fulfilment, goal_fulfilment
from steering.models import Area, Indicator, IndicatorValue


@dataclass
class IndicatorStatus:
    """An indicator with its values for the gender its targets are about (year → value)."""

    indicator: Indicator
    values: dict[int, Decimal | float] = field(default_factory=dict)

    @property
    def targets(self) -> dict[int, Decimal]:
        return {t.year: t.value for t in self.indicator.targets.all()}

    @property
    def fulfilment(self) -> Fulfilment:
        return goal_fulfilment(direction=self.indicator.direction, baseline=self.indicator.baseline,
                               targets=self.targets, values=self.values)

    @property
    def latest_year(self) -> int | None:
        return max(self.values) if self.values else None

    @property
    def latest_value(self):
        return self.values[self.latest_year] if self.values else None


@dataclass
class IndicatorPage:
    status: IndicatorStatus
    comparison: Comparison | None = None
    kpi_missing: bool = False
    manual_values: list[IndicatorValue] = field(default_factory=list)


def indicator_page(*, indicator: Indicator, municipality: Municipality) -> IndicatorPage:
    """Kolada's comparison (the municipality, its county and the country) for a Kolada
    indicator, the entered values for a manual one."""
    if indicator.source == Indicator.Source.KOLADA:
        try:
            comparison = kpi_comparison(kpi=indicator.kolada_kpi, municipality_code=municipality.code)
        except Kpi.DoesNotExist:
            return IndicatorPage(status=IndicatorStatus(indicator), kpi_missing=True)
        values = comparison.series(gender=indicator.gender, which="own")
        return IndicatorPage(status=IndicatorStatus(indicator, values), comparison=comparison)
    manual = list(indicator.values.all())
    values = {v.year: v.value for v in manual if v.gender == indicator.gender}
    return IndicatorPage(status=IndicatorStatus(indicator, values), manual_values=manual)


def area_indicators(*, area: Area, municipality: Municipality) -> list[IndicatorStatus]:
    """Every indicator of the area's goals and sub-goals with its latest value, target and
    fulfilment: four queries."""
    indicators = list(
        Indicator.objects.filter(goal__area=area)
        .select_related("goal__organization")
        .prefetch_related("targets")
        .order_by("goal__organization__name", "goal__title", "name")
    )
    values: dict[int, dict[int, Decimal | float]] = defaultdict(dict)
    manual = {i.pk: i for i in indicators if i.source == Indicator.Source.MANUAL}
    if manual:
        for indicator_id, year, gender, value in IndicatorValue.objects.filter(
            indicator_id__in=manual
        ).values_list("indicator_id", "year", "gender", "value"):
            if gender == manual[indicator_id].gender:
                values[indicator_id][year] = value
    by_kpi = defaultdict(list)
    for indicator in indicators:
        if indicator.source == Indicator.Source.KOLADA:
            by_kpi[indicator.kolada_kpi].append(indicator)
    if by_kpi:
        for kpi_id, year, gender, value in KpiValue.objects.filter(
            kpi_id__in=by_kpi, municipality_id=municipality.code, value__isnull=False
        ).values_list("kpi_id", "year", "gender", "value"):
            for indicator in by_kpi[kpi_id]:
                if gender == indicator.gender:
                    values[indicator.pk][year] = value
    return [IndicatorStatus(indicator, values.get(indicator.pk, {})) for indicator in indicators]
