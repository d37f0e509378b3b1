from django import template
from django.utils.html import format_html_join

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
    each mean followed by the number of municipalities behind it."""
    def cells(row):
        mean = [format_number(m.value, decimals=1) or "—" for m in (row.county, row.national)]
        line = (row.year, row.gender_label, format_number(row.own, decimals=1) or "—",
                mean[0], row.county.count, mean[1], row.national.count)
        if row.group is not None:
            line += (format_number(row.group.value, decimals=1) or "—", row.group.count)
        return line

    group_cell = "<td>{} ({})</td>" if comparison.group else ""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{} ({})</td><td>{} ({})</td>' + group_cell + "</tr>",
        (cells(row) for row in comparison.rows),
    )
