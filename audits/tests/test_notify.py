import datetime
import io

import pytest
from django.core.management import call_command

from audits.notify import due_stage, reminders_send_due
from audits.tests.factories import AuditResponseFactory, MeasureFactory, RecommendationFactory
from notifications.models import OutboxMessage
from organizations.models import Membership

Role = Membership.Role
DEADLINE = datetime.date(2026, 5, 31)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (datetime.date(2026, 5, 1), None),
        (datetime.date(2026, 5, 17), "before-14"),
        (datetime.date(2026, 5, 30), "before-1"),
        (datetime.date(2026, 5, 31), "before-1"),
        (datetime.date(2026, 6, 1), "after-1"),
        (datetime.date(2026, 6, 20), "after-14"),
    ],
)
def test_the_stage_is_the_latest_one_reached(today, stage):
    assert due_stage(deadline=DEADLINE, today=today) == stage


@pytest.fixture
def recommendation(town):
    return RecommendationFactory(
        audit__municipality=town.municipality, audit__response_by=DEADLINE, organization=town.board
    )


def _recipients():
    return sorted(OutboxMessage.objects.values_list("recipient", flat=True))


def test_a_reminder_before_the_deadline_goes_to_the_secretary_once(town, recommendation):
    assert reminders_send_due(today=datetime.date(2026, 5, 20)) == 1
    assert reminders_send_due(today=datetime.date(2026, 5, 21)) == 0

    [message] = OutboxMessage.objects.all()
    assert message.recipient == town.users[Role.SECRETARY].email
    assert message.subject.startswith("Påminnelse")
    assert "31 maj 2026" in message.body


def test_after_the_deadline_the_board_is_reminded_and_ks_and_the_auditors_are_told(town, recommendation):
    reminders_send_due(today=datetime.date(2026, 6, 2))

    assert _recipients() == sorted(
        [town.users[Role.SECRETARY].email, town.users[Role.KS_OFFICIAL].email, town.users[Role.AUDITOR].email]
    )
    told = OutboxMessage.objects.get(recipient=town.users[Role.KS_OFFICIAL].email)
    assert told.subject == "Arbetslivsnämnden har inte svarat i tid"


def test_a_board_that_has_answered_is_not_reminded(town, recommendation):
    AuditResponseFactory(audit=recommendation.audit, organization=town.board)

    assert reminders_send_due(today=datetime.date(2026, 6, 2)) == 0


def test_a_worker_down_for_weeks_sends_one_reminder_not_all_the_missed_ones(town, recommendation):
    reminders_send_due(today=datetime.date(2026, 6, 30))

    assert OutboxMessage.objects.filter(recipient=town.users[Role.SECRETARY].email).count() == 1


def test_overdue_measures_are_flagged_to_the_owner_and_to_ks(town, recommendation):
    AuditResponseFactory(audit=recommendation.audit, organization=town.board)
    MeasureFactory(recommendation=recommendation, due_date=datetime.date(2026, 5, 1), description="Ny rutin")
    MeasureFactory(recommendation=recommendation, due_date=datetime.date(2026, 5, 1), status="done",
                   evidence_note="Klart")

    reminders_send_due(today=datetime.date(2026, 5, 10))

    assert _recipients() == sorted(
        [town.users[Role.SECRETARY].email, town.users[Role.KS_OFFICIAL].email, town.users[Role.AUDITOR].email]
    )
    assert all("Ny rutin" in body for body in OutboxMessage.objects.values_list("body", flat=True))


def test_the_command_queues_what_is_due_today(town, recommendation):
    out = io.StringIO()
    call_command("send_audit_reminders", stdout=out)
    # Today is long after the deadline: the secretary, KS and the auditor hear of it.
    assert out.getvalue() == "queued 3\n"


def test_an_overdue_measure_is_flagged_once_and_again_to_a_new_owner(town, recommendation):
    AuditResponseFactory(audit=recommendation.audit, organization=town.board)
    measure = MeasureFactory(recommendation=recommendation, due_date=datetime.date(2026, 5, 1))
    reminders_send_due(today=datetime.date(2026, 5, 10))

    assert reminders_send_due(today=datetime.date(2026, 5, 11)) == 0
    measure.owner = town.other_board
    measure.save()
    reminders_send_due(today=datetime.date(2026, 5, 12))

    # The other board has no secretary, so its registry is told.
    assert OutboxMessage.objects.filter(recipient=town.other_board.registry_email).count() == 1
