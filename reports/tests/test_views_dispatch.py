import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.tests.factories import CycleOrganizationFactory
from notifications.models import OutboxMessage
from reports.models import Decision, Dispatch
from reports.services import dispatch as services
from reports.tests.factories_dispatch import ApprovedVersionFactory, DecisionFactory, DispatchFactory
from steering.tests.factories import ProgramFactory


@pytest.fixture
def version(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    version = ApprovedVersionFactory(report__cycle__questionnaire__program=program)
    for organization in (town.board, town.other_board, town.company):
        CycleOrganizationFactory(cycle=version.report.cycle, organization=organization)
    return version


def _link(token):
    return reverse("reports:acknowledge_link", kwargs={"token": token})


def test_the_coordinator_dispatches_and_sees_the_status(client, town, version, settings):
    settings.SITE_URL = "https://uppsikt.sjostad.example"
    DecisionFactory(report_version=version, organization=town.board)
    DecisionFactory(report_version=version, organization=town.executive, wording=Decision.Wording.FILES)
    client.force_login(town.users["coordinator"])
    response = client.post(reverse("reports:dispatch_send", kwargs={"pk": version.pk}))
    assert response.status_code == 302 and Dispatch.objects.count() == 3
    assert OutboxMessage.objects.filter(body__contains="https://uppsikt.sjostad.example/rapporter/kvittera/").exists()
    client.force_login(town.users["ks_official"])
    page = client.get(reverse("reports:dispatch_status", kwargs={"pk": version.pk}))
    assert page.status_code == 200
    assert "3 organisationer har inte kvitterat." in page.content.decode()


def test_dispatch_before_filing_shows_the_message_and_sends_nothing(client, town, version):
    client.force_login(town.users["coordinator"])
    response = client.post(reverse("reports:dispatch_send", kwargs={"pk": version.pk}), follow=True)
    assert str(services.NOT_FILED) in response.content.decode()
    assert not Dispatch.objects.exists() and not OutboxMessage.objects.exists()


def test_anyone_with_the_link_acknowledges_without_an_account(client, town):
    dispatch = DispatchFactory(token_hash=services.token_hash("hemlig"))
    assert "Kvittera mottagandet" in client.get(_link("hemlig")).content.decode()
    response = client.post(_link("hemlig"), {"name": "Eva Ek", "other": "Vi planerar fler språkombud."})
    assert "Mottagandet är kvitterat" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.acknowledged_by_name == "Eva Ek" and dispatch.acknowledged_by is None


@pytest.mark.parametrize("case", ["forged", "expired", "used"])
def test_a_link_that_cannot_be_used_gets_a_page_saying_why_and_changes_nothing(client, town, case):
    expires = timezone.now() + datetime.timedelta(days=(-1 if case == "expired" else 30))
    dispatch = DispatchFactory(token_hash=services.token_hash("hemlig"), expires_at=expires)
    if case == "used":
        Dispatch.objects.filter(pk=dispatch.pk).update(acknowledged_at=timezone.now(), acknowledged_by_name="Först")
    before = Dispatch.objects.values().get()
    token = "annan" if case == "forged" else "hemlig"
    message = {"forged": services.LINK_INVALID, "expired": services.LINK_EXPIRED,
               "used": services.ALREADY_ACKNOWLEDGED}[case]
    for response in (client.get(_link(token)), client.post(_link(token), {"name": "Sen", "other": "x"})):
        assert response.status_code == 200
        assert str(message) in response.content.decode()
    assert Dispatch.objects.values().get() == before


def test_the_link_is_rate_limited(client, town, settings):
    settings.RATELIMIT_ENABLE = True
    from django.conf import settings as live

    limit = int(live.RATELIMIT_TOKEN_LINK_PER_IP.split("/")[0])
    statuses = [client.get(_link(f"gissning-{n}")).status_code for n in range(limit + 1)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}


def test_the_secretary_acknowledges_with_a_button_when_logged_in(client, town):
    dispatch = DispatchFactory(organization=town.board)
    client.force_login(town.users["secretary"])
    url = reverse("reports:dispatch_acknowledge", kwargs={"pk": dispatch.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"other": "Tas upp i nämnden i maj."})
    dispatch.refresh_from_db()
    assert dispatch.acknowledged_by == town.users["secretary"]


def test_another_organisations_secretary_cannot_acknowledge(client, town):
    dispatch = DispatchFactory(organization=town.other_board)
    client.force_login(town.users["secretary"])
    url = reverse("reports:dispatch_acknowledge", kwargs={"pk": dispatch.pk})
    assert client.post(url, {"other": "x"}).status_code == 403
    dispatch.refresh_from_db()
    assert not dispatch.is_acknowledged


def test_the_status_page_runs_a_fixed_number_of_queries(client, town, version, django_assert_max_num_queries):
    for _ in range(25):
        DispatchFactory(version=version)
    DecisionFactory(report_version=version, organization=town.board)
    client.force_login(town.users["ks_official"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reports:dispatch_status", kwargs={"pk": version.pk}))
    assert response.content.decode().count("Inte kvitterad") == 25
