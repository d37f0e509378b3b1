import datetime

import pytest
from django.core.exceptions import ValidationError

from core.tests.factories import UserFactory
from core.versioning import StaleEditError
from followup import services
from followup.models import CycleOrganization, FollowUpCycle
from notifications.models import OutboxMessage
from organizations.tests.factories import MembershipFactory


def _open(setup, respondents):
    return services.cycle_open(
        program=setup.program, year=2027, questionnaire=setup.questionnaire, opens_on=datetime.date(2027, 2, 1),
        deadline=datetime.date(2027, 3, 31), respondents=respondents,
    )


def test_a_cycle_asking_no_organisation_is_refused(setup):
    with pytest.raises(ValidationError) as refused:
        _open(setup, {})
    assert str(services.NO_ORGANIZATION_ASKED) in refused.value.messages
    assert not FollowUpCycle.objects.filter(year=2027).exists()


def test_a_respondent_who_does_not_work_in_the_municipality_is_refused(setup, town):
    stranger = MembershipFactory().user
    with pytest.raises(ValidationError) as refused:
        _open(setup, {town.board: (stranger, None)})
    assert "arbetar inte i kommunen" in refused.value.messages[0]
    assert not FollowUpCycle.objects.filter(year=2027).exists()
    assert not OutboxMessage.objects.filter(recipient=stranger.email).exists()


def test_naming_a_new_backup_invites_only_the_person_newly_named(setup, town):
    backup = UserFactory()
    MembershipFactory(user=backup, organization=town.board)
    before = OutboxMessage.objects.count()
    services.response_people_update(response=setup.response, respondent=town.users["respondent"], backup=backup,
                                    seen_version=setup.response.version)
    assert list(OutboxMessage.objects.order_by("pk").values_list("recipient", flat=True)[before:]) == [backup.email]


def test_people_cannot_be_changed_in_a_closed_cycle(setup, town):
    services.cycle_close(cycle=setup.cycle)
    response = CycleOrganization.objects.get(pk=setup.response.pk)
    with pytest.raises(ValidationError):
        services.response_people_update(response=response, respondent=None, backup=None,
                                        seen_version=response.version)
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent == town.users["respondent"]


def test_a_closed_cycle_cannot_be_closed_again_and_a_stale_close_is_refused(setup):
    seen = setup.cycle.version
    services.cycle_close(cycle=setup.cycle)
    with pytest.raises(ValidationError) as refused:
        services.cycle_close(cycle=setup.cycle)
    assert str(services.CYCLE_ALREADY_CLOSED) in refused.value.messages
    cycle = FollowUpCycle.objects.get(pk=setup.cycle.pk)
    cycle.status = FollowUpCycle.Status.OPEN
    cycle.save()
    with pytest.raises(StaleEditError):
        services.cycle_close(cycle=cycle, seen_version=seen)
    assert cycle.is_open and FollowUpCycle.objects.get(pk=cycle.pk).is_open
