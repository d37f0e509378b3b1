"""Benchmarks for the yearly report's files: PDF/A, Word and Excel built from the sample
content and from one of 300 organisations over 7 areas, each beside a floor measured in
the same run.

Floors: for the PDF, WeasyPrint rendering a plain document of the same page count (a
heading and two paragraphs a page) with the same fonts and PDF/A variant; for Word,
python-docx opening the template and saving it with as many plain paragraphs as the
report has paragraphs and table cells; for Excel, openpyxl's write-only workbook holding
the same cells with no text check."""

from __future__ import annotations

import io
import subprocess
import tempfile
import time
from pathlib import Path

from reports.outputs.docx import docx_bytes, template_open
from reports.outputs.pdf import _stylesheet, pdf_bytes, render_pdf
from reports.outputs.xlsx import xlsx_bytes
from reports.tests.content_samples import sample_content

REPEAT = 3
PLAIN_PAGE = ("<section class='plain'><h2>Sida {n}</h2><p>{text}</p><p>{text}</p></section>")
PLAIN_TEXT = ("Inom arbete har utvecklingen varit blandad. Flera nämnder och bolag rapporterar fler insatser än "
              "förra året, men skillnaderna mellan stadsdelarna består. ") * 8


def reports(context: dict) -> dict:
    results = {}
    for name, organizations in (("sample", 12), ("300_organisations", 300)):
        content = sample_content(organizations=organizations)
        results[f"report_pdf_{name}"] = _pdf(content)
        results[f"report_docx_{name}"] = _docx(content)
        results[f"report_xlsx_{name}"] = _xlsx(content)
    return results


def _best(call, repeat: int = REPEAT) -> tuple[float, object]:
    """The fastest of `repeat` runs in seconds, and the last result: the least disturbed
    by other work on a shared machine."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def _beside(seconds: float, floor: float, **extra) -> dict:
    return {"seconds": round(seconds, 3), "floor_seconds": round(floor, 3), "ratio": round(seconds / floor, 2),
            **extra}


def _pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rapport.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _pdf(content) -> dict:
    seconds, data = _best(lambda: pdf_bytes(content=content), repeat=1 if len(content["organizations"]) > 50 else 2)
    pages = _pages(data)
    css = _stylesheet() + ".plain { page-break-after: always; }"
    html = ("<!DOCTYPE html><html lang='sv'><head><title>Golv</title></head><body>"
            + "".join(PLAIN_PAGE.format(n=n, text=PLAIN_TEXT) for n in range(pages)) + "</body></html>")
    floor, floor_data = _best(lambda: render_pdf(html=html, stylesheet=css), repeat=1)
    return _beside(seconds, floor, pages=pages, floor_pages=_pages(floor_data), bytes=len(data))


def _docx(content) -> dict:
    seconds, data = _best(lambda: docx_bytes(content=content))
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]

    def floor():
        plain = template_open()
        for text in texts:
            plain.add_paragraph(text)
        plain.save(io.BytesIO())

    floor_seconds, _ = _best(floor)
    return _beside(seconds, floor_seconds, paragraphs_and_cells=len(texts), bytes=len(data))


def _xlsx(content) -> dict:
    from openpyxl import Workbook, load_workbook

    seconds, data = _best(lambda: xlsx_bytes(content=content))
    sheets = [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
              for sheet in load_workbook(io.BytesIO(data), read_only=True).worksheets]

    def floor():
        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = workbook.create_sheet(title=title)
            for row in rows:
                sheet.append(row)
        workbook.save(io.BytesIO())

    floor_seconds, _ = _best(floor)
    return _beside(seconds, floor_seconds, cells=sum(len(r) for _t, rows in sheets for r in rows), bytes=len(data))


def report_pages(context: dict) -> dict:
    """The report's web page on the demo: this year's draft (compiled on every request) and
    last year's approved version (its frozen content), each beside the bare view."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.harness import page_beside_floor
    from reports.models import ReportVersion

    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    results = {}
    for name, status in (("draft", ReportVersion.Status.DRAFT), ("approved", ReportVersion.Status.APPROVED)):
        version = ReportVersion.objects.filter(status=status).order_by("-report__cycle__year").first()
        if version is not None:
            results[f"report_page_{name}"] = page_beside_floor(
                client=client, path=version.get_absolute_url(), floor_path="/__bench__/bare/", repeat=50)
    return results
