"""Every API list runs the same number of queries however many rows there are: each is
counted exactly with one record of each kind and with more than a page of them, so that
one query per row, or per nested row, would show."""

import pytest

from api.pagination import DEFAULT_PAGE_SIZE
from api.tests.factories import api_records, bearer, token_for
from audits.models.response import RecommendationAnswer
from audits.tests.factories import AuditResponseFactory, MeasureFactory, RecommendationFactory

# Token, its last use, the caller's memberships, the page and what it nests.
LISTS = {
    "/api/v1/organizations/": 6,
    "/api/v1/programs/": 7,
    "/api/v1/goals/": 6,
    "/api/v1/indicators/": 9,
    "/api/v1/action-plans/": 6,
    "/api/v1/action-plans/{action_plan}/activities/": 8,
    "/api/v1/cycles/": 6,
    "/api/v1/cycles/{cycle}/organizations/": 7,
    "/api/v1/kpis/": 6,
    "/api/v1/kpis/N00001/values/": 7,
    "/api/v1/kpis/N00001/comparison/": 8,
    "/api/v1/audits/": 6,
    "/api/v1/measures/": 6,
}


@pytest.mark.parametrize("rows", [1, DEFAULT_PAGE_SIZE + 5])
@pytest.mark.parametrize("url", sorted(LISTS))
def test_a_list_runs_a_fixed_number_of_queries(client, town, url, rows, django_assert_num_queries):
    records = api_records(town, rows=rows)
    auth = bearer(token_for(town.users["coordinator"]))
    path = url.format(action_plan=records.action_plan.pk, cycle=records.cycle.pk)
    with django_assert_num_queries(LISTS[url]):
        response = client.get(path, **auth)
    assert response.status_code == 200


def test_a_cycles_completeness_runs_a_fixed_number_of_queries(client, town, django_assert_max_num_queries):
    cycle = api_records(town, rows=10).cycle
    auth = bearer(token_for(town.users["coordinator"]))
    with django_assert_max_num_queries(16):
        assert client.get(f"/api/v1/cycles/{cycle.pk}/", **auth).status_code == 200



@pytest.mark.parametrize("recommendations", [1, 10])
def test_an_audits_page_runs_a_fixed_number_of_queries(client, town, recommendations, django_assert_num_queries):
    audit = api_records(town).audit
    response = AuditResponseFactory(audit=audit, organization=town.other_board)
    for _ in range(recommendations):
        recommendation = RecommendationFactory(audit=audit, organization=town.other_board)
        RecommendationAnswer.objects.create(response=response, recommendation=recommendation, text="Vi tillstyrker.")
        MeasureFactory(recommendation=recommendation, owner=town.other_board)
    auth = bearer(token_for(town.users["coordinator"]))
    # Token, its last use, memberships, the municipality; the audit, its questions,
    # recommendations, their answers, their measures, its responses.
    with django_assert_num_queries(11):
        assert client.get(f"/api/v1/audits/{audit.pk}/", **auth).status_code == 200
