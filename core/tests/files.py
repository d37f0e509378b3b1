"""Files to upload in tests, made on the spot: real PDFs, DOCX and XLSX, and the
crafted ones a probe sends (a program behind a PDF header, a zip bomb, a workbook
that declares the whole Excel grid)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
# The start of an x86-64 Linux program: what the probe attached as an audit report.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + bytes(range(256)) * 4


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def office_bytes(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {"[Content_Types].xml": CONTENT_TYPES, **parts}.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes(**extra: bytes | str) -> bytes:
    document = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    return office_bytes({"word/document.xml": document, **extra})


def xlsx_bytes(rows=(("år", "kön", "värde"), (2022, "T", 1))) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
