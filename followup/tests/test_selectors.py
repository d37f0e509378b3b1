"""Who may be named to answer, and the follow-ups a user answers, which reach as far down
as the right to answer them."""

from core.tests.factories import UserFactory
from followup.selectors import respondent_candidates, responses_for_user
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from organizations.models import Membership, Organization
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from steering.tests.factories import ProgramFactory

Role = Membership.Role


def test_auditors_and_politicians_are_not_candidates_but_are_told_apart(town):
    candidates = respondent_candidates(municipality=town.municipality)
    offered = {candidate.person for candidate in candidates.people}
    assert town.users[Role.AUDITOR] not in offered and town.users[Role.POLITICIAN] not in offered
    assert candidates.refused_ids == {town.users[Role.AUDITOR].pk, town.users[Role.POLITICIAN].pk}
    assert town.users[Role.RESPONDENT] in offered and town.users[Role.ADMIN] in offered


def test_an_auditor_who_also_has_another_role_is_still_not_a_candidate(town):
    MembershipFactory(user=town.users[Role.AUDITOR], organization=town.board, role=Role.RESPONDENT)
    candidates = respondent_candidates(municipality=town.municipality)
    assert town.users[Role.AUDITOR] not in {candidate.person for candidate in candidates.people}


def test_the_organisations_own_people_come_first_its_respondents_on_top(town):
    second = UserFactory(full_name="Aaron Andersson")
    MembershipFactory(user=second, organization=town.board, role=Role.SECRETARY)
    own, others = respondent_candidates(municipality=town.municipality).ordered_for(town.board.pk)
    assert own[0].person == town.users[Role.RESPONDENT]
    assert {candidate.person for candidate in own} == {
        town.users[Role.RESPONDENT], town.users[Role.COORDINATOR], town.users[Role.SECRETARY], second,
    }
    assert {candidate.person for candidate in others} == {town.users[Role.KS_OFFICIAL], town.users[Role.ADMIN]}


def test_candidates_are_read_in_two_queries_however_many_people(town, django_assert_num_queries):
    for index in range(20):
        MembershipFactory(organization=town.board if index % 2 else town.company, role=Role.RESPONDENT)
    with django_assert_num_queries(2):
        candidates = respondent_candidates(municipality=town.municipality)
        names = [candidate.organization_names for candidate in candidates.people]
    assert len(names) == 25


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
