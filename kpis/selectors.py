"""Reads for the statistics pages and for other apps (an indicator page calls
``kpi_comparison`` with its KPI id and the municipality).

The comparison reads the municipality's own values through the primary key
(kpi, municipality, year, gender) and the county and national means from the
KpiMean summary that every import rebuilds; a custom or Kolada group's mean is
computed on the spot over its few members. Means are unweighted over the
municipalities with a value, each with the count behind it.

A mean over the municipality alone is no comparison: it is left out (no value, count
0), as are the county and national means of a local KPI, which only its municipality
reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Avg, Count, FilteredRelation, Max, Q, QuerySet

from core.models import Municipality
from kpis.models import ComparisonGroup, Gender, ImportRun, KoladaMunicipality, Kpi, KpiMean, KpiValue

GENDER_ORDER = ("T", "K", "M")


@dataclass(frozen=True)
class Mean:
    value: float | None
    count: int


@dataclass(frozen=True)
class ComparisonRow:
    year: int
    gender: str
    own: float | None
    county: Mean
    national: Mean
    group: Mean | None = None

    @property
    def gender_label(self) -> str:
        return Gender(self.gender).label


NO_MEAN = Mean(None, 0)


@dataclass
class Comparison:
    kpi: Kpi
    municipality_id: str
    municipality_name: str
    county_name: str
    group: ComparisonGroup | None
    rows: list[ComparisonRow] = field(default_factory=list)

    @property
    def has_area_means(self) -> bool:
        """Whether county and national means exist: not for a local KPI."""
        return not self.kpi.is_local

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows})

    @property
    def genders(self) -> list[str]:
        present = {r.gender for r in self.rows}
        return [g for g in GENDER_ORDER if g in present]

    def series(self, *, gender: str, which: str) -> dict[int, float]:
        """Year → value for ``which`` in own, county, national, group."""
        out = {}
        for row in self.rows:
            if row.gender != gender:
                continue
            value = row.own if which == "own" else getattr(row, which) and getattr(row, which).value
            if value is not None:
                out[row.year] = value
        return out


def kpi_comparison(
    *,
    kpi: Kpi | str,
    municipality_code: str,
    group: ComparisonGroup | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
) -> Comparison:
    """The municipality beside its county, all municipalities and (optionally) a group,
    per year and gender. Two queries (three with a group), whatever the number of
    values stored: the county and national means come from the KpiMean summary.
    ``kpi`` may be a Kpi or its id (one more query; Kpi.DoesNotExist for an unknown id),
    so that an indicator page can pass the id it links to."""
    if isinstance(kpi, str):
        kpi = Kpi.objects.get(pk=kpi)
    county_code = "00" + municipality_code[:2]
    years = Q()
    if first_year is not None:
        years &= Q(year__gte=first_year)
    if last_year is not None:
        years &= Q(year__lte=last_year)
    own: dict[tuple[int, str], float] = {}
    means: dict[tuple[int, str], dict[str, Mean]] = {}
    for part, year, gender, value, count in _own_and_means(
        kpi_id=kpi.pk, municipality_code=municipality_code, county_code=county_code,
        first_year=first_year, last_year=last_year,
    ):
        if part == "own":
            own[(year, gender)] = value
        elif not kpi.is_local:
            means.setdefault((year, gender), {})[part] = Mean(value, count)
    group_means = {}
    if group is not None:
        members = group.members.through.objects.filter(comparisongroup_id=group.pk).values("koladamunicipality_id")
        group_means = {
            (r["year"], r["gender"]): NO_MEAN if r["count"] == r["own_count"] == 1 else Mean(r["mean"], r["count"])
            for r in KpiValue.objects.filter(years, kpi=kpi, municipality_id__in=members, value__isnull=False)
            .values("year", "gender").annotate(mean=Avg("value"), count=Count("value"),
                                               own_count=Count("value", filter=Q(municipality_id=municipality_code)))
        }

    def area_mean(year, gender, part):
        mean = means.get((year, gender), {}).get(part, NO_MEAN)
        # The county and the country hold the municipality: a mean of one beside its own value is its own value.
        return NO_MEAN if mean.count == 1 and (year, gender) in own else mean

    rows = [
        ComparisonRow(
            year=year,
            gender=gender,
            own=own.get((year, gender)),
            county=area_mean(year, gender, "county"),
            national=area_mean(year, gender, "national"),
            group=group_means.get((year, gender), NO_MEAN) if group is not None else None,
        )
        for year, gender in sorted(set(own) | set(means) | set(group_means),
                                   key=lambda key: (key[0], GENDER_ORDER.index(key[1])))
    ]
    names = dict(
        KoladaMunicipality.objects.filter(pk__in=[municipality_code, county_code]).values_list("pk", "title")
    )
    return Comparison(
        kpi=kpi,
        municipality_id=municipality_code,
        municipality_name=names.get(municipality_code, municipality_code),
        county_name=names.get(county_code, ""),
        group=group,
        rows=rows,
    )


def _own_and_means(*, kpi_id: str, municipality_code: str, county_code: str, first_year: int | None,
                   last_year: int | None) -> list[tuple[str, int, str, float, int | None]]:
    """(part, year, gender, value, count) with part "own", "county" or "national": the
    municipality's values and the two means in one round trip, each read through
    its table's key (kpi, municipality or area, year, gender).

    Plain SQL because the page is measured in milliseconds and the ORM took longer
    to build these two small reads than the database took to answer them."""
    years, year_params = "", []
    if first_year is not None:
        years += " AND year >= %s"
        year_params.append(first_year)
    if last_year is not None:
        years += " AND year <= %s"
        year_params.append(last_year)
    sql = (
        f"SELECT 'own', year, gender, value, NULL FROM {KpiValue._meta.db_table} "
        f"WHERE kpi_id = %s AND municipality_id = %s AND value IS NOT NULL{years} "
        f"UNION ALL "
        f"SELECT CASE WHEN area = %s THEN 'national' ELSE 'county' END, year, gender, mean, count "
        f"FROM {KpiMean._meta.db_table} WHERE kpi_id = %s AND area IN (%s, %s){years}"
    )
    params = [kpi_id, municipality_code, *year_params, KpiMean.NATIONAL, kpi_id, county_code, KpiMean.NATIONAL,
              *year_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kpis_for_page(*, municipality: Municipality, search: str = "", source: str = "") -> QuerySet[Kpi]:
    """Kolada's KPIs and the municipality's own, each with the latest year it has a value;
    those whose name contains `search` (or whose id is it) and from `source` when given.

    The municipality is a condition of the join, not a filter on the aggregate, so
    that each KPI's rows are found through the primary key (kpi, municipality, …):
    as a filter the join read every value of every KPI, seconds with millions stored.
    """
    return _with_latest_year(kpis_matching(municipality=municipality, search=search, source=source), municipality)


def kpis_matching(*, municipality: Municipality, search: str = "", source: str = "") -> QuerySet[Kpi]:
    """The list's KPIs without their years: cheap to count, for the paginator."""
    kpis = Kpi.objects.filter(Q(source=Kpi.Source.KOLADA) | Q(owner=municipality))
    if search:
        kpis = kpis.filter(Q(title__icontains=search) | Q(id__iexact=search))
    if source:
        kpis = kpis.filter(source=source)
    return kpis.order_by("source", "title", "id")


def _with_latest_year(kpis: QuerySet[Kpi], municipality: Municipality) -> QuerySet[Kpi]:
    return (
        kpis.annotate(own_values=FilteredRelation("values", condition=Q(values__municipality_id=municipality.code)))
        .annotate(latest_year=Max("own_values__year"), value_count=Count("own_values__year"))
    )


KPI_PAGE_SIZE = 50


def kpi_list_page(*, municipality: Municipality, search: str = "", source: str = "", number=None) -> Page:
    """One page of the list, its KPIs as plain rows (id, title, source, is_placeholder,
    is_divided_by_gender, latest_year). Counting and slicing read the KPIs' ids alone; the
    values are read for the page's fifty only (three queries), so the page costs the same
    with Kolada's six thousand KPIs as with ten."""
    kpis = kpis_matching(municipality=municipality, search=search, source=source)
    # The page is found by ids alone: a description is up to a page of text per KPI.
    page = Paginator(kpis.values_list("pk", flat=True), KPI_PAGE_SIZE).get_page(number)
    page.object_list = list(
        _with_latest_year(kpis.filter(pk__in=list(page.object_list)), municipality)
        .values("id", "title", "source", "is_placeholder", "is_divided_by_gender", "latest_year")
    )
    return page


def kpi_for_page(*, municipality: Municipality) -> QuerySet[Kpi]:
    """The KPIs a municipality may open: Kolada's and its own (another's local KPI is 404)."""
    return Kpi.objects.filter(Q(source=Kpi.Source.KOLADA) | Q(owner=municipality))


def comparison_groups_for(*, municipality: Municipality) -> QuerySet[ComparisonGroup]:
    """The municipality's own groups and the Kolada groups fetched with kolada_import --groups
    (Kolada's "similar municipalities" groups leave out the municipality they are for)."""
    return (
        ComparisonGroup.objects.filter(Q(owner=municipality) | Q(kind=ComparisonGroup.Kind.KOLADA))
        .annotate(member_count=Count("members"))
        .order_by("kind", "title")
    )


@dataclass(frozen=True)
class RefreshStatus:
    latest: ImportRun | None
    latest_success: ImportRun | None


def refresh_status() -> RefreshStatus:
    """The latest refresh from Kolada and the latest that succeeded (the same run when
    the latest did): how old the figures are and why. One query."""
    from kpis.services.refresh import REFRESH

    refreshes = ImportRun.objects.filter(source=ImportRun.Source.API, description=REFRESH).order_by("-started_at")
    runs = list(
        ImportRun.objects.filter(
            Q(pk__in=refreshes.values("pk")[:1]) | Q(pk__in=refreshes.filter(error="").values("pk")[:1])
        ).order_by("-started_at")
    )
    return RefreshStatus(
        latest=runs[0] if runs else None,
        latest_success=next((run for run in runs if not run.failed), None),
    )


def import_runs(*, kpi: Kpi, limit: int = 10) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(kpi=kpi).select_related("by")[:limit]
