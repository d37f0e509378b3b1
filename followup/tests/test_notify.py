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


def _digests():
    return OutboxMessage.objects.filter(template="followup/email/escalation_digest")


def test_escalation_after_n_days_goes_to_each_head_once_and_to_ks_in_one_digest(
        setup, town, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=13))
    assert not OutboxMessage.objects.filter(template__startswith="followup/email/escalation").exists()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=14))
        reminders_send_due(today=DEADLINE + datetime.timedelta(days=15))
    heads = OutboxMessage.objects.filter(template="followup/email/escalation")
    assert sorted(heads.values_list("recipient", flat=True)) == sorted(
        [town.board.registry_email, town.company.registry_email])
    digest = _digests().get()
    assert digest.recipient == town.users["ks_official"].email
    assert digest.subject == "2 organisationer har inte svarat på uppföljningen i tid"
    assert "AB Bostäder, uppföljningen 2026: sista svarsdag 31 mars 2026, 14 dagar försenad" in digest.body
    assert "Arbetslivsnämnden, uppföljningen 2026" in digest.body
    arrived = {tuple(to) for to, _message in smtp_server.received}
    assert (town.users["ks_official"].email,) in arrived
    assert any("14 dagar försenade" in message.get_content() for _to, message in smtp_server.received)


def test_ks_gets_one_digest_for_many_late_organisations_and_a_new_one_only_when_another_is_late(setup, town):
    from organizations.tests.factories import OrganizationFactory

    program = setup.program
    late_later = services.cycle_open(
        program=program, year=2025, questionnaire=setup.questionnaire, opens_on=datetime.date(2025, 2, 1),
        deadline=DEADLINE + datetime.timedelta(days=3),
        respondents={OrganizationFactory(municipality=town.municipality, name=f"Nämnd {n}"): (None, None)
                     for n in range(16)},
    )
    assert reminders_send_due(today=DEADLINE + datetime.timedelta(days=14)) > 0
    assert _digests().count() == 1 and "2 organisationer" in _digests().get().subject
    # The next day nothing new is late: no second digest.
    reminders_send_due(today=DEADLINE + datetime.timedelta(days=15))
    assert _digests().count() == 1
    # Three days later the other cycle's 16 organisations are late too: one digest lists all 18.
    reminders_send_due(today=DEADLINE + datetime.timedelta(days=17))
    latest = _digests().order_by("-pk").first()
    assert _digests().count() == 2 and latest.subject.startswith("18 organisationer")
    assert all(f"Nämnd {n}, uppföljningen {late_later.year}" in latest.body for n in range(16))
    # Each head still hears of its own organisation alone.
    assert OutboxMessage.objects.filter(template="followup/email/escalation").count() == 18


def test_escalation_goes_to_the_head_where_the_organisation_names_one(setup, town):
    town.board.head_email = "forvaltningschef@sjostad.example"
    town.board.save()
    reminders_send_due(today=DEADLINE + datetime.timedelta(days=14))
    recipients = set(OutboxMessage.objects.filter(template="followup/email/escalation")
                     .values_list("recipient", flat=True))
    assert "forvaltningschef@sjostad.example" in recipients
    assert town.board.registry_email not in recipients
    assert town.company.registry_email in recipients
