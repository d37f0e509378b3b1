from kpis.charts import line_chart
from reports.templatetags.reports_tags import report_chart


def test_the_charts_title_is_a_heading_under_the_indicator():
    chart = line_chart(title="Andel i arbete", description="d", series=[("Sjöstad", {2024: 1.0})], years=[2024])
    html = report_chart(chart, 7)
    assert '<h5 class="ds-heading" data-size="xs">Andel i arbete</h5>' in html and "<h2" not in html
