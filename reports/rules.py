"""Who may do what with reports: everyone logged in in the municipality reads them; the
coordinator compiles, writes and submits; the board secretary records decisions."""

import rules

from organizations.models import Membership
from organizations.rules import is_coordinator, is_member, is_member_of, is_municipal_admin

Role = Membership.Role

can_write = is_coordinator | is_municipal_admin


@rules.predicate
def is_secretary_of_coordinating_board(user, version) -> bool:
    """The board secretary of the board that coordinates the report's program."""
    if version is None:
        return False
    return is_member_of(Role.SECRETARY)(user, version.report.cycle.program.owner)


rules.add_perm("reports.view_report", is_member)
rules.add_perm("reports.change_report", can_write)
rules.add_perm("reports.approve_version", can_write | is_secretary_of_coordinating_board)
