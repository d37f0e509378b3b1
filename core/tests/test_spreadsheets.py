"""Reading tables within bounds whatever a file declares, and writing text as text."""

import csv
import io
import random
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from core import spreadsheets
from core.spreadsheets import TableError, csv_bytes, read_table, xlsx_bytes
from core.tests.files import office_bytes
from core.uploads import ZIP_TOO_LARGE

# What a probe named an area, a board and a person.
FORMULAS = ["=1+1…", "+46 70", "-2+3", "@SUM(A1:A9)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x.example","Klicka")']


def refusal(filename: str, content: bytes, **bounds) -> list[str]:
    with pytest.raises(TableError) as refused:
        read_table(filename=filename, content=content, **bounds)
    return refused.value.messages


def workbook_bytes(fill) -> bytes:
    workbook = Workbook()
    fill(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def peak_megabytes(read) -> float:
    """The most memory `read` held at once: a bounded reader stays small however much a file
    declares (memory, unlike seconds, does not depend on how busy the machine is)."""
    tracemalloc.start()
    try:
        read()
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return peak


def test_a_small_workbook_whose_only_cell_is_at_xfd1048576_is_refused_in_little_memory():
    def fill(sheet):
        sheet.append(["år", "kön", "värde"])
        sheet["XFD1048576"] = 1

    content = workbook_bytes(fill)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b'<dimension ref="A1:XFD1048576"/>' in archive.read("xl/worksheets/sheet1.xml")
    assert len(content) < 10_000

    peak = peak_megabytes(lambda: refusal("värden.xlsx", content))

    assert refusal("värden.xlsx", content) == [str(spreadsheets.TOO_MANY_ROWS % {"max": 10_000})]
    assert peak < 50


def test_a_cell_far_to_the_right_is_refused_and_empty_cells_to_the_right_are_not():
    content = workbook_bytes(lambda sheet: (sheet.append(["år", "kön", "värde"]), sheet.__setitem__("XFD2", 1)))
    assert refusal("värden.xlsx", content) == [str(spreadsheets.TOO_MANY_COLUMNS % {"row": 2, "max": 50})]

    def styled(sheet):
        sheet.append(["år", "kön", "värde"])
        sheet["BZ1"].number_format = "0.0"

    assert read_table(filename="värden.xlsx", content=workbook_bytes(styled)).header == ["år", "kön", "värde"]


def test_a_sheet_of_more_cells_than_a_table_can_hold_is_refused_before_openpyxl_reads_it(monkeypatch):
    monkeypatch.setattr(spreadsheets, "_MAX_XML_CELLS", 100_000)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *args, **kwargs: pytest.fail("openpyxl was asked"))
    # Random values, so that the archive is not so tightly packed that the bomb check refuses it first.
    numbers = random.Random(0)
    rows = "".join("<x:row>" + "".join(f"<x:c><x:v>{numbers.randrange(10**6)}</x:v></x:c>" for _ in range(2_000))
                   + "</x:row>" for _ in range(60))
    sheet = f'<x:worksheet xmlns:x="urn:x"><x:cols><x:col/></x:cols><x:sheetData>{rows}</x:sheetData></x:worksheet>'
    content = office_bytes({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": sheet})

    assert refusal("värden.xlsx", content) == [str(spreadsheets.TOO_MANY_CELLS)]
    assert spreadsheets._tag_counts(zipfile.ZipFile(io.BytesIO(content)), "xl/worksheets/sheet1.xml") == (
        60, 120_000, 2_000)


def test_a_row_wider_than_excel_allows_is_refused_before_openpyxl_reads_it(monkeypatch):
    monkeypatch.setattr("openpyxl.load_workbook", lambda *args, **kwargs: pytest.fail("openpyxl was asked"))
    numbers = random.Random(0)
    row = "".join(f"<c><v>{numbers.randrange(10**6)}</v></c>" for _ in range(20_000))
    content = office_bytes({"xl/workbook.xml": "<workbook/>",
                            "xl/worksheets/sheet1.xml": f"<worksheet><sheetData><row>{row}</row></sheetData></worksheet>"})

    peak = peak_megabytes(lambda: refusal("värden.xlsx", content))

    assert refusal("värden.xlsx", content) == [str(spreadsheets.TOO_MANY_CELLS)]
    assert peak < 50


def test_an_excel_zip_bomb_is_refused():
    content = office_bytes({"xl/workbook.xml": "<workbook/>", "xl/sharedStrings.xml": " " * (100 * 1024 * 1024)})
    assert len(content) < 1024 * 1024
    assert refusal("värden.xlsx", content) == [str(ZIP_TOO_LARGE % {"max": 50})]


@pytest.mark.parametrize(
    "content", [b"not a workbook", b"PK\x03\x04 broken", office_bytes({"word/document.xml": "<d/>"})]
)
def test_a_file_that_is_not_a_workbook_is_refused(content):
    assert refusal("värden.xlsx", content) == [str(spreadsheets.NOT_EXCEL)]


def test_a_csv_of_millions_of_columns_is_refused_in_little_memory():
    content = b"\xc3\xa5r;k\xc3\xb6n;v\xc3\xa4rde\n2022;T;1;" + b"12;" * 2_000_000 + b"\n"

    peak = peak_megabytes(lambda: refusal("värden.csv", content))

    assert refusal("värden.csv", content) == [str(spreadsheets.TOO_MANY_COLUMNS % {"row": 2, "max": 50})]
    assert peak < 50


def test_a_csv_of_too_many_rows_is_refused():
    content = ("år;kön;värde\n" + "2022;T;1\n" * 10).encode()
    assert refusal("värden.csv", content, max_rows=5) == [str(spreadsheets.TOO_MANY_ROWS % {"max": 5})]
    assert len(read_table(filename="värden.csv", content=content, max_rows=11).rows) == 10


def test_a_csv_cell_longer_than_any_value_is_refused():
    content = b'"' + b"a" * (csv.field_size_limit() + 1) + b'";b\n'
    assert refusal("värden.csv", content) == [str(spreadsheets.NOT_CSV)]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_a_formula_is_written_to_excel_as_text(text):
    content = xlsx_bytes(title="=Fullständighet", header=[text, "Svar"], rows=[[text, 3, 2.5, None, "Vanlig text"]])
    sheet = load_workbook(io.BytesIO(content)).active

    header, row = list(sheet.iter_rows(max_row=2))
    assert (header[0].data_type, header[0].value) == ("s", text)
    assert (row[0].data_type, row[0].value) == ("s", text)
    assert [c.value for c in row[1:]] == [3, 2.5, None, "Vanlig text"]
    assert row[0].quotePrefix and not row[4].quotePrefix


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_a_formula_is_written_to_csv_behind_an_apostrophe(text):
    content = csv_bytes(header=[text], rows=[[text, -2, 1.5, None]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows == [["'" + text], ["'" + text, "-2", "1,5", ""]]


def test_csv_for_programs_has_commas_points_and_no_bom_and_still_no_formula():
    text = "=1+1"
    content = csv_bytes(header=["namn", "värde"], rows=[[text, 1.5], ["Nämnd, kultur", None]], swedish_excel=False)
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert rows == [["namn", "värde"], ["'=1+1", "1.5"], ["Nämnd, kultur", ""]]


def test_characters_xml_cannot_hold_are_dropped_rather_than_breaking_the_workbook():
    content = xlsx_bytes(title="Blad", header=["Namn"], rows=[["Nämnd\x01\x0bför\x1fkultur"]])
    assert load_workbook(io.BytesIO(content)).active["A2"].value == "Nämndförkultur"


def test_a_workbook_of_many_sheets_keeps_text_as_text_and_names_each_sheet_once():
    import io

    from openpyxl import load_workbook

    from core.spreadsheets import xlsx_workbook_bytes

    data = xlsx_workbook_bytes(sheets=[
        ("Boende", ["Svar"], [["=1+1"]]),
        ("boende", ["Svar"], [["ok"]]),
        ("Arbete: [område]/2025 med ett mycket långt namn", ["Svar"], [[3.5]]),
    ])
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Boende", "boende (2)", "Arbete   område  2025 med ett m"]
    assert workbook["Boende"]["A2"].data_type == "s" and workbook["Boende"]["A2"].value == "=1+1"
    assert workbook.worksheets[2]["A2"].value == 3.5
