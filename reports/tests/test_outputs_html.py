"""The standalone web page: Swedish, headings in order, charts as labelled images with
their data tables, and the content's text never taken for markup."""

import base64
import re
from html.parser import HTMLParser

from reports.outputs.charts import series_img, series_svg
from reports.outputs.html import html_bytes, render_report_html
from reports.tests.content_samples import AREAS, sample_content


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.tags, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._in = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._in is not None:
            self._in[1] += data

    def handle_endtag(self, tag):
        if self._in is not None and tag == f"h{self._in[0]}":
            self.headings.append((self._in[0], self._in[1].strip()))
            self._in = None


def _outline(content=None):
    parser = _Outline()
    parser.feed(html_bytes(content=content or sample_content()).decode())
    return parser


def test_the_page_is_in_swedish_with_one_h1_and_no_skipped_levels():
    outline = _outline()
    assert ("html", {"lang": "sv"}) in outline.tags
    levels = [level for level, _text in outline.headings]
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    assert [text for level, text in outline.headings if level == 2][2:9] == AREAS


def test_every_chart_is_a_labelled_image_followed_by_its_data_table():
    html = html_bytes(content=sample_content()).decode()
    charts = re.findall(r'<svg[^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 14
    for ident in charts:
        assert f'<title id="{ident}">' in html
    assert html.count('<table class="data">') == 14
    assert '<th scope="col">Västra Götalands län</th>' in html


def test_a_missing_year_is_shown_as_a_dash_and_as_a_gap():
    content = sample_content()
    series = content["areas"][0]["goals"][0]["indicators"][0]["series"]
    html = html_bytes(content=content).decode()
    assert f'<th scope="row">{series[1]["year"]}</th><td>–</td>' in html
    # The own line is drawn around the missing year: the year before it stands alone (a
    # marker and no line), the years after it are one piece; then the legend's sample.
    svg = series_svg(series=series, title="t", ident="x")
    (own_line,) = re.findall(r'<path d="([^"]+)" fill="none" stroke="#1f4e79"', svg)
    assert own_line.count("M") == 2 and own_line.count("L") == len(series) - 3


def test_a_chart_marks_its_points_with_a_shape_a_line_in_one_path_each():
    series = sample_content()["areas"][0]["goals"][0]["indicators"][0]["series"]
    svg = series_svg(series=series, title="t", ident="x")
    # Every point and the legend's sample get their line's marker, of a shape of its
    # own (circle, square, diamond), all drawn by one path, not by an element each.
    markers = {colour: d for d, colour in re.findall(r'<path d="([^"]+)" fill="(#[0-9a-f]{6})"', svg)}
    assert list(markers) == ["#1f4e79", "#b85c00", "#4d4d4d"]
    own, county, national = markers.values()
    # One year has no own value: one marker fewer, but the legend's.
    assert own.count("z") == len(series) and own.count("a3.5,3.5") == 2 * len(series)
    assert county.count("h6v6") == national.count("l4.2,4.2") == len(series) + 1
    assert "<marker" not in svg and "<circle" not in svg and "<polyline" not in svg


def test_the_pdf_shows_each_chart_as_an_image_of_the_same_svg_with_its_title_as_text():
    content = sample_content()
    indicator = content["areas"][0]["goals"][0]["indicators"][0]
    title = f"{indicator['name']} ({indicator['unit']})"
    html = render_report_html(content=content, pdf=True)
    assert "<svg" not in html
    images = re.findall(r'<img class="chart" width="480" height="220" alt="([^"]+)" '
                        r'src="data:image/svg\+xml;base64,([^"]+)">', html)
    assert len(images) == 14 and images[0][0] == title
    svg = base64.b64decode(images[0][1]).decode()
    assert f"<title id=\"diagram-{content['areas'][0]['id']}-{indicator['id']}\">{title}</title>" in svg
    # The same picture, its labels placed by their widths instead of by text-anchor.
    web = series_svg(series=indicator["series"], title=title, ident="x")
    assert "text-anchor" not in svg and web.count("<text") == svg.count("<text") == 15
    assert re.findall(r"<path[^>]*>", web) == re.findall(r"<path[^>]*>", svg)


def test_the_pdfs_tables_come_without_scroll_regions():
    content = sample_content()
    web, paper = html_bytes(content=content).decode(), render_report_html(content=content, pdf=True)
    assert web.count('<div class="table-scroll" role="region"') == web.count("<table") == 47
    assert "table-scroll" not in paper and paper.count("<table") == 47


def test_a_chart_image_escapes_its_title():
    img = series_img(series=[{"year": 2025, "own": 1.0}], title='"><script>', ident="x")
    assert 'alt="&quot;&gt;&lt;script&gt;"' in img


def test_text_from_users_is_escaped():
    content = sample_content()
    content["areas"][0]["analysis"] = '<img src=x onerror="alert(1)">'
    content["areas"][0]["goals"][0]["indicators"][0]["name"] = "</title><script>alert(2)</script>"
    html = html_bytes(content=content).decode()
    assert "<img src=x" not in html and "<script>" not in html
    assert "&lt;img src=x" in html


def test_the_page_loads_nothing_from_elsewhere():
    html = html_bytes(content=sample_content()).decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@import" not in html


def test_decimal_commas_in_the_tables():
    content = sample_content()
    content["areas"][0]["goals"][0]["indicators"][0]["series"][0]["own"] = 12.5
    assert "<td>12,5</td>" in html_bytes(content=content).decode()
