"""The audit list, the follow-up overview and an audit's page run as many queries for ten
times the audits, recommendations, answers and measures: never a query a row."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import Audit, Measure
from audits.tests.factories import AuditFactory, AuditResponseFactory, MeasureFactory, RecommendationFactory
from organizations.models import Membership
from organizations.tests.factories import OrganizationFactory

Role = Membership.Role
LONG_AGO = datetime.date(2020, 1, 1)


def _fill(town, *, audits: int, boards: int) -> None:
    organizations = [OrganizationFactory(municipality=town.municipality, parent=town.council) for _ in range(boards)]
    for _ in range(audits):
        audit = AuditFactory(municipality=town.municipality, response_by=LONG_AGO)
        audit.response_from.add(*organizations)
        audit.audited_organizations.add(*organizations)
        for index, organization in enumerate(organizations):
            recommendation = RecommendationFactory(audit=audit, organization=organization)
            if index % 2:
                AuditResponseFactory(audit=audit, organization=organization)
                MeasureFactory(recommendation=recommendation, due_date=LONG_AGO)
                MeasureFactory(recommendation=recommendation, status=Measure.Status.DONE, evidence_note="Klart")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.KS_OFFICIAL])
def test_the_audit_pages_run_as_many_queries_for_ten_times_the_records(client, town, role):
    _fill(town, audits=1, boards=2)
    first = Audit.objects.get()
    client.force_login(town.users[role])
    urls = [reverse("audits:audit_list"), reverse("audits:followup_overview"),
            reverse("audits:followup_overview") + f"?granskning={first.pk}", first.get_absolute_url()]
    for url in urls:
        _queries(client, url)
    few = [_built_and_cached(client, url) for url in urls]

    _fill(town, audits=10, boards=10)
    newest = Audit.objects.exclude(pk=first.pk).first()
    urls[-1] = newest.get_absolute_url()

    assert [_built_and_cached(client, url) for url in urls] == few


def _built_and_cached(client, url) -> tuple[int, int]:
    """The page's queries built anew (the audit's page keeps its lists in the cache) and
    read again."""
    cache.clear()
    return _queries(client, url), _queries(client, url)
