from kpis.charts import STYLES, format_number, format_value, line_chart


def test_lines_differ_in_colour_dash_and_marker_and_carry_text_labels():
    chart = line_chart(title="T", description="D", years=[2018, 2019, 2020],
                       series=[("Borås", {2018: 10.0, 2020: 30.0}), ("Riket", {2019: 20.0})])
    first, second = chart.lines
    assert (first.colour, first.dash, first.marker) != (second.colour, second.dash, second.marker)
    assert len({style[1] for style in STYLES}) == len({style[2] for style in STYLES}) == len(STYLES)
    assert first.points[0].label == "Borås 2018: 10,0"
    assert first.path.startswith("M56.0,") and " L624.0," in first.path
    assert [t.value for t in chart.x_ticks] == ["2018", "2019", "2020"]
    assert chart.y_ticks[0].value == "0" and chart.y_ticks[-1].value == "30"


def test_nothing_to_draw_gives_no_chart():
    assert line_chart(title="T", description="D", years=[], series=[("Borås", {})]) is None


def test_numbers_are_written_the_swedish_way():
    assert format_number(1247.0) == "1\u00a0247"
    assert format_number(41.25) == "41,2"
    assert format_number(42.0, decimals=1) == "42,0"
    assert format_number(None) == ""


def test_texts_in_the_chart_are_escaped_and_numbers_written_as_they_are():
    from kpis.chart_svg import chart_svg

    chart = line_chart(title="Andel <18 & äldre", description='"Citat"', years=[2018, 2019],
                       series=[("Borås <b>", {2018: 10.0, 2019: 12.5})])
    svg = chart_svg(chart, 1)
    assert '<title id="diagram-1-titel">Andel &lt;18 &amp; äldre</title>' in svg
    assert "<desc id=\"diagram-1-beskrivning\">&quot;Citat&quot;</desc>" in svg
    assert "<title>Borås &lt;b&gt; 2019: 12,5</title>" in svg
    assert "<b>" not in svg


def test_a_count_shows_no_decimals_and_other_values_one_unless_whole():
    assert format_value(347.0, unit="antal") == "347"
    assert format_value(346.6, unit="Antal ") == "347"
    assert format_value(1247.0, unit="%") == "1\u00a0247,0"
    assert format_value(12, unit="") == "12"
    assert format_value(41.25, unit="%") == "41,2"
    assert format_value(None, unit="antal") == ""
