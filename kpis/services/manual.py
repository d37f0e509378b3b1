"""The municipality's own key figures: defining one, and its values uploaded as CSV or Excel.

An upload is read whole and checked row by row before anything is stored; the
first errors are all reported together and nothing is written. Stored values go
through the same upsert and import log as Kolada's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.models import Municipality
from core.spreadsheets import read_table
from kpis.kolada import KoladaValue
from kpis.models import MAX_YEAR, MIN_YEAR, ImportRun, KoladaMunicipality, Kpi
from kpis.services.importing import ImportResult, values_import

NOT_LOCAL = _("Bara egna nyckeltal kan få värden uppladdade; Koladas värden hämtas från Kolada.")
MISSING_COLUMNS = _("Filen saknar kolumnerna %(columns)s. Ladda ner mallen och använd dess rubriker.")
BAD_YEAR = _("Rad %(row)s: året %(value)s är inte ett år mellan %(min)s och %(max)s.")
BAD_GENDER = _("Rad %(row)s: kön %(value)s ska vara T (totalt), K (kvinnor) eller M (män).")
GENDER_NOT_DIVIDED = _("Rad %(row)s: nyckeltalet redovisas inte per kön, så kön ska vara T.")
BAD_VALUE = _("Rad %(row)s: värdet %(value)s är inte ett tal.")
VALUE_OUT_OF_RANGE = _(
    "Rad %(row)s: värdet %(value)s är orimligt stort; ett nyckeltal ligger mellan −%(max)s och %(max)s."
)
NEGATIVE_PERCENTAGE = _("Rad %(row)s: värdet %(value)s är negativt, men nyckeltalet anges i procent.")
DUPLICATE_ROW = _("Rad %(row)s: år %(year)s och kön %(gender)s finns redan på rad %(first)s.")
NO_ROWS = _("Filen har inga rader med värden.")
MAX_REPORTED = 10
# Larger than any amount a municipality reports (its budget in kronor is about 1e10),
# small enough that a chart's axis labels stay readable.
MAX_ABS_VALUE = 1e12
_MAX_LABEL = f"{MAX_ABS_VALUE:,.0f}".replace(",", "\u00a0")

COLUMNS = ("år", "kön", "värde")


@records_by
def local_kpi_create(*, owner: Municipality, title: str, description: str = "", unit: str = "",
                     is_divided_by_gender: bool = False, by=None) -> Kpi:
    """A KPI of the municipality's own, id LOK<code>-<n>, that never collides with Kolada's."""
    with transaction.atomic():
        taken = Kpi.objects.filter(owner=owner).count()
        kpi = Kpi(
            id=f"LOK{owner.code}-{taken + 1:03}",
            title=title,
            description=description,
            unit=unit,
            is_divided_by_gender=is_divided_by_gender,
            source=Kpi.Source.LOCAL,
            owner=owner,
        )
        kpi.full_clean()
        kpi.save()
    return kpi


@dataclass(frozen=True)
class TableValue:
    year: int
    gender: str
    value: float
    row: int


@records_by
def manual_values_import(*, kpi: Kpi, filename: str, content: bytes, by=None) -> ImportResult:
    """Store the values in an uploaded CSV or Excel file for a local KPI, all or nothing."""
    if not kpi.is_local:
        raise ValidationError(NOT_LOCAL, code="not_local")
    rows = values_table_read(filename=filename, content=content, divided=kpi.is_divided_by_gender,
                             percentage=is_percentage(kpi.unit))
    municipality_id = kpi.owner.code
    values = [KoladaValue(kpi=kpi.id, municipality=municipality_id, period=row.year, gender=row.gender,
                          value=row.value, status="", count=None, is_deleted=False) for row in rows]
    with transaction.atomic():
        KoladaMunicipality.objects.get_or_create(
            pk=municipality_id, defaults={"title": kpi.owner.name, "type": KoladaMunicipality.Type.MUNICIPALITY}
        )
        return values_import(values=values, source=ImportRun.Source.MANUAL, description=filename, kpi=kpi, by=by)


def values_table_read(*, filename: str, content: bytes, divided: bool, percentage: bool,
                      check_year=None) -> list[TableValue]:
    """The values of an uploaded table with the columns år, kön and värde (the template's),
    each row checked; every error found (up to MAX_REPORTED) is raised together, so a file
    is stored whole or not at all. ``check_year(year, row)`` may refuse a year with a
    ValidationError of its own, e.g. one outside a program's period."""
    table = read_table(filename=filename, content=content)
    header = [str(cell or "").strip().lower() for cell in table.header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(MISSING_COLUMNS % {"columns": ", ".join(missing)}, code="columns")
    at = {name: header.index(name) for name in COLUMNS}
    values, errors, first_row = [], [], {}
    for row_number, row in table.rows:
        cells = [row[i] if i < len(row) else None for i in range(len(header))]
        if all(c in (None, "") for c in cells):
            continue
        try:
            year = _year(cells[at["år"]], row=row_number)
            if check_year is not None:
                check_year(year, row_number)
            gender = _gender(cells[at["kön"]], row=row_number, divided=divided)
            value = _value(cells[at["värde"]], row=row_number, percentage=percentage)
        except ValidationError as error:
            errors.append(error)
            if len(errors) >= MAX_REPORTED:
                break
            continue
        if value is None:
            continue
        if (year, gender) in first_row:
            errors.append(ValidationError(DUPLICATE_ROW % {
                "row": row_number, "year": year, "gender": gender, "first": first_row[(year, gender)]}))
            continue
        first_row[(year, gender)] = row_number
        values.append(TableValue(year=year, gender=gender, value=value, row=row_number))
    if errors:
        raise ValidationError(errors)
    if not values:
        raise ValidationError(NO_ROWS, code="empty")
    return values


def _year(raw, *, row: int) -> int:
    text = _text(raw)
    if not (text.isascii() and text.isdigit()) or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValidationError(BAD_YEAR % {"row": row, "value": text or "(tomt)", "min": MIN_YEAR, "max": MAX_YEAR})
    return int(text)


def _gender(raw, *, row: int, divided: bool) -> str:
    gender = _text(raw).upper() or "T"
    if gender not in ("T", "K", "M"):
        raise ValidationError(BAD_GENDER % {"row": row, "value": gender})
    if gender != "T" and not divided:
        raise ValidationError(GENDER_NOT_DIVIDED % {"row": row})
    return gender


def _value(raw, *, row: int, percentage: bool) -> float | None:
    """The number in a cell, or None for an empty one; a ValidationError for what is not
    a plausible key figure: not a finite number, absurdly large, or a negative percentage."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = _text(raw)
        try:
            value = float(raw)
        except OverflowError:  # an integer cell of hundreds of digits
            value = math.inf
    else:
        text = _text(raw)
        if not text:
            return None
        # Swedish spreadsheets write 1 247,5: spaces group thousands, the comma is decimal.
        normalised = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
        try:
            value = float(normalised)
        except ValueError:
            value = math.nan
    if not math.isfinite(value):
        raise ValidationError(BAD_VALUE % {"row": row, "value": text})
    if abs(value) > MAX_ABS_VALUE:
        raise ValidationError(VALUE_OUT_OF_RANGE % {"row": row, "value": text, "max": _MAX_LABEL})
    if percentage and value < 0:
        raise ValidationError(NEGATIVE_PERCENTAGE % {"row": row, "value": text})
    return value


def is_percentage(unit: str) -> bool:
    unit = unit.strip().lower()
    return "procent" in unit or "%" in unit


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer() and abs(raw) <= MAX_ABS_VALUE:
        return str(int(raw))
    return str(raw).strip()
