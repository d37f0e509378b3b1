from html import escape

from django import template
from django.utils.safestring import mark_safe

from kpis.chart_svg import chart_svg
from kpis.charts import format_number

register = template.Library()


@register.filter
def swedish_number(value):
    """41,5 and 1 247,0; empty for no value, so that |default can show a dash."""
    return format_number(value, decimals=1)


@register.simple_tag
def line_chart(chart, chart_id):
    """An accessible SVG line chart with its legend: {% line_chart chart 1 %}."""
    return chart_svg(chart, chart_id)


@register.simple_tag
def comparison_rows(comparison):
    """The table's body rows, built in Python: one per year and gender, "—" for no value,
    each mean followed by the number of municipalities behind it.

    f-strings rather than format_html_join, for the reason kpis.chart_svg gives: the
    cells are numbers we format and the gender's name, which is escaped."""
    def mean(m):
        return f"<td>{format_number(m.value, decimals=1) or '—'} ({m.count})</td>"

    return mark_safe("".join(
        f'<tr><th scope="row">{row.year}</th><td>{escape(row.gender_label)}</td>'
        f"<td>{format_number(row.own, decimals=1) or '—'}</td>{mean(row.county)}{mean(row.national)}"
        f"{mean(row.group) if row.group is not None else ''}</tr>"
        for row in comparison.rows
    ))
