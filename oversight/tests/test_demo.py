from django.core.management import call_command
from django.utils import timezone

from oversight import checks, selectors
from oversight.models import AuditQuestionCheck, CheckKey, Snapshot
from steering.models import Program


def test_the_demo_links_all_seven_boras_questions_once(db):
    call_command("load_demo")
    links = dict(AuditQuestionCheck.objects.values_list("audit_question__number", "check_key"))
    assert set(links.values()) == {
        CheckKey.ROLES, CheckKey.STRATEGY, CheckKey.GOALS, CheckKey.COLLABORATION, CheckKey.FOLLOWUP,
        CheckKey.KS_OVERSIGHT, CheckKey.ANALYSIS,
    }
    assert len(links) == 7
    call_command("load_demo")
    assert AuditQuestionCheck.objects.count() == len(links)


def test_the_demos_verdicts_are_mixed_and_each_says_why(db):
    call_command("load_demo")
    data = selectors.program_data(program=Program.objects.get(), today=timezone.localdate())
    results = checks.assess(data)
    assert {result.verdict for result in results} >= {"ja", "delvis", "nej"}
    assert all(result.figure and result.trend.text for result in results)


def test_the_demo_freezes_last_years_self_assessment_once(db):
    call_command("load_demo")
    last_year = timezone.localdate().year - 1
    (snapshot,) = Snapshot.objects.all()
    assert (snapshot.year, snapshot.number, snapshot.frozen_by.email) == (last_year, 1, "ks@boras.example")
    assert snapshot.intact
    call_command("load_demo")
    assert Snapshot.objects.count() == 1
