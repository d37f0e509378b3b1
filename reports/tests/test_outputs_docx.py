"""The Word document: on the configured template, with real heading and table styles,
readable by LibreOffice; a template that is no DOCX or lacks a style is refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from reports.outputs.docx import TEMPLATE_MISSING_STYLES, TEMPLATE_NOT_DOCX, docx_bytes
from reports.outputs.docx_template import DEFAULT_TEMPLATE
from reports.tests.content_samples import AREAS, sample_content
from reports.tests.libreoffice import needs_soffice, soffice_convert


def _document(content=None):
    return Document(io.BytesIO(docx_bytes(content=content or sample_content())))


def test_areas_are_heading_1_and_indicators_heading_3():
    document = _document()
    headings = {level: [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]
                for level in (1, 2, 3)}
    assert headings[1][1:8] == AREAS
    assert "Andel invånare 20–64 år i arbete" in headings[3]
    assert document.paragraphs[0].style.name == "Title"


def test_tables_use_the_table_style_and_repeat_their_header():
    document = _document()
    assert len(document.tables) > 20
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    assert document.tables[0].rows[0]._tr.trPr is not None


def test_the_document_is_in_swedish():
    document = _document()
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title == "Uppföljningsrapport 2025"


def test_a_text_with_control_characters_is_written_without_them():
    content = sample_content()
    content["overall_assessment"] = "Klistrad\x0btext"
    assert "Klistradtext" in [p.text for p in _document(content).paragraphs]


def test_the_municipalitys_own_template_is_used(settings, tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    template.add_paragraph("Borås Stads grafiska profil")
    path = tmp_path / "egen.docx"
    template.save(path)
    settings.REPORTS_DOCX_TEMPLATE = str(path)
    assert _document().paragraphs[0].text == "Borås Stads grafiska profil"


def test_a_template_that_is_not_a_docx_is_refused(settings, tmp_path):
    path = tmp_path / "mall.docx"
    path.write_bytes(b"%PDF-1.7 inte en Word-fil")
    settings.REPORTS_DOCX_TEMPLATE = str(path)
    with pytest.raises(ValidationError) as refused:
        docx_bytes(content=sample_content())
    assert refused.value.messages == [TEMPLATE_NOT_DOCX % {"path": "mall.docx"}]
    assert path.read_bytes() == b"%PDF-1.7 inte en Word-fil"


def test_a_template_without_the_heading_styles_is_refused(settings, tmp_path):
    template = Document(str(DEFAULT_TEMPLATE))
    styles = template.styles.element
    for style in list(styles):
        if style.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId") == "Heading3":
            styles.remove(style)
    path = tmp_path / "utan-rubrik-3.docx"
    template.save(path)
    settings.REPORTS_DOCX_TEMPLATE = str(path)
    with pytest.raises(ValidationError) as refused:
        docx_bytes(content=sample_content())
    assert refused.value.messages == [TEMPLATE_MISSING_STYLES % {"styles": "”Heading 3”"}]


def test_the_committed_default_template_has_every_style():
    names = {style.name for style in Document(str(DEFAULT_TEMPLATE)).styles}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Bullet", "Caption"} <= names


@needs_soffice
def test_libreoffice_opens_the_document_and_finds_the_headings(tmp_path):
    import subprocess

    path = tmp_path / "rapport.docx"
    path.write_bytes(docx_bytes(content=sample_content()))
    (pdf,) = soffice_convert(path, "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for heading in ["Samlad bedömning", *AREAS, "Svar från nämnder och bolag", "Organisationernas svar"]:
        assert heading in text
