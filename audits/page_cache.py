"""An audit's page, its lists read and rendered once and kept in Django's cache.

The page reads the audit's questions, assessments, recommendations with the boards'
answers and the measures, and the responses: eight queries whose building cost more than
their reading, and a template that renders each of them. What it shows is the same for
every reader but for two links, "Lägg till en åtgärd" and "Registrera svar", which each
reader may or may not follow; so the lists are kept once (the reader's rights are judged
from them) and their HTML once per set of those links, both under a fingerprint
(core.fingerprint) of every table they are read from."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from audits import selectors
from core.fingerprint import kept, kept_source

# Every model audits.selectors.audit_page reads with a history (any save or delete through
# the ORM writes a history row): an organisation's name and its parents (whose rights
# reach it)...
TRACKED = (
    "core.Municipality", "organizations.Organization",
    "audits.Audit", "audits.AuditQuestion", "audits.OverallAssessment", "audits.Recommendation",
    "audits.RecommendationAnswer", "audits.AuditResponse", "audits.Measure",
)
# ... and without one: the organisations asked to answer.
UNTRACKED = ("audits.Audit_response_from",)


def source() -> str:
    """What the page's two kept values are keyed by (core.fingerprint.kept_source): read
    once a request for both."""
    return kept_source(tracked=TRACKED, untracked=UNTRACKED)


def audit_page(*, audit, source: str) -> selectors.AuditPage:
    """The page's lists (audits.selectors.audit_page): from the cache, or read and kept."""
    return kept(key=("audits:page", audit.pk), build=lambda: selectors.audit_page(audit=audit), source=source)


def sections_html(*, audit, can_plan: set[int], can_record: set[int], source: str,
                  build: Callable[[], str]) -> SafeString:
    """The page's sections below its summary for a reader who may plan measures for the
    recommendations `can_plan` and record answers for the organisations `can_record`."""
    key = ("audits:sections", audit.pk, ",".join(map(str, sorted(can_plan))), ",".join(map(str, sorted(can_record))))
    return mark_safe(kept(key=key, build=build, source=source))  # noqa: S308 - rendered HTML
