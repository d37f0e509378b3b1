from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.reversing import choice_labels, text_key_url
from kpis.chart_svg import chart_svg
from kpis.charts import format_value
from kpis.models import Kpi

register = template.Library()


@register.filter
def swedish_number(value, unit=""):
    """41,5 and 1 247,0; a count unit shows no decimals: {{ value|swedish_number:indicator.unit }}.
    Empty for no value, so that |default can show a dash."""
    return format_value(value, unit=unit)


@register.simple_tag
def line_chart(chart, chart_id):
    """An accessible SVG line chart with its legend: {% line_chart chart 1 %}."""
    return chart_svg(chart, chart_id)


@register.simple_tag
def comparison_rows(comparison):
    """The table's body rows, built in Python: one per year and gender, "—" for no value,
    each mean followed by the number of municipalities behind it. A local KPI has no
    county or national columns; the municipality's values are formatted for the KPI's
    unit (a count shows no decimals), a mean keeps its decimal.

    f-strings rather than format_html_join, for the reason kpis.chart_svg gives: the
    cells are numbers we format and the gender's name, which is escaped."""
    def mean(m):
        return "<td>—</td>" if m.value is None else f"<td>{format_value(m.value)} ({m.count})</td>"

    unit, area_means = comparison.kpi.unit, comparison.has_area_means
    return mark_safe("".join(
        f'<tr><th scope="row">{row.year}</th><td>{escape(row.gender_label)}</td>'
        f"<td>{format_value(row.own, unit=unit) or '—'}</td>"
        f"{mean(row.county) + mean(row.national) if area_means else ''}"
        f"{mean(row.group) if row.group is not None else ''}</tr>"
        for row in comparison.rows
    ))


@register.simple_tag
def kpi_rows(kpis):
    """The statistics list's body rows from plain rows (kpis.selectors.kpi_list_page):
    the KPI linked to its page with its tags, its id, its source and its latest year. The
    link is reversed and the labels translated once for the page; every text is escaped."""
    url = text_key_url("kpis:kpi_detail", "kpi_id")
    sources = {value: escape(label) for value, label in choice_labels(Kpi.Source).items()}
    placeholder = f' <span class="ds-tag" data-color="warning">{escape(gettext("Saknar metadata"))}</span>'
    by_gender = f' <span class="ds-tag" data-color="info">{escape(gettext("Per kön"))}</span>'

    def tr(kpi):
        kpi_id = escape(kpi["id"])
        return (
            f'<tr>\n  <th scope="row"><a class="ds-link" href="{escape(url(kpi["id"]))}">'
            f'{escape(kpi["title"])}</a>{placeholder if kpi["is_placeholder"] else ""}'
            f'{by_gender if kpi["is_divided_by_gender"] else ""}</th>\n'
            f"  <td>{kpi_id}</td>\n  <td>{sources.get(kpi['source']) or escape(kpi['source'])}</td>\n"
            f"  <td>{kpi['latest_year'] or '—'}</td>\n</tr>\n"
        )

    return mark_safe("".join(map(tr, kpis)))  # noqa: S308 - every text escaped above
