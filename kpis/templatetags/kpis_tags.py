from html import escape

from django import template
from django.utils.safestring import mark_safe

from kpis.chart_svg import chart_svg
from kpis.charts import format_value

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
