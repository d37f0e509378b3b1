"""Benchmarks for the frozen self-assessment: its page and the comparison of years beside
the bare view, and its PDF/A and Word beside floors of the same size measured in the same
run (a plain WeasyPrint document of as many pages; the Word template saved with as many
plain paragraphs)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from bench.harness import page_beside_floor
from bench.reports import PLAIN_PAGE, PLAIN_TEXT, _beside, _best, _pages
from oversight.models import Snapshot
from oversight.snapshot_documents import snapshot_document
from reports.outputs.document import document_docx_bytes, document_pdf_bytes

FLOOR = "/__bench__/bare/"


def oversight_snapshots(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="revisor@boras.example"))
    snapshot = Snapshot.objects.order_by("pk").first()
    document = snapshot_document(snapshot)
    return {
        "snapshot_page": page_beside_floor(client=client, path=f"/uppsikt/sjalvgranskningar/{snapshot.pk}/",
                                           floor_path=FLOOR, repeat=50),
        "snapshot_compare": page_beside_floor(client=client, path="/uppsikt/jamfor/", floor_path=FLOOR, repeat=50),
        "snapshot_pdf": _pdf(document),
        "snapshot_docx": _docx(document),
    }


def _pdf(document) -> dict:
    from reports.outputs.pdf import _stylesheet, render_pdf

    seconds, data = _best(lambda: document_pdf_bytes(document))
    pages = _pages(data)
    html = ("<!DOCTYPE html><html lang='sv'><head><title>Golv</title></head><body>"
            + "".join(PLAIN_PAGE.format(n=n, text=PLAIN_TEXT) for n in range(pages)) + "</body></html>")
    css = _stylesheet() + ".plain { page-break-after: always; }"
    floor, _data = _best(lambda: render_pdf(html=html, stylesheet=css))
    return _beside(seconds, floor, pages=pages, bytes=len(data))


def _docx(document) -> dict:
    import io

    from reports.outputs.docx import template_open

    seconds, data = _best(lambda: document_docx_bytes(document))
    paragraphs = len(document.facts) + sum(
        1 + len(s.paragraphs) + len(s.items) + sum(len(t.rows) * len(t.header) for t in s.tables)
        for s in document.sections)

    def floor_call():
        word = template_open()
        for n in range(paragraphs):
            word.add_paragraph(f"Stycke {n}")
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()

    floor, _data = _best(floor_call)
    return _beside(seconds, floor, paragraphs=paragraphs, bytes=len(data))
