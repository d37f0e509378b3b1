"""The list of follow-ups a user answers reaches as far down as the right to answer them."""

from followup.selectors import responses_for_user
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from organizations.models import Membership, Organization
from organizations.tests.factories import OrganizationFactory
from steering.tests.factories import ProgramFactory

Role = Membership.Role


def test_a_boards_respondent_sees_every_follow_up_they_may_answer_and_no_other(town):
    cycle = CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality))
    unit = OrganizationFactory(municipality=town.municipality, name="Språkenheten", kind=Organization.Kind.UNIT,
                               parent=town.administration)
    for organization in (town.board, town.administration, unit, town.other_board):
        CycleOrganizationFactory(cycle=cycle, organization=organization)
    respondent = town.users[Role.RESPONDENT]

    shown = {r.organization.name for r in responses_for_user(user=respondent, municipality=town.municipality)}

    assert shown == {"Arbetslivsnämnden", "Arbetslivsförvaltningen", "Språkenheten"}
    assert all(
        respondent.has_perm("followup.answer", r)
        for r in responses_for_user(user=respondent, municipality=town.municipality)
    )
