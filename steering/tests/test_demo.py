from django.core.management import call_command
from django.urls import reverse

from core.models import User

from organizations.models import Organization
from steering import gaps, models


def _snapshot():
    return {
        model.__name__: (model.objects.count(), model.history.count(), sorted(model.objects.values_list("version", flat=True)))
        for model in [models.SteeringDocument, models.Program, models.Area, models.Goal, models.Indicator,
                      models.IndicatorValue,
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
    respondent = User.objects.get(email="uppgiftslamnare@boras.example")
    own = models.Activity.objects.get(title="Språkstödjande förskola")
    other = models.Activity.objects.get(title="Jobbspår med Arbetsförmedlingen")
    assert own.responsible == Organization.objects.get(name="Förskolenämnden")
    assert respondent.has_perm("steering.change_activity", own)
    assert not respondent.has_perm("steering.change_activity", other)


def test_the_demo_work_area_compares_its_kolada_indicators_with_county_and_country(db, client):
    call_command("load_demo")
    client.force_login(User.objects.get(email="politiker@boras.example"))
    area = models.Area.objects.get(name="Arbete")
    page = client.get(reverse("steering:area_detail", args=[area.pk])).content.decode()
    # Women went from 42 % (2018) to 46 % (2024) against a target of 48; men reached 64,1 against 64.
    assert "46,0 % (2024)" in page and ">Delvis uppfyllt</span>" in page
    assert "64,1 % (2024)" in page and ">Uppfyllt</span>" in page
    women = models.Indicator.objects.get(name__startswith="Andel kvinnor")
    page = client.get(women.get_absolute_url()).content.decode()
    assert "Västra Götaland" in page and "Riket, medel" in page
    assert page.count('role="img"') == 2
