"""The self-assessment's checks of a program, computed once and read from Django's cache.

Judging a program took some thirty queries and, beyond the few milliseconds of SQL, the
building of thousands of model objects, the reversing of every gap's link and the
rendering of every check and of the audit questions' table with a form a question. The
results (this year's and last year's, with the trend) and both parts' HTML are now kept in
the cache. The key holds the program, the language, the date (review dates and deadlines
pass with time) and a fingerprint (core.fingerprint) of every table the selectors read.
What depends on the reader stays outside: whether they may link questions (a key of its
own) and their CSRF token (put into the forms on every load); the gaps link to the
registers for everyone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core.fingerprint import fingerprint
from oversight import checks, selectors
from oversight.models import CheckKey
from oversight.results import CheckResult

# A day: the key holds the date, so an entry is never read again after it.
TIMEOUT = 24 * 60 * 60
CHECKS = "oversight/partials/_results.html"
QUESTIONS = "oversight/partials/_questions.html"
# Rendered into the cached forms in place of the reader's CSRF token.
CSRF_PLACEHOLDER = "oversight-csrf-token"

# Every model oversight.selectors and oversight.year_selectors read, with a history (any
# save or delete through the ORM writes a history row)...
TRACKED = (
    "core.User",  # a membership is named by its user
    "organizations.Organization", "organizations.Membership",
    "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator", "steering.Target",
    "steering.ActionPlan", "steering.Activity", "steering.ResponsibilityAssignment", "steering.Forum",
    "steering.SteeringDocument", "steering.Project",
    "audits.Audit", "audits.AuditQuestion", "audits.Recommendation", "audits.RecommendationAnswer", "audits.Measure",
    "oversight.AuditQuestionCheck",
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


@dataclass(frozen=True)
class PageParts:
    checks: str  # the checks' HTML, "" without a program
    questions: str  # the audit questions' table, its forms' CSRF token a placeholder

    def questions_for(self, request) -> str:
        """The questions' table with the reader's CSRF token in its forms."""
        return mark_safe(self.questions.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - rendered HTML


def page_parts(*, municipality, program, today: date, can_link: bool) -> PageParts:
    """The program's checks and the municipality's audit questions beside them, rendered,
    from the cache when nothing they are built from has changed since: one query for the
    fingerprint, one for the cache (on a database cache)."""
    base = f"{translation.get_language()}:{today.isoformat()}:{source_fingerprint()}"
    checks_key = f"oversight:checks:{program.pk}:{base}" if program else None
    questions_key = f"oversight:questions:{municipality.pk}:{program.pk if program else '-'}:{int(can_link)}:{base}"
    found = cache.get_many([key for key in (checks_key, questions_key) if key])
    checks_part = found.get(checks_key) if program else None
    if program and checks_part is None:
        results = checks.assess(selectors.program_data(program=program, today=today))
        checks_part = ProgramChecks(results=results, html=render_to_string(CHECKS, {"results": results}))
        cache.set(checks_key, checks_part, TIMEOUT)
    questions = found.get(questions_key)
    if questions is None:
        questions = _questions_html(municipality=municipality, results=checks_part.results if checks_part else [],
                                    can_link=can_link)
        cache.set(questions_key, questions, TIMEOUT)
    return PageParts(checks=checks_part.html if checks_part else "", questions=questions)


def _questions_html(*, municipality, results: list[CheckResult], can_link: bool) -> str:
    by_key = {result.key: result for result in results}
    questions = [
        (question, by_key.get(question.oversight_check.check_key) if hasattr(question, "oversight_check") else None)
        for question in selectors.linked_questions(municipality=municipality)
    ]
    return render_to_string(QUESTIONS, {"questions": questions, "can_link": can_link,
                                        "check_choices": CheckKey.choices, "csrf_token": CSRF_PLACEHOLDER})
