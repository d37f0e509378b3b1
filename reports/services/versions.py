"""The coordinator's workflow on a report: creating it from a cycle, writing the analyses
and the overall assessment, explaining missed targets, and taking a version from draft
through submitted for decision to approved, when its content is frozen with a SHA-256.

Only a draft is written on: a submitted or approved version refuses every edit, and
"Ny version" starts a new draft that copies the texts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from core.history import records_by
from core.versioning import versioned_save
from followup.models import Answer, CycleOrganization, FollowUpCycle
from organizations.models import Organization
from reports.compile import report_content
from reports.compile.indicators import area_goals, missed_indicators
from reports.content import content_sha256
from reports.models import AreaAnalysis, MissedTarget, Report, ReportVersion
from steering.models import Area, Indicator

NO_ANSWERS = _("Uppföljningen har inga inskickade svar ännu, så det finns ingen rapport att sammanställa.")
REPORT_EXISTS = _("Uppföljningen har redan en rapport.")
VERSION_FROZEN = _("Versionen är godkänd och låst. Skapa en ny version för att ändra i rapporten.")
VERSION_SUBMITTED = _("Versionen är inlämnad för beslut och kan inte ändras. Skapa en ny version för att ändra i rapporten.")
NOT_DRAFT = _("Bara ett utkast kan lämnas in för beslut.")
NOT_SUBMITTED = _("Bara en version som är inlämnad för beslut kan godkännas.")
UNEXPLAINED = _("Rapporten kan inte lämnas in förrän varje missat målvärde har en orsak, en åtgärd och en "
                "ansvarig organisation. Saknas för: %(indicators)s.")
DRAFT_EXISTS = _("Rapporten har redan ett utkast. Skriv vidare i det.")
AREA_OF_OTHER_PROGRAM = _("Området hör inte till rapportens program.")
INDICATOR_NOT_MISSED = _("Indikatorn har inte missat sitt målvärde i år.")
OWNER_OF_OTHER_MUNICIPALITY = _("Den ansvariga organisationen hör till en annan kommun.")

ANSWERED = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)


def check_draft(version: ReportVersion) -> None:
    """Refuse any edit of a version that is not a draft, with a message saying why."""
    if version.status == ReportVersion.Status.APPROVED:
        raise ValidationError(VERSION_FROZEN, code="frozen")
    if version.status != ReportVersion.Status.DRAFT:
        raise ValidationError(VERSION_SUBMITTED, code="submitted")


def _has_answers(cycle: FollowUpCycle) -> bool:
    return Answer.objects.filter(response__cycle=cycle, response__status__in=ANSWERED).filter(
        ~Q(text="") | ~Q(choice="") | Q(number__isnull=False) | Q(rating__isnull=False) | Q(activity_rows__isnull=False)
    ).exists()


@records_by
@transaction.atomic
def report_create(*, cycle: FollowUpCycle, by=None) -> Report:
    """The cycle's report with version 1 as a draft and an empty analysis per area.
    Refused, creating nothing, for a cycle that already has a report or has no submitted
    answers at all."""
    if not _has_answers(cycle):
        raise ValidationError(NO_ANSWERS, code="no_answers")
    # The one-report-per-cycle constraint decides, so two clicks at once make one report.
    try:
        with transaction.atomic():
            report = Report.objects.create(cycle=cycle, created_by=by)
    except IntegrityError:
        raise ValidationError(REPORT_EXISTS, code="exists") from None
    version = ReportVersion.objects.create(report=report, number=1)
    bulk_create_with_history([AreaAnalysis(report_version=version, area=area) for area in cycle.program.areas.all()],
                             AreaAnalysis, default_user=by)
    return report


@records_by
def analysis_save(*, version: ReportVersion, area: Area, text: str, seen_version: int | None = None,
                  by=None) -> AreaAnalysis:
    """The coordinator's analysis of `area` in a draft, saved unless someone else saved it
    since `seen_version`."""
    check_draft(version)
    if area.program_id != version.report.cycle.program_id:
        raise ValidationError(AREA_OF_OTHER_PROGRAM, code="other_program")
    analysis, created = AreaAnalysis.objects.get_or_create(report_version=version, area=area, defaults={"text": text})
    if created:
        return analysis
    analysis.text = text
    return versioned_save(instance=analysis, seen_version=analysis.version if seen_version is None else seen_version)


@records_by
def assessment_save(*, version: ReportVersion, text: str, seen_version: int | None = None, by=None) -> ReportVersion:
    """The overall assessment of a draft."""
    check_draft(version)
    version.overall_assessment = text
    return versioned_save(instance=version, seen_version=version.version if seen_version is None else seen_version)


def missed_target_indicators(*, version: ReportVersion) -> dict[int, dict]:
    """Indicator id → the compiled indicator, for every indicator that missed its target in
    the version's year."""
    cycle = version.report.cycle
    goals = area_goals(program=cycle.program, municipality=cycle.program.municipality, year=cycle.year)
    return {indicator["id"]: indicator for area in goals.values() for indicator in missed_indicators(area)}


@records_by
def missed_target_save(*, version: ReportVersion, indicator: Indicator, cause: str, action: str,
                       owner: Organization | None, seen_version: int | None = None, by=None) -> MissedTarget:
    """The cause of a missed target, the action taken and the organisation that owns it."""
    check_draft(version)
    if indicator.pk not in missed_target_indicators(version=version):
        raise ValidationError(INDICATOR_NOT_MISSED, code="not_missed")
    if owner is not None and owner.municipality_id != version.report.cycle.program.municipality_id:
        raise ValidationError({"owner": OWNER_OF_OTHER_MUNICIPALITY})
    fields = {"cause": cause.strip(), "action": action.strip(), "owner": owner}
    row, created = MissedTarget.objects.get_or_create(report_version=version, indicator=indicator, defaults=fields)
    if created:
        return row
    for name, value in fields.items():
        setattr(row, name, value)
    return versioned_save(instance=row, seen_version=row.version if seen_version is None else seen_version)


def unexplained_missed_targets(*, version: ReportVersion) -> list[str]:
    """The names of the missed targets that still lack a cause, an action or an owner."""
    missed = missed_target_indicators(version=version)
    explained = {row.indicator_id for row in version.missed_targets.all() if row.is_explained}
    return [indicator["name"] for pk, indicator in missed.items() if pk not in explained]


def _set_status(version: ReportVersion, status: str, **fields) -> ReportVersion:
    """A status change claims the version like an edit, so that two submissions at once
    cannot both pass."""
    version.status = status
    for name, value in fields.items():
        setattr(version, name, value)
    return versioned_save(instance=version, seen_version=version.version)


@records_by
@transaction.atomic
def version_submit(*, version: ReportVersion, by=None) -> ReportVersion:
    """Submit a draft for decision. Refused, changing nothing, while a missed target lacks
    its cause, action or owner."""
    version = ReportVersion.objects.select_for_update().select_related("report__cycle__program").get(pk=version.pk)
    if version.status != ReportVersion.Status.DRAFT:
        raise ValidationError(NOT_DRAFT, code="not_draft")
    missing = unexplained_missed_targets(version=version)
    if missing:
        raise ValidationError(UNEXPLAINED % {"indicators": ", ".join(missing)}, code="unexplained")
    return _set_status(version, ReportVersion.Status.SUBMITTED, submitted_at=timezone.now())


@records_by
@transaction.atomic
def version_approve(*, version: ReportVersion, by=None, decision=None) -> ReportVersion:
    """Approve a submitted version and freeze it: its content is compiled once more and
    kept with the SHA-256 of its canonical JSON. With `decision`, that decision is linked
    to the version it approved."""
    version = ReportVersion.objects.select_for_update().select_related("report__cycle__program").get(pk=version.pk)
    if version.status != ReportVersion.Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    content = report_content(version=version)
    version = _set_status(version, ReportVersion.Status.APPROVED, approved_at=timezone.now(), content=content,
                          content_sha256=content_sha256(content))
    if decision is not None and decision.report_version_id != version.pk:
        decision.report_version = version
        decision.save(update_fields=["report_version"])
    return version


@records_by
@transaction.atomic
def version_new(*, report: Report, by=None) -> ReportVersion:
    """A new draft after the latest version, copying its overall assessment, its analyses
    and its explained missed targets. Refused while the latest version is still a draft."""
    latest = report.versions.select_for_update().order_by("-number").first()
    if latest.status == ReportVersion.Status.DRAFT:
        raise ValidationError(DRAFT_EXISTS, code="draft_exists")
    version = ReportVersion.objects.create(report=report, number=latest.number + 1,
                                           overall_assessment=latest.overall_assessment)
    bulk_create_with_history([
        AreaAnalysis(report_version=version, area_id=analysis.area_id, text=analysis.text)
        for analysis in latest.analyses.all()
    ], AreaAnalysis, default_user=by)
    bulk_create_with_history([
        MissedTarget(report_version=version, indicator_id=row.indicator_id, cause=row.cause, action=row.action,
                     owner_id=row.owner_id)
        for row in latest.missed_targets.all()
    ], MissedTarget, default_user=by)
    return version
