"""The generic document (reports.outputs.document) printed through the report's machinery:
a PDF/A-2a with embedded fonts that qpdf finds sound, and a Word file on the template with
its heading and table styles."""

import io
import shutil
import subprocess

import pytest
from docx import Document as WordDocument

from reports.outputs.document import Document, Section, Table, document_docx_bytes, document_pdf_bytes

TOOLS = ("qpdf", "pdffonts", "pdftotext")
needs_tools = pytest.mark.skipif(not all(shutil.which(tool) for tool in TOOLS),
                                 reason="qpdf and poppler-utils are not installed (make system-packages)")

SAMPLE = Document(
    title="Självgranskning 2026", author="Borås Stad", subject="Program för ett integrerat samhälle",
    facts=[("År", "2026"), ("Kontrollsumma (SHA-256)", "a" * 64)],
    sections=[
        Section(heading="Sammanfattning", tables=[Table(caption="Frågorna", header=["Fråga", "Bedömning"],
                                                          rows=[["Är roller och ansvar tydliga?", "Nej"]])]),
        Section(heading="Är roller och ansvar tydliga?", paragraphs=["3 av 7 områden.", "Ett <b>fett</b> ord."],
                items=["Arbete", "Boende"]),
    ],
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("dokument") / "dokument.pdf"
    path.write_bytes(document_pdf_bytes(SAMPLE))
    return path


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@needs_tools
def test_the_document_is_pdf_a_2a_tagged_in_swedish(pdf, tmp_path):
    out = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(out)], check=True)
    raw = out.read_bytes()
    assert b'pdfaid:part="2"' in raw or b"<pdfaid:part>2</pdfaid:part>" in raw
    assert b'pdfaid:conformance="A"' in raw or b"<pdfaid:conformance>A</pdfaid:conformance>" in raw
    assert b"/StructTreeRoot" in raw and b"/Lang (sv)" in raw


@needs_tools
def test_every_font_is_embedded_and_qpdf_finds_no_error(pdf):
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors found" in result.stdout


@needs_tools
def test_the_pdf_shows_title_facts_table_and_text_as_text(pdf):
    text = _run("pdftotext", str(pdf), "-")
    for needle in ("Borås Stad", "Självgranskning 2026", "Frågorna", "Boende", "Ett <b>fett</b> ord."):
        assert needle in text
    # A long value wraps in its column, never with a hyphen added.
    assert "a" * 64 in "".join(text.split())


def test_the_word_file_has_title_headings_list_and_table_styles():
    word = WordDocument(io.BytesIO(document_docx_bytes(SAMPLE)))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Självgranskning 2026") in styles
    assert [text for style, text in styles if style == "Heading 1"] == ["Sammanfattning", "Är roller och ansvar tydliga?"]
    assert [text for style, text in styles if style == "List Bullet"] == ["Arbete", "Boende"]
    (table,) = word.tables
    assert table.style.name == "Table Grid"
    assert [cell.text for cell in table.rows[1].cells] == ["Är roller och ansvar tydliga?", "Nej"]
    assert word.core_properties.language == "sv-SE" and word.core_properties.author == "Borås Stad"
