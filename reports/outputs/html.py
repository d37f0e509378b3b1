"""The web page of a report: one standalone, accessible HTML file (headings, tables, inline
SVG charts each followed by its data table, lang="sv"). Its template also lays out the PDF,
which adds only paged-media CSS, so the two never disagree.

The downloaded file carries its stylesheet in a <style> element, since it has no server to
link one from; the template itself has none (the CSP's rule for every template), so it is
added to the rendered file only, never to a page the application serves."""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from reports.content import Content
from reports.outputs.charts import line_labels, series_img, series_svg

TEMPLATE = "reports/outputs/report.html"
STYLESHEET = "reports/outputs/report.css"


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def report_context(*, content: Content, version_label: str = "", pdf: bool = False) -> dict:
    """What the report template needs beyond the content: charts (for the PDF as images of
    the same SVG, see reports.outputs.charts), paragraphs, groups. The PDF's tables come
    without the scroll regions of core's {% table_scroll %}: paper does not scroll, and
    each region was one more element to style and tag."""
    chart = series_img if pdf else series_svg
    areas = []
    for area in content["areas"]:
        goals = []
        for goal in area["goals"]:
            indicators = [
                {**indicator, "chart": mark_safe(chart(  # noqa: S308 - built from escaped text only
                    series=indicator["series"], title=f"{indicator['name']} ({indicator['unit']})",
                    ident=f"{area['id']}-{indicator['id']}"))}
                for indicator in goal["indicators"]
            ]
            goals.append({**goal, "indicators": indicators})
        areas.append({**area, "goals": goals, "paragraphs": _paragraphs(area["analysis"]),
                      "activity_groups": list(area["activities_by_target_group"].items())})
    try:
        compiled_on = datetime.fromisoformat(content["compiled_at"]).date().isoformat()
    except (TypeError, ValueError):
        compiled_on = content.get("compiled_at") or ""
    with translation.override("sv"):
        development = [(translation.gettext("Årets utvecklingsområden"), content["development_areas"]),
                       (translation.gettext("Det som blev av förra årets"), content["previous_development_areas"])]
    return {"content": content, "areas": areas, "overall_paragraphs": _paragraphs(content["overall_assessment"]),
            "labels": line_labels(), "compiled_on": compiled_on, "version_label": version_label,
            "development": development, "tables_on_paper": pdf}


def render_report_html(*, content: Content, version_label: str = "", pdf: bool = False) -> str:
    """The report as an HTML document in Swedish, whatever language the request is in;
    `pdf` for the one the PDF is printed from."""
    with translation.override("sv"):
        return render_to_string(TEMPLATE, report_context(content=content, version_label=version_label, pdf=pdf))


def html_bytes(*, content: Content, version_label: str = "") -> bytes:
    """The standalone web page, its stylesheet inside it."""
    with translation.override("sv"):
        style = render_to_string(STYLESHEET)
    html = render_report_html(content=content, version_label=version_label)
    # The stylesheet is ours and holds no "</": it cannot end the element early.
    return html.replace("</head>", f"<style>{style}</style>\n</head>", 1).encode("utf-8")
