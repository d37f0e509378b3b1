from django.core.management import call_command

from audits.models import Audit, AuditResponse, Measure, Recommendation


def _snapshot():
    return (
        sorted(Audit.objects.values_list("title", "version")),
        sorted(Recommendation.objects.values_list("number", "organization__name", "version")),
        sorted(AuditResponse.objects.values_list("organization__name", "decision", "paragraph")),
        sorted(Measure.objects.values_list("description", "status", "version")),
        Audit.history.count() + Measure.history.count() + AuditResponse.history.count(),
    )


def test_the_demo_has_the_boras_audit_the_preschool_boards_answer_and_measures_in_every_state(db, capsys):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")

    assert _snapshot() == first
    audit = Audit.objects.get()
    assert audit.title == "Integration och etablering i Borås Stad" and audit.auditor == "PwC"
    assert audit.questions.count() == 7
    assert [r.organization.name for r in audit.recommendations.order_by("number")] == [
        "Kommunstyrelsen"] * 5 + ["Arbetslivsnämnden", "Kommunstyrelsen"]
    preschool = AuditResponse.objects.get(organization__name="Förskolenämnden")
    assert (preschool.decision, preschool.paragraph, preschool.registry_number) == ("endorses", "§ 39", "FN 2021-00019")
    assert preschool.answers.count() >= 3
    assert set(Measure.objects.values_list("status", flat=True)) == set(Measure.Status.values)
