"""The overview's parts that are the same for many readers, read once and kept in
Django's cache: the municipality's organisations counted by kind, which every overview
shows, the secretary's decisions waiting (core.dashboard.secretary_section), the same
for every secretary of the same boards, what is late as KS sees it
(core.dashboard.ks_section) and what is open as the auditors see it
(core.dashboard.auditor_section), each the same for everyone in that role.

At the scale data a secretary acts for some eighty boards, and their section was six
queries over the municipality's reports and audits whose building cost more than their
reading; the counts were another. Each value is kept under a key that holds the
municipality (and the boards), the language, the date (an organisation's term passes) and
a fingerprint (core.fingerprint) of every table it is read from: a change to any record
it shows moves the fingerprint, and the next request reads it anew."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from core.fingerprint import kept

# The organisations, with a history (any save or delete through the ORM writes a row).
COUNTS_TRACKED = ("organizations.Organization",)
# The boards' names and the tree below them, the submitted report versions with their
# cycle's program and its owner, and the audits with the organisations asked to answer:
# recommendations and answers recorded with a history, the report itself and those asked
# by name (a many-to-many table) without.
SECRETARY_TRACKED = (
    "organizations.Organization", "reports.ReportVersion", "followup.FollowUpCycle", "steering.Program",
    "audits.Audit", "audits.Recommendation", "audits.AuditResponse",
)
SECRETARY_UNTRACKED = ("reports.Report", "audits.Audit_response_from")
# What is late as KS sees it: the answers of open cycles past their deadline, with the
# cycle's program and the organisation's name; the dispatches and their report versions
# (an acknowledgement is an UPDATE without history, hence its column); the audits'
# recommendations, answers and measures.
KS_TRACKED = (
    "followup.CycleOrganization", "followup.FollowUpCycle", "steering.Program", "organizations.Organization",
    "reports.ReportVersion", "audits.Audit", "audits.Recommendation", "audits.AuditResponse", "audits.Measure",
)
KS_UNTRACKED = ("reports.Report", "reports.Dispatch")
KS_COLUMNS = (("reports.Dispatch", "acknowledged_at"),)
# What the auditors follow: the recommendations with the organisations' names, the
# answers and the measures.
AUDITOR_TRACKED = (
    "organizations.Organization", "audits.Audit", "audits.Recommendation", "audits.AuditResponse", "audits.Measure",
)
# Every model read with a history, for the guard that no bulk update slips past the
# fingerprint (core/tests/test_fingerprint_sources.py).
TRACKED = tuple(sorted(set(COUNTS_TRACKED) | set(SECRETARY_TRACKED) | set(KS_TRACKED) | set(AUDITOR_TRACKED)))


def organization_counts(*, municipality, build: Callable[[], list]) -> list:
    """The municipality's active organisations by kind: from the cache, or counted by
    `build` and kept."""
    return kept(key=("core:organization-counts", municipality.pk), build=build, tracked=COUNTS_TRACKED)


def secretary_section(*, municipality, boards: list[int], build: Callable[[], object]):
    """The secretary's section for the organisations `boards` (those where the reader is
    secretary): from the cache, or read by `build` and kept."""
    held = hashlib.blake2b(",".join(map(str, sorted(boards))).encode(), digest_size=12).hexdigest()
    return kept(key=("core:secretary", municipality.pk, held), build=build, tracked=SECRETARY_TRACKED,
                untracked=SECRETARY_UNTRACKED)


def ks_section(*, municipality, today, build: Callable[[], object]):
    """KS's section, what is late in the municipality on `today`: from the cache, or read
    by `build` and kept. At the scale data its six queries and the audits' overview cost
    two thirds of the page."""
    return kept(key=("core:ks", municipality.pk, today.isoformat()), build=build, tracked=KS_TRACKED,
                untracked=KS_UNTRACKED, columns=KS_COLUMNS)


def auditor_section(*, municipality, today, build: Callable[[], object]):
    """The auditors' section, the recommendations not yet verified and the measures past
    due on `today`: from the cache, or read by `build` and kept."""
    return kept(key=("core:auditor", municipality.pk, today.isoformat()), build=build, tracked=AUDITOR_TRACKED)
