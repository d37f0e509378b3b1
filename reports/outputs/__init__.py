"""The files built from a report's compiled content: web page, PDF/A, Word and Excel. Each
renderer takes the content dict (reports.content.Content) and returns the file's bytes;
`output_render` picks one by format and renders it in Swedish, the report's language,
whichever language the person who asked for it uses."""

from __future__ import annotations

from importlib import import_module

from django.utils import translation

from core.spreadsheets import MEDIA_TYPES
from reports.content import Content

# format -> (module, function, file extension, media type)
RENDERERS = {
    "pdf": ("reports.outputs.pdf", "pdf_bytes", "pdf", "application/pdf"),
    "docx": ("reports.outputs.docx", "docx_bytes", "docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("reports.outputs.xlsx", "xlsx_bytes", "xlsx", MEDIA_TYPES["xlsx"]),
    "html": ("reports.outputs.html", "html_bytes", "html", "text/html; charset=utf-8"),
}


def output_render(*, format: str, content: Content, version_label: str = "") -> bytes:  # noqa: A002
    """The file of `format` (a ReportFile.Format value) for the content."""
    module, function, _extension, _media_type = RENDERERS[format]
    # WeasyPrint and openpyxl take a while to import; only the format asked for is loaded.
    render = getattr(import_module(module), function)
    with translation.override("sv"):
        return render(content=content, version_label=version_label)
