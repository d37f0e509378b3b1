from django.core.management import call_command

from followup.models import Answer, CycleOrganization, FollowUpCycle

Status = CycleOrganization.Status


def _snapshot():
    return (
        sorted(FollowUpCycle.objects.values_list("year", "status", "version")),
        sorted(CycleOrganization.objects.values_list("organization__name", "status", "version")),
        sorted(Answer.objects.values_list("response_id", "question__key", "version")),
        CycleOrganization.history.count() + Answer.history.count(),
    )


def test_the_demo_has_last_years_closed_cycle_and_this_years_with_mixed_statuses(db, capsys):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")

    assert _snapshot() == first
    last, this = FollowUpCycle.objects.order_by("year")
    assert last.status == FollowUpCycle.Status.CLOSED and this.status == FollowUpCycle.Status.OPEN
    assert set(last.organizations_asked.values_list("status", flat=True)) == {Status.APPROVED}
    assert last.organizations_asked.count() >= 20
    assert set(this.organizations_asked.values_list("status", flat=True)) == set(Status.values)
    preschool = this.organizations_asked.get(organization__name="Förskolenämnden")
    assert preschool.status == Status.DRAFT and preschool.respondent.email == "uppgiftslamnare@boras.example"
    assert preschool.answers.filter(copied_from_previous=True).exists()
