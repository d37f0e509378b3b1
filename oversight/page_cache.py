"""The self-assessment's checks of a program, computed once and read from Django's cache.

Judging a program took some thirty queries and, beyond the few milliseconds of SQL, the
building of thousands of model objects, the reversing of every gap's link and the
rendering of every check; the results (this year's and last year's, with the trend) and
their HTML are now kept in the cache. The key holds the program, the language, the date
(review dates and deadlines pass with time) and a fingerprint (core.fingerprint) of every
table the selectors read. Nothing kept depends on who reads the page: the gaps link to the
registers for everyone, and the audit questions' table with its forms stays outside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from core.fingerprint import fingerprint
from oversight import checks, selectors
from oversight.results import CheckResult

# A day: the key holds the date, so an entry is never read again after it.
TIMEOUT = 24 * 60 * 60
PART = "oversight/partials/_results.html"

# Every model oversight.selectors and oversight.year_selectors read, with a history (any
# save or delete through the ORM writes a history row)...
TRACKED = (
    "core.User",  # a membership is named by its user
    "organizations.Organization", "organizations.Membership",
    "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator", "steering.Target",
    "steering.ActionPlan", "steering.Activity", "steering.ResponsibilityAssignment", "steering.Forum",
    "steering.SteeringDocument", "steering.Project",
    "audits.Audit", "audits.Recommendation", "audits.RecommendationAnswer", "audits.Measure",
    "followup.FollowUpCycle", "followup.CycleOrganization",
    "reports.ReportVersion", "reports.Decision", "reports.MissedTarget",
)
# ... and without one: the rows added or removed move their highest id or their count.
UNTRACKED = (
    "reports.Report", "reports.Dispatch", "notifications.OutboxMessage",
    "steering.SteeringDocument_areas", "steering.Activity_contributors", "steering.Forum_members",
)
# The UPDATEs of rows without a history that the checks see: an acknowledgement sets its
# time once, and a reminder that failed for good no longer counts as sent.
COLUMNS = (("reports.Dispatch", "acknowledged_at"),)
COUNTED = (("notifications.OutboxMessage", "status", "failed"),)


def source_fingerprint() -> str:
    """A short hash that changes whenever a record the checks read changes."""
    return fingerprint(tracked=TRACKED, untracked=UNTRACKED, columns=COLUMNS, counted=COUNTED)


@dataclass(frozen=True)
class ProgramChecks:
    results: list[CheckResult]
    html: str  # the checks as the page shows them


def program_checks(*, program, today: date) -> ProgramChecks:
    """The program's check results and their HTML, from the cache when nothing they are
    computed from has changed since."""
    key = f"oversight:checks:{program.pk}:{translation.get_language()}:{today.isoformat()}:{source_fingerprint()}"
    found = cache.get(key)
    if found is None:
        results = checks.assess(selectors.program_data(program=program, today=today))
        found = ProgramChecks(results=results, html=render_to_string(PART, {"results": results}))
        cache.set(key, found, TIMEOUT)
    return found
