"""Reads for the statistics pages and for other apps (an indicator page calls
``kpi_comparison`` with its KPI id and the municipality).

The comparison is one aggregate query over the KPI's values, read through the
unique index (kpi, municipality, year, gender): the municipality's own value,
its county's mean and the national mean, each with the count of municipalities
behind it, per year and gender. Means are unweighted over municipalities with a
value. Municipalities are told from regions, Riket and groups by the shape of
their ids (four digits not starting with "00"), so no join is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q, QuerySet

from core.models import Municipality
from kpis.models import ComparisonGroup, Gender, ImportRun, KoladaMunicipality, Kpi, KpiValue

GENDER_ORDER = ("T", "K", "M")
MUNICIPALITIES_ONLY = ~Q(municipality__id__startswith="00") & ~Q(municipality__id__startswith="G")


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


@dataclass
class Comparison:
    kpi: Kpi
    municipality_id: str
    municipality_name: str
    county_name: str
    group: ComparisonGroup | None
    rows: list[ComparisonRow] = field(default_factory=list)

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
    kpi: Kpi,
    municipality_code: str,
    group: ComparisonGroup | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
) -> Comparison:
    """The municipality beside its county, all municipalities and (optionally) a group,
    per year and gender. Two queries, whatever the number of values stored."""
    county_prefix = municipality_code[:2]
    in_county = MUNICIPALITIES_ONLY & Q(municipality__id__startswith=county_prefix)
    aggregates = {
        "own": Max("value", filter=Q(municipality_id=municipality_code)),
        "county_mean": Avg("value", filter=in_county),
        "county_count": Count("id", filter=in_county),
        "national_mean": Avg("value", filter=MUNICIPALITIES_ONLY),
        "national_count": Count("id", filter=MUNICIPALITIES_ONLY),
    }
    if group is not None:
        members = Q(municipality_id__in=group.members.through.objects.filter(
            comparisongroup_id=group.pk).values("koladamunicipality_id"))
        aggregates["group_mean"] = Avg("value", filter=members)
        aggregates["group_count"] = Count("id", filter=members)
    values = KpiValue.objects.filter(kpi=kpi, value__isnull=False)
    if first_year is not None:
        values = values.filter(year__gte=first_year)
    if last_year is not None:
        values = values.filter(year__lte=last_year)
    rows = [
        ComparisonRow(
            year=r["year"],
            gender=r["gender"],
            own=r["own"],
            county=Mean(r["county_mean"], r["county_count"]),
            national=Mean(r["national_mean"], r["national_count"]),
            group=Mean(r["group_mean"], r["group_count"]) if group is not None else None,
        )
        for r in values.values("year", "gender").annotate(**aggregates).order_by("year", "gender")
    ]
    rows.sort(key=lambda row: (row.year, GENDER_ORDER.index(row.gender)))
    county_code = "00" + county_prefix
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


def kpis_for_page(*, municipality: Municipality) -> QuerySet[Kpi]:
    """Kolada's KPIs and the municipality's own, each with the latest year it has a value."""
    return (
        Kpi.objects.filter(Q(source=Kpi.Source.KOLADA) | Q(owner=municipality))
        .annotate(
            latest_year=Max("values__year", filter=Q(values__municipality_id=municipality.code)),
            value_count=Count("values", filter=Q(values__municipality_id=municipality.code)),
        )
        .order_by("source", "title")
    )


def kpi_for_page(*, municipality: Municipality) -> QuerySet[Kpi]:
    """The KPIs a municipality may open: Kolada's and its own (another's local KPI is 404)."""
    return Kpi.objects.filter(Q(source=Kpi.Source.KOLADA) | Q(owner=municipality))


def comparison_groups_for(*, municipality: Municipality) -> QuerySet[ComparisonGroup]:
    """Kolada's groups the municipality belongs to and the municipality's own groups."""
    return (
        ComparisonGroup.objects.filter(Q(owner=municipality) | Q(kind=ComparisonGroup.Kind.KOLADA,
                                                                   members__pk=municipality.code))
        .distinct()
        .annotate(member_count=Count("members", distinct=True))
        .order_by("kind", "title")
    )


def import_runs(*, kpi: Kpi, limit: int = 10) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(kpi=kpi).select_related("by")[:limit]


def followed_kpi_ids() -> list[str]:
    """The Kolada KPIs the periodic refresh keeps up to date."""
    return list(Kpi.objects.filter(source=Kpi.Source.KOLADA, is_followed=True).values_list("pk", flat=True))
