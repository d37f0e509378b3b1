"""Who reads the self-assessment: KS officials, auditors, politicians, the coordinator and
a municipal administrator. Only the coordinator and KS link the auditors' questions to
checks; nobody edits the figures, which come from the records."""

import rules

from organizations.rules import is_auditor, is_coordinator, is_ks_official, is_municipal_admin, is_politician

reads_oversight = is_ks_official | is_auditor | is_politician | is_coordinator | is_municipal_admin
links_questions = is_coordinator | is_ks_official

rules.add_perm("oversight.view_oversight", reads_oversight)
rules.add_perm("oversight.link_question", links_questions)

# Only KS freezes the page as the year's record; whoever reads the page reads the record.
rules.add_perm("oversight.freeze_snapshot", is_ks_official)
rules.add_perm("oversight.view_snapshot", reads_oversight)
