import datetime

from followup import services
from followup.models import Question
from followup.notify import due_stage, reminders_send_due
from notifications.models import OutboxMessage

DEADLINE = datetime.date(2026, 3, 31)


def _reminders():
    return OutboxMessage.objects.filter(template="followup/email/reminder")


def test_stages_follow_the_cycles_schedule(setup):
    cycle = setup.cycle
    assert due_stage(cycle=cycle, today=DEADLINE - datetime.timedelta(days=15)) is None
    assert due_stage(cycle=cycle, today=DEADLINE - datetime.timedelta(days=14)) == "before-14"
    assert due_stage(cycle=cycle, today=DEADLINE - datetime.timedelta(days=2)) == "before-3"
    assert due_stage(cycle=cycle, today=DEADLINE + datetime.timedelta(days=7)) == "after-7"


def test_a_reminder_goes_once_per_stage_and_only_the_latest_after_a_pause(setup, town):
    assert reminders_send_due(today=DEADLINE - datetime.timedelta(days=14)) == 1
    assert reminders_send_due(today=DEADLINE - datetime.timedelta(days=13)) == 0
    # The worker was down from two weeks before until after the deadline: one reminder, not three.
    assert reminders_send_due(today=DEADLINE + datetime.timedelta(days=2)) == 1
    assert list(_reminders().values_list("recipient", flat=True)) == [town.users["respondent"].email] * 2


def test_a_submitted_organisation_is_not_reminded(setup):
    services.answer_save(response=setup.response, question=setup.questions[Question.Kind.TEXT], value="x",
                         seen_version=None)
    services.response_submit(response=setup.response)
    assert reminders_send_due(today=DEADLINE) == 0


def test_escalation_after_n_days_goes_to_the_head_and_ks_once(setup, town, smtp_server,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=13))
    assert not OutboxMessage.objects.filter(template="followup/email/escalation").exists()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=14))
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=15))
    escalations = OutboxMessage.objects.filter(template="followup/email/escalation")
    recipients = set(escalations.values_list("recipient", flat=True))
    assert recipients == {town.board.registry_email, town.company.registry_email, town.users["ks_official"].email}
    assert escalations.count() == 4
    arrived = {tuple(to) for to, _message in smtp_server.received}
    assert (town.users["ks_official"].email,) in arrived
    assert any("14 dagar försenade" in message.get_content() for _to, message in smtp_server.received)


def test_escalation_goes_to_the_head_where_the_organisation_names_one(setup, town):
    town.board.head_email = "forvaltningschef@sjostad.example"
    town.board.save()
    reminders_send_due(today=DEADLINE + datetime.timedelta(days=14))
    recipients = set(OutboxMessage.objects.filter(template="followup/email/escalation")
                     .values_list("recipient", flat=True))
    assert "forvaltningschef@sjostad.example" in recipients
    assert town.board.registry_email not in recipients
    assert town.company.registry_email in recipients
