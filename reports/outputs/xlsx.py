"""The report's figures as an Excel workbook for those who work on with them: a summary,
one sheet per area (its indicators and how they fared), the indicator values per year, the
activity rows, the raw answers and who answered. Written through core.spreadsheets, so a
text that begins with "=" stays text (the answers and activity titles come from users)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.spreadsheets import xlsx_workbook_bytes
from reports.content import Content
from reports.outputs.charts import line_labels


def xlsx_bytes(*, content: Content, version_label: str = "") -> bytes:
    """The workbook of the report; numbers are numbers, texts are texts."""
    labels = line_labels()
    summary = [[_("Rapport"), content["title"]], [_("Kommun"), content["municipality"]],
               [_("Program"), content["program"]], [_("Programperiod"), content["period"]],
               [_("Uppföljningsår"), content["year"]], [_("Samordnande nämnd"), content["coordinator"] or ""],
               [_("Sammanställd"), content["compiled_at"]], [_("Samlad bedömning"), content["overall_assessment"]]]
    if version_label:
        summary.insert(1, [_("Version"), version_label])
    sheets = [(_("Sammanfattning"), [_("Uppgift"), _("Värde")], summary)]
    indicator_header = [_("Mål"), _("Ansvarig"), _("Indikator"), _("Enhet"), _("År"), _("Värde"), _("Målvärde"),
                        _("Målår"), _("Bedömning"), _("Motivering"), _("Källa")]
    for area in content["areas"]:
        rows = [[goal["title"], goal["organization"] or "", i["name"], i["unit"], i["year"], i["value"], i["target"],
                 i["target_year"], i["fulfilment"]["text"], i["fulfilment"]["reason"], i["source"]]
                for goal in area["goals"] for i in goal["indicators"]]
        sheets.append((area["name"], indicator_header, rows))
    sheets.append((_("Indikatorvärden"),
                   [_("Område"), _("Indikator"), _("Enhet"), _("År"), labels["own"], labels["county"],
                    labels["national"], _("Län")],
                   [[area["name"], i["name"], i["unit"], p["year"], p["own"], p["county"], p["national"],
                     i["county_name"]]
                    for area in content["areas"] for goal in area["goals"] for i in goal["indicators"]
                    for p in i["series"]]))
    sheets.append((_("Aktiviteter"),
                   [_("Område"), _("Målgrupp"), _("Organisation"), _("Aktivitet"), _("Kostnad (kr)"), _("Resultat")],
                   [[area["name"], group, a["organization"], a["title"], a["cost"], a["result"]]
                    for area in content["areas"] for group, activities in area["activities_by_target_group"].items()
                    for a in activities]))
    sheets.append((_("Svar"), [_("Organisation"), _("Typ"), _("Område"), _("Fråga"), _("Svar")],
                   [[o["name"], o["kind"], a["area"], a["question"], a["answer"]]
                    for o in content["organizations"] for a in o["answers"]]))
    sheets.append((_("Svarsfrekvens"), [_("Organisation"), _("Typ"), _("Status"), _("Inskickad"), _("Dagar sen")],
                   [[r["organization"], r["kind"], r["status"], r["submitted_on"] or "", r["days_late"]]
                    for r in content["responses"]]))
    return xlsx_workbook_bytes(sheets=sheets)
