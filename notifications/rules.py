"""Who sees the outbox. A message is not linked to the organisation it concerns, so an
administrator of one board cannot be shown only their board's mail: the outbox is the
coordinator's and the municipal administrator's alone."""

import rules

from organizations.rules import is_coordinator, is_municipal_admin

reads_outbox = is_coordinator | is_municipal_admin

rules.add_perm("notifications.view_outbox", reads_outbox)
rules.add_perm("notifications.retry_outbox", reads_outbox)
