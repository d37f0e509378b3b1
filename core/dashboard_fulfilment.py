"""The politician's section of the overview: per program and area, how many indicators
meet their targets. Read for every indicator of the municipality, so each is read with
only what its fulfilment needs; the same for every reader of the municipality, so its
HTML is kept in the cache (steering.page_cache) until a record it is read from changes."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from steering.fulfilment import Status as FulfilmentStatus
from steering.indicator_values import indicator_statuses
from steering.models import Indicator, Target
from steering.page_cache import cached_html


@dataclass(frozen=True)
class Named:
    """A record as a section names and links it: read as two columns, not as a model."""

    pk: int
    name: str


@dataclass
class AreaFulfilment:
    area: object
    counts: Counter

    @property
    def cells(self) -> list[int]:
        return [self.counts[status] for status in FulfilmentStatus]


@dataclass
class ProgramFulfilment:
    program: object
    areas: list[AreaFulfilment] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [sum(area.counts[status] for area in self.areas) for status in FulfilmentStatus]



class _IndicatorColumns:
    """What steering.indicator_values reads of an indicator, without the model: its
    statistics series is found by Indicator's own rule."""

    __slots__ = ("pk", "source", "gender", "kolada_kpi", "local_kpi_id", "direction", "baseline",
                 "area_pk", "area_name", "program_pk", "program_name")
    Source = Indicator.Source
    kpi_id = Indicator.kpi_id

    def __init__(self, **columns):
        for name, value in columns.items():
            setattr(self, name, value)


def program_fulfilment(*, municipality) -> list[ProgramFulfilment]:
    """Per program and area, how many indicators are met, partly met, not met or have no
    value. Four queries, each reading a row per indicator (and per target), never every
    year of every statistics series."""
    # Each indicator as the plain columns its fulfilment reads, with its area's and
    # program's: building an indicator, a goal, an area and a program per row cost more
    # than the rest.
    indicators = [
        _IndicatorColumns(**row) for row in
        Indicator.objects.filter(goal__area__program__municipality=municipality)
        .order_by("goal__area__program__name", "goal__area__position", "goal__area__name")
        .values(*_IndicatorColumns.__slots__[:7], area_pk=F("goal__area_id"), area_name=F("goal__area__name"),
                program_pk=F("goal__area__program_id"), program_name=F("goal__area__program__name"))
    ]
    # Plain rows, not Target objects: building a thousand models cost more than the rest.
    targets: dict[int, dict] = defaultdict(dict)
    for indicator_id, year, value in Target.objects.filter(
        indicator_id__in=[indicator.pk for indicator in indicators]
    ).values_list("indicator_id", "year", "value"):
        targets[indicator_id][year] = value
    programs: dict[int, ProgramFulfilment] = {}
    areas: dict[int, AreaFulfilment] = {}
    for status in indicator_statuses(indicators=indicators, municipality=municipality, latest_only=True):
        status.known_targets = targets.get(status.indicator.pk, {})
        indicator = status.indicator
        if indicator.area_pk not in areas:
            areas[indicator.area_pk] = AreaFulfilment(area=Named(indicator.area_pk, indicator.area_name),
                                                      counts=Counter())
            programs.setdefault(
                indicator.program_pk, ProgramFulfilment(program=Named(indicator.program_pk, indicator.program_name))
            ).areas.append(areas[indicator.area_pk])
        areas[indicator.area_pk].counts[status.fulfilment.status] += 1
    return list(programs.values())


def fulfilment_section(*, municipality) -> SafeString:
    """The section's HTML: from the cache, or judged and rendered anew (four queries)."""
    return cached_html(page="fulfilment", parts=(municipality.pk,), build=lambda: render_to_string(
        "core/partials/_dashboard_politician.html",
        {"programs": program_fulfilment(municipality=municipality),
         "labels": [status.text for status in FulfilmentStatus]},
    ))
