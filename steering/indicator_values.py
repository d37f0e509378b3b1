"""Reads for the indicator and area pages: an indicator's values (from Kolada or the
municipality's own key figure through kpis' comparison, or entered by hand), where each
came from, its targets with their history, its goal fulfilment and whether its latest
value is as recent as it should be.

The area page runs a fixed number of queries however many indicators it lists: the
indicators with their targets, then every manual value and every statistics value they
need in one query each."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from core.models import Municipality
from kpis.models import ImportRun, Kpi, KpiValue
from kpis.selectors import Comparison, kpi_comparison
from steering.fulfilment import Fulfilment, goal_fulfilment
from steering.models import Area, Indicator, IndicatorValue, Target
from steering.staleness import Staleness, value_staleness
from steering.targets import TargetChange, target_changes, targets_as_of


@dataclass
class IndicatorStatus:
    """An indicator with its values for the gender its targets are about (year → value)."""

    indicator: Indicator
    values: dict[int, Decimal | float] = field(default_factory=dict)
    # year → target when read as plain rows; otherwise from the indicator's prefetched targets.
    known_targets: dict[int, Decimal] | None = None

    @property
    def targets(self) -> dict[int, Decimal]:
        if self.known_targets is not None:
            return self.known_targets
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

    @property
    def staleness(self) -> Staleness | None:
        program = self.indicator.goal.program
        if program is None:
            return None
        return value_staleness(
            latest_year=self.latest_year, publication_lag=self.indicator.publication_lag,
            this_year=timezone.localdate().year, first_year=program.start_year, last_year=program.end_year,
        )


@dataclass(frozen=True)
class YearJudgement:
    """A year's value judged against the targets as they stood when the value was recorded;
    ``target_now`` differs from ``fulfilment.target`` when a target has been revised since."""

    year: int
    value: Decimal | float
    recorded_at: datetime | None
    fulfilment: Fulfilment
    target_now: Decimal | None


@dataclass(frozen=True)
class Provenance:
    """Where a statistics series' values came from: the latest import that wrote them."""

    source: str
    run: ImportRun | None


@dataclass
class IndicatorPage:
    status: IndicatorStatus
    comparison: Comparison | None = None
    kpi_missing: bool = False
    manual_values: list[IndicatorValue] = field(default_factory=list)
    provenance: Provenance | None = None
    target_changes: list[TargetChange] = field(default_factory=list)
    judgements: list[YearJudgement] = field(default_factory=list)


def indicator_page(*, indicator: Indicator, municipality: Municipality) -> IndicatorPage:
    """The statistics comparison (the municipality, its county and the country) for an
    indicator that reads a key figure, the entered values for a manual one; with each
    year judged against the targets as they stood when its value was recorded."""
    changes = target_changes(Target.history.filter(indicator_id=indicator.pk).select_related("history_user"))
    kpi_id = indicator.kpi_id
    if kpi_id:
        try:
            comparison = kpi_comparison(kpi=kpi_id, municipality_code=municipality.code)
        except Kpi.DoesNotExist:
            return IndicatorPage(status=IndicatorStatus(indicator), kpi_missing=True, target_changes=changes)
        values = comparison.series(gender=indicator.gender, which="own")
        recorded = dict(
            KpiValue.objects.filter(kpi_id=kpi_id, municipality_id=municipality.code, gender=indicator.gender)
            .values_list("year", "imported_at")
        )
        status = IndicatorStatus(indicator, values)
        return IndicatorPage(
            status=status, comparison=comparison, provenance=_provenance(indicator, kpi_id),
            target_changes=changes, judgements=_judgements(status, recorded, changes),
        )
    manual = list(indicator.values.select_related("recorded_by"))
    own = [v for v in manual if v.gender == indicator.gender]
    status = IndicatorStatus(indicator, {v.year: v.value for v in own})
    recorded = {v.year: v.recorded_at for v in own}
    return IndicatorPage(status=status, manual_values=manual, target_changes=changes,
                         judgements=_judgements(status, recorded, changes))


def _provenance(indicator: Indicator, kpi_id: str) -> Provenance:
    # A run for one KPI names it; a refresh of every followed KPI names none.
    run = (
        ImportRun.objects.filter(Q(kpi_id=kpi_id) | Q(kpi__isnull=True), error="")
        .select_related("by").order_by("-started_at", "-id").first()
    )
    return Provenance(source=indicator.get_source_display(), run=run)


def _judgements(status: IndicatorStatus, recorded: dict[int, datetime], changes: list[TargetChange]) -> list[YearJudgement]:
    indicator = status.indicator
    now = status.targets
    judgements = []
    for year in sorted(status.values, reverse=True):
        moment = recorded.get(year)
        targets = targets_as_of(changes, moment) if moment and changes else now
        fulfilment = goal_fulfilment(
            direction=indicator.direction, baseline=indicator.baseline, targets=targets,
            values={y: v for y, v in status.values.items() if y <= year},
        )
        due_now = [y for y in now if y <= year]
        judgements.append(YearJudgement(
            year=year, value=status.values[year], recorded_at=moment, fulfilment=fulfilment,
            target_now=now[max(due_now)] if due_now else None,
        ))
    return judgements


def area_indicators(*, area: Area, municipality: Municipality) -> list[IndicatorStatus]:
    """Every indicator of the area's goals and sub-goals with its latest value, target and
    fulfilment: four queries."""
    indicators = (
        Indicator.objects.filter(goal__area=area)
        .select_related("goal__organization", "goal__area__program")
        .prefetch_related("targets")
        .order_by("goal__organization__name", "goal__title", "name")
    )
    return indicator_statuses(indicators=indicators, municipality=municipality)


@dataclass(frozen=True)
class StaleIndicator:
    indicator: Indicator
    area_name: str
    staleness: Staleness


def program_stale_indicators(*, program, municipality: Municipality) -> list[StaleIndicator]:
    """The program's indicators whose latest value is older than their statistics are
    published, or missing: three queries, each reading one row per indicator and gender.
    The indicators are read without their goal, area and program (the program is the one
    given): four models an indicator were most of the program page's time."""
    indicators = (
        Indicator.objects.filter(goal__area__program=program)
        .only("pk", "name", "source", "gender", "kolada_kpi", "local_kpi", "publication_lag")
        .annotate(area_name=F("goal__area__name"))
        .order_by("goal__area__name", "name")
    )
    this_year = timezone.localdate().year
    stale = []
    for status in indicator_statuses(indicators=indicators, municipality=municipality, latest_only=True):
        staleness = value_staleness(
            latest_year=status.latest_year, publication_lag=status.indicator.publication_lag, this_year=this_year,
            first_year=program.start_year, last_year=program.end_year,
        )
        if staleness:
            stale.append(StaleIndicator(status.indicator, status.indicator.area_name, staleness))
    return stale


def indicator_statuses(*, indicators, municipality: Municipality, latest_only: bool = False) -> list[IndicatorStatus]:
    """Each indicator with its values for its gender: the manual values in one query and
    every statistics series they read in another, however many indicators there are.

    With latest_only, only each series' latest year with a value is read: all that the
    fulfilment and the staleness judge, and a tenth of the rows after ten years."""
    indicators = list(indicators)
    values: dict[int, dict[int, Decimal | float]] = defaultdict(dict)
    manual = {i.pk: i for i in indicators if i.source == Indicator.Source.MANUAL}
    if manual:
        rows = IndicatorValue.objects.filter(indicator_id__in=manual)
        if latest_only:
            rows = rows.filter(year=Subquery(
                IndicatorValue.objects.filter(indicator_id=OuterRef("indicator_id"), gender=OuterRef("gender"))
                .order_by("-year").values("year")[:1]
            ))
        for indicator_id, year, gender, value in rows.values_list("indicator_id", "year", "gender", "value"):
            if gender == manual[indicator_id].gender:
                values[indicator_id][year] = value
    by_kpi = defaultdict(list)
    for indicator in indicators:
        if indicator.kpi_id:
            by_kpi[indicator.kpi_id].append(indicator)
    if by_kpi:
        rows = KpiValue.objects.filter(kpi_id__in=by_kpi, municipality_id=municipality.code, value__isnull=False)
        if latest_only:
            # Found through the primary key (kpi, municipality, year, gender), newest year first.
            rows = rows.filter(year=Subquery(
                KpiValue.objects.filter(kpi_id=OuterRef("kpi_id"), municipality_id=municipality.code,
                                        gender=OuterRef("gender"), value__isnull=False)
                .order_by("-year").values("year")[:1]
            ))
        for kpi_id, year, gender, value in rows.values_list("kpi_id", "year", "gender", "value"):
            for indicator in by_kpi[kpi_id]:
                if gender == indicator.gender:
                    values[indicator.pk][year] = value
    return [IndicatorStatus(indicator, values.get(indicator.pk, {})) for indicator in indicators]
