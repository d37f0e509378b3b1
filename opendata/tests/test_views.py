import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opendata.selectors import DATASETS
from opendata.tests.factories import (
    SENTINEL_FIGURE, SENTINEL_TEXT, SENTINEL_YEAR, published_report, unpublished_everywhere,
)
from reports.tests.content_samples import sample_content


def open_urls() -> list[str]:
    """Every address the open data is offered at."""
    urls = [reverse(name) for name in ("opendata:catalogue", "opendata:catalogue_turtle", "opendata:catalogue_jsonld")]
    for slug in DATASETS:
        urls += [reverse("opendata:dataset_csv", args=[slug]), reverse("opendata:dataset_json", args=[slug])]
    return urls


def _text(response) -> str:
    return response.content.decode("utf-8")


def test_nothing_unpublished_appears_at_any_open_url(client, town):
    published = published_report(municipality=town.municipality)
    hidden = unpublished_everywhere(published)
    for url in open_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        for needle in (SENTINEL_TEXT, str(SENTINEL_FIGURE), "98765", str(SENTINEL_YEAR)):
            assert needle not in text, f"{needle} from an unpublished version at {url}"
        for version in hidden:
            assert reverse("public:report_detail", args=[version.pk]) not in text, url
    # The sentinel is really there to be found, were an unpublished version read.
    assert all(SENTINEL_TEXT in json.dumps(version.content, ensure_ascii=False) for version in hidden)


def test_the_demos_published_report_appears_in_every_dataset(client, db):
    call_command("load_demo", stdout=io.StringIO())
    from reports.services.publication import published_versions

    version = published_versions().get()
    year = str(version.report.cycle.year)
    page = _text(client.get(reverse("opendata:catalogue")))
    assert reverse("public:report_detail", args=[version.pk]) in page
    for slug in DATASETS:
        rows = list(csv.DictReader(io.StringIO(_text(client.get(reverse("opendata:dataset_csv", args=[slug]))))))
        assert rows and {row["report_year"] for row in rows} == {year}, slug
        document = json.loads(client.get(reverse("opendata:dataset_json", args=[slug])).content)
        assert len(document["rows"]) == len(rows)
    indicator = version.content["areas"][0]["goals"][0]["indicators"][0]
    assert indicator["name"] in _text(client.get(reverse("opendata:dataset_csv", args=["indikatorer"])))


def test_the_csv_is_utf8_with_commas_and_no_live_formula(client, town):
    content = sample_content(organizations=3, year=2025)
    content["responses"][0]["organization"] = "=HYPERLINK(\"http://x.example\",\"Klicka\")"
    content["responses"][1]["organization"] = "Nämnden för äldre, vård"
    published_report(municipality=town.municipality, content=content)

    response = client.get(reverse("opendata:dataset_csv", args=["svar"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(_text(response))))
    assert list(rows[0]) == DATASETS["svar"].column_names
    assert rows[0]["organization"] == "'=HYPERLINK(\"http://x.example\",\"Klicka\")"
    assert rows[1]["organization"] == "Nämnden för äldre, vård"


def test_the_json_names_its_licence_and_columns(client, town, settings):
    settings.OPEN_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
    published_report(municipality=town.municipality)

    document = json.loads(client.get(reverse("opendata:dataset_json", args=["indikatorer"])).content)

    assert document["license"] == settings.OPEN_DATA_LICENSE
    assert [column["name"] for column in document["columns"]] == DATASETS["indikatorer"].column_names
    assert set(document["rows"][0]) == set(DATASETS["indikatorer"].column_names)
    page = _text(client.get(reverse("opendata:catalogue")))
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0<' in page


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/oppna-data/hemligt.csv").status_code == 404
    assert client.get("/oppna-data/hemligt.json").status_code == 404


def test_the_page_links_every_download_and_both_catalogue_formats(client, db):
    page = _text(client.get(reverse("opendata:catalogue")))
    for url in open_urls()[1:]:
        assert f'href="{url}"' in page


def test_the_public_reports_and_every_page_footer_link_the_open_data(client, db):
    link = f'href="{reverse("opendata:catalogue")}"'
    # The published reports' page in its text and in the footer; every page in the footer.
    assert _text(client.get(reverse("public:report_list"))).count(link) == 2
    footer = _text(client.get(reverse("core:home"))).split("<footer", 1)[1]
    assert link in footer


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", open_urls())
def test_every_open_url_runs_the_same_queries_however_many_reports_are_published(client, town, url):
    published_report(municipality=town.municipality, content=sample_content(organizations=2, year=2023))
    few = _queries(client, url)
    for year in (2024, 2025, 2026):
        published_report(municipality=town.municipality, content=sample_content(organizations=12, year=year))
    assert _queries(client, url) == few
