import datetime

import pytest
from django.utils import timezone

from steering import gaps, selectors
from steering.models import Forum
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    DocumentFactory,
    ForumFactory,
    GoalFactory,
    IndicatorFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
    RoutineFactory,
    TargetFactory,
)


@pytest.fixture
def program(town):
    return ProgramFactory(municipality=town.municipality)


def test_the_tree_nests_sub_goals_and_gives_every_goal_a_status(town, program):
    area = AreaFactory(program=program, name="Arbete")
    goal = GoalFactory(area=area, title="Fler i arbete")
    sub = GoalFactory(area=area, parent=goal, organization=town.board, title="Fler i praktik")
    TargetFactory(indicator=IndicatorFactory(goal=sub), year=2024)
    IndicatorFactory(goal=goal)
    [node] = selectors.program_tree(program=program)
    assert node.status == selectors.AREA_NO_PLAN
    [goal_node] = node.goals
    assert goal_node.status == selectors.GOAL_NO_TARGET
    assert [s.goal for s in goal_node.subgoals] == [sub]
    assert goal_node.subgoals[0].status == selectors.GOAL_MEASURABLE


def test_the_tree_runs_a_fixed_number_of_queries(town, program, django_assert_num_queries):
    for n in range(5):
        area = AreaFactory(program=program)
        goal = GoalFactory(area=area)
        IndicatorFactory(goal=goal)
        ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.board)
    with django_assert_num_queries(9):
        tree = selectors.program_tree(program=program)
    assert len(tree) == 5


def test_gaps_list_every_kind_of_shortcoming(town, program):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    area = AreaFactory(program=program, name="Boende")
    goal = GoalFactory(area=area, title="Ingen trångboddhet")
    unlinked = GoalFactory(area=None, municipality=town.municipality, organization=town.company, title="Nöjda hyresgäster")
    indicator = IndicatorFactory(goal=unlinked, name="Nöjd kund-index")
    DocumentFactory(municipality=town.municipality, title="Bostadsförsörjningsprogram", review_due=yesterday)
    RoutineFactory(municipality=town.municipality, title="Analysrutin", review_due=yesterday)
    ProjectFactory(municipality=town.municipality, name="Bostad först", end_date=yesterday,
                   start_date=yesterday - datetime.timedelta(days=90))
    ForumFactory(municipality=town.municipality, name="Integrationsrådet", status=Forum.Status.DORMANT)
    groups = {g.slug: [gap.record for gap in g.gaps] for g in gaps.governance_gaps(municipality=town.municipality)}
    assert goal in groups["mal-utan-indikator"]
    assert indicator in groups["indikator-utan-malvarde"]
    assert area in groups["omrade-utan-handlingsplan"]
    assert area in groups["ansvar-saknas"] and goal in groups["ansvar-saknas"]
    assert unlinked in groups["mal-utan-koppling"]
    assert [str(r) for r in groups["oversyn-forsenad"]] == ["Bostadsförsörjningsprogram", "Analysrutin"]
    assert [p.name for p in groups["projekt-utan-utvardering"]] == ["Bostad först"]
    assert [f.name for f in groups["vilande-forum"]] == ["Integrationsrådet"]


def test_a_complete_area_has_no_gaps(town, program):
    area = AreaFactory(program=program)
    goal = GoalFactory(area=area)
    TargetFactory(indicator=IndicatorFactory(goal=goal), year=2024)
    ActionPlanFactory(area=area)
    ResponsibilityFactory(area=area, organization=town.board)
    ResponsibilityFactory(area=None, goal=goal, organization=town.board)
    assert all(group.gaps == [] for group in gaps.governance_gaps(municipality=town.municipality))


def test_the_matrix_shows_roles_per_area_and_who_has_no_part(town, program):
    work = AreaFactory(program=program, name="Arbete", position=1)
    housing = AreaFactory(program=program, name="Boende", position=2)
    ResponsibilityFactory(area=work, organization=town.board, mandate="Samordnar arbetsmarknadsinsatser")
    ActivityFactory(action_plan=ActionPlanFactory(area=housing), responsible=town.company)
    matrix = gaps.responsibility_matrix(program=program)
    rows = {row.organization: row.cells for row in matrix.rows}
    assert rows[town.board] == [["Ansvarig för området"], []]
    assert rows[town.company] == [[], ["Ansvarig för aktivitet"]]
    assert town.other_board in matrix.organizations_without_part
    assert matrix.areas_without_responsible == [housing]


def test_documents_of_the_same_type_covering_an_area_overlap(town, program):
    area = AreaFactory(program=program, name="Trygghet")
    first = DocumentFactory(municipality=town.municipality, title="Trygghetsplan", kind="plan")
    second = DocumentFactory(municipality=town.municipality, title="Plan mot våld", kind="plan")
    policy = DocumentFactory(municipality=town.municipality, title="Trygghetspolicy", kind="policy")
    for document in (first, second, policy):
        document.areas.add(area)
    [overlap] = selectors.document_overlaps(municipality=town.municipality)
    assert {overlap.first, overlap.second} == {first, second} and overlap.areas == [area]
