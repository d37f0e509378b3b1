from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.versioning import StaleEditError
from followup import services
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question
from notifications.models import OutboxMessage

Kind = Question.Kind
Status = CycleOrganization.Status


def _save(setup, kind, value, seen_version=None, response=None):
    return services.answer_save(
        response=response or setup.response, question=setup.questions[kind], value=value, seen_version=seen_version
    )


def test_answers_are_saved_as_drafts_by_kind(setup):
    _save(setup, Kind.NUMBER, "3,5")
    _save(setup, Kind.YES_NO_PARTLY, "partly")
    _save(setup, Kind.CHOICE, "Till viss del")
    _save(setup, Kind.RATING, "4")
    answers = {a.question.kind: a for a in setup.response.answers.select_related("question")}
    assert answers[Kind.NUMBER].number == Decimal("3.5")
    assert answers[Kind.YES_NO_PARTLY].choice == "partly"
    assert answers[Kind.CHOICE].choice == "Till viss del"
    assert answers[Kind.RATING].rating == 4
    setup.response.refresh_from_db()
    assert setup.response.status == Status.DRAFT


def test_a_number_question_given_text_is_refused_and_nothing_changes(setup):
    _save(setup, Kind.NUMBER, "12")
    with pytest.raises(ValidationError) as raised:
        _save(setup, Kind.NUMBER, "tolv")
    assert raised.value.messages == [str(services.NUMBER_EXPECTED)]
    assert Answer.objects.get(question=setup.questions[Kind.NUMBER]).number == Decimal("12")


def test_an_unknown_option_is_refused(setup):
    with pytest.raises(ValidationError) as raised:
        _save(setup, Kind.CHOICE, "Kanske")
    assert raised.value.messages == [str(services.UNKNOWN_OPTION)]
    assert not Answer.objects.exists()


def test_a_stale_answer_is_refused_and_the_newer_one_kept(setup):
    answer = _save(setup, Kind.TEXT, "Min version")
    seen = answer.version
    _save(setup, Kind.TEXT, "Kollegans version", seen_version=seen)
    with pytest.raises(StaleEditError) as raised:
        _save(setup, Kind.TEXT, "Min gamla flik", seen_version=seen)
    assert "Någon annan har sparat" in raised.value.messages[0]
    assert Answer.objects.get(pk=answer.pk).text == "Kollegans version"


def test_a_question_not_put_to_the_organisation_cannot_be_answered(setup):
    question = setup.questions[Kind.TEXT]
    question.targeting, question.target_kinds = Question.Targeting.KINDS, ["company"]
    question.save()
    with pytest.raises(ValidationError) as raised:
        _save(setup, Kind.TEXT, "Svar")
    assert raised.value.messages == [str(services.NOT_ASKED)]
    assert not Answer.objects.exists()


def test_submit_locks_the_answers_and_sends_a_receipt(setup, town):
    _save(setup, Kind.TEXT, "Klart")
    services.response_submit(response=setup.response, by=town.users["respondent"])
    assert setup.response.status == Status.SUBMITTED and setup.response.submitted_at
    assert OutboxMessage.objects.filter(template="followup/email/receipt",
                                        recipient=town.users["respondent"].email).exists()
    with pytest.raises(ValidationError) as raised:
        _save(setup, Kind.TEXT, "Ändrat efteråt")
    assert raised.value.messages == [str(services.NOT_EDITABLE)]
    assert Answer.objects.get().text == "Klart"


def test_nothing_can_be_submitted_after_the_cycle_closed(setup):
    _save(setup, Kind.TEXT, "Utkast")
    FollowUpCycle.objects.filter(pk=setup.cycle.pk).update(status=FollowUpCycle.Status.CLOSED)
    response = CycleOrganization.objects.get(pk=setup.response.pk)
    with pytest.raises(ValidationError) as raised:
        services.response_submit(response=response)
    assert raised.value.messages == [str(services.CYCLE_CLOSED)]
    response.refresh_from_db()
    assert response.status == Status.DRAFT


def test_return_needs_a_comment_then_the_respondent_completes_and_the_coordinator_approves(setup, town):
    _save(setup, Kind.TEXT, "Första svaret")
    services.response_submit(response=setup.response, by=town.users["respondent"])
    with pytest.raises(ValidationError) as raised:
        services.response_return(response=setup.response, comment="  ")
    assert raised.value.message_dict["comment"] == [str(services.COMMENT_NEEDED)]
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.SUBMITTED

    services.response_return(response=setup.response, comment="Beskriv resultaten.")
    assert OutboxMessage.objects.filter(template="followup/email/returned").count() == 1
    _save(setup, Kind.TEXT, "Första svaret, med resultat")
    services.response_submit(response=setup.response, by=town.users["respondent"])
    services.response_approve(response=setup.response)
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.APPROVED


def test_approving_what_was_not_submitted_is_refused(setup):
    with pytest.raises(ValidationError) as raised:
        services.response_approve(response=setup.response)
    assert raised.value.messages == [str(services.NOT_SUBMITTED)]
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.NOT_STARTED


def test_activity_rows_are_structured_and_linked_to_the_action_plan(setup, town):
    from steering.tests.factories import ActivityFactory

    activity = ActivityFactory(action_plan__area__program=setup.program, responsible=town.board)
    row = services.activity_row_add(
        response=setup.response, question=setup.questions[Kind.ACTIVITIES],
        data={"name": "Språkpraktik", "target_group": "Nyanlända vuxna", "cost": 120000, "activity": activity},
        areas=[activity.action_plan.area],
    )
    assert row.answer.question.kind == Kind.ACTIVITIES and list(row.areas.all()) == [activity.action_plan.area]


def test_a_receipt_to_a_bouncing_address_is_kept_with_the_error_and_retried(
    setup, town, smtp_server, django_capture_on_commit_callbacks
):
    user = town.users["respondent"]
    user.email = "ingen@studsar.example"
    user.save()
    _save(setup, Kind.TEXT, "Klart")
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(response=setup.response, by=user)
    receipt = OutboxMessage.objects.get(template="followup/email/receipt")
    assert receipt.status == OutboxMessage.Status.QUEUED and receipt.attempts == 1
    assert "550" in receipt.last_error and receipt.next_attempt_at
    assert smtp_server.received == []


def test_the_receipt_arrives_at_the_smtp_server(setup, town, smtp_server, django_capture_on_commit_callbacks):
    _save(setup, Kind.TEXT, "Klart")
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(response=setup.response, by=town.users["respondent"])
    [(recipients, email)] = smtp_server.received
    assert recipients == [town.users["respondent"].email]
    assert "Arbetslivsnämnden" in email["Subject"]
