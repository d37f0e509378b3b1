"""Tables in and out: reading an uploaded CSV or Excel file, writing CSV and Excel.

CSV files from Swedish users come in UTF-8 (often with a BOM, from Excel's
"CSV UTF-8") or in Windows-1252/Latin-1 (Excel's plain "CSV"). The encoding is
detected from the bytes; a file that is neither, or that was converted twice
(UTF-8 read as Latin-1 and saved again: "Ã¥" for "å"), is refused with a message
rather than stored with broken letters.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ENCODING_UNKNOWN = _(
    "Filen har en teckenkodning som inte går att läsa. Spara den som CSV i UTF-8 "
    "(i Excel: ”CSV UTF-8”) eller som Excel-fil och försök igen."
)
ENCODING_DOUBLE = _(
    "Filen verkar ha konverterats två gånger: bokstäver som å, ä och ö har blivit ”Ã¥”, ”Ã¤” och ”Ã¶”. "
    "Öppna originalfilen och spara den som CSV i UTF-8."
)
NOT_EXCEL = _("Filen går inte att läsa som en Excel-fil (.xlsx).")
UNKNOWN_TYPE = _("Ladda upp en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
EMPTY_FILE = _("Filen är tom.")

ENCODING_UTF8 = "UTF-8"
ENCODING_WINDOWS = "Windows-1252 (Latin-1)"

# "Ã" or "Â" followed by a continuation-byte character is UTF-8 decoded as Latin-1.
_DOUBLE_ENCODED = re.compile("[ÃÂ][\u0080-\u00bf]")
# Control characters other than tab and line breaks never occur in a text table.
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


class _SwedishExcel(csv.excel):
    delimiter = ";"


class TableError(Exception):
    """An uploaded file that cannot be read as a table; the message is for the user."""


@dataclass
class Table:
    header: list
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number in the file, cells)


def read_table(*, filename: str, content: bytes) -> Table:
    """Read a .csv or .xlsx upload: the first row is the header."""
    if not content.strip():
        raise TableError(str(EMPTY_FILE))
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_excel(content)
    if name.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise TableError(str(UNKNOWN_TYPE))


def decode_text(content: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in; TableError if neither fits."""
    try:
        text, encoding = content.decode("utf-8-sig"), ENCODING_UTF8
    except UnicodeDecodeError:
        if content.startswith(b"\xef\xbb\xbf"):
            raise TableError(str(ENCODING_UNKNOWN)) from None
        try:
            text, encoding = content.decode("cp1252"), ENCODING_WINDOWS
        except UnicodeDecodeError:
            raise TableError(str(ENCODING_UNKNOWN)) from None
    if _CONTROL.search(text):
        raise TableError(str(ENCODING_UNKNOWN))
    if _DOUBLE_ENCODED.search(text):
        raise TableError(str(ENCODING_DOUBLE))
    return text, encoding


def _read_csv(content: bytes) -> Table:
    text, _encoding = decode_text(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _SwedishExcel
    lines = list(csv.reader(io.StringIO(text), dialect))
    if not lines:
        raise TableError(str(EMPTY_FILE))
    return Table(header=lines[0], rows=list(enumerate(lines[1:], start=2)))


def _read_excel(content: bytes) -> Table:
    # openpyxl is imported where it is used: it takes longer to import than
    # kolada_import, which imports this module with the services, needs to start.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(str(NOT_EXCEL)) from None
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    if not rows:
        raise TableError(str(EMPTY_FILE))
    return Table(header=rows[0], rows=list(enumerate(rows[1:], start=2)))


def csv_bytes(*, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV as Swedish Excel opens it directly: UTF-8 with BOM, semicolons, decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else str(c).replace(".", ",") if isinstance(c, float) else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
