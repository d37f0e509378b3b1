"""The report as PDF/A-2a, rendered by WeasyPrint from the web page's template.

Why PDF/A-2a: level A asks for a tagged, logically structured document with Unicode text
and a declared language, which is what the accessibility law (DOS-lagen) asks of a
published report anyway. WeasyPrint's "pdf/a-2a" variant writes the structure tree from
the HTML (headings, lists, tables with header cells, figures), maps every glyph to Unicode,
embeds an sRGB output intent and the XMP identification, and the document language comes
from <html lang="sv">. The charts are one tagged figure each (an image of the SVG whose text
alternative is the chart's title), with a caption and the data table beside them, so
nothing the reader needs is only in the picture; hence level A is met and the weaker
PDF/A-2b plus PDF/UA-1 is not needed.

Fonts are Liberation Sans from Debian's fonts-liberation2 (installed by the Makefile),
given by @font-face from the local files and embedded as subsets; PDF/A forbids a font
that is not embedded, and nothing is fetched from the network: the URL fetcher refuses
every address but the font files and the charts' data: URLs."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from reports.content import Content
from reports.outputs.html import STYLESHEET, render_report_html
from reports.outputs.pdf_engine import (
    collector_paused, html_class, objects_serialized_once, page_references_cached)

VARIANT = "pdf/a-2a"
CHART_URL = "data:image/svg+xml;base64,"
PDF_STYLESHEET = "reports/outputs/pdf.css"
FONT_FILES = {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf",
              "italic": "LiberationSans-Italic.ttf", "bold_italic": "LiberationSans-BoldItalic.ttf"}


def font_dir() -> Path:
    return Path(getattr(settings, "REPORTS_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))


def _fetcher():
    from weasyprint.urls import URLFetcher

    allowed = {(font_dir() / name).resolve().as_uri() for name in FONT_FILES.values()}

    class FontsOnly(URLFetcher):
        """Only the report's own font files and the charts, which are SVG in data: URLs (an
        SVG image's own links come here too); a link in the content never reaches the network."""

        def fetch(self, url, headers=None):
            if url not in allowed and not url.startswith(CHART_URL):
                raise ValueError(f"Not fetched for a report: {url}")
            return super().fetch(url, headers)

    return FontsOnly()


def _stylesheet() -> str:
    fonts = {key: (font_dir() / name).resolve().as_uri() for key, name in FONT_FILES.items()}
    with translation.override("sv"):
        return render_to_string(STYLESHEET) + render_to_string(PDF_STYLESHEET, {"fonts": fonts})


def render_pdf(*, html: str, stylesheet: str) -> bytes:
    """Any HTML as PDF/A-2a with the report's fonts; the benchmark's floor uses it too."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    page_references_cached()
    objects_serialized_once()
    HTML = html_class()  # noqa: N806 - WeasyPrint's class with a trimmed user-agent sheet

    fetcher = _fetcher()
    with collector_paused():
        font_config = FontConfiguration()
        css = CSS(string=stylesheet, font_config=font_config, url_fetcher=fetcher)
        document = HTML(string=html, url_fetcher=fetcher, base_url=font_dir().as_uri() + "/")
        return document.write_pdf(stylesheets=[css], font_config=font_config, pdf_variant=VARIANT,
                                  uncompressed_pdf=False, custom_metadata=False)


def pdf_bytes(*, content: Content, version_label: str = "") -> bytes:
    """The report as a tagged PDF/A-2a in Swedish, with title page, contents and page numbers."""
    return render_pdf(html=render_report_html(content=content, version_label=version_label, pdf=True),
                      stylesheet=_stylesheet())
