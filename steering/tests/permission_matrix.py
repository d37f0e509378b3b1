"""This app's rows in the permission matrix (tests/test_permission_matrix.py).

Everyone logged in reads; the coordinator and a municipal administrator edit the program
and the document register; the records of the test users' own board (Arbetslivsnämnden,
where the respondent and the secretary sit) are theirs to edit, another board's are not."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, DENIED, LOGGED_IN, OK, Row, expect
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    DocumentFactory,
    ForumFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
    RoutineFactory,
)

GAP_READERS = expect(DENIED, coordinator=OK, ks_official=OK, admin=OK)
# Respondents, secretaries and administrators of some organisation may start records of their own.
OWN_RECORDS = expect(DENIED, coordinator=OK, respondent=OK, secretary=OK, admin=OK)
OTHER_BOARDS_RECORD = COORDINATOR_AND_ADMIN


def _area(town):
    return AreaFactory(program=ProgramFactory(municipality=town.municipality))


def _goal(town, **extra):
    return GoalFactory(area=_area(town), **extra)


def _plan(town):
    return ActionPlanFactory(area=_area(town))


def _pk(factory):
    return lambda town: {"pk": factory(town).pk}


ROWS = {
    "steering:program_list": Row(LOGGED_IN),
    "steering:program_create": Row(COORDINATOR_AND_ADMIN),
    "steering:program_detail": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:program_edit": Row(COORDINATOR_AND_ADMIN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:target_carry_forward": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: ProgramFactory(municipality=t.municipality))
    ),
    "steering:program_history": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:program_matrix": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:gap_list": Row(GAP_READERS),
    "steering:area_create": Row(COORDINATOR_AND_ADMIN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:area_edit": Row(COORDINATOR_AND_ADMIN, _pk(_area)),
    "steering:area_history": Row(LOGGED_IN, _pk(_area)),
    "steering:area_detail": Row(LOGGED_IN, _pk(_area)),
    "steering:action_plan_create": Row(COORDINATOR_AND_ADMIN, _pk(_area)),
    "steering:goal_create": Row(OWN_RECORDS),
    "steering:goal_detail": Row(LOGGED_IN, _pk(_goal)),
    "steering:goal_edit": Row(OWN_RECORDS, _pk(lambda t: _goal(t, organization=t.board))),
    "steering:goal_history": Row(LOGGED_IN, _pk(_goal)),
    "steering:indicator_create": Row(OTHER_BOARDS_RECORD, _pk(lambda t: _goal(t, organization=t.other_board))),
    "steering:indicator_edit": Row(COORDINATOR_AND_ADMIN, _pk(lambda t: IndicatorFactory(goal=_goal(t)))),
    "steering:indicator_history": Row(LOGGED_IN, _pk(lambda t: IndicatorFactory(goal=_goal(t)))),
    "steering:indicator_detail": Row(LOGGED_IN, _pk(lambda t: IndicatorFactory(goal=_goal(t)))),
    # Entering a manual value is editing the indicator: the program's for the coordinator and
    # administrator, a board's own sub-goal's for the board's people.
    "steering:indicator_value_create": Row(
        OWN_RECORDS, _pk(lambda t: IndicatorFactory(goal=_goal(t, organization=t.board)))
    ),
    "steering:indicator_value_history": Row(
        LOGGED_IN, _pk(lambda t: IndicatorValueFactory(indicator=IndicatorFactory(goal=_goal(t))))
    ),
    "steering:target_create": Row(OWN_RECORDS, _pk(lambda t: IndicatorFactory(goal=_goal(t, organization=t.board)))),
    "steering:action_plan_edit": Row(COORDINATOR_AND_ADMIN, _pk(_plan)),
    "steering:action_plan_history": Row(LOGGED_IN, _pk(_plan)),
    "steering:activity_create": Row(OWN_RECORDS, _pk(_plan)),
    "steering:activity_edit": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ActivityFactory(action_plan=_plan(t), responsible=t.other_board))
    ),
    "steering:activity_history": Row(
        LOGGED_IN, _pk(lambda t: ActivityFactory(action_plan=_plan(t), responsible=t.board))
    ),
    "steering:area_responsibility_create": Row(COORDINATOR_AND_ADMIN, _pk(_area)),
    "steering:goal_responsibility_create": Row(COORDINATOR_AND_ADMIN, _pk(_goal)),
    "steering:responsibility_edit": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: ResponsibilityFactory(area=_area(t), organization=t.board))
    ),
    "steering:responsibility_history": Row(
        LOGGED_IN, _pk(lambda t: ResponsibilityFactory(area=_area(t), organization=t.board))
    ),
    "steering:document_list": Row(LOGGED_IN),
    "steering:document_tree": Row(LOGGED_IN),
    "steering:document_overlap": Row(LOGGED_IN),
    "steering:document_create": Row(COORDINATOR_AND_ADMIN),
    "steering:document_detail": Row(LOGGED_IN, _pk(lambda t: DocumentFactory(municipality=t.municipality))),
    # The test document names a file that is not stored: every logged-in role gets as far as
    # looking for it (404), the anonymous visitor is sent to log in. test_views downloads a real one.
    "steering:document_file": Row(
        expect(404), _pk(lambda t: DocumentFactory(municipality=t.municipality, file="styrdokument/saknas.pdf"))
    ),
    "steering:document_edit": Row(COORDINATOR_AND_ADMIN, _pk(lambda t: DocumentFactory(municipality=t.municipality))),
    "steering:document_history": Row(LOGGED_IN, _pk(lambda t: DocumentFactory(municipality=t.municipality))),
    "steering:project_list": Row(LOGGED_IN),
    "steering:project_create": Row(OWN_RECORDS),
    "steering:project_detail": Row(LOGGED_IN, _pk(lambda t: ProjectFactory(municipality=t.municipality))),
    "steering:project_edit": Row(
        OWN_RECORDS, _pk(lambda t: ProjectFactory(municipality=t.municipality, owner=t.board))
    ),
    "steering:project_evaluate": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ProjectFactory(municipality=t.municipality, owner=t.other_board))
    ),
    "steering:project_history": Row(LOGGED_IN, _pk(lambda t: ProjectFactory(municipality=t.municipality))),
    "steering:forum_list": Row(LOGGED_IN),
    "steering:forum_create": Row(OWN_RECORDS),
    "steering:forum_detail": Row(LOGGED_IN, _pk(lambda t: ForumFactory(municipality=t.municipality))),
    "steering:forum_edit": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ForumFactory(municipality=t.municipality, convener=t.other_board))
    ),
    "steering:forum_history": Row(LOGGED_IN, _pk(lambda t: ForumFactory(municipality=t.municipality))),
    "steering:routine_list": Row(LOGGED_IN),
    "steering:routine_create": Row(OWN_RECORDS),
    "steering:routine_detail": Row(LOGGED_IN, _pk(lambda t: RoutineFactory(municipality=t.municipality))),
    "steering:routine_edit": Row(
        OWN_RECORDS, _pk(lambda t: RoutineFactory(municipality=t.municipality, organization=t.board))
    ),
    "steering:routine_history": Row(LOGGED_IN, _pk(lambda t: RoutineFactory(municipality=t.municipality))),
}
