"""The overview runs as many queries for ten times the records: each role's section reads
its rows in a fixed number of queries, never one a row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    few = _queries(client)

    fill(town, boards=10, years=(2025, 2026), audits=10, areas=10)
    # The user's own roles are listed too: ten more of them.
    for _ in range(10):
        MembershipFactory(user=user, role=role,
                          organization=OrganizationFactory(municipality=town.municipality, parent=town.council))

    assert _queries(client) == few
