"""The steering pages' bodies, rendered once and read from Django's cache.

At the scale data (300 organisations, ten years of statistics) the program page, an
area's page, an indicator's page, the responsibility matrix and the governance gaps were
each twelve to eighteen times the bare view: a dozen queries whose building costs more
than their reading, and tables of a hundred rows or more rendered by template nodes.
What they show is the same for every reader, so its HTML is kept in the cache under a
key that holds the page, its record, the language, the date (a value falls due with the
year, an organisation's term and a review date pass) and a fingerprint (core.fingerprint)
of every table the part is read from. The fingerprint is one query of maxima and counts;
a change to any record the page shows moves it, and the next request builds anew.

What depends on the reader stays outside the cached part or is part of its key: the
program page's edit links (whether the reader may change the program) are in its key;
the actions above an indicator are rendered on every request. Key figures' values are
written only by an import, in the same transaction as its ImportRun: that row's id and
count stand for the millions of values (and the county and national means rebuilt with
them)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from core.fingerprint import kept

# What each page's cached part reads: models with a history (any save or delete through
# the ORM writes a history row), then those without (rows added or removed move their
# highest id or their count).
_STATISTICS = ("kpis.ImportRun", "kpis.Kpi", "kpis.KoladaMunicipality")
SOURCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # The areas with their counts and responsibilities, and the indicators without a
    # current value.
    "program": (
        ("organizations.Organization", "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator",
         "steering.IndicatorValue", "steering.ActionPlan", "steering.Activity", "steering.ResponsibilityAssignment"),
        _STATISTICS,
    ),
    # The indicators of the area's goals with their latest value, target and fulfilment.
    "area": (
        ("organizations.Organization", "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator",
         "steering.Target", "steering.IndicatorValue"),
        _STATISTICS,
    ),
    # The indicator's values, comparison and targets with their history: who changed a
    # target, entered a value or ran an import is named; the program's period says which
    # year's value is due.
    "indicator": (
        ("core.User", "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator", "steering.Target",
         "steering.IndicatorValue"),
        _STATISTICS,
    ),
    # Organisations × areas: responsibilities, goals, activities and their contributors.
    "matrix": (
        ("organizations.Organization", "steering.Area", "steering.Goal", "steering.Activity",
         "steering.ActionPlan", "steering.ResponsibilityAssignment"),
        ("steering.Activity_contributors",),
    ),
    # The overview's goal fulfilment per program and area (core.dashboard_fulfilment): every
    # indicator's latest value against its targets.
    "fulfilment": (
        ("steering.Program", "steering.Area", "steering.Goal", "steering.Indicator", "steering.Target",
         "steering.IndicatorValue"),
        _STATISTICS,
    ),
    # Every gap of the municipality, with the follow-up's (followup.gaps: areas its latest
    # questionnaire asks nothing about).
    "gaps": (
        ("organizations.Organization", "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator",
         "steering.Target", "steering.ActionPlan", "steering.ResponsibilityAssignment", "steering.SteeringDocument",
         "steering.Routine", "steering.Project", "steering.Forum",
         "followup.Questionnaire", "followup.Section", "followup.Question"),
        (),
    ),
}
# Every model read with a history, for the guard that no bulk update slips past the
# fingerprint (core/tests/test_fingerprint_sources.py).
TRACKED = tuple(sorted({model for tracked, _untracked in SOURCES.values() for model in tracked}))
UNTRACKED = tuple(sorted({model for _tracked, untracked in SOURCES.values() for model in untracked}))
# A key figure's title, shown on the indicator page, is completed from Kolada's metadata
# by an update that writes no ImportRun; its updated_at moves.
COLUMNS = {"indicator": (("kpis.Kpi", "updated_at"),)}


def cached_html(*, page: str, parts: tuple, build: Callable[[], str]) -> SafeString:
    """`page`'s HTML for the record named by `parts` (and whatever else of the reader it
    depends on): from the cache, or rendered by `build` and kept."""
    tracked, untracked = SOURCES[page]
    html = kept(key=("steering", page, *parts), build=build, tracked=tracked, untracked=untracked,
                columns=COLUMNS.get(page, ()))
    return mark_safe(html)  # noqa: S308 - HTML rendered by the page's own template
