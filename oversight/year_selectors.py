"""This year's and last year's follow-up as the checks read them, both in the same nine
queries whatever the size: the cycles up to the year (the latest, whose organisations are
judged as they stand, and the latest whose deadline has passed, whose report steps are
judged), their organisations and the reminders they got, the reports' steps, and the
analysis in the latest approved report. Last year's are the cycle and the approved report
before the ones judged now, so that the trend never compares a report with itself."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q
from django.urls import reverse

from followup.completeness import reminder_topic_prefix
from followup.models import CycleOrganization, FollowUpCycle
from notifications.models import OutboxMessage
from organizations.models import Organization
from oversight.checks import CycleData, RespondentData
from oversight.data import AreaAnalysisData, CompanyData, ReminderData, ReportData, YearData
from oversight.parts import Link
from reports.models import Decision, Dispatch, MissedTarget, ReportVersion

ANSWERED = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)
# KS takes the report up by filing it, noting it or approving it; referring it back is a
# decision on it, but does not end the matter.
TAKEN_UP = (Decision.Wording.FILES, Decision.Wording.NOTES, Decision.Wording.APPROVES)


@dataclass(frozen=True)
class Years:
    cycle: CycleData | None  # this year's cycle, its organisations as they stand today
    year: YearData  # the latest cycle past its deadline, its report, the latest analysis
    previous_cycle: CycleData | None
    previous_year: YearData


def _first(cycles, *, year: int, past_deadline_on: date | None = None):
    return next((c for c in cycles if c.year <= year and (past_deadline_on is None or c.deadline < past_deadline_on)),
                None)


def _state(entry: CycleOrganization, deadline: date, today: date) -> str:
    if entry.status not in ANSWERED or entry.submitted_at is None:
        # Before the deadline an organisation that has not answered is not yet late.
        return "pending" if today <= deadline else "missing"
    return "on_time" if entry.submitted_at.date() <= deadline else "late"


def _cycle_data(cycle, entries, today: date) -> CycleData | None:
    if cycle is None:
        return None
    url = reverse("followup:cycle_detail", kwargs={"pk": cycle.pk})
    return CycleData(year=cycle.year, url=url, respondents=[
        RespondentData(organization=e.organization.name, url=url, state=_state(e, cycle.deadline, today))
        for e in entries[cycle.pk]
    ])


def _reminded(cycles) -> dict[int, set[int]]:
    """Per cycle, the organisations a reminder or an escalation was sent to (from the
    outbox's topics, whose second-last segment is the organisation's id)."""
    reminded = defaultdict(set)
    if not cycles:
        return reminded
    wanted = Q()
    for cycle in cycles:
        wanted |= Q(topic__startswith=reminder_topic_prefix(cycle)) | Q(topic__startswith=f"followup:{cycle.pk}:escalation:")
    for topic in OutboxMessage.objects.filter(wanted).exclude(status=OutboxMessage.Status.FAILED).order_by().values_list(
            "topic", flat=True).distinct():
        reminded[int(topic.split(":", 2)[1])].add(int(topic.rsplit(":", 2)[1]))
    return reminded


def _compared(area: dict) -> bool:
    """An indicator of the area has a year with its own figure beside the county's or the country's."""
    return any(
        point.get("own") is not None and (point.get("county") is not None or point.get("national") is not None)
        for goal in area.get("goals", []) for indicator in goal.get("indicators", [])
        for point in indicator.get("series", [])
    )


def _analyses(program, year: int) -> tuple[dict, dict]:
    """The latest approved report up to `year`, and the one before it from an earlier year."""
    approved = list(ReportVersion.objects.filter(
        report__cycle__program=program, report__cycle__year__lte=year, status=ReportVersion.Status.APPROVED
    ).order_by("-report__cycle__year", "-number").values_list("pk", "report__cycle__year"))
    latest = approved[0] if approved else None
    before = next((row for row in approved if row[1] < latest[1]), None) if latest else None
    chosen = [row for row in (latest, before) if row]
    contents = dict(ReportVersion.objects.filter(pk__in=[pk for pk, _year in chosen]).values_list("pk", "content")) \
        if chosen else {}

    def analysis(row) -> dict:
        if row is None:
            return {}
        pk, cycle_year = row
        return {
            "analysis_year": cycle_year, "analysis_url": reverse("reports:version_detail", kwargs={"pk": pk}),
            "areas": [AreaAnalysisData(name=area.get("name", ""), analysed=bool((area.get("analysis") or "").strip()),
                                       compared=_compared(area)) for area in (contents[pk] or {}).get("areas", [])],
        }

    return analysis(latest), analysis(before)


def _reports(cycles) -> dict[int, ReportData]:
    """Per cycle with a report: its steps as far as they have come."""
    if not cycles:
        return {}
    ids = [c.pk for c in cycles]
    versions = list(ReportVersion.objects.filter(report__cycle__in=ids).defer("content").annotate(
        cycle_id=F("report__cycle_id")).order_by("-number"))
    approved = {}
    for version in versions:
        if version.status == ReportVersion.Status.APPROVED:
            approved.setdefault(version.cycle_id, version)
    ks = defaultdict(list)
    for cycle_id, wording in Decision.objects.filter(
            report_version__report__cycle__in=ids, organization__kind=Organization.Kind.EXECUTIVE_BOARD,
    ).values_list("report_version__report__cycle", "wording"):
        ks[cycle_id].append(wording)
    dispatches, missed = defaultdict(list), defaultdict(list)
    approved_ids = [v.pk for v in approved.values()]
    for dispatch in Dispatch.objects.filter(version__in=approved_ids).select_related("organization"):
        dispatches[dispatch.version_id].append(dispatch)
    for target in MissedTarget.objects.filter(report_version__in=approved_ids).select_related("indicator"):
        missed[target.report_version_id].append(target)
    reports = {}
    for cycle in cycles:
        found = [v for v in versions if v.cycle_id == cycle.pk]
        if not found:
            continue
        url = reverse("reports:report_detail", kwargs={"pk": found[0].report_id})
        version = approved.get(cycle.pk)
        if version is None:
            reports[cycle.pk] = ReportData(year=cycle.year, url=url, approved=False, filed=False,
                                           ks_decided=bool(ks[cycle.pk]), dispatches=0)
            continue
        version_url = reverse("reports:version_detail", kwargs={"pk": version.pk})
        reports[cycle.pk] = ReportData(
            year=cycle.year, url=url, approved=True, filed=any(w in TAKEN_UP for w in ks[cycle.pk]),
            ks_decided=bool(ks[cycle.pk]), dispatches=len(dispatches[version.pk]),
            unacknowledged=[Link(d.organization.name, version_url) for d in dispatches[version.pk]
                            if not d.is_acknowledged],
            missed_targets=len(missed[version.pk]),
            missed_unexplained=[Link(m.indicator.name, version_url) for m in missed[version.pk] if not m.is_explained],
        )
    return reports


def _on_time(entry: CycleOrganization, deadline: date) -> bool:
    return entry.status in ANSWERED and entry.submitted_at is not None and entry.submitted_at.date() <= deadline


def _year_data(*, year: int, cycle, entries, reminded, report, analysis, companies) -> YearData:
    if cycle is None:
        return YearData(year=year, cycle_year=None, **analysis)
    url = reverse("followup:cycle_detail", kwargs={"pk": cycle.pk})
    rows = entries[cycle.pk]
    late = [e for e in rows if not _on_time(e, cycle.deadline)]
    by_organization = {e.organization_id: e for e in rows}
    return YearData(
        year=year, cycle_year=cycle.year, cycle_url=url, report=report, **analysis,
        late=[Link(e.organization.name, url) for e in late],
        not_reminded=[Link(e.organization.name, url) for e in late if e.organization_id not in reminded],
        reminded=[ReminderData(e.organization.name, url, e.status in ANSWERED)
                  for e in rows if e.organization_id in reminded],
        companies=[
            CompanyData(name=c.name, url=reverse("organizations:organization_detail", kwargs={"pk": c.pk}),
                        asked=c.pk in by_organization,
                        answered=c.pk in by_organization and by_organization[c.pk].status in ANSWERED)
            for c in companies
        ],
    )


def years(*, program, today: date, companies: list[Organization]) -> Years:
    """This year's and last year's data; `companies` are the municipality's in force."""
    cycles = list(FollowUpCycle.objects.filter(program=program, year__lte=today.year).only(
        "pk", "year", "deadline").order_by("-year", "-pk"))
    current, previous_current = _first(cycles, year=today.year), _first(cycles, year=today.year - 1)
    judged = _first(cycles, year=today.year, past_deadline_on=today)
    previous_judged = _first(cycles, year=judged.year - 1, past_deadline_on=today) if judged else None
    chosen = {c.pk: c for c in (current, previous_current, judged, previous_judged) if c}
    entries = defaultdict(list)
    for entry in CycleOrganization.objects.filter(cycle__in=list(chosen)).select_related("organization").order_by(
            "organization__name", "pk"):
        entries[entry.cycle_id].append(entry)
    past = [c for c in (judged, previous_judged) if c]
    reminded, reports = _reminded(past), _reports(past)
    analysis, previous_analysis = _analyses(program, today.year)

    def year_data(year, cycle, analysis):
        return _year_data(year=year, cycle=cycle, entries=entries, reminded=reminded[cycle.pk] if cycle else set(),
                          report=reports.get(cycle.pk) if cycle else None, analysis=analysis, companies=companies)

    return Years(
        cycle=_cycle_data(current, entries, today),
        year=year_data(today.year, judged, analysis),
        previous_cycle=_cycle_data(previous_current, entries, today),
        previous_year=year_data(today.year - 1, previous_judged, previous_analysis),
    )
