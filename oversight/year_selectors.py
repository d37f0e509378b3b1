"""One year's follow-up as the checks read it, in a fixed number of queries: the latest
cycle up to the year whose deadline has passed (an open cycle is judged once its answers
are due), its late organisations and the reminders they got, its report's steps, and the
analysis in the latest approved report. Called for this year and for last year."""

from datetime import date

from django.db.models import Q
from django.urls import reverse

from followup.completeness import reminder_topic_prefix
from followup.models import CycleOrganization, FollowUpCycle
from notifications.models import OutboxMessage
from organizations.models import Organization
from oversight.data import AreaAnalysisData, CompanyData, ReminderData, ReportData, YearData
from oversight.parts import Link
from reports.models import Decision, Dispatch, MissedTarget, ReportVersion

ANSWERED = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)
# KS takes the report up by filing it or noting it; referring it back is a decision but not the end.
TAKEN_UP = (Decision.Wording.FILES, Decision.Wording.NOTES, Decision.Wording.APPROVES)


def _on_time(entry: CycleOrganization, deadline: date) -> bool:
    return entry.status in ANSWERED and entry.submitted_at is not None and entry.submitted_at.date() <= deadline


def _reminded(cycle: FollowUpCycle) -> set[int]:
    """Organisations a reminder or an escalation was sent to in the cycle (from the outbox's topics,
    whose second-last segment is the organisation's id)."""
    topics = OutboxMessage.objects.filter(
        Q(topic__startswith=reminder_topic_prefix(cycle)) | Q(topic__startswith=f"followup:{cycle.pk}:escalation:")
    ).exclude(status=OutboxMessage.Status.FAILED).order_by().values_list("topic", flat=True).distinct()
    return {int(topic.rsplit(":", 2)[1]) for topic in topics}


def _analysis(program, year: int) -> dict:
    version = ReportVersion.objects.filter(
        report__cycle__program=program, report__cycle__year__lte=year, status=ReportVersion.Status.APPROVED
    ).select_related("report__cycle").order_by("-report__cycle__year", "-number").first()
    if version is None:
        return {}
    return {
        "analysis_year": version.report.cycle.year,
        "analysis_url": reverse("reports:version_detail", kwargs={"pk": version.pk}),
        "areas": [AreaAnalysisData(name=area.get("name", ""), analysed=bool((area.get("analysis") or "").strip()),
                                   compared=_compared(area)) for area in (version.content or {}).get("areas", [])],
    }


def _compared(area: dict) -> bool:
    """An indicator of the area has a year with its own figure beside the county's or the country's."""
    return any(
        point.get("own") is not None and (point.get("county") is not None or point.get("national") is not None)
        for goal in area.get("goals", []) for indicator in goal.get("indicators", [])
        for point in indicator.get("series", [])
    )


def _report(cycle: FollowUpCycle) -> ReportData | None:
    versions = list(ReportVersion.objects.filter(report__cycle=cycle).defer("content").order_by("-number"))
    if not versions:
        return None
    approved = next((v for v in versions if v.status == ReportVersion.Status.APPROVED), None)
    url = reverse("reports:report_detail", kwargs={"pk": versions[0].report_id})
    ks = list(Decision.objects.filter(report_version__report__cycle=cycle,
                                      organization__kind=Organization.Kind.EXECUTIVE_BOARD).values_list("wording", flat=True))
    if approved is None:
        return ReportData(year=cycle.year, url=url, approved=False, filed=False, ks_decided=bool(ks), dispatches=0)
    version_url = reverse("reports:version_detail", kwargs={"pk": approved.pk})
    dispatches = list(Dispatch.objects.filter(version=approved).select_related("organization"))
    missed = list(MissedTarget.objects.filter(report_version=approved).select_related("indicator"))
    return ReportData(
        year=cycle.year, url=url, approved=True, filed=any(w in TAKEN_UP for w in ks), ks_decided=bool(ks),
        dispatches=len(dispatches),
        unacknowledged=[Link(d.organization.name, version_url) for d in dispatches if not d.is_acknowledged],
        missed_targets=len(missed),
        missed_unexplained=[Link(m.indicator.name, version_url) for m in missed if not m.is_explained],
    )


def year_data(*, program, year: int, today: date, companies: list[Organization],
              analysis_year: int | None = None) -> YearData:
    """`year`'s follow-up, as far as it is due by `today`, with the analysis of the latest
    approved report up to `analysis_year` (`year` unless given); `companies` are those in force."""
    analysis = _analysis(program, analysis_year or year)
    cycle = FollowUpCycle.objects.filter(program=program, year__lte=year, deadline__lt=today).order_by(
        "-year", "-pk").first()
    if cycle is None:
        return YearData(year=year, cycle_year=None, **analysis)
    url = reverse("followup:cycle_detail", kwargs={"pk": cycle.pk})
    entries = list(CycleOrganization.objects.filter(cycle=cycle).select_related("organization").order_by(
        "organization__name", "pk"))
    reminded = _reminded(cycle)
    late = [e for e in entries if not _on_time(e, cycle.deadline)]
    by_organization = {e.organization_id: e for e in entries}
    return YearData(
        year=year, cycle_year=cycle.year, cycle_url=url, report=_report(cycle), **analysis,
        late=[Link(e.organization.name, url) for e in late],
        not_reminded=[Link(e.organization.name, url) for e in late if e.organization_id not in reminded],
        reminded=[ReminderData(e.organization.name, url, e.status in ANSWERED)
                  for e in entries if e.organization_id in reminded],
        companies=[
            CompanyData(name=c.name, url=reverse("organizations:organization_detail", kwargs={"pk": c.pk}),
                        asked=c.pk in by_organization,
                        answered=c.pk in by_organization and by_organization[c.pk].status in ANSWERED)
            for c in companies
        ],
    )
