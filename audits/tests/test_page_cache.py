"""An audit's page read from the cache: fewer queries when nothing changed, each change
to what it shows seen on the next request, and each reader's own links."""

import datetime

import pytest
from django.urls import reverse

from audits import services
from audits.models import AuditResponse
from audits.tests.factories import AuditFactory, AuditResponseFactory, RecommendationFactory
from organizations.models import Membership

Role = Membership.Role


@pytest.fixture
def audit(town):
    audit = AuditFactory(municipality=town.municipality, response_by=datetime.date(2020, 1, 1))
    audit.response_from.add(town.board)
    RecommendationFactory(audit=audit, organization=town.board, text="Ta fram en handlingsplan.")
    return audit


def _page(client, user, audit) -> str:
    client.force_login(user)
    response = client.get(audit.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_read_again_unchanged_the_lists_are_not_read(client, town, audit, django_assert_max_num_queries):
    _page(client, town.users[Role.AUDITOR], audit)
    # What the page asks besides its lists (the reader, the audit, its audited
    # organisations, the rights) and one fingerprint: against sixteen when built.
    with django_assert_max_num_queries(8):
        client.get(audit.get_absolute_url())


def test_a_measure_planned_is_on_the_next_request(client, town, audit):
    assert "Ordna språkpraktik" not in _page(client, town.users[Role.AUDITOR], audit)
    services.measure_create(recommendation=audit.recommendations.get(), data={
        "description": "Ordna språkpraktik", "owner": town.board, "due_date": datetime.date(2027, 6, 30)})
    assert "Ordna språkpraktik" in _page(client, town.users[Role.AUDITOR], audit)


def test_an_answer_recorded_is_on_the_next_request(client, town, audit):
    page = _page(client, town.users[Role.AUDITOR], audit)
    assert "Har inte svarat:" in page and "Vi tillstyrker rekommendationen." not in page
    recommendation = audit.recommendations.get()
    services.audit_response_record(audit=audit, organization=town.board, data={
        "decision": AuditResponse.Decision.ENDORSES, "meeting_date": datetime.date(2026, 4, 20),
        "paragraph": "§ 45"}, answers={recommendation.pk: "Vi tillstyrker rekommendationen."})
    page = _page(client, town.users[Role.AUDITOR], audit)
    assert "Vi tillstyrker rekommendationen." in page and "Har inte svarat:" not in page


def test_a_recommendation_changed_is_on_the_next_request(client, town, audit):
    _page(client, town.users[Role.AUDITOR], audit)
    recommendation = audit.recommendations.get()
    recommendation.text = "Ta fram en handlingsplan med mål."
    recommendation.save()
    assert "Ta fram en handlingsplan med mål." in _page(client, town.users[Role.AUDITOR], audit)


def test_each_reader_sees_only_the_links_they_may_follow(client, town, audit):
    plan = reverse("audits:measure_create", args=[audit.recommendations.get().pk])
    record = reverse("audits:response_create", args=[audit.pk, town.board.pk])
    assert plan not in _page(client, town.users[Role.AUDITOR], audit)
    assert record not in _page(client, town.users[Role.AUDITOR], audit)
    coordinator = _page(client, town.users[Role.COORDINATOR], audit)
    assert plan in coordinator and record in coordinator
    assert plan not in _page(client, town.users[Role.AUDITOR], audit)


def test_another_audits_answers_are_not_this_ones(client, town, audit):
    other = AuditFactory(municipality=town.municipality)
    AuditResponseFactory(audit=other, organization=town.other_board)
    _page(client, town.users[Role.AUDITOR], audit)
    assert town.other_board.name not in _page(client, town.users[Role.AUDITOR], audit)
