"""The changes to WeasyPrint and pydyf make the same PDF as before, with less work."""

import gc
import io
import shutil
import subprocess

import pydyf
import pytest
import weasyprint

from reports.outputs import pdf_engine
from reports.outputs.pdf import _stylesheet, render_pdf

LIST = ("<!DOCTYPE html><html lang='sv'><head><title>Lista</title></head><body>"
        "<ul><li>Första</li><li>Andra</li></ul><ol><li>Ett</li></ol></body></html>")


def _sample_pdf() -> pydyf.PDF:
    pdf = pydyf.PDF()
    stream = pydyf.Stream(compress=True)
    stream.rectangle(10, 10, 100, 50)
    stream.fill()
    pdf.add_object(stream)
    page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference, "Contents": stream.reference,
                             "MediaBox": pydyf.Array([0, 0, 200, 200])})
    pdf.add_page(page)
    pdf.info["Title"] = pydyf.String("Prov")
    return pdf


@pytest.mark.parametrize("compress", [True, False])
def test_a_pdf_with_an_identifier_is_written_byte_for_byte_as_pydyf_writes_it(compress):
    pdf_engine.objects_serialized_once()
    kept, plain = io.BytesIO(), io.BytesIO()
    _sample_pdf().write(kept, b"1.7", True, compress)
    token = pdf_engine._serialized.set(None)  # what pydyf itself does: every object made twice
    try:
        pydyf.PDF.write.__wrapped__(_sample_pdf(), plain, b"1.7", True, compress)
    finally:
        pdf_engine._serialized.reset(token)
    assert kept.getvalue() == plain.getvalue()
    assert b"/ID [" in kept.getvalue()


def test_the_changes_are_made_once():
    for change in (pdf_engine.page_references_cached, pdf_engine.objects_serialized_once):
        change()
        write, references = pydyf.PDF.write, pydyf.PDF.page_references
        change()
        assert (pydyf.PDF.write, pydyf.PDF.page_references) == (write, references)
    assert pdf_engine.html_class() is pdf_engine.html_class()


def test_the_html_has_a_user_agent_sheet_of_its_own():
    html = pdf_engine.html_class()
    assert issubclass(html, weasyprint.HTML) and html is not weasyprint.HTML
    assert html(string=LIST)._ua_stylesheets()[0] is not weasyprint.HTML(string=LIST)._ua_stylesheets()[0]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_list_items_keep_their_bullets_and_numbers(tmp_path):
    path = tmp_path / "lista.pdf"
    path.write_bytes(render_pdf(html=LIST, stylesheet=_stylesheet()))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "• Första" in text and "• Andra" in text and "1. Ett" in text


def test_the_collector_is_paused_while_a_pdf_is_made_and_resumed_after(monkeypatch):
    seen = []
    write_pdf = weasyprint.Document.write_pdf
    monkeypatch.setattr(weasyprint.Document, "write_pdf",
                        lambda *args, **kwargs: seen.append(gc.isenabled()) or write_pdf(*args, **kwargs))
    assert gc.isenabled()
    render_pdf(html=LIST, stylesheet=_stylesheet())
    assert seen == [False] and gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused():
    gc.disable()
    try:
        with pdf_engine.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), pdf_engine.collector_paused():
        raise ValueError
    assert gc.isenabled()
