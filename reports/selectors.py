"""Reads for the report pages: the reports of a municipality, a version with its content
(frozen for an approved version, compiled afresh for the others), the charts drawn from
that content, what differs from the previous version, and where its dispatch stands."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache as memoize

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Municipality
from core.params import MAX_ID
from kpis.charts import LineChart, format_number, line_chart
from reports.compile import report_content
from reports.content import Content
from organizations.models import Membership
from organizations.rules import organization_ids_with_role
from reports.models import DevelopmentArea, Dispatch, Report, ReportVersion

CHART_DESCRIPTION = gettext_lazy("Linjediagram över år: %(lines)s. Samma siffror finns i tabellen.")


def reports_for_municipality(*, municipality: Municipality) -> QuerySet[Report]:
    """Every report of the municipality's programs, newest year first, with its versions."""
    return (
        Report.objects.filter(cycle__program__municipality=municipality)
        .select_related("cycle__program")
        .prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.order_by("-number")))
        .order_by("-cycle__year", "cycle__program__name")
    )


def versions_for_municipality(*, municipality: Municipality) -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(report__cycle__program__municipality=municipality).select_related(
        "report__cycle__program__owner", "report__cycle__program__municipality",
    )


def version_content(*, version: ReportVersion) -> Content:
    """What the version says: its frozen content once approved, else compiled now."""
    if version.content is not None:
        return version.content
    return report_content(version=version)


def indicator_chart(*, indicator: dict, municipality: str) -> LineChart | None:
    """The chart of an indicator's series: the municipality beside its county and the country."""
    county = indicator.get("county_name") or _("Länet")
    lines = [
        (municipality, {p["year"]: p["own"] for p in indicator["series"] if p["own"] is not None}),
        (_("%(county)s, medel") % {"county": county},
         {p["year"]: p["county"] for p in indicator["series"] if p["county"] is not None}),
        (_("Riket, medel"), {p["year"]: p["national"] for p in indicator["series"] if p["national"] is not None}),
    ]
    lines = [(label, points) for label, points in lines if points]
    years = sorted({year for _label, points in lines for year in points})
    return line_chart(
        title=indicator["name"],
        description=CHART_DESCRIPTION % {"lines": ", ".join(label for label, _points in lines)},
        series=lines, years=years,
    )


@dataclass
class Difference:
    """What differs in one part of the report (an area, or the report as a whole)."""

    heading: str
    changes: list[str] = field(default_factory=list)
    text_diff: list[str] = field(default_factory=list)


def _text_diff(older: str, newer: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(older.splitlines(), newer.splitlines(), lineterm="", n=1)
        if not line.startswith(("---", "+++", "@@"))
    ]


def _figure(indicator: dict) -> str:
    if indicator["value"] is None:
        return _("inget värde")
    return f"{format_number(indicator['value'], decimals=1)} {indicator['unit']} ({indicator['year']})"


def version_differences(*, older: Content, newer: Content) -> list[Difference]:
    """What `newer` changes from `older`, per area and for the report as a whole, as
    readable sentences; changed texts also line by line."""
    differences = []
    whole = Difference(heading=_("Hela rapporten"))
    if older["overall_assessment"] != newer["overall_assessment"]:
        whole.changes.append(_("Den samlade bedömningen har ändrats."))
        whole.text_diff = _text_diff(older["overall_assessment"], newer["overall_assessment"])
    old_titles = {item["title"] for item in older["development_areas"]}
    new_titles = {item["title"] for item in newer["development_areas"]}
    whole.changes += [_("Nytt utvecklingsområde: %(title)s.") % {"title": t} for t in sorted(new_titles - old_titles)]
    whole.changes += [_("Borttaget utvecklingsområde: %(title)s.") % {"title": t} for t in sorted(old_titles - new_titles)]
    if whole.changes:
        differences.append(whole)
    old_areas = {area["id"]: area for area in older["areas"]}
    for area in newer["areas"]:
        before = old_areas.get(area["id"])
        difference = Difference(heading=area["name"])
        if before is None:
            difference.changes.append(_("Området är nytt i den här versionen."))
            differences.append(difference)
            continue
        if before["analysis"] != area["analysis"]:
            difference.changes.append(_("Analysen har ändrats."))
            difference.text_diff = _text_diff(before["analysis"], area["analysis"])
        old_indicators = {i["id"]: i for goal in before["goals"] for i in goal["indicators"]}
        for goal in area["goals"]:
            for indicator in goal["indicators"]:
                old = old_indicators.get(indicator["id"])
                if old is None:
                    difference.changes.append(_("Ny indikator: %(name)s.") % {"name": indicator["name"]})
                elif (old["value"], old["year"], old["target"]) != (indicator["value"], indicator["year"],
                                                                    indicator["target"]):
                    difference.changes.append(_("%(name)s: %(old)s → %(new)s.") % {
                        "name": indicator["name"], "old": _figure(old), "new": _figure(indicator)})
                elif old["fulfilment"]["code"] != indicator["fulfilment"]["code"]:
                    difference.changes.append(_("%(name)s: måluppfyllelsen har gått från %(old)s till %(new)s.") % {
                        "name": indicator["name"], "old": old["fulfilment"]["text"].lower(),
                        "new": indicator["fulfilment"]["text"].lower()})
        old_missed = {m["indicator_id"]: m for m in before["missed_targets"]}
        for missed in area["missed_targets"]:
            if old_missed.get(missed["indicator_id"]) != missed:
                difference.changes.append(_("Förklaringen till det missade målvärdet för %(name)s har ändrats.") % {
                    "name": missed["indicator"]})
        if difference.changes:
            differences.append(difference)
    return differences


# What a version's page reads of each version when its body is in the cache: the cache
# key (the id, the edit counter, the status), the heading and the list of versions.
PAGE_FIELDS = ("id", "version", "report_id", "number", "status", "content_sha256")


def versions_for_page(*, municipality: Municipality, version_pk: int | None = None,
                      report_pk: int | None = None) -> list[ReportVersion]:
    """The versions of a report of the municipality, newest first: the report of version
    `version_pk`, or report `report_pk`. One query of the fields in PAGE_FIELDS for the
    page's cache key, its list of versions, its comparison and whether it is the latest;
    empty when there is no such report in the municipality. The rest of a version (its
    frozen content, its report's cycle and program) is read only to build the page."""
    pk = version_pk if version_pk is not None else report_pk
    if not 1 <= pk <= MAX_ID:
        # Not checked as `pk=` is, through the report: SQLite would raise on a larger id.
        return []
    sql = _versions_for_page_sql(by_version=version_pk is not None, vendor=connection.vendor)
    return list(ReportVersion.objects.raw(sql, [municipality.pk, pk]))


@memoize
def _versions_for_page_sql(*, by_version: bool, vendor: str) -> str:
    """versions_for_page's SQL, compiled by the ORM once: compiling it on every request
    cost the page five times what running it did. Its parameters are the municipality's
    id and the version's or the report's."""
    versions = ReportVersion.objects.filter(report__cycle__program__municipality_id=-1)
    versions = versions.filter(report__versions=-2) if by_version else versions.filter(report_id=-2)
    sql, params = versions.only(*PAGE_FIELDS).order_by("-number").query.sql_with_params()
    assert params == (-1, -2), params
    return sql


def version_with_owner(version: ReportVersion) -> ReportVersion:
    """`version` with its report's cycle, program and the program's owning board read in
    one query: who may approve a submitted version asks the coordinating board."""
    version.report = Report.objects.select_related("cycle__program__owner").get(pk=version.report_id)
    return version


def development_areas_for_page(*, report_id: int, previous_report_id: int | None
                               ) -> tuple[list[DevelopmentArea], list[DevelopmentArea]]:
    """The report's development areas and the ones the previous report left open, with
    what the page's links need (kept in the cache by reports.version_page): one query by
    the reports' ids (a subquery finding the previous report cost the page more than the
    rest of its queries together)."""
    rows = list(DevelopmentArea.objects.filter(report_id__in=[report_id, previous_report_id])
                .only("id", "report_id", "title", "status"))
    own = [row for row in rows if row.report_id == report_id]
    return own, [row for row in rows if row.report_id != report_id and row.status == DevelopmentArea.Status.OPEN]


@dataclass
class DispatchSummary:
    total: int
    acknowledged: int

    @property
    def unacknowledged(self) -> int:
        return self.total - self.acknowledged


def dispatch_summary(*, version: ReportVersion) -> DispatchSummary:
    """How many organisations the version went to and how many confirmed it: one query."""
    counts = version.dispatches.aggregate(
        total=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))
    return DispatchSummary(total=counts["total"], acknowledged=counts["acknowledged"])


def dispatches_for_user(*, version: ReportVersion, user) -> list[Dispatch]:
    """The version's dispatches to the organisations in which `user` is secretary or
    respondent: the ones the user may confirm with the button. One query however many
    organisations the version went to."""
    held = organization_ids_with_role(user, Membership.Role.SECRETARY, Membership.Role.RESPONDENT)
    if not held:
        return []
    return list(version.dispatches.filter(organization_id__in=held).select_related("organization")
                .order_by("organization__name"))
