"""The default Word template: python-docx's own blank document with the report's fonts and
colours on the built-in styles. It is built once by running this module and committed as
report_template.docx; a municipality replaces that file (setting REPORTS_DOCX_TEMPLATE)
with one in its own graphic profile that keeps the same style names.

    .venv/bin/python -m reports.outputs.docx_template"""

from pathlib import Path

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "reports" / "outputs" / "report_template.docx"
BLUE = (0x1F, 0x4E, 0x79)


def template_build(path: Path = DEFAULT_TEMPLATE) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10.5)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        styles[name].font.name = "Liberation Sans"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor(*BLUE)
    # Spelling and hyphenation in Word follow the language of the text: Swedish throughout.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        defaults.append(language)
    language.set(qn("w:val"), "sv-SE")
    document.core_properties.title = "Uppföljningsrapport"
    document.core_properties.language = "sv-SE"
    document.core_properties.author = "Uppsikt"
    document.save(path)


if __name__ == "__main__":
    template_build()
