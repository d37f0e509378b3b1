import datetime

import pytest
from django.core.exceptions import ValidationError

from core.versioning import StaleEditError
from kpis.models import Kpi
from kpis.tests.factories import KpiFactory
from organizations.models import Membership
from steering import services
from steering.models import Activity, Goal, Project, Target
from steering.models.common import END_BEFORE_START
from steering.models.program import GOAL_OWN_ANCESTOR, SUBGOAL_OTHER_MUNICIPALITY
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    GoalFactory,
    IndicatorFactory,
    ProgramFactory,
    ProjectFactory,
)

Role = Membership.Role


@pytest.fixture
def area(town):
    return AreaFactory(program=ProgramFactory(municipality=town.municipality, start_year=2022, end_year=2026))


def test_a_board_adds_a_sub_goal_to_a_program_goal_and_the_history_records_it(town, area):
    goal = GoalFactory(area=area)
    sub = services.goal_create(
        municipality=town.municipality,
        data={"title": "Fler elever i sfi klarar kursen", "parent": goal, "organization": town.board},
        by=town.users[Role.RESPONDENT],
    )
    assert sub.area == area and sub.parent == goal
    assert sub.history.count() == 1


def test_a_goal_made_its_own_ancestor_is_refused_and_nothing_changes(town, area):
    top = GoalFactory(area=area)
    sub = GoalFactory(area=area, parent=top, organization=town.board)
    with pytest.raises(ValidationError) as refused:
        services.goal_update(goal=top, data={"parent": sub}, seen_version=top.version)
    assert refused.value.message_dict["parent"] == [str(GOAL_OWN_ANCESTOR)]
    top.refresh_from_db()
    assert top.parent is None and top.version == 1 and top.history.count() == 1


def test_a_sub_goal_linked_to_another_municipalitys_goal_is_refused(town):
    elsewhere = GoalFactory()
    before = Goal.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            municipality=town.municipality,
            data={"title": "Delmål", "parent": elsewhere, "organization": town.board},
            by=town.users[Role.RESPONDENT],
        )
    assert refused.value.message_dict["parent"] == [str(SUBGOAL_OTHER_MUNICIPALITY)]
    assert Goal.objects.count() == before


def test_a_respondent_cannot_create_a_program_goal(town, area):
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            municipality=town.municipality, data={"title": "Programmål", "area": area}, by=town.users[Role.RESPONDENT]
        )
    assert refused.value.message_dict["organization"] == [str(services.NOT_YOUR_ORGANIZATION)]
    assert not Goal.objects.exists()


def test_a_target_outside_the_program_period_is_refused_and_nothing_is_saved(town, area):
    indicator = IndicatorFactory(goal=GoalFactory(area=area))
    with pytest.raises(ValidationError) as refused:
        services.target_set(indicator=indicator, year=2030, value=60)
    assert refused.value.message_dict["year"] == ["Målvärdet gäller år 2030, men programmet gäller 2022–2026."]
    assert not Target.objects.exists()


def test_setting_a_target_again_changes_it_with_history(town, area):
    indicator = IndicatorFactory(goal=GoalFactory(area=area))
    services.target_set(indicator=indicator, year=2025, value=40)
    target = services.target_set(indicator=indicator, year=2025, value=45)
    assert target.value == 45 and target.version == 2
    assert Target.objects.count() == 1 and target.history.count() == 2


def test_a_board_cannot_edit_another_boards_activity_and_nothing_changes(town, area):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.other_board, title="Språkcafé")
    with pytest.raises(ValidationError) as refused:
        services.activity_update(
            activity=activity, data={"title": "Ändrad"}, seen_version=activity.version, by=town.users[Role.RESPONDENT]
        )
    assert refused.value.message_dict["responsible"] == [str(services.NOT_YOUR_ORGANIZATION)]
    activity.refresh_from_db()
    assert activity.title == "Språkcafé" and activity.version == 1


def test_a_board_cannot_hand_its_activity_to_another_board(town, area):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.board)
    with pytest.raises(ValidationError) as refused:
        services.activity_update(
            activity=activity, data={"responsible": town.other_board}, seen_version=1, by=town.users[Role.RESPONDENT]
        )
    assert refused.value.message_dict["responsible"] == [str(services.NOT_YOUR_ORGANIZATION)]
    activity.refresh_from_db()
    assert activity.responsible == town.board


def test_an_activity_ending_before_it_starts_is_refused(town, area):
    plan = ActionPlanFactory(area=area)
    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            action_plan=plan,
            data={"title": "Mentorskap", "responsible": town.board, "start_date": datetime.date(2025, 3, 1),
                  "end_date": datetime.date(2025, 1, 1), "contributors": [town.company]},
            by=town.users[Role.RESPONDENT],
        )
    assert refused.value.message_dict["end_date"] == [str(END_BEFORE_START)]
    assert not Activity.objects.exists()


def test_an_activity_records_its_contributors(town, area):
    activity = services.activity_create(
        action_plan=ActionPlanFactory(area=area),
        data={"title": "Mentorskap", "responsible": town.board, "contributors": [town.company, town.external]},
        by=town.users[Role.RESPONDENT],
    )
    assert set(activity.contributors.all()) == {town.company, town.external}


def test_a_stale_activity_edit_is_refused(town, area):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.board)
    services.activity_update(activity=activity, data={"title": "Först"}, seen_version=1)
    with pytest.raises(StaleEditError):
        services.activity_update(activity=Activity.objects.get(pk=activity.pk), data={"title": "Sen"}, seen_version=1)
    assert Activity.objects.get(pk=activity.pk).title == "Först"


def test_a_project_ending_before_it_starts_is_refused(town):
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            municipality=town.municipality,
            data={"name": "Jobbspår", "purpose": "Arbete", "owner": town.board,
                  "start_date": datetime.date(2024, 1, 1), "end_date": datetime.date(2023, 1, 1)},
            by=town.users[Role.RESPONDENT],
        )
    assert refused.value.message_dict["end_date"] == [str(END_BEFORE_START)]
    assert not Project.objects.exists()


def test_a_project_is_evaluated_after_its_end(town):
    project = ProjectFactory(municipality=town.municipality, owner=town.board)
    assert project.lacks_evaluation
    services.project_evaluate(
        project=project,
        data={"evaluated_on": datetime.date(2024, 9, 1), "results": "40 deltagare, 12 i arbete.",
              "goal_fulfilment": Project.Fulfilment.PARTLY, "lessons": "Tidig kontakt med arbetsgivare."},
        seen_version=1,
    )
    project.refresh_from_db()
    assert not project.lacks_evaluation and project.version == 2


def test_an_evaluation_without_results_is_refused(town):
    project = ProjectFactory(municipality=town.municipality, owner=town.board)
    with pytest.raises(ValidationError) as refused:
        services.project_evaluate(project=project, data={"evaluated_on": datetime.date(2024, 9, 1), "results": " "},
                                  seen_version=1)
    assert refused.value.message_dict["results"] == [str(services.EVALUATION_NEEDS_RESULTS)]
    project.refresh_from_db()
    assert project.evaluated_on is None


def test_a_kolada_indicator_makes_its_kpi_followed_by_the_refresh(db):
    goal = GoalFactory()
    services.indicator_create(goal=goal, data={"name": "Andel i arbete", "unit": "%", "source": "kolada",
                                               "kolada_kpi": "N00973"})
    placeholder = Kpi.objects.get(pk="N00973")
    assert (placeholder.is_placeholder, placeholder.is_followed) == (True, True)
    KpiFactory(id="N00700", is_followed=False)
    manual = services.indicator_create(goal=goal, data={"name": "Manuell", "unit": "%"})
    assert not Kpi.objects.filter(is_followed=True).exclude(pk="N00973").exists()
    services.indicator_update(indicator=manual, data={"source": "kolada", "kolada_kpi": "N00700"},
                              seen_version=manual.version)
    assert Kpi.objects.get(pk="N00700").is_followed is True
