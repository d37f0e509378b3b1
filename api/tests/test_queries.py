"""Every API list runs a fixed number of queries however many rows it lists: ten of each
record, so that one query per row would show."""

import pytest

from api.tests.factories import api_records, bearer, token_for

ROWS = 10
# Token, its last use, the caller's memberships, the page and what it nests.
LISTS = {
    "/api/v1/organizations/": 6,
    "/api/v1/programs/": 7,
    "/api/v1/goals/": 6,
    "/api/v1/indicators/": 9,
    "/api/v1/action-plans/": 8,
    "/api/v1/cycles/": 8,
    "/api/v1/kpis/": 6,
    "/api/v1/kpis/N00001/values/": 7,
    "/api/v1/kpis/N00001/comparison/": 8,
    "/api/v1/audits/": 11,
    "/api/v1/measures/": 6,
}


@pytest.mark.parametrize("url", sorted(LISTS))
def test_a_list_runs_a_fixed_number_of_queries(client, town, url, django_assert_max_num_queries):
    records = api_records(town, rows=ROWS)
    auth = bearer(token_for(town.users["coordinator"]))
    with django_assert_max_num_queries(LISTS[url]):
        response = client.get(url, **auth)
    assert response.status_code == 200
    assert records


def test_a_cycles_completeness_runs_a_fixed_number_of_queries(client, town, django_assert_max_num_queries):
    cycle = api_records(town, rows=ROWS).cycle
    auth = bearer(token_for(town.users["coordinator"]))
    with django_assert_max_num_queries(16):
        assert client.get(f"/api/v1/cycles/{cycle.pk}/", **auth).status_code == 200
