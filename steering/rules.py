"""Who may do what in steering: everyone logged in reads; the coordinator (and a
municipal administrator) edits the program and the document register; each
organisation's respondents, secretaries and administrators edit their own sub-goals,
activities, projects, forums and routines."""

import rules

from organizations.models import Membership
from organizations.rules import (
    is_coordinator,
    is_ks_official,
    is_member_of,
    is_municipal_admin,
    memberships_of,
)

Role = Membership.Role
OWN_ORGANIZATION_ROLES = (Role.RESPONDENT, Role.SECRETARY, Role.ADMIN)

edits_program = is_coordinator | is_municipal_admin
works_in = is_member_of(*OWN_ORGANIZATION_ROLES)


@rules.predicate
def works_in_some_organization(user) -> bool:
    """Opens a create page, never a record: the page offers as owner only the organisations
    the user works in (views.common.own_organizations), and the services refuse a record
    the user could not edit afterwards."""
    return any(m.role in OWN_ORGANIZATION_ROLES for m in memberships_of(user))


def _works_in_owner(owner_of):
    """A predicate: the user works in the organisation that `owner_of(record)` names."""

    @rules.predicate(name=f"works_in_owner({owner_of.__name__})")
    def predicate(user, record):
        if record is None:
            return False
        organization = owner_of(record)
        return organization is not None and works_in(user, organization)

    return predicate


def _goal_owner(goal):
    return goal.organization


def _indicator_owner(indicator):
    return indicator.goal.organization


def _target_owner(target):
    return target.indicator.goal.organization


def _activity_owner(activity):
    return activity.responsible


def _project_owner(project):
    return project.owner


def _forum_owner(forum):
    return forum.convener


def _routine_owner(routine):
    return routine.organization


edits_own_records = edits_program | works_in_some_organization

rules.add_perm("steering.view_steering", rules.is_authenticated)
rules.add_perm("steering.view_gaps", is_coordinator | is_ks_official | is_municipal_admin)
rules.add_perm("steering.change_program", edits_program)
rules.add_perm("steering.change_document", edits_program)
rules.add_perm("steering.add_goal", edits_own_records)
rules.add_perm("steering.change_goal", edits_program | _works_in_owner(_goal_owner))
rules.add_perm("steering.change_indicator", edits_program | _works_in_owner(_indicator_owner))
rules.add_perm("steering.change_target", edits_program | _works_in_owner(_target_owner))
rules.add_perm("steering.add_activity", edits_own_records)
rules.add_perm("steering.change_activity", edits_program | _works_in_owner(_activity_owner))
rules.add_perm("steering.add_project", edits_own_records)
rules.add_perm("steering.change_project", edits_program | _works_in_owner(_project_owner))
rules.add_perm("steering.add_forum", edits_own_records)
rules.add_perm("steering.change_forum", edits_program | _works_in_owner(_forum_owner))
rules.add_perm("steering.add_routine", edits_own_records)
rules.add_perm("steering.change_routine", edits_program | _works_in_owner(_routine_owner))
