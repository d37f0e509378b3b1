"""The Excel workbook: a sheet per area beside the values, activities and raw answers,
numbers as numbers and every text as text, readable by LibreOffice."""

import io

from openpyxl import load_workbook

from reports.outputs.xlsx import xlsx_bytes
from reports.tests.content_samples import AREAS, sample_content
from reports.tests.libreoffice import needs_soffice, soffice_convert


def _workbook(content=None):
    return load_workbook(io.BytesIO(xlsx_bytes(content=content or sample_content())))


def test_a_sheet_per_area_and_for_values_activities_and_answers():
    assert _workbook().sheetnames == ["Sammanfattning", *AREAS, "Indikatorvärden", "Aktiviteter", "Svar",
                                      "Svarsfrekvens"]


def test_every_answer_and_indicator_value_is_a_row():
    content = sample_content(organizations=5)
    workbook = _workbook(content)
    assert workbook["Svar"].max_row == 1 + 5 * len(AREAS)
    points = sum(len(i["series"]) for a in content["areas"] for g in a["goals"] for i in g["indicators"])
    assert workbook["Indikatorvärden"].max_row == 1 + points
    header = [cell.value for cell in workbook["Indikatorvärden"][1]]
    assert header == ["Område", "Indikator", "Enhet", "År", "Kommunen", "Länet", "Riket", "Län"]


def test_numbers_are_numbers_and_a_missing_value_an_empty_cell():
    content = sample_content()
    workbook = _workbook(content)
    row = [cell.value for cell in workbook["Indikatorvärden"][3]]
    assert isinstance(row[3], int) and row[4] is None and isinstance(row[5], float)


def test_an_answer_that_looks_like_a_formula_stays_text():
    content = sample_content(organizations=1)
    content["organizations"][0]["answers"][0]["answer"] = '=HYPERLINK("https://example.com","Klicka")'
    cell = _workbook(content)["Svar"]["E2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("https://example.com","Klicka")'


@needs_soffice
def test_libreoffice_opens_the_workbook_and_finds_the_headings(tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(xlsx_bytes(content=sample_content()))
    # Every sheet as a CSV of its own (the last option, -1), named after the sheet.
    sheets = soffice_convert(path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
    texts = {p.stem.removeprefix("rapport-"): p.read_text(encoding="utf-8") for p in sheets}
    assert set(texts) == {"Sammanfattning", *AREAS, "Indikatorvärden", "Aktiviteter", "Svar", "Svarsfrekvens"}
    assert "Uppföljningsrapport 2025" in texts["Sammanfattning"]
    assert texts["Arbete"].startswith("Mål,Ansvarig,Indikator,")
    assert "Andel invånare 20–64 år i arbete" in texts["Arbete"]
