"""Who may do what with reports: everyone logged in in the municipality reads them; the
coordinator compiles, writes and submits; the board secretary records decisions."""

# --- rep-dispatch: decisions, dispatch and publication ---------------------------------
import rules  # noqa: E402

from organizations.models import Membership  # noqa: E402
from organizations.rules import (  # noqa: E402
    is_coordinator, is_ks_official, is_member_of, is_municipal_admin, is_secretary,
)

_Role = Membership.Role


@rules.predicate
def is_secretary_of(user, organization) -> bool:
    return is_member_of(_Role.SECRETARY)(user, organization)


@rules.predicate
def answers_for(user, organization) -> bool:
    """A secretary or respondent of the organisation acknowledges its dispatch logged in."""
    return is_member_of(_Role.SECRETARY, _Role.RESPONDENT)(user, organization)


# The decision form opens for anyone who may record some decision; the organisation
# chosen is checked with record_decision.
rules.add_perm("reports.open_decision_form", is_secretary | is_coordinator | is_municipal_admin)
rules.add_perm("reports.record_decision", is_secretary_of | is_coordinator | is_municipal_admin)
rules.add_perm("reports.dispatch_version", is_coordinator | is_municipal_admin)
rules.add_perm("reports.view_dispatches", is_coordinator | is_ks_official | is_municipal_admin)
rules.add_perm("reports.acknowledge_dispatch", answers_for)
rules.add_perm("reports.publish_version", is_coordinator | is_municipal_admin)
# --- end rep-dispatch ---------------------------------------------------------------------
