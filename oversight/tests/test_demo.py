from django.core.management import call_command

from oversight.models import AuditQuestionCheck, CheckKey


def test_the_demo_links_the_boras_questions_once(db):
    call_command("load_demo")
    links = dict(AuditQuestionCheck.objects.values_list("audit_question__number", "check_key"))
    assert set(links.values()) == {
        CheckKey.ROLES, CheckKey.STRATEGY, CheckKey.GOALS, CheckKey.COLLABORATION, CheckKey.FOLLOWUP,
        CheckKey.KS_OVERSIGHT,
    }
    call_command("load_demo")
    assert AuditQuestionCheck.objects.count() == len(links)
