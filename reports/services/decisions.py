"""Recording the decisions on a report version. The chain a version goes through: the
coordinating board (the program's owner) approves it, the executive board (KS) files it,
and only then may it be dispatched to the boards and companies."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from organizations.models import Organization
from reports.models import Decision, ReportVersion

PARAGRAPH_USED = _("Paragrafen %(paragraph)s är redan använd i sammanträdet den %(date)s för %(organization)s.")
PARAGRAPH_MISSING = _("Ange beslutets paragraf, till exempel § 87.")
DRAFT_NOT_DECIDABLE = _("Ett utkast kan inte beslutas. Rapporten måste först lämnas in för beslut.")
FILING_BEFORE_APPROVAL = _(
    "Kommunstyrelsen kan lägga rapporten till handlingarna först när den samordnande nämnden har godkänt den."
)
OTHER_MUNICIPALITY = _("Organisationen hör till en annan kommun än rapporten.")


def paragraph_normalize(value: str) -> str:
    """"§87", "87" and " § 87 " are one paragraph: stored as "§ 87", so the same paragraph
    written two ways cannot be used twice in one meeting."""
    core = re.sub(r"\s+", " ", (value or "").replace("§", "")).strip()
    return f"§ {core}" if core else ""


def approval_decision(version: ReportVersion) -> Decision | None:
    """The coordinating board's decision approving `version`, if recorded."""
    owner_id = version.report.cycle.program.owner_id
    return next((d for d in _decisions(version) if d.wording == Decision.Wording.APPROVES
                 and d.organization_id == owner_id), None)


def filing_decision(version: ReportVersion) -> Decision | None:
    """The executive board's decision filing `version` (lägger till handlingarna), if recorded."""
    return next((d for d in _decisions(version) if d.wording == Decision.Wording.FILES
                 and d.organization.kind == Organization.Kind.EXECUTIVE_BOARD), None)


def _decisions(version: ReportVersion) -> list[Decision]:
    return list(version.decisions.select_related("organization").order_by("meeting_date", "pk"))


@records_by
def decision_record(
    *, version: ReportVersion, organization: Organization, meeting_date, paragraph: str, wording: str,
    registry_number: str = "", text: str = "", minutes_extract=None, by,
) -> Decision:
    """Record a decision on `version`. The coordinating board's approval of a submitted
    version approves (freezes) it through the versions service; KS may file only an
    approved version. A paragraph already used in the same meeting of the same organisation,
    or a decision on a draft, is refused and nothing is saved."""
    paragraph = paragraph_normalize(paragraph)
    if not paragraph:
        raise ValidationError({"paragraph": PARAGRAPH_MISSING})
    if organization.municipality_id != version.report.cycle.program.municipality_id:
        raise ValidationError({"organization": OTHER_MUNICIPALITY})
    if version.status == ReportVersion.Status.DRAFT:
        raise ValidationError(DRAFT_NOT_DECIDABLE)
    if (wording == Decision.Wording.FILES and organization.kind == Organization.Kind.EXECUTIVE_BOARD
            and version.status != ReportVersion.Status.APPROVED):
        raise ValidationError(FILING_BEFORE_APPROVAL)
    used = ValidationError({"paragraph": PARAGRAPH_USED % {
        "paragraph": paragraph, "organization": organization.name, "date": meeting_date.isoformat()}})
    if Decision.objects.filter(organization=organization, meeting_date=meeting_date, paragraph=paragraph).exists():
        raise used
    decision = Decision(
        organization=organization, meeting_date=meeting_date, paragraph=paragraph, registry_number=registry_number,
        wording=wording, text=text, minutes_extract=minutes_extract or "", report_version=version, recorded_by=by,
    )
    decision.full_clean(validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError:
            # Another secretary saved the same paragraph between the check and the insert.
            raise used from None
        if (wording == Decision.Wording.APPROVES and organization.pk == version.report.cycle.program.owner_id
                and version.status == ReportVersion.Status.SUBMITTED):
            _approve(version=version, by=by, decision=decision)
    return decision


def _approve(*, version: ReportVersion, by, decision: Decision) -> None:
    # Freezing the content belongs to the versions service; where it is not installed the
    # decision is recorded and the version is approved there later.
    try:
        from reports.services.versions import version_approve
    except ImportError:
        return
    version_approve(version=version, by=by, decision=decision)
