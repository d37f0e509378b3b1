"""The overview runs as many queries for ten times the records: each role's section reads
its rows in a fixed number of queries, never one a row."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.tests.factories import AuditFactory, RecommendationFactory
from core.tests.test_dashboard import fill
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory, OrganizationFactory

Role = Membership.Role


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:dashboard")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.KS_OFFICIAL, Role.COORDINATOR, Role.RESPONDENT, Role.SECRETARY,
                                  Role.AUDITOR, Role.POLITICIAN])
def test_each_roles_overview_runs_as_many_queries_for_ten_times_the_records(client, town, role):
    fill(town, boards=1, years=(2024,), audits=1, areas=1)
    user = town.users[role]
    client.force_login(user)
    _queries(client)
    few = _built_and_cached(client)

    fill(town, boards=10, years=(2025, 2026), audits=10, areas=10)
    # The user's own roles are listed too: ten more of them.
    for _ in range(10):
        MembershipFactory(user=user, role=role,
                          organization=OrganizationFactory(municipality=town.municipality, parent=town.council))

    assert _built_and_cached(client) == few


def _built_and_cached(client) -> tuple[int, int]:
    """The queries of the overview built anew (a section kept in the cache is built on the
    first request after a change) and of the same overview read again."""
    cache.clear()
    return _queries(client), _queries(client)


def test_the_secretary_sees_answers_asked_below_the_board_and_none_of_another_board(client, town):
    below = AuditFactory(municipality=town.municipality, title="Förvaltningens granskning")
    RecommendationFactory(audit=below, organization=town.administration)
    beside = AuditFactory(municipality=town.municipality, title="Grannförvaltningens granskning")
    RecommendationFactory(audit=beside, organization=town.other_administration)
    client.force_login(town.users[Role.SECRETARY])

    page = client.get(reverse("core:dashboard")).content.decode()

    assert reverse("audits:response_create", kwargs={"pk": below.pk, "organization_pk": town.administration.pk}) in page
    assert "Grannförvaltningens granskning" not in page
