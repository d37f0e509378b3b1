import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from followup.tests.factories import CycleOrganizationFactory
from notifications.models import OutboxMessage
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory
from reports.models import Decision, Dispatch
from reports.services import dispatch as services
from reports.tests.factories_dispatch import (
    ApprovedVersionFactory, DecisionFactory, DevelopmentAreaFactory, DispatchFactory,
)
from steering.tests.factories import ProgramFactory

BASE = "https://uppsikt.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = BASE


@pytest.fixture
def version(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    version = ApprovedVersionFactory(report__cycle__questionnaire__program=program)
    for organization in (town.board, town.other_board, town.company, town.administration):
        CycleOrganizationFactory(cycle=version.report.cycle, organization=organization)
    return version


def _file(version, town):
    DecisionFactory(report_version=version, organization=town.board)
    DecisionFactory(report_version=version, organization=town.executive, wording=Decision.Wording.FILES)


def test_dispatch_is_refused_before_ks_has_filed_the_report(town, version):
    DecisionFactory(report_version=version, organization=town.board)
    with pytest.raises(ValidationError) as error:
        services.dispatch_send(version=version, by=None)
    assert error.value.messages == [str(services.NOT_FILED)]
    assert not Dispatch.objects.exists() and not OutboxMessage.objects.exists()


def test_every_board_and_company_asked_gets_the_report_with_its_own_link(town, version):
    _file(version, town)
    MembershipFactory(organization=town.company, role=Membership.Role.SECRETARY, user__email="sekr@bostader.example")
    sent = services.dispatch_send(version=version, by=town.users["coordinator"])
    assert sorted(d.organization.name for d in sent) == ["AB Bostäder", "Arbetslivsnämnden", "Förskolenämnden"]
    company_mail = OutboxMessage.objects.filter(topic=f"reports:{version.pk}:dispatch:{town.company.pk}")
    assert sorted(company_mail.values_list("recipient", flat=True)) == sorted(
        [town.company.registry_email, "sekr@bostader.example"])
    # The link is in the e-mail; the database keeps only its hash.
    body = company_mail.first().body
    token = body.split(f"{BASE}/rapporter/kvittera/")[1].split("/")[0]
    dispatch = Dispatch.objects.get(organization=town.company)
    assert dispatch.token_hash == services.token_hash(token) and token not in dispatch.token_hash
    assert services.dispatch_for_token(token=token) == dispatch
    # Someone with an account may acknowledge logged in instead.
    assert f"{BASE}/rapporter/expedieringar/{dispatch.pk}/kvittera/" in body


def test_a_second_dispatch_sends_to_none_twice(town, version):
    _file(version, town)
    services.dispatch_send(version=version, by=None)
    messages = OutboxMessage.objects.count()
    with pytest.raises(ValidationError) as error:
        services.dispatch_send(version=version, by=None)
    assert error.value.messages == [str(services.NOTHING_TO_DISPATCH)]
    assert OutboxMessage.objects.count() == messages


def _ack(dispatch, token, **extra):
    data = {"actions": {}, "other": "Vi tar upp rapporten i nämnden.", "name": "Eva Ek", "token": token}
    data.update(extra)
    return services.dispatch_acknowledge(dispatch=dispatch, **data)


def test_a_link_acknowledges_once_with_the_planned_actions(town):
    dispatch = DispatchFactory(organization__name="Kulturnämnden", token_hash=services.token_hash("rätt"))
    area = DevelopmentAreaFactory(report=dispatch.version.report, owner=dispatch.organization, title="Språk")
    _ack(dispatch, "rätt", actions={area.pk: "Fler språkombud."})
    dispatch.refresh_from_db()
    assert dispatch.is_acknowledged and dispatch.acknowledged_by_name == "Eva Ek"
    assert dispatch.planned_actions == "Språk: Fler språkombud.\n\nVi tar upp rapporten i nämnden."


def test_a_link_used_twice_is_refused_and_changes_nothing(town):
    dispatch = DispatchFactory(token_hash=services.token_hash("rätt"))
    _ack(dispatch, "rätt")
    before = Dispatch.objects.values().get()
    with pytest.raises(ValidationError) as error:
        _ack(dispatch, "rätt", name="Någon annan", other="Annat")
    assert error.value.messages == [str(services.ALREADY_ACKNOWLEDGED)]
    assert Dispatch.objects.values().get() == before


def test_an_expired_link_is_refused_and_changes_nothing(town):
    dispatch = DispatchFactory(token_hash=services.token_hash("rätt"),
                               expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        _ack(dispatch, "rätt")
    assert error.value.messages == [str(services.LINK_EXPIRED)]
    dispatch.refresh_from_db()
    assert not dispatch.is_acknowledged and dispatch.planned_actions == ""


def test_a_forged_link_is_refused_and_changes_nothing(town):
    dispatch = DispatchFactory(token_hash=services.token_hash("rätt"))
    with pytest.raises(ValidationError) as error:
        _ack(dispatch, "förfalskad")
    assert error.value.messages == [str(services.LINK_INVALID)]
    dispatch.refresh_from_db()
    assert not dispatch.is_acknowledged


def test_actions_are_required_for_each_development_area_the_organisation_owns(town):
    dispatch = DispatchFactory(token_hash=services.token_hash("rätt"))
    area = DevelopmentAreaFactory(report=dispatch.version.report, owner=dispatch.organization)
    DevelopmentAreaFactory(report=dispatch.version.report)  # another organisation's
    with pytest.raises(ValidationError) as error:
        _ack(dispatch, "rätt", actions={area.pk: "  "})
    assert error.value.message_dict == {f"area_{area.pk}": [str(services.ACTIONS_MISSING)]}
    dispatch.refresh_from_db()
    assert not dispatch.is_acknowledged


def test_a_link_needs_the_acknowledgers_name(town):
    dispatch = DispatchFactory(token_hash=services.token_hash("rätt"))
    with pytest.raises(ValidationError) as error:
        _ack(dispatch, "rätt", name=" ")
    assert error.value.message_dict == {"name": [str(services.NAME_MISSING)]}
    dispatch.refresh_from_db()
    assert not dispatch.is_acknowledged


def test_logged_in_the_account_is_recorded(town):
    dispatch = DispatchFactory(organization=town.board)
    user = town.users["secretary"]
    services.dispatch_acknowledge(dispatch=dispatch, actions={}, by=user)
    dispatch.refresh_from_db()
    assert dispatch.acknowledged_by == user and dispatch.acknowledged_by_name == user.get_full_name()
