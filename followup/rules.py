"""Who may do what in the follow-up. The coordinator runs the cycles and reviews the
answers; KS officials read them; an organisation's named respondent, its backup, or a
respondent of the organisation answers for it and for no other."""

import rules

from organizations.models import Membership
from organizations.rules import is_coordinator, is_ks_official, is_member_of, is_municipal_admin, is_respondent

Role = Membership.Role


@rules.predicate
def answers_for(user, response) -> bool:
    if response is None:
        return False
    if user.pk in (response.respondent_id, response.backup_id):
        return True
    return is_member_of(Role.RESPONDENT)(user, response.organization)


can_manage = is_coordinator | is_municipal_admin

rules.add_perm("followup.view_own", rules.is_authenticated)
rules.add_perm("followup.view_cycle", can_manage | is_ks_official)
rules.add_perm("followup.manage_cycle", can_manage)
rules.add_perm("followup.answer", answers_for)
rules.add_perm("followup.view_response", answers_for | can_manage | is_ks_official)
# The menu shows "Min uppföljning" to those whose work it is.
rules.add_perm("followup.respond", is_respondent | can_manage)
