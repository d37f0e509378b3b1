"""Cursor pages: a stable order that lists every row once, a page size up to the limit,
and a larger one refused with a Swedish message rather than silently cut."""

import pytest

from api import pagination
from api.tests.factories import api_records, bearer, token_for
from organizations.models import Organization


@pytest.fixture
def auth(town):
    return bearer(token_for(town.users["coordinator"]))


def test_pages_list_every_row_once_in_a_stable_order(client, town, auth):
    ids, url = [], "/api/v1/organizations/?page_size=3"
    while url:
        page = client.get(url, **auth).json()
        ids += [row["id"] for row in page["results"]]
        url = page["next"]
    assert ids == sorted(Organization.objects.filter(municipality=town.municipality).values_list("pk", flat=True))


def test_a_page_size_over_the_limit_is_refused_with_a_message(client, auth, settings):
    settings.API_MAX_PAGE_SIZE = 50
    response = client.get("/api/v1/organizations/?page_size=51", **auth)
    assert response.status_code == 400
    assert response.json() == {"page_size": [str(pagination.PAGE_SIZE_TOO_LARGE % {"max": 50})]}


def test_the_largest_page_size_is_accepted(client, auth, settings):
    settings.API_MAX_PAGE_SIZE = 50
    assert client.get("/api/v1/organizations/?page_size=50", **auth).status_code == 200


@pytest.mark.parametrize("size", ["0", "-1", "många"])
def test_a_page_size_that_is_no_positive_number_is_refused(client, auth, size):
    response = client.get(f"/api/v1/organizations/?page_size={size}", **auth)
    assert response.status_code == 400
    assert response.json() == {"page_size": [str(pagination.PAGE_SIZE_INVALID % {"max": 5000})]}


def test_a_made_up_cursor_is_refused_in_swedish(client, auth):
    response = client.get("/api/v1/organizations/?cursor=inte-en-markor", **auth)
    assert response.status_code == 404
    assert response.json()["detail"] == str(pagination.CURSOR_INVALID)


def test_all_municipalities_values_of_one_kpi_fit_one_page(client, town, auth):
    kpi = api_records(town, rows=12).kpi
    page = client.get(f"/api/v1/kpis/{kpi.pk}/values/?page_size=5000", **auth).json()
    assert len(page["results"]) == 13 and page["next"] is None
