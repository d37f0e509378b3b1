"""Tables in and out: reading an uploaded CSV or Excel file within fixed bounds, and
writing CSV and Excel whose text stays text.

Reading never builds more than `max_rows` × `max_columns` cells, whatever a file
declares: an Excel sheet whose dimension says XFD1048576 is streamed row by row and
refused at the first row past the bound, after the zip archive itself has been
checked for a bomb. CSV files from Swedish users come in UTF-8 (often with a BOM,
from Excel's "CSV UTF-8") or in Windows-1252 (Excel's plain "CSV"); a file that is
neither, or that was converted twice ("Ã¥" for "å"), is refused with a message
rather than stored with broken letters.

Writing: a text cell that begins with = + - @ (or a tab or carriage return) is a live
formula to Excel. Names come from users, so every cell is written as text: a string
cell in XLSX, and an apostrophe in front in CSV (as OWASP advises).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from core.uploads import (
    ENCODING_DOUBLE,
    ENCODING_UNKNOWN,
    ENCODING_UTF8,
    ENCODING_WINDOWS,
    OFFICE_MAIN_PART,
    XLSX,
    check_zip,
    decode_text,
)

# The encoding names and messages live with the upload check, which reads tables too.
__all__ = [
    "ENCODING_DOUBLE", "ENCODING_UNKNOWN", "ENCODING_UTF8", "ENCODING_WINDOWS", "Table", "TableError", "csv_bytes",
    "decode_text", "read_table", "text_safe", "xlsx_bytes", "xlsx_workbook_bytes",
]

NOT_EXCEL = _("Filen går inte att läsa som en Excel-fil (.xlsx).")
NOT_CSV = _("Filen går inte att läsa som en CSV-fil: en cell är för lång eller citattecknen stämmer inte.")
UNKNOWN_TYPE = _("Ladda upp en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
EMPTY_FILE = _("Filen är tom.")
TOO_MANY_ROWS = _("Filen har fler än %(max)s rader. Dela upp den eller ta bort tomma rader längst ned.")
TOO_MANY_CELLS = _("Excel-filen innehåller fler celler än en tabell med värden kan ha och tas inte emot.")
TOO_MANY_COLUMNS = _("Rad %(row)s har fler än %(max)s kolumner. Ta bort kolumnerna till höger om tabellen.")

MAX_ROWS = 10_000
MAX_COLUMNS = 50
# What openpyxl may be asked to build at most, whatever the table bounds: Excel's own
# widest row, and a budget of cells and strings that reads in about a second.
_MAX_XML_ROW_CELLS = 16_384
_MAX_XML_ROWS = 1_048_576
_MAX_XML_CELLS = 1_000_000

_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHARED_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# XML 1.0 has no place for these; openpyxl refuses them.
_ILLEGAL_XML = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f]")


class _SwedishExcel(csv.excel):
    delimiter = ";"


class TableError(ValidationError):
    """An uploaded file that cannot be read as a table; the message is for the user."""


@dataclass
class Table:
    header: list
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number in the file, cells)


def read_table(*, filename: str, content: bytes, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Table:
    """Read a .csv or .xlsx upload, the first row the header, holding at most `max_rows`
    rows (header included) of `max_columns` cells; TableError beyond, or if unreadable."""
    if not content.strip():
        raise TableError(EMPTY_FILE, code="empty")
    name = filename.lower()
    if name.endswith(".xlsx"):
        lines = _excel_rows(content, max_columns=max_columns)
    elif name.endswith((".csv", ".txt")):
        lines = _csv_rows(content, max_columns=max_columns)
    else:
        raise TableError(UNKNOWN_TYPE, code="type")
    rows = []
    # closing(): a refusal half-way closes the workbook at once, not when collected.
    with closing(lines):
        for number, cells in lines:
            if number > max_rows:
                raise TableError(TOO_MANY_ROWS, code="rows", params={"max": max_rows})
            if len(cells) > max_columns:
                raise TableError(TOO_MANY_COLUMNS, code="columns", params={"row": number, "max": max_columns})
            rows.append((number, cells))
    if not rows:
        raise TableError(EMPTY_FILE, code="empty")
    return Table(header=rows[0][1], rows=rows[1:])


def _csv_rows(content: bytes, *, max_columns: int):
    try:
        text, _encoding = decode_text(content)
    except ValidationError as error:
        raise TableError(error.messages[0], code="encoding") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _SwedishExcel
    # Columns are counted on the raw line before the csv module splits it, so a line of
    # a million separators is refused without a million cells being made.
    lines = _bounded_lines(io.StringIO(text), dialect.delimiter, max_columns)
    try:
        yield from enumerate(csv.reader(lines, dialect), start=1)
    except csv.Error:
        raise TableError(NOT_CSV, code="csv") from None


def _bounded_lines(lines, delimiter: str, max_columns: int):
    for number, line in enumerate(lines, start=1):
        if line.count(delimiter) >= max_columns:
            raise TableError(TOO_MANY_COLUMNS, code="columns", params={"row": number, "max": max_columns})
        yield line


def _excel_rows(content: bytes, *, max_columns: int):
    try:
        with check_zip(content, main_part=OFFICE_MAIN_PART[XLSX], label="XLSX") as archive:
            _count_cells(archive)
    except ValidationError as error:
        raise TableError(error.messages[0] if error.code == "zip_bomb" else NOT_EXCEL, code="excel") from None
    # openpyxl is imported where it is used: it takes longer to import than
    # kolada_import, which imports this module with the services, needs to start.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(NOT_EXCEL, code="excel") from None
    try:
        sheet = workbook.worksheets[0]
        # The dimension the file declares is not trusted: with it openpyxl pads every
        # row to its width and every gap to its height.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(row) > max_columns:
                # A row padded out to a far cell: judge it by the cells that hold something.
                cells = list(row)
                while cells and cells[-1] is None:
                    cells.pop()
                if len(cells) > max_columns:
                    raise TableError(TOO_MANY_COLUMNS, code="columns", params={"row": number, "max": max_columns})
                row = cells
            yield number, list(row)
    except TableError:
        raise
    except Exception:  # a sheet that breaks half-way through parsing
        raise TableError(NOT_EXCEL, code="excel") from None
    finally:
        workbook.close()


def _count_cells(archive) -> None:
    """Refuse a workbook whose XML holds more cells or strings than openpyxl should ever
    build: openpyxl makes a whole row (and every shared string) before a caller can stop
    it. The tags are counted by regular expressions over the unpacked stream, which keeps
    nothing and runs at the speed of C."""
    try:
        for member in archive.infolist():
            name = member.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows, cells, widest = _tag_counts(archive, member)
                too_many = cells > _MAX_XML_CELLS or rows > _MAX_XML_ROWS or widest > _MAX_XML_ROW_CELLS
            elif name == "xl/sharedStrings.xml":
                too_many = _tag_counts(archive, member, cell=_SHARED_STRING_TAG)[1] > _MAX_XML_CELLS
            else:
                continue
            if too_many:
                raise ValidationError(TOO_MANY_CELLS, code="zip_bomb")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise ValidationError(NOT_EXCEL, code="broken") from None


def _tag_counts(archive, member, *, cell=None) -> tuple[int, int, int]:
    """How many rows and cells (or `cell` tags) the part holds, and the most in one row."""
    cell = cell or _CELL_TAG
    rows = cells = widest = in_row = 0
    pending = b""
    with archive.open(member) as part:
        while True:
            chunk = part.read(256 * 1024)
            data = pending + chunk
            # A tag cut by the chunk's end is counted with the next chunk.
            cut = data.rfind(b"<") if chunk else len(data)
            data, pending = data[:cut], data[cut:]
            pieces = _ROW_TAG.split(data)
            in_row += len(cell.findall(pieces[0]))
            for piece in pieces[1:]:
                rows += 1
                widest, cells = max(widest, in_row), cells + in_row
                in_row = len(cell.findall(piece))
            if not chunk:
                return rows, cells + in_row, max(widest, in_row)


def text_safe(value):
    """A cell value as a spreadsheet shows it and never runs it: text that would start a
    formula gets an apostrophe in front; other values are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(*, header: Sequence[str], rows: Iterable[Sequence], swedish_excel: bool = True) -> bytes:
    """CSV as Swedish Excel opens it directly: UTF-8 with BOM, semicolons, decimal commas,
    and no cell that Excel would run as a formula. With `swedish_excel=False`, CSV as
    programs read it (RFC 4180, as open data is published): UTF-8 without BOM, commas and
    decimal points, still with no cell that a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if swedish_excel else ",", lineterminator="\r\n")
    writer.writerow([text_safe(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([_csv_cell(cell, decimal_comma=swedish_excel) for cell in row])
    return (("\ufeff" if swedish_excel else "") + out.getvalue()).encode("utf-8")


def _csv_cell(value, *, decimal_comma: bool):
    if value is None:
        return ""
    if isinstance(value, float):
        return str(value).replace(".", ",") if decimal_comma else str(value)
    if isinstance(value, (int, bool)):
        return value
    return text_safe(str(value))


def xlsx_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """An Excel workbook of one sheet in which every text cell is a string cell, never a
    formula, whatever it begins with."""
    return xlsx_workbook_bytes(sheets=[(title, header, rows)])


def xlsx_workbook_bytes(*, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An Excel workbook of one sheet per (title, header, rows), text always as text; sheet
    names are made valid and unique (Excel refuses two alike, whatever their case)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used = set()
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=_unique_title(_sheet_title(str(title)), used))
        sheet.append([_xlsx_cell(sheet, cell) for cell in header])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _unique_title(title: str, used: set[str]) -> str:
    candidate, n = title, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = title[:31 - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (int, float)):
        return value
    text = _ILLEGAL_XML.sub("", str(value))
    cell = WriteOnlyCell(sheet)
    # Set the type after the value: openpyxl would otherwise take "=..." for a formula.
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        # Excel keeps the apostrophe-style "this is text" flag when the cell is edited.
        cell.quotePrefix = True
    return cell


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet name, and more than 31 of any.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Blad1"


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(*, content: bytes, fmt: str, filename: str) -> HttpResponse:
    """A file to save, not to show: `filename` without its ending, `fmt` one of MEDIA_TYPES."""
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def table_download(*, fmt: str, title: str, header: Sequence[str], rows: Iterable[Sequence],
                   filename: str) -> HttpResponse:
    """One table as CSV or as a one-sheet workbook named `title`."""
    if fmt == "csv":
        content = csv_bytes(header=header, rows=rows)
    else:
        content = xlsx_bytes(title=title, header=header, rows=rows)
    return download(content=content, fmt=fmt, filename=filename)
