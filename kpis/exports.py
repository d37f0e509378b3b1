"""The tables behind the downloads: a comparison as rows, and the upload template."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from kpis.models import Gender, Kpi
from kpis.selectors import Comparison

TEMPLATE_YEARS = 10

__all__ = ["comparison_table", "upload_template", "values_template"]


def comparison_table(*, comparison: Comparison) -> tuple[list[str], list[list]]:
    """One row per year and gender: the municipality, the means and how many municipalities each is over."""
    county = comparison.county_name or _("Länet")
    header = [
        _("Nyckeltal"), _("År"), _("Kön"), comparison.municipality_name,
        _("%(county)s, medel") % {"county": county}, _("%(county)s, antal kommuner") % {"county": county},
        _("Riket, medel"), _("Riket, antal kommuner"),
    ]
    if comparison.group:
        header += [_("%(group)s, medel") % {"group": comparison.group.title},
                   _("%(group)s, antal kommuner") % {"group": comparison.group.title}]
    rows = []
    for row in comparison.rows:
        line = [comparison.kpi.id, row.year, str(Gender(row.gender).label), _rounded(row.own),
                _rounded(row.county.value), row.county.count, _rounded(row.national.value), row.national.count]
        if row.group is not None:
            line += [_rounded(row.group.value), row.group.count]
        rows.append(line)
    return header, rows


def values_template(*, years, genders=("T",)) -> tuple[list[str], list[list]]:
    """The columns a values upload needs (år, kön, värde), one empty row per year and gender."""
    return ["år", "kön", "värde"], [[year, gender, None] for year in years for gender in genders]


def upload_template(*, kpi: Kpi) -> tuple[list[str], list[list]]:
    """The upload template of a KPI, with the last ten years filled in to show the shape."""
    this_year = timezone.localdate().year
    genders = ("T", "K", "M") if kpi.is_divided_by_gender else ("T",)
    return values_template(years=range(this_year - TEMPLATE_YEARS, this_year), genders=genders)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
