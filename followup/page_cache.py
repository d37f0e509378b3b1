"""The cycle page's completeness table, rendered once and read from Django's cache, and
the questions of a questionnaire as every respondent's form reads them.

At 300 organisations the table was most of the cycle page: seven queries whose building
costs more than their reading, then a row per organisation and a cell per area. It is the
same for everyone who may open the page, so its HTML is kept under the cycle, the
filters, the language, the date (days overdue grow with it) and a fingerprint
(core.fingerprint) of every table it is read from: an answer saved, a status changed or
a reminder sent moves it, and the next request builds the table anew."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from core.fingerprint import kept

# Every model followup.completeness reads with a history (any save or delete through the
# ORM writes a history row): the respondent's name is a user's...
TRACKED = (
    "core.User", "organizations.Organization", "steering.Area",
    "followup.FollowUpCycle", "followup.CycleOrganization", "followup.Answer", "followup.ActivityRow",
    "followup.Questionnaire", "followup.Section", "followup.Question",
)
# ... and without one: the organisations a question is put to, and the reminders sent.
UNTRACKED = ("followup.Question_target_organizations", "notifications.OutboxMessage")


def completeness_html(*, cycle, filters: dict, build: Callable[[], str]) -> SafeString:
    """The table (with the warning about areas asked nothing) for `cycle` and `filters`:
    from the cache, or rendered by `build` and kept."""
    key = ("followup:completeness", cycle.pk, *(f"{name}={value}" for name, value in sorted(filters.items())))
    return mark_safe(kept(key=key, build=build, tracked=TRACKED, untracked=UNTRACKED))  # noqa: S308 - rendered HTML


# What a questionnaire's questions are read from (followup.selectors.questionnaire_questions):
# the questions, their sections and the sections' areas, and the organisations chosen for
# a question.
QUESTIONS_TRACKED = ("steering.Area", "followup.Section", "followup.Question")
QUESTIONS_UNTRACKED = ("followup.Question_target_organizations",)


def questionnaire_questions(*, questionnaire_id: int, build: Callable[[], object]):
    """The questionnaire's questions: from the cache, or read by `build` and kept."""
    return kept(key=("followup:questions", questionnaire_id), build=build, tracked=QUESTIONS_TRACKED,
                untracked=QUESTIONS_UNTRACKED)
