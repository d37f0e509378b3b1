import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.validators import CONTROL_CHARACTERS, COST_NEGATIVE, DATE_OUT_OF_RANGE
from core.versioning import STALE_EDIT, StaleEditError
from followup import services
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question
from followup.tests.concurrency import run_in_parallel
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
    _save(setup, Kind.TEXT, "Första svaret, med resultat", seen_version=1)
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


def test_a_first_answer_given_meanwhile_by_someone_else_is_refused_showing_theirs(setup):
    _save(setup, Kind.TEXT, "Kollegans första svar")
    with pytest.raises(StaleEditError) as raised:
        _save(setup, Kind.TEXT, "Mitt första svar", seen_version=None)
    assert raised.value.messages == [str(STALE_EDIT)]
    assert [change.new for change in raised.value.stale_edit.changes] == ["Kollegans första svar"]
    assert Answer.objects.get().text == "Kollegans första svar"


def test_a_second_first_answer_meeting_the_unique_constraint_is_the_same_refusal(setup):
    from followup.services.answering import _answer_create

    _save(setup, Kind.NUMBER, "12,5")
    with transaction.atomic(), pytest.raises(StaleEditError) as raised:
        _answer_create(setup.response, setup.questions[Kind.NUMBER], {"number": Decimal("7")})
    assert [change.new for change in raised.value.stale_edit.changes] == ["12,5"]
    assert Answer.objects.get().number == Decimal("12.5")


def test_an_answer_saved_against_a_version_that_does_not_exist_is_refused(setup):
    with pytest.raises(ValidationError) as raised:
        _save(setup, Kind.TEXT, "Gissad version", seen_version=3)
    assert raised.value.messages == [str(services.VERSION_UNKNOWN)]
    assert not Answer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_writers_one_wins_and_nineteen_are_told(setup):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared between threads")
    question = setup.questions[Kind.TEXT]

    def write(value, seen_version):
        response = CycleOrganization.objects.select_related("cycle", "organization").get(pk=setup.response.pk)
        services.answer_save(response=response, question=question, value=value, seen_version=seen_version)

    results = run_in_parallel(20, lambda i: write(f"Svar {i}", None))
    assert sorted(results) == ["saved"] + ["told"] * 19
    answer = Answer.objects.get()
    assert answer.version == 1 and answer.history.count() == 1

    # New texts: a writer repeating the text that won the first round would change nothing,
    # and an unchanged save is no edit, so it is not refused.
    results = run_in_parallel(20, lambda i: write(f"Andra svar {i}", 1))
    assert sorted(results) == ["saved"] + ["told"] * 19
    answer.refresh_from_db()
    assert answer.version == 2 and answer.history.count() == 2


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_posts_of_one_activity_row_form_add_one_row(setup):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared between threads")
    key = uuid.uuid4()

    def add(i):
        response = CycleOrganization.objects.select_related("cycle", "organization").get(pk=setup.response.pk)
        services.activity_row_add(response=response, question=setup.questions[Kind.ACTIVITIES],
                                  data={"name": "Läxhjälp"}, submission_key=key)

    assert run_in_parallel(20, add) == ["saved"] * 20
    assert ActivityRow.objects.count() == 1


@pytest.mark.parametrize(("kind", "value", "message"), [
    (Kind.TEXT, "x" * 1_000_000, "högst 10000 tecken"),
    (Kind.TEXT, "svar\x00", str(CONTROL_CHARACTERS)),
    (Kind.TEXT, "färg\x1b[31m", str(CONTROL_CHARACTERS)),
    (Kind.NUMBER, "NaN", str(services.NUMBER_EXPECTED)),
    (Kind.NUMBER, "Infinity", str(services.NUMBER_EXPECTED)),
    (Kind.NUMBER, "1e20", str(services.NUMBER_OUT_OF_RANGE)),
    (Kind.NUMBER, "-1000000000000", str(services.NUMBER_OUT_OF_RANGE)),
    (Kind.NUMBER, "3,555", str(services.NUMBER_DECIMALS)),
    (Kind.NUMBER, "12\x00", str(services.NUMBER_EXPECTED)),
    (Kind.RATING, "6", str(services.RATING_EXPECTED)),
    (Kind.CHOICE, "Ja, helt\x00", str(services.UNKNOWN_OPTION)),
])
def test_an_answer_out_of_bounds_is_refused_and_nothing_is_stored(setup, kind, value, message):
    with pytest.raises(ValidationError) as raised:
        _save(setup, kind, value)
    assert message in raised.value.messages[0] and len(raised.value.messages) == 1
    assert not Answer.objects.exists()
    setup.response.refresh_from_db()
    assert setup.response.status == Status.NOT_STARTED


def test_answers_at_the_bounds_are_stored(setup):
    _save(setup, Kind.TEXT, "å" * 10_000)
    _save(setup, Kind.NUMBER, "-999 999 999 999,99")
    assert len(Answer.objects.get(question=setup.questions[Kind.TEXT]).text) == 10_000
    assert Answer.objects.get(question=setup.questions[Kind.NUMBER]).number == Decimal("-999999999999.99")


def test_a_cycle_not_yet_open_cannot_be_answered_or_submitted(setup):
    _save(setup, Kind.TEXT, "Utkast")
    opens_on = timezone.localdate() + datetime.timedelta(days=10)
    FollowUpCycle.objects.filter(pk=setup.cycle.pk).update(opens_on=opens_on, deadline=opens_on)
    response = CycleOrganization.objects.get(pk=setup.response.pk)
    expected = str(services.NOT_YET_OPEN % {"date": opens_on.isoformat()})
    with pytest.raises(ValidationError) as raised:
        services.answer_save(response=response, question=setup.questions[Kind.RATING], value="3", seen_version=None)
    assert raised.value.messages == [expected]
    with pytest.raises(ValidationError) as raised:
        services.response_submit(response=response)
    assert raised.value.messages == [expected]
    with pytest.raises(ValidationError) as raised:
        services.activity_row_add(response=response, question=setup.questions[Kind.ACTIVITIES], data={"name": "X"})
    assert raised.value.messages == [expected]
    assert Answer.objects.count() == 1 and not ActivityRow.objects.exists()
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.DRAFT


def _row(setup, key, **data):
    return services.activity_row_add(
        response=setup.response, question=setup.questions[Kind.ACTIVITIES], data={"name": "Läxhjälp", **data},
        submission_key=key,
    )


def test_the_same_form_posted_twice_adds_one_activity_row(setup):
    key = uuid.uuid4()
    first, second = _row(setup, key), _row(setup, key)
    assert first.pk == second.pk and ActivityRow.objects.count() == 1
    _row(setup, uuid.uuid4())
    assert ActivityRow.objects.count() == 2


def test_a_form_key_of_another_organisations_row_is_refused(setup):
    key = uuid.uuid4()
    _row(setup, key)
    with pytest.raises(ValidationError) as raised:
        services.activity_row_add(
            response=setup.company_response, question=setup.questions[Kind.ACTIVITIES], data={"name": "Kopia"},
            submission_key=key,
        )
    assert raised.value.messages == [str(services.KEY_OF_OTHER_ANSWER)]
    assert ActivityRow.objects.count() == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"cost": -1}, "cost", str(COST_NEGATIVE)),
    ({"period_start": datetime.date(1, 1, 1)}, "period_start", str(DATE_OUT_OF_RANGE)),
    ({"period_end": datetime.date(9999, 12, 31)}, "period_end", str(DATE_OUT_OF_RANGE)),
])
def test_an_implausible_activity_row_is_refused(setup, data, field, message):
    with pytest.raises(ValidationError) as raised:
        _row(setup, uuid.uuid4(), **data)
    assert raised.value.message_dict[field] == [message]
    assert not ActivityRow.objects.exists()


@pytest.mark.parametrize(("change", "constraint"), [
    ({"cost": -5}, "activity_row_cost_not_negative"),
    ({"period_start": datetime.date(1, 1, 1)}, "activity_row_period_start_plausible"),
])
def test_the_database_refuses_an_implausible_activity_row(setup, change, constraint):
    row = _row(setup, uuid.uuid4())
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        ActivityRow.objects.filter(pk=row.pk).update(**change)
    assert constraint in str(raised.value) or "CHECK" in str(raised.value)


def test_confirming_prefilled_answers_makes_them_count_and_leaves_given_ones_alone(setup, town):
    from followup.completeness import cycle_completeness

    text, number = setup.questions[Kind.TEXT], setup.questions[Kind.NUMBER]
    Answer.objects.create(response=setup.response, question=text, text="Språkcafé", copied_from_previous=True)
    Answer.objects.create(response=setup.response, question=number, number=12, copied_from_previous=False)
    before = cycle_completeness(cycle=setup.cycle, today=setup.cycle.deadline)
    board = lambda result: next(r for r in result.rows if r.response.pk == setup.response.pk)  # noqa: E731
    assert board(before).cells[0].answered == 1

    confirmed = services.answers_confirm(response=setup.response, questions=[text, number],
                                         by=town.users["respondent"])

    assert confirmed == 1
    answer = Answer.objects.get(question=text)
    assert not answer.copied_from_previous and answer.history.first().history_user == town.users["respondent"]
    assert board(cycle_completeness(cycle=setup.cycle, today=setup.cycle.deadline)).cells[0].answered == 2


def test_a_submitted_response_cannot_have_answers_confirmed(setup):
    text = setup.questions[Kind.TEXT]
    Answer.objects.create(response=setup.response, question=text, text="Språkcafé", copied_from_previous=True)
    CycleOrganization.objects.filter(pk=setup.response.pk).update(status=CycleOrganization.Status.SUBMITTED)
    setup.response.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.answers_confirm(response=setup.response, questions=[text])
    assert str(services.NOT_EDITABLE) in refused.value.messages
    assert Answer.objects.get(question=text).copied_from_previous


def test_an_autosave_reads_the_answer_once_and_checks_nothing_twice(setup):
    """The commonest write of a deadline day: the response row locked and read in one
    query, the answer read once (not again by the version check), no foreign-key or
    unique or rating-range checks the database keeps anyway; then the row, claiming its
    version in the same UPDATE, and its history."""
    from django.test.utils import CaptureQueriesContext

    answer = _save(setup, Kind.TEXT, "Första")
    with CaptureQueriesContext(connection) as context:
        _save(setup, Kind.TEXT, "Andra", seen_version=answer.version)
    statements = [query["sql"] for query in context.captured_queries
                  if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    selects = [sql for sql in statements if sql.startswith("SELECT")]
    assert len([sql for sql in selects if 'FROM "followup_answer"' in sql]) == 1
    assert len([sql for sql in selects if 'FROM "followup_cycleorganization"' in sql]) == 1
    assert len(statements) == 4, "\n".join(statements)
    assert Answer.objects.get(pk=answer.pk).text == "Andra"
