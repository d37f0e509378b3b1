"""The report as a Word document that officials edit: built on a template (setting
REPORTS_DOCX_TEMPLATE, by default the committed report_template.docx) so the municipality's
own graphic profile applies, with the real heading styles ("Heading 1" to "Heading 3",
shown as Rubrik 1 to 3 in a Swedish Word) and tables in a table style. The charts are not
drawn here: Word takes no SVG, and each indicator's figures are in its table."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import re

from reports.content import Content
from reports.outputs.charts import line_labels
from reports.outputs.docx_template import DEFAULT_TEMPLATE

REQUIRED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Bullet")
# XML 1.0 has no place for these control characters; a pasted text may hold them.
_XML_ILLEGAL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f]")
TEMPLATE_NOT_DOCX = _("Wordmallen %(path)s går inte att öppna som en Word-fil (.docx).")
TEMPLATE_MISSING_STYLES = _("Wordmallen saknar formatmallarna %(styles)s. Lägg till dem i mallen eller "
                            "utgå från standardmallen.")


def template_path() -> Path:
    return Path(getattr(settings, "REPORTS_DOCX_TEMPLATE", None) or DEFAULT_TEMPLATE)


def template_open(path: Path | None = None):
    """The template as a python-docx Document; ValidationError if it is no DOCX or lacks a style."""
    from docx import Document

    path = path or template_path()
    try:
        document = Document(str(path))
    except Exception:  # python-docx raises many kinds for a file that is not a Word package
        raise ValidationError(TEMPLATE_NOT_DOCX, code="template_not_docx", params={"path": path.name}) from None
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ValidationError(TEMPLATE_MISSING_STYLES, code="template_styles",
                              params={"styles": ", ".join(f"”{name}”" for name in missing)})
    return document


def _number(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")
    return text[:-2] if digits == 1 and text.endswith(",0") else text


class _Writer:
    """Appends paragraphs and tables as WordprocessingML directly. python-docx looks a style
    up by name on every paragraph and recomputes a table's grid on every row, which made a
    report of 300 organisations take seconds; the XML written is the same."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        names = {style.name for style in document.styles}
        self.style_ids = {name: document.styles[name].style_id for name in REQUIRED_STYLES + ("Caption",)
                          if name in names}
        body = document.element.body
        self.end = body.find(qn("w:sectPr"))
        self.body = body

    def _element(self, tag: str, parent=None, **attributes):
        from docx.oxml import OxmlElement

        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(self.qn(f"w:{name}"), value)
        if parent is not None:
            parent.append(element)
        return element

    def _add(self, element) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def _paragraph(self, text: str, style: str | None = None, bold_prefix: str = ""):
        paragraph = self._element("w:p")
        if style and style in self.style_ids:
            self._element("w:pStyle", self._element("w:pPr", paragraph), val=self.style_ids[style])
        if bold_prefix:
            run = self._element("w:r", paragraph)
            self._element("w:b", self._element("w:rPr", run))
            self._text(run, bold_prefix)
        if text:
            self._text(self._element("w:r", paragraph), text)
        return paragraph

    def _text(self, run, text: str) -> None:
        element = self._element("w:t", run)
        element.text = _XML_ILLEGAL.sub("", text)
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def paragraph(self, text: str, style: str | None = None, bold_prefix: str = "") -> None:
        self._add(self._paragraph(text, style, bold_prefix))

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    def table(self, header: list[str], rows: list[list], caption: str = "") -> None:
        if caption:
            self.paragraph(caption, "Caption")
        table = self._element("w:tbl")
        properties = self._element("w:tblPr", table)
        self._element("w:tblStyle", properties, val=self.style_ids["Table Grid"])
        self._element("w:tblW", properties, w="5000", type="pct")
        self._element("w:tblLook", properties, val="04A0", firstRow="1", lastRow="0", firstColumn="1",
                      lastColumn="0", noHBand="0", noVBand="1")
        grid = self._element("w:tblGrid", table)
        for _column in header:
            self._element("w:gridCol", grid, w=str(9000 // len(header)))
        row = self._element("w:tr", table)
        # The header row repeats on every page the table runs over.
        self._element("w:tblHeader", self._element("w:trPr", row), val="true")
        for text in header:
            self._cell(row, "", bold_prefix=text)
        for values in rows:
            row = self._element("w:tr", table)
            for text in values:
                self._cell(row, str(text))
        self._add(table)

    def _cell(self, row, text: str, bold_prefix: str = "") -> None:
        cell = self._element("w:tc", row)
        self._element("w:tcW", self._element("w:tcPr", cell), w="0", type="auto")
        cell.append(self._paragraph(text, bold_prefix=bold_prefix))


def _paragraphs(writer, text: str, empty: str) -> None:
    parts = [part.strip() for part in (text or "").split("\n\n") if part.strip()]
    for part in parts or [empty]:
        writer.paragraph(part)


def docx_bytes(*, content: Content, version_label: str = "") -> bytes:
    """The report as an editable Word document on the configured template."""
    document = template_open()
    writer = _Writer(document)
    labels = line_labels()
    document.core_properties.title = content["title"]
    document.core_properties.subject = content["program"]
    document.core_properties.author = content["municipality"]
    document.core_properties.language = "sv-SE"
    writer.paragraph(content["title"], "Title")
    writer.paragraph(f"{content['municipality']}. {content['program']}, {content['period']}.")
    facts = [str(_("Uppföljningsår")) + f": {content['year']}"]
    if content["coordinator"]:
        facts.append(str(_("Samordnande nämnd")) + f": {content['coordinator']}")
    if version_label:
        facts.append(str(_("Version")) + f": {version_label}")
    writer.paragraph(". ".join(facts) + ".")

    writer.heading(str(_("Samlad bedömning")), 1)
    _paragraphs(writer, content["overall_assessment"], str(_("Ingen samlad bedömning är skriven.")))
    for area in content["areas"]:
        writer.heading(area["name"], 1)
        writer.heading(str(_("Analys")), 2)
        _paragraphs(writer, area["analysis"], str(_("Ingen analys är skriven.")))
        if area["changes_since_last_year"]:
            writer.heading(str(_("Förändringar sedan förra året")), 2)
            for change in area["changes_since_last_year"]:
                writer.paragraph(change, "List Bullet")
        for goal in area["goals"]:
            writer.heading(goal["title"], 2)
            if goal["organization"]:
                writer.paragraph(str(_("Ansvarig")) + f": {goal['organization']}")
            for indicator in goal["indicators"]:
                _indicator(writer, indicator, labels)
        _activities(writer, area)
        if area["missed_targets"]:
            writer.heading(str(_("Missade målvärden")), 2)
            writer.table([str(_("Indikator")), str(_("Orsak")), str(_("Åtgärd")), str(_("Ansvarig"))],
                   [[m["indicator"], m["cause"], m["action"], m["owner"] or "–"] for m in area["missed_targets"]])
    _responses(writer, content)
    _development(writer, content)
    _organizations(writer, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _indicator(writer, indicator: dict, labels: dict) -> None:
    writer.heading(indicator["name"], 3)
    fulfilment = indicator["fulfilment"]
    writer.paragraph(f" {fulfilment['reason']}", bold_prefix=f"{fulfilment['text']}.")
    figures = f"{_('Värde')} {indicator['year'] or '–'}: {_number(indicator['value'])} {indicator['unit']}"
    if indicator["target"] is not None:
        figures += f". {_('Målvärde')} {indicator['target_year'] or ''}: {_number(indicator['target'])} {indicator['unit']}"
    writer.paragraph(f"{figures}. {_('Källa')}: {indicator['source']}.")
    if indicator["series"]:
        writer.table([str(_("År")), labels["own"], indicator["county_name"] or labels["county"], labels["national"]],
               [[str(p["year"]), _number(p["own"]), _number(p["county"]), _number(p["national"])]
                for p in indicator["series"]],
               caption=f"{indicator['name']}, {indicator['unit']}")


def _activities(writer, area: dict) -> None:
    if not area["activities_by_target_group"]:
        return
    writer.heading(str(_("Aktiviteter per målgrupp")), 2)
    header = [str(_("Aktivitet")), str(_("Organisation")), str(_("Kostnad (kr)")), str(_("Resultat"))]
    for group, activities in area["activities_by_target_group"].items():
        writer.table(header, [[a["title"], a["organization"], _number(a["cost"], 0), a["result"]]
                                  for a in activities], caption=group)


def _responses(writer, content: Content) -> None:
    writer.heading(str(_("Svar från nämnder och bolag")), 1)
    writer.table([str(_("Organisation")), str(_("Typ")), str(_("Status")), str(_("Inskickad")), str(_("Dagar sen"))],
           [[r["organization"], r["kind"], r["status"], r["submitted_on"] or "–", str(r["days_late"])]
            for r in content["responses"]])


def _development(writer, content: Content) -> None:
    writer.heading(str(_("Utvecklingsområden")), 1)
    header = [str(_("Utvecklingsområde")), str(_("Ansvarig")), str(_("Åtgärder")), str(_("Klart senast")),
              str(_("Status")), str(_("Resultat"))]
    for heading, items in ((_("Årets utvecklingsområden"), content["development_areas"]),
                           (_("Det som blev av förra årets"), content["previous_development_areas"])):
        writer.heading(str(heading), 2)
        if not items:
            writer.paragraph(str(_("Inga utvecklingsområden.")))
            continue
        writer.table(header, [[f"{d['title']} ({d['area']})" if d["area"] else d["title"], d["owner"],
                                   d["actions"], d["due_date"], d["status"], d["outcome"] or "–"] for d in items])


def _organizations(writer, content: Content) -> None:
    writer.heading(str(_("Organisationernas svar")), 1)
    header = [str(_("Område")), str(_("Fråga")), str(_("Svar"))]
    for organization in content["organizations"]:
        writer.heading(f"{organization['name']} ({organization['kind']})", 2)
        if organization["answers"]:
            writer.table(header, [[a["area"], a["question"], a["answer"]] for a in organization["answers"]])
        else:
            writer.paragraph(str(_("Inga svar.")))
