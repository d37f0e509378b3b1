from django.core.management import call_command

from organizations.models import Organization
from steering import gaps, models


def _snapshot():
    return {
        model.__name__: (model.objects.count(), model.history.count(), sorted(model.objects.values_list("version", flat=True)))
        for model in [models.SteeringDocument, models.Program, models.Area, models.Goal, models.Indicator,
                      models.Target, models.ActionPlan, models.Activity, models.ResponsibilityAssignment,
                      models.Project, models.Forum, models.Routine]
    }


def test_the_demo_program_has_seven_areas_and_loading_twice_changes_nothing(db):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first
    program = models.Program.objects.get()
    assert [a.name for a in program.areas.all()] == [
        "Arbete", "Boende", "Utbildning", "Delaktighet", "Trygghet", "Folkhälsa", "Kultur"
    ]


def test_the_demo_has_a_gap_of_every_kind_and_its_records_pass_their_own_rules(db):
    call_command("load_demo")
    groups = gaps.governance_gaps(municipality=models.Program.objects.get().municipality)
    assert [group.slug for group in groups if not group.gaps] == []
    for model in [models.Goal, models.Target, models.Activity, models.Project, models.SteeringDocument]:
        for record in model.objects.all():
            record.full_clean()


def test_the_demo_respondent_may_edit_their_boards_activity_but_not_anothers(db):
    call_command("load_demo")
    from core.models import User

    respondent = User.objects.get(email="uppgiftslamnare@boras.example")
    own = models.Activity.objects.get(title="Språkstödjande förskola")
    other = models.Activity.objects.get(title="Jobbspår med Arbetsförmedlingen")
    assert own.responsible == Organization.objects.get(name="Förskolenämnden")
    assert respondent.has_perm("steering.change_activity", own)
    assert not respondent.has_perm("steering.change_activity", other)
