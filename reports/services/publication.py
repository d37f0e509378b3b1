"""Publishing an approved report version for everyone, without login, and reading what
is published. Only an approved (frozen) version can be published, so the public sees
exactly the content that was decided."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from reports.models import Decision, ReportFile, ReportVersion

NOT_APPROVED = _("Bara en godkänd version kan publiceras. Versionen måste först godkännas av den samordnande nämnden.")
ALREADY_PUBLISHED = _("Versionen är redan publicerad.")


@records_by
def version_publish(*, version: ReportVersion, by) -> ReportVersion:
    """Publish the approved `version`; one that is not approved, or already published, is
    refused and nothing changes."""
    version.refresh_from_db()
    if version.status != ReportVersion.Status.APPROVED:
        raise ValidationError(NOT_APPROVED)
    if version.published_at is not None:
        raise ValidationError(ALREADY_PUBLISHED)
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["published_at", "published_by"])
    return version


def published_versions() -> QuerySet[ReportVersion]:
    """Every published version, newest year first: all the public can ever reach."""
    return (
        ReportVersion.objects.filter(status=ReportVersion.Status.APPROVED, published_at__isnull=False)
        .select_related("report__cycle__program__municipality")
        .order_by("-report__cycle__year", "-number")
    )


def published_decisions(version: ReportVersion) -> list[Decision]:
    return list(version.decisions.select_related("organization").order_by("meeting_date", "pk"))


def published_pdf(version: ReportVersion) -> ReportFile | None:
    return version.files.filter(format=ReportFile.Format.PDF).first()
