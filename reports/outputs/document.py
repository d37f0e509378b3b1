"""A titled document of sections with paragraphs, lists and tables, as PDF/A-2a and Word,
for any app that has a record to file that is not a follow-up report (e.g. a frozen
self-assessment). It reuses the report's machinery: the same fonts, stylesheets and
PDF/A settings (reports.outputs.pdf) and the same Word template and styles
(reports.outputs.docx), so every document the municipality files looks alike. Other apps
import this module; it imports nothing of theirs."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation

TEMPLATE = "reports/outputs/document.html"


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a bulleted list after the paragraphs
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    author: str  # the municipality, shown above the title and as the file's author
    subject: str  # e.g. the program's name, shown below the title
    facts: list[tuple[str, str]] = field(default_factory=list)  # label, value
    sections: list[Section] = field(default_factory=list)


def document_html(document: Document) -> str:
    """The document as an HTML page in Swedish, the layout the PDF is printed from (so its
    tables come without core's scroll regions)."""
    with translation.override("sv"):
        return render_to_string(TEMPLATE, {"document": document, "tables_on_paper": True})


def document_pdf_bytes(document: Document) -> bytes:
    """The document as a tagged PDF/A-2a in Swedish with the report's embedded fonts."""
    from reports.outputs.pdf import _stylesheet, render_pdf

    return render_pdf(html=document_html(document), stylesheet=_stylesheet())


def document_docx_bytes(document: Document) -> bytes:
    """The document as Word on the configured template, with its heading and table styles."""
    from reports.outputs.docx import _Writer, template_open

    word = template_open()
    writer = _Writer(word)
    word.core_properties.title = document.title
    word.core_properties.subject = document.subject
    word.core_properties.author = document.author
    word.core_properties.language = "sv-SE"
    writer.paragraph(document.author)
    writer.paragraph(document.title, "Title")
    writer.paragraph(document.subject)
    for label, value in document.facts:
        writer.paragraph(f" {value}", bold_prefix=f"{label}:")
    for section in document.sections:
        writer.heading(section.heading, 1)
        for paragraph in section.paragraphs:
            writer.paragraph(paragraph)
        for item in section.items:
            writer.paragraph(item, "List Bullet")
        for table in section.tables:
            writer.table(table.header, table.rows, caption=table.caption)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
