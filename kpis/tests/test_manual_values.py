"""Uploading a local KPI's values from CSV or Excel: encodings, validation, all or nothing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from core import spreadsheets
from kpis.models import ImportRun, KpiValue
from kpis.services import manual
from kpis.services.manual import manual_values_import
from kpis.tests.factories import KpiFactory, LocalKpiFactory


@pytest.fixture
def kpi(town):
    return LocalKpiFactory(owner=town.municipality, is_divided_by_gender=True)


def messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def test_a_utf8_csv_with_bom_and_decimal_commas_is_stored(kpi):
    content = "\ufeffår;kön;värde\n2022;T;71,5\n2022;K;1 247\n2023;;\n".encode("utf-8")
    result = manual_values_import(kpi=kpi, filename="värden.csv", content=content)
    assert result.inserted == 2
    assert dict(KpiValue.objects.values_list("gender", "value")) == {"T": 71.5, "K": 1247.0}
    assert ImportRun.objects.get().source == ImportRun.Source.MANUAL


def test_a_windows_1252_csv_is_detected_and_read(kpi):
    content = "år;kön;värde\n2021;M;64,0\n".encode("cp1252")
    assert spreadsheets.decode_text(content)[1] == spreadsheets.ENCODING_WINDOWS
    assert manual_values_import(kpi=kpi, filename="värden.csv", content=content).inserted == 1


def test_a_csv_converted_twice_is_refused(kpi):
    content = "år;kön;värde\n2021;T;64\n".encode("utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="värden.csv", content=content)
    assert messages(error.value) == [str(spreadsheets.ENCODING_DOUBLE)]
    assert not KpiValue.objects.exists()


def test_a_csv_in_neither_encoding_is_refused(kpi):
    content = b"\xe5r;k\xf6n;v\xe4rde\n2021;T;\x81\x8d64\n"
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="värden.csv", content=content)
    assert messages(error.value) == [str(spreadsheets.ENCODING_UNKNOWN)]
    assert not KpiValue.objects.exists()


def test_an_excel_file_is_read(kpi):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["År", "Kön", "Värde"])
    sheet.append([2020, "T", 55.25])
    out = io.BytesIO()
    workbook.save(out)
    assert manual_values_import(kpi=kpi, filename="värden.xlsx", content=out.getvalue()).inserted == 1
    assert KpiValue.objects.get().value == 55.25


def test_a_file_that_is_not_excel_is_refused(kpi):
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="värden.xlsx", content=b"not a workbook")
    assert messages(error.value) == [str(spreadsheets.NOT_EXCEL)]
    assert not KpiValue.objects.exists()


def test_bad_rows_are_all_reported_and_nothing_is_stored(kpi):
    content = "år;kön;värde\n2021;T;64\n20x1;T;3\n2022;X;4\n2023;T;mycket\n2021;T;65\n".encode("utf-8")
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="värden.csv", content=content)
    assert messages(error.value) == [
        manual.BAD_YEAR % {"row": 3, "value": "20x1", "min": 1950, "max": 2100},
        manual.BAD_GENDER % {"row": 4, "value": "X"},
        manual.BAD_VALUE % {"row": 5, "value": "mycket"},
        manual.DUPLICATE_ROW % {"row": 6, "year": 2021, "gender": "T", "first": 2},
    ]
    assert not KpiValue.objects.exists()


def test_missing_columns_are_named(kpi):
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="värden.csv", content="år;antal\n2021;3\n".encode())
    assert messages(error.value) == [manual.MISSING_COLUMNS % {"columns": "kön, värde"}]


def test_women_and_men_are_refused_for_a_kpi_not_divided_by_gender(town):
    kpi = LocalKpiFactory(owner=town.municipality, is_divided_by_gender=False)
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n2021;K;3\n".encode())
    assert messages(error.value) == [manual.GENDER_NOT_DIVIDED % {"row": 2}]
    assert not KpiValue.objects.exists()


def test_koladas_kpis_take_no_uploads(db):
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=KpiFactory(), filename="v.csv", content="år;kön;värde\n2021;T;3\n".encode())
    assert messages(error.value) == [str(manual.NOT_LOCAL)]


def test_a_second_upload_replaces_values_and_counts_them(kpi):
    manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n2021;T;3\n2022;T;4\n".encode())
    result = manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n2021;T;3\n2022;T;5\n".encode())
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
    assert ImportRun.objects.filter(kpi=kpi).count() == 2


ONE_TRILLION = "1\u00a0000\u00a0000\u00a0000\u00a0000"


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1e308", manual.VALUE_OUT_OF_RANGE % {"row": 2, "value": "1e308", "max": ONE_TRILLION}),
        ("1" * 400, manual.BAD_VALUE % {"row": 2, "value": "1" * 400}),
        ("NaN", manual.BAD_VALUE % {"row": 2, "value": "NaN"}),
        ("inf", manual.BAD_VALUE % {"row": 2, "value": "inf"}),
        ("-Infinity", manual.BAD_VALUE % {"row": 2, "value": "-Infinity"}),
    ],
)
def test_a_value_that_is_no_plausible_key_figure_is_refused(kpi, cell, message):
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="v.csv", content=f"år;kön;värde\n2021;T;{cell}\n".encode())
    assert messages(error.value) == [message]
    assert not KpiValue.objects.exists()


def _workbook_with_value(number: str) -> bytes:
    """A workbook whose value cell holds `number` as written in the XML, which openpyxl
    itself cannot write for an integer of hundreds of digits."""
    workbook = Workbook()
    workbook.active.append(["år", "kön", "värde"])
    workbook.active.append([2021, "T", 987654321])
    saved = io.BytesIO()
    workbook.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item).replace(b">987654321<", f">{number}<".encode()))
    return out.getvalue()


@pytest.mark.parametrize("number", ["1E+308", "9" * 400, "-1E+13"])
def test_an_absurd_number_in_an_excel_cell_is_refused(kpi, number):
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="v.xlsx", content=_workbook_with_value(number))
    assert messages(error.value)[0].startswith("Rad 2: värdet ")
    assert not KpiValue.objects.exists()


@pytest.mark.parametrize("unit", ["procent", "Andel (%)"])
def test_a_negative_value_is_refused_for_a_percentage(town, unit):
    kpi = LocalKpiFactory(owner=town.municipality, unit=unit)
    with pytest.raises(ValidationError) as error:
        manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n2021;T;-3,5\n".encode())
    assert messages(error.value) == [manual.NEGATIVE_PERCENTAGE % {"row": 2, "value": "-3,5"}]
    assert not KpiValue.objects.exists()


def test_a_negative_value_is_kept_for_other_units(town):
    kpi = LocalKpiFactory(owner=town.municipality, unit="kronor")
    manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n2021;T;−1 200\n".encode())
    assert KpiValue.objects.get().value == -1200


def test_a_superscript_digit_as_year_is_refused_with_the_row_message(town):
    from kpis.services.manual import BAD_YEAR
    from kpis.tests.factories import LocalKpiFactory

    kpi = LocalKpiFactory(owner=town.municipality)
    with pytest.raises(ValidationError) as refused:
        manual_values_import(kpi=kpi, filename="v.csv", content="år;kön;värde\n²;T;5\n".encode())
    assert refused.value.messages == [str(BAD_YEAR % {"row": 2, "value": "²", "min": 1950, "max": 2100})]
