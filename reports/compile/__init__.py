"""Compiling a report version's content (reports.content.Content) from the records of its
cycle: the program's areas with their goals and indicators, what every organisation
reported, the coordinator's texts, the missed targets with their explanations, and the
development areas of this report and of last year's.

The content is compiled in Swedish, whatever language the request is in, and in a fixed
number of queries however many organisations were asked (about twenty)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone, translation

from reports.compile.changes import area_changes
from reports.compile.indicators import area_goals, missed_indicators
from reports.compile.responses import reported
from reports.content import SCHEMA, AreaContent, Content, DevelopmentAreaContent, MissedTargetContent
from reports.models import DevelopmentArea, Report, ReportVersion

__all__ = ["missed_indicators", "previous_report", "report_content"]


def previous_report(report: Report) -> Report | None:
    """The report of the program's latest earlier cycle."""
    return (
        Report.objects.filter(cycle__program_id=report.cycle.program_id, cycle__year__lt=report.cycle.year)
        .order_by("-cycle__year").first()
    )


def _development_areas(queryset) -> list[DevelopmentAreaContent]:
    return [
        DevelopmentAreaContent(
            title=item.title, area=item.area.name if item.area_id else None, owner=item.owner.name,
            actions=item.actions, due_date=item.due_date.isoformat(), status=str(item.get_status_display()),
            outcome=item.outcome,
        )
        for item in queryset.select_related("area", "owner").order_by("due_date", "title", "pk")
    ]


def report_content(*, version: ReportVersion, today: date | None = None) -> Content:
    """The content of `version` as the records stand now (an approved version keeps its
    own in `content`; this compiles afresh)."""
    with translation.override("sv"):
        return _compile(version, today or timezone.localdate())


def _compile(version: ReportVersion, today: date) -> Content:
    version = ReportVersion.objects.select_related(
        "report__cycle__program__municipality", "report__cycle__program__owner",
    ).get(pk=version.pk)
    report = version.report
    cycle = report.cycle
    program = cycle.program
    areas = list(program.areas.order_by("position", "name"))
    goals = area_goals(program=program, municipality=program.municipality, year=cycle.year)
    done = reported(cycle=cycle, area_names={area.pk: area.name for area in areas}, today=today)
    analyses = dict(version.analyses.values_list("area_id", "text"))
    explained = {row.indicator_id: row for row in version.missed_targets.select_related("owner")}
    previous = previous_report(report)
    before_areas = {}
    previous_development_areas = []
    if previous is not None:
        frozen = (
            previous.versions.filter(status=ReportVersion.Status.APPROVED).order_by("-number")
            .values_list("content", flat=True).first()
        )
        before_areas = {area["id"]: area for area in (frozen or {}).get("areas", [])}
        previous_development_areas = _development_areas(DevelopmentArea.objects.filter(report=previous))
    content_areas = []
    for area in areas:
        area_goals_ = goals.get(area.pk, [])
        missed = []
        for indicator in missed_indicators(area_goals_):
            row = explained.get(indicator["id"])
            missed.append(MissedTargetContent(
                indicator_id=indicator["id"], indicator=indicator["name"], fulfilment=indicator["fulfilment"]["text"],
                cause=row.cause if row else "", action=row.action if row else "",
                owner=row.owner.name if row and row.owner_id else None,
            ))
        content = AreaContent(
            id=area.pk, name=area.name, analysis=analyses.get(area.pk, ""), goals=area_goals_,
            activities_by_target_group=done.activities.get(area.pk, {}), missed_targets=missed,
            answering_organizations=done.answering.get(area.pk, []), changes_since_last_year=[],
        )
        if previous is not None and before_areas:
            content["changes_since_last_year"] = area_changes(now=content, before=before_areas.get(area.pk))
        content_areas.append(content)
    return Content(
        schema=SCHEMA, title=str(report), municipality=program.municipality.name, program=program.name,
        period=f"{program.start_year}–{program.end_year}", year=cycle.year,
        coordinator=program.owner.name if program.owner_id else None, compiled_at=timezone.now().isoformat(),
        overall_assessment=version.overall_assessment, areas=content_areas, responses=done.responses,
        organizations=done.organizations, development_areas=_development_areas(report.development_areas.all()),
        previous_development_areas=previous_development_areas,
    )
