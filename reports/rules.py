"""Who may do what with reports: everyone logged in in the municipality reads them; the
coordinator compiles, writes and submits; the board secretary records decisions."""

import rules

from organizations.models import Membership
from organizations.rules import (
    is_coordinator, is_ks_official, is_member, is_member_of, is_municipal_admin, is_secretary,
)

Role = Membership.Role

can_write = is_coordinator | is_municipal_admin


@rules.predicate
def is_secretary_of_coordinating_board(user, version) -> bool:
    """The board secretary of the board that coordinates the report's program."""
    if version is None:
        return False
    return is_member_of(Role.SECRETARY)(user, version.report.cycle.program.owner)


@rules.predicate
def is_secretary_of(user, organization) -> bool:
    return is_member_of(Role.SECRETARY)(user, organization)


@rules.predicate
def answers_for(user, organization) -> bool:
    """A secretary or respondent of the organisation acknowledges its dispatch logged in."""
    return is_member_of(Role.SECRETARY, Role.RESPONDENT)(user, organization)


rules.add_perm("reports.view_report", is_member)
rules.add_perm("reports.change_report", can_write)
rules.add_perm("reports.approve_version", can_write | is_secretary_of_coordinating_board)
# The decision form opens for anyone who may record some decision; the organisation
# chosen is checked with record_decision.
rules.add_perm("reports.open_decision_form", is_secretary | is_coordinator | is_municipal_admin)
rules.add_perm("reports.record_decision", is_secretary_of | is_coordinator | is_municipal_admin)
rules.add_perm("reports.dispatch_version", is_coordinator | is_municipal_admin)
rules.add_perm("reports.view_dispatches", is_coordinator | is_ks_official | is_municipal_admin)
rules.add_perm("reports.acknowledge_dispatch", answers_for)
rules.add_perm("reports.publish_version", is_coordinator | is_municipal_admin)
