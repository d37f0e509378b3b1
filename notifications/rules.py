import rules

from organizations.rules import is_any_admin, is_coordinator

rules.add_perm("notifications.view_outbox", is_coordinator | is_any_admin)
rules.add_perm("notifications.retry_outbox", is_coordinator | is_any_admin)
