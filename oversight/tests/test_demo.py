from django.core.management import call_command
from django.utils import timezone

from oversight.models import AuditQuestionCheck, CheckKey, Snapshot


def test_the_demo_links_the_boras_questions_once(db):
    call_command("load_demo")
    links = dict(AuditQuestionCheck.objects.values_list("audit_question__number", "check_key"))
    assert set(links.values()) == {
        CheckKey.ROLES, CheckKey.STRATEGY, CheckKey.GOALS, CheckKey.COLLABORATION, CheckKey.FOLLOWUP,
        CheckKey.KS_OVERSIGHT,
    }
    call_command("load_demo")
    assert AuditQuestionCheck.objects.count() == len(links)


def test_the_demo_freezes_last_years_self_assessment_once(db):
    call_command("load_demo")
    last_year = timezone.localdate().year - 1
    (snapshot,) = Snapshot.objects.all()
    assert (snapshot.year, snapshot.number, snapshot.frozen_by.email) == (last_year, 1, "ks@boras.example")
    assert snapshot.intact
    call_command("load_demo")
    assert Snapshot.objects.count() == 1
