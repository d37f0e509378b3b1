import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction

from core.tests.factories import UserFactory
from core.versioning import StaleEditError
from django.utils import timezone

from followup import services, tasks
from followup.notify import reminders_send_due
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question
from followup.models.cycle import YEAR_OUT_OF_RANGE
from followup.tests.concurrency import run_in_parallel
from notifications.models import OutboxMessage
from organizations.tests.factories import MembershipFactory

Kind = Question.Kind
Status = CycleOrganization.Status


def _answer(setup, kind, value):
    return services.answer_save(response=setup.response, question=setup.questions[kind], value=value,
                                seen_version=None)


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


@pytest.mark.parametrize("role", ["auditor", "politician"])
def test_an_auditor_or_a_politician_cannot_be_named_to_answer(setup, town, role):
    person = town.users[role]
    with pytest.raises(ValidationError) as refused:
        services.response_people_update(response=setup.response, respondent=person, backup=None,
                                        seen_version=setup.response.version)
    assert refused.value.messages == [str(services.cycles.PERSON_NOT_A_RESPONDENT % {"person": person})]
    with pytest.raises(ValidationError):
        _open(setup, {town.board: (None, person)})
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent == town.users["respondent"]
    assert not FollowUpCycle.objects.filter(year=2027).exists()
    assert not OutboxMessage.objects.filter(recipient=person.email).exists()


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
    cycle.deadline += datetime.timedelta(days=7)  # a change the coordinator has not seen
    cycle.save()
    with pytest.raises(StaleEditError):
        services.cycle_close(cycle=cycle, seen_version=seen)
    assert cycle.is_open and FollowUpCycle.objects.get(pk=cycle.pk).is_open


def test_opening_a_cycle_asks_each_organisation_and_invites_its_respondent(setup, town):
    assert setup.response.respondent == town.users["respondent"]
    assert setup.response.status == Status.NOT_STARTED
    invitation = OutboxMessage.objects.get(template="followup/email/invitation")
    assert invitation.recipient == town.users["respondent"].email
    assert "Arbetslivsnämnden" in invitation.body


def test_opening_next_year_copies_last_years_answers_where_the_question_is_the_same(setup, town):
    _answer(setup, Kind.TEXT, "Språkcafé varje vecka.")
    _answer(setup, Kind.NUMBER, "12")
    next_questionnaire = services.questionnaire_new_version(questionnaire=setup.questionnaire)
    # A question whose kind changed is not the same question: its old answer is not offered.
    next_questionnaire.questions.filter(kind=Kind.NUMBER).update(kind=Kind.RATING)
    cycle = services.cycle_open(
        program=setup.program, year=2027, questionnaire=next_questionnaire, opens_on=datetime.date(2027, 2, 1),
        deadline=datetime.date(2027, 3, 31), respondents={town.board: (town.users["respondent"], None)},
    )
    [answer] = Answer.objects.filter(response__cycle=cycle)
    assert answer.text == "Språkcafé varje vecka." and answer.copied_from_previous
    assert answer.question.questionnaire == next_questionnaire


def _invitations():
    return OutboxMessage.objects.filter(template="followup/email/invitation", body__contains="2027")


def _open_later(setup, town, days):
    opens_on = timezone.localdate() + datetime.timedelta(days=days)
    return services.cycle_open(
        program=setup.program, year=2027, questionnaire=setup.questionnaire, opens_on=opens_on,
        deadline=opens_on + datetime.timedelta(days=60), respondents={town.board: (town.users["respondent"], None)},
    )


def test_a_cycle_opening_later_invites_nobody_until_its_opening_day_and_then_once(setup, town):
    cycle = _open_later(setup, town, days=10)
    assert not _invitations().exists()
    reminders_send_due(today=cycle.opens_on - datetime.timedelta(days=1))
    assert not _invitations().exists()
    reminders_send_due(today=cycle.opens_on)
    reminders_send_due(today=cycle.opens_on + datetime.timedelta(days=1))
    assert list(_invitations().values_list("recipient", flat=True)) == [town.users["respondent"].email]


def test_a_person_named_before_the_opening_day_is_invited_on_it_not_before(setup, town):
    cycle = _open_later(setup, town, days=10)
    response = cycle.organizations_asked.get()
    backup = UserFactory()
    MembershipFactory(user=backup, organization=town.board)
    services.response_people_update(response=response, respondent=town.users["respondent"], backup=backup,
                                    seen_version=response.version)
    assert not _invitations().exists()
    reminders_send_due(today=cycle.opens_on)
    assert set(_invitations().values_list("recipient", flat=True)) == {town.users["respondent"].email, backup.email}


def test_the_invitations_are_scheduled_for_the_opening_day_and_the_task_sends_them_once(
        setup, town, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        cycle = _open_later(setup, town, days=10)
    [scheduled] = default_task_backend.results
    assert scheduled.task.func is tasks.invitations_send_on_opening.func
    assert scheduled.task.run_after == tasks.opening_moment(cycle) and scheduled.kwargs == {"cycle_id": cycle.pk}
    # Run a day early (a clock off), it sends nothing; on the day, the invitation; run twice, still one.
    assert tasks.invitations_send_on_opening.call(cycle_id=cycle.pk) == 0
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: cycle.opens_on)
    assert tasks.invitations_send_on_opening.call(cycle_id=cycle.pk) == 1
    assert tasks.invitations_send_on_opening.call(cycle_id=cycle.pk) == 0
    assert _invitations().count() == 1


def test_a_closed_cycle_sends_no_invitations_on_its_opening_day(setup, town):
    cycle = _open_later(setup, town, days=10)
    services.cycle_close(cycle=cycle)
    reminders_send_due(today=cycle.opens_on)
    assert tasks.invitations_send_on_opening.call(cycle_id=cycle.pk) == 0
    assert not _invitations().exists()


def test_opening_warns_of_a_year_outside_the_program_and_of_an_earlier_cycle_still_open(setup):
    # The program runs 2022–2026 and the 2026 cycle is open.
    assert services.cycle_open_warnings(program=setup.program, year=2026) == []
    warnings = services.cycle_open_warnings(program=setup.program, year=2027)
    assert warnings == [
        "Programmet gäller 2022–2026, så en uppföljning för 2027 ligger utanför dess period.",
        str(services.EARLIER_CYCLE_OPEN % {"year": 2026}),
    ]
    services.cycle_close(cycle=setup.cycle)
    assert len(services.cycle_open_warnings(program=setup.program, year=2027)) == 1


@pytest.mark.parametrize(("field", "value"), [
    ("year", 99999), ("year", 2101), ("year", 1999), ("opens_on", datetime.date(1, 1, 1)),
])
def test_the_database_refuses_an_implausible_cycle(setup, field, value):
    # PostgreSQL's smallint already refuses 99999 as out of range.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        FollowUpCycle.objects.filter(pk=setup.cycle.pk).update(**{field: value})
    assert FollowUpCycle.objects.get(pk=setup.cycle.pk).year == 2026


def test_a_cycle_for_year_99999_is_refused_by_the_service(setup, town):
    with pytest.raises(ValidationError) as raised:
        services.cycle_open(
            program=setup.program, year=99999, questionnaire=setup.questionnaire,
            opens_on=datetime.date(2027, 2, 1), deadline=datetime.date(2027, 3, 1),
            respondents={town.board: (None, None)},
        )
    assert raised.value.message_dict["year"] == [str(YEAR_OUT_OF_RANGE)]
    assert FollowUpCycle.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_parallel_openings_of_one_year_open_one_cycle_and_tell_the_other(setup, town):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared between threads")

    def open_cycle(i):
        services.cycle_open(
            program=setup.program, year=2027, questionnaire=setup.questionnaire, opens_on=datetime.date(2027, 2, 1),
            deadline=datetime.date(2027, 3, 1), respondents={town.board: (None, None)},
        )

    assert sorted(run_in_parallel(5, open_cycle)) == ["saved"] + ["told"] * 4
    assert FollowUpCycle.objects.filter(year=2027).count() == 1
