import pytest

from organizations.models import Membership
from organizations.tests.factories import MembershipFactory
from core.tests.factories import UserFactory
from reports.services import report_create
from reports.tests.factories import answered_cycle

Role = Membership.Role


@pytest.fixture
def version(town):
    cycle = answered_cycle(municipality=town.municipality, organizations=[town.board])
    cycle.program.owner = town.board  # the test town's coordinator and secretary sit in this board
    cycle.program.save()
    return report_create(cycle=cycle).versions.get()


@pytest.mark.parametrize("role", Membership.Role.values)
def test_every_member_reads_reports(town, role):
    assert town.users[role].has_perm("reports.view_report")


@pytest.mark.parametrize("role, allowed", [(Role.COORDINATOR, True), (Role.ADMIN, True), (Role.SECRETARY, False),
                                           (Role.KS_OFFICIAL, False), (Role.RESPONDENT, False)])
def test_the_coordinator_and_the_municipal_admin_write(town, role, allowed):
    assert town.users[role].has_perm("reports.change_report") is allowed


@pytest.mark.parametrize("role, allowed", [(Role.COORDINATOR, True), (Role.SECRETARY, True),
                                           (Role.KS_OFFICIAL, False), (Role.POLITICIAN, False)])
def test_approval_is_recorded_by_the_coordinator_or_the_coordinating_boards_secretary(town, version, role, allowed):
    assert town.users[role].has_perm("reports.approve_version", version) is allowed


def test_a_secretary_of_another_board_does_not_record_the_approval(town, version):
    secretary = UserFactory()
    MembershipFactory(user=secretary, organization=town.company, role=Role.SECRETARY)
    assert not secretary.has_perm("reports.approve_version", version)


def test_a_user_without_membership_reads_nothing(db):
    assert not UserFactory().has_perm("reports.view_report")
