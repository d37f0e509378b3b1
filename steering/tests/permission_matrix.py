"""This app's rows in the permission matrix (tests/test_permission_matrix.py).

Everyone logged in reads; the coordinator and a municipal administrator edit the program
and the document register; the records of the test users' own board (Arbetslivsnämnden,
where the respondent and the secretary sit) are theirs to edit, another board's are not."""

from core.tests.permission_matrix import (
    COORDINATOR_AND_ADMIN,
    DENIED,
    FORM_ERROR,
    LOGGED_IN,
    OK,
    Row,
    expect,
    posted,
)
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
    TargetFactory,
)

GAP_READERS = expect(DENIED, coordinator=OK, ks_official=OK, admin=OK)
# Respondents, secretaries and administrators of some organisation may start records of their own.
OWN_RECORDS = expect(DENIED, coordinator=OK, respondent=OK, secretary=OK, admin=OK, board_admin=OK)
OTHER_BOARDS_RECORD = COORDINATOR_AND_ADMIN


def _area(town):
    return AreaFactory(program=ProgramFactory(municipality=town.municipality))


def _goal(town, **extra):
    return GoalFactory(area=_area(town), **extra)


def _plan(town):
    return ActionPlanFactory(area=_area(town))


def _pk(factory):
    return lambda town: {"pk": factory(town).pk}


# What each form needs to be saved. `town.board` is where the respondent and secretary work.
def _program_data(town, kwargs):
    return {"name": "Program för ett integrerat samhälle", "start_year": 2024, "end_year": 2027, "seen_version": 1}


def _program_with_a_target(town):
    program = ProgramFactory(municipality=town.municipality, start_year=2024, end_year=2030)
    TargetFactory(indicator=IndicatorFactory(goal=GoalFactory(area=AreaFactory(program=program))), year=2025)
    return program


def _carry_data(town, kwargs):
    return {"from_year": 2025, "first_year": 2026, "last_year": 2027, "decision": "KF 2025-06-12 § 80"}


def _area_data(town, kwargs):
    return {"name": "Arbete", "position": 1, "seen_version": 1}


def goal_data(town, kwargs):
    area = AreaFactory(program=ProgramFactory(municipality=town.municipality))
    return {"title": "Fler i arbete", "organization": town.board.pk, "area": area.pk, "seen_version": 1}


def _indicator_data(town, kwargs):
    return {"name": "Andel i arbete", "unit": "procent", "direction": "higher", "source": "manual", "gender": "T",
            "publication_lag": 1,
            "seen_version": 1}


def _plan_data(town, kwargs):
    return {"title": "Handlingsplan för arbete", "seen_version": 1}


def activity_data(town, kwargs):
    return {"title": "Språkcafé", "responsible": town.board.pk, "status": "planned", "seen_version": 1}


def _responsibility_data(town, kwargs):
    return {"organization": town.board.pk, "role": "responsible", "mandate": "Leder arbetet.", "seen_version": 1}


def _document_data(town, kwargs):
    return {"title": "Integrationsprogram", "kind": "program", "nature": "activating", "adopted_by": town.council.pk,
            "seen_version": 1}


def project_data(town, kwargs):
    return {"name": "Jobbspår", "purpose": "Fler i arbete", "owner": town.board.pk, "start_date": "2024-01-01",
            "end_date": "2024-12-31", "seen_version": 1}


def _evaluation_data(town, kwargs):
    return {"evaluated_on": "2025-01-31", "results": "Tolv i arbete", "goal_fulfilment": "met", "seen_version": 1}


def forum_data(town, kwargs):
    return {"name": "Samverkansrådet", "kind": "internal", "convener": town.board.pk, "status": "active",
            "purpose": "Samordna insatser", "meeting_frequency": "Varje månad", "seen_version": 1}


def routine_data(town, kwargs):
    return {"title": "Uppföljningsrutin", "description": "Så följer vi upp.", "organization": town.board.pk,
            "seen_version": 1}


def _value_data(town, kwargs):
    return {"year": 2024, "gender": "T", "value": "12"}


ROWS = {
    "steering:program_list": Row(LOGGED_IN),
    "steering:program_create": Row(COORDINATOR_AND_ADMIN, post=posted(COORDINATOR_AND_ADMIN), data=_program_data),
    "steering:program_detail": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:program_edit": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: ProgramFactory(municipality=t.municipality)),
        posted(COORDINATOR_AND_ADMIN),
        _program_data,
    ),
    "steering:target_carry_forward": Row(
        COORDINATOR_AND_ADMIN, _pk(_program_with_a_target), posted(COORDINATOR_AND_ADMIN), _carry_data,
    ),
    "steering:program_history": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:program_matrix": Row(LOGGED_IN, _pk(lambda t: ProgramFactory(municipality=t.municipality))),
    "steering:gap_list": Row(GAP_READERS),
    "steering:area_create": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: ProgramFactory(municipality=t.municipality)),
        posted(COORDINATOR_AND_ADMIN),
        _area_data,
    ),
    "steering:area_edit": Row(COORDINATOR_AND_ADMIN, _pk(_area), posted(COORDINATOR_AND_ADMIN), _area_data),
    "steering:area_history": Row(LOGGED_IN, _pk(_area)),
    "steering:area_detail": Row(LOGGED_IN, _pk(_area)),
    "steering:action_plan_create": Row(COORDINATOR_AND_ADMIN, _pk(_area), posted(COORDINATOR_AND_ADMIN), _plan_data),
    "steering:goal_create": Row(OWN_RECORDS, post=posted(OWN_RECORDS), data=goal_data),
    "steering:goal_detail": Row(LOGGED_IN, _pk(_goal)),
    "steering:goal_edit": Row(
        OWN_RECORDS, _pk(lambda t: _goal(t, organization=t.board)), posted(OWN_RECORDS), goal_data
    ),
    "steering:goal_history": Row(LOGGED_IN, _pk(_goal)),
    "steering:indicator_create": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: _goal(t, organization=t.other_board)), posted(OTHER_BOARDS_RECORD),
        _indicator_data,
    ),
    "steering:indicator_edit": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: IndicatorFactory(goal=_goal(t))), posted(COORDINATOR_AND_ADMIN),
        _indicator_data,
    ),
    "steering:indicator_history": Row(LOGGED_IN, _pk(lambda t: IndicatorFactory(goal=_goal(t)))),
    "steering:indicator_detail": Row(LOGGED_IN, _pk(lambda t: IndicatorFactory(goal=_goal(t)))),
    # Entering a manual value is editing the indicator: the program's for the coordinator and
    # administrator, a board's own sub-goal's for the board's people.
    "steering:indicator_value_create": Row(
        OWN_RECORDS, _pk(lambda t: IndicatorFactory(goal=_goal(t, organization=t.board), source="manual")),
        posted(OWN_RECORDS), _value_data,
    ),
    # An empty post is a form error for those who may upload, the usual refusal for the rest.
    "steering:indicator_values_upload": Row(
        OWN_RECORDS, _pk(lambda t: IndicatorFactory(goal=_goal(t, organization=t.board), source="manual")),
        posted(OWN_RECORDS, FORM_ERROR),
    ),
    "steering:indicator_values_template": Row(
        OWN_RECORDS, lambda t: {"pk": IndicatorFactory(goal=_goal(t, organization=t.board)).pk, "fmt": "csv"},
    ),
    "steering:indicator_value_history": Row(
        LOGGED_IN, _pk(lambda t: IndicatorValueFactory(indicator=IndicatorFactory(goal=_goal(t))))
    ),
    "steering:target_create": Row(
        OWN_RECORDS, _pk(lambda t: IndicatorFactory(goal=_goal(t, organization=t.board))), posted(OWN_RECORDS),
        lambda town, kwargs: {"year": 2025, "value": "60"},
    ),
    "steering:action_plan_edit": Row(COORDINATOR_AND_ADMIN, _pk(_plan), posted(COORDINATOR_AND_ADMIN), _plan_data),
    "steering:action_plan_history": Row(LOGGED_IN, _pk(_plan)),
    "steering:activity_create": Row(OWN_RECORDS, _pk(_plan), posted(OWN_RECORDS), activity_data),
    "steering:activity_edit": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ActivityFactory(action_plan=_plan(t), responsible=t.other_board)),
        posted(OTHER_BOARDS_RECORD), activity_data,
    ),
    "steering:activity_history": Row(
        LOGGED_IN, _pk(lambda t: ActivityFactory(action_plan=_plan(t), responsible=t.board))
    ),
    "steering:area_responsibility_create": Row(
        COORDINATOR_AND_ADMIN, _pk(_area), posted(COORDINATOR_AND_ADMIN), _responsibility_data
    ),
    "steering:goal_responsibility_create": Row(
        COORDINATOR_AND_ADMIN, _pk(_goal), posted(COORDINATOR_AND_ADMIN), _responsibility_data
    ),
    "steering:responsibility_edit": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: ResponsibilityFactory(area=_area(t), organization=t.board)),
        posted(COORDINATOR_AND_ADMIN), _responsibility_data,
    ),
    "steering:responsibility_history": Row(
        LOGGED_IN, _pk(lambda t: ResponsibilityFactory(area=_area(t), organization=t.board))
    ),
    "steering:document_list": Row(LOGGED_IN),
    "steering:document_tree": Row(LOGGED_IN),
    "steering:document_overlap": Row(LOGGED_IN),
    "steering:document_create": Row(COORDINATOR_AND_ADMIN, post=posted(COORDINATOR_AND_ADMIN), data=_document_data),
    "steering:document_detail": Row(LOGGED_IN, _pk(lambda t: DocumentFactory(municipality=t.municipality))),
    # The test document names a file that is not stored: every logged-in role gets as far as
    # looking for it (404), the anonymous visitor is sent to log in. test_views downloads a real one.
    "steering:document_file": Row(
        expect(404), _pk(lambda t: DocumentFactory(municipality=t.municipality, file="styrdokument/saknas.pdf"))
    ),
    "steering:document_edit": Row(
        COORDINATOR_AND_ADMIN, _pk(lambda t: DocumentFactory(municipality=t.municipality)),
        posted(COORDINATOR_AND_ADMIN), _document_data,
    ),
    "steering:document_history": Row(LOGGED_IN, _pk(lambda t: DocumentFactory(municipality=t.municipality))),
    "steering:project_list": Row(LOGGED_IN),
    "steering:project_create": Row(OWN_RECORDS, post=posted(OWN_RECORDS), data=project_data),
    "steering:project_detail": Row(LOGGED_IN, _pk(lambda t: ProjectFactory(municipality=t.municipality))),
    "steering:project_edit": Row(
        OWN_RECORDS, _pk(lambda t: ProjectFactory(municipality=t.municipality, owner=t.board)), posted(OWN_RECORDS),
        project_data,
    ),
    "steering:project_evaluate": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ProjectFactory(municipality=t.municipality, owner=t.other_board)),
        posted(OTHER_BOARDS_RECORD), _evaluation_data,
    ),
    "steering:project_history": Row(LOGGED_IN, _pk(lambda t: ProjectFactory(municipality=t.municipality))),
    "steering:forum_list": Row(LOGGED_IN),
    "steering:forum_create": Row(OWN_RECORDS, post=posted(OWN_RECORDS), data=forum_data),
    "steering:forum_detail": Row(LOGGED_IN, _pk(lambda t: ForumFactory(municipality=t.municipality))),
    "steering:forum_edit": Row(
        OTHER_BOARDS_RECORD, _pk(lambda t: ForumFactory(municipality=t.municipality, convener=t.other_board)),
        posted(OTHER_BOARDS_RECORD), forum_data,
    ),
    "steering:forum_history": Row(LOGGED_IN, _pk(lambda t: ForumFactory(municipality=t.municipality))),
    "steering:routine_list": Row(LOGGED_IN),
    "steering:routine_create": Row(OWN_RECORDS, post=posted(OWN_RECORDS), data=routine_data),
    "steering:routine_detail": Row(LOGGED_IN, _pk(lambda t: RoutineFactory(municipality=t.municipality))),
    "steering:routine_edit": Row(
        OWN_RECORDS, _pk(lambda t: RoutineFactory(municipality=t.municipality, organization=t.board)),
        posted(OWN_RECORDS), routine_data,
    ),
    "steering:routine_history": Row(LOGGED_IN, _pk(lambda t: RoutineFactory(municipality=t.municipality))),
}
