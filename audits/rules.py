"""Who may do what with audits. Everyone logged in reads audits (the reports are public
documents); auditors and the coordinator record them; a board's secretary records the
board's answer; the board's officials and administrators keep its measures; the coordinator or the auditors
verify that a measure was done."""

import rules

from organizations.models import Membership
from organizations.rules import administers, is_auditor, is_coordinator, is_member_of, is_municipal_admin

Role = Membership.Role

can_record = is_auditor | is_coordinator | is_municipal_admin


@rules.predicate
def is_secretary_of(user, organization) -> bool:
    return is_member_of(Role.SECRETARY)(user, organization)


@rules.predicate
def works_in(user, organization) -> bool:
    return is_member_of(Role.SECRETARY, Role.RESPONDENT)(user, organization)


rules.add_perm("audits.view_audit", rules.is_authenticated)
rules.add_perm("audits.add_audit", can_record)
rules.add_perm("audits.change_audit", can_record)
rules.add_perm("audits.send_requests", is_coordinator | is_auditor | is_municipal_admin)
rules.add_perm("audits.record_response", is_secretary_of | is_coordinator | is_municipal_admin)
# Checked against the organisation the measure is for: an administrator of one board keeps
# that board's measures, not another's.
rules.add_perm("audits.manage_measure", works_in | administers | is_coordinator)
rules.add_perm("audits.verify_measure", is_coordinator | is_auditor)
