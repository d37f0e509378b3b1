"""The statistics list's rows, written by one tag from plain rows."""

from django.template import Context, Template

from kpis.models import Kpi


def _rows(kpis) -> str:
    return Template("{% load kpis_tags %}{% kpi_rows kpis %}").render(Context({"kpis": kpis}))


def _kpi(**fields) -> dict:
    return {"id": "N00001", "title": "Andel i arbete", "source": Kpi.Source.KOLADA, "is_placeholder": False,
            "is_divided_by_gender": False, "latest_year": 2024, **fields}


def test_a_row_links_to_the_kpis_page_with_its_id_source_and_latest_year():
    html = _rows([_kpi()])
    assert f'href="{Kpi(id="N00001").get_absolute_url()}">Andel i arbete</a>' in html
    assert "<td>N00001</td>" in html and "<td>Kolada</td>" in html and "<td>2024</td>" in html


def test_a_local_kpi_links_as_its_page_does_and_shows_its_source():
    html = _rows([_kpi(id="L-bo_1", source=Kpi.Source.LOCAL)])
    assert f'href="{Kpi(id="L-bo_1").get_absolute_url()}"' in html and "<td>Eget nyckeltal</td>" in html


def test_the_tags_show_what_the_kpi_lacks_or_has_and_a_dash_for_no_year():
    html = _rows([_kpi(is_placeholder=True, is_divided_by_gender=True, latest_year=None)])
    assert "Saknar metadata" in html and "Per kön" in html and "<td>—</td>" in html
    assert "Saknar metadata" not in _rows([_kpi()]) and "Per kön" not in _rows([_kpi()])


def test_every_text_is_escaped():
    html = _rows([_kpi(title='<script>alert("x")</script>')])
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
