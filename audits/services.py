"""Workflow that writes audits, answers and measures: one function a verb."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.models import Audit, AuditQuestion, AuditResponse, Measure, OverallAssessment, Recommendation
from audits.models.response import VERIFIED_NEEDS_EVIDENCE, RecommendationAnswer
from audits.notify import recipients_for_response_request
from core.history import records_by
from core.versioning import versioned_save
from notifications.services import outbox_enqueue
from notifications.models import OutboxMessage

NOT_ADDRESSED = _(
    "%(organization)s har inte fått någon rekommendation och inte ombetts svara på granskningen, "
    "så inget svar kan registreras för den."
)
NOT_DONE = _("Bara en genomförd åtgärd kan verifieras.")
ALREADY_VERIFIED = _("Åtgärden är redan verifierad och kan inte ändras.")
NO_RECIPIENTS = _("Ingen av de organisationer som ska svara har en nämndsekreterare eller en registratorsadress.")
EMPTY_AUDIT = _("Granskningen behöver minst en revisionsfråga, en bedömning eller en rekommendation.")


@records_by
def audit_create(
    *, municipality, data: dict, questions: list[dict], overall_assessments: list[dict],
    recommendations: list[dict], audited_organizations=(), response_from=(), by=None,
) -> Audit:
    """Save a reviewed audit with its questions, overall assessments and recommendations,
    all or nothing. Recommendations are numbered in the order given."""
    if not (questions or overall_assessments or recommendations):
        raise ValidationError(EMPTY_AUDIT, code="empty")
    with transaction.atomic():
        audit = Audit(municipality=municipality, **data)
        audit.full_clean()
        audit.save()
        audit.audited_organizations.set(audited_organizations)
        audit.response_from.set(response_from)
        for item in questions:
            question = AuditQuestion(audit=audit, **item)
            question.full_clean()
            question.save()
        for item in overall_assessments:
            overall = OverallAssessment(audit=audit, **item)
            overall.full_clean()
            overall.save()
        for number, item in enumerate(recommendations, start=1):
            recommendation = Recommendation(audit=audit, number=number, **item)
            recommendation.full_clean()
            recommendation.save()
    return audit


@records_by
def audit_update(*, audit: Audit, data: dict, seen_version: int, by=None) -> Audit:
    """Correct an audit's own fields unless someone saved it after `seen_version`. A new
    deadline makes the next request and reminders go out again for it."""
    many = {name: data.pop(name) for name in ("audited_organizations", "response_from") if name in data}
    with transaction.atomic():
        for name, value in data.items():
            setattr(audit, name, value)
        audit.full_clean()
        versioned_save(instance=audit, seen_version=seen_version)
        for name, value in many.items():
            getattr(audit, name).set(value)
    return audit


def audit_addressed_organizations(*, audit: Audit) -> set[int]:
    """The ids of the organisations that must answer: those asked to, and those given a recommendation."""
    asked = set(audit.response_from.values_list("pk", flat=True))
    return asked | set(audit.recommendations.values_list("organization_id", flat=True))


@records_by
def audit_request_responses(*, audit: Audit, by=None) -> int:
    """Queue the request for an answer, with the deadline, to each addressed organisation's
    secretaries (or its registry when it has none). A request already queued for the same
    recipient and deadline is not queued again. Returns how many were queued."""
    from organizations.models import Organization

    organizations = Organization.objects.filter(pk__in=audit_addressed_organizations(audit=audit))
    queued = 0
    found_any = False
    for organization in organizations.order_by("name"):
        topic = f"audits:{audit.pk}:request:{organization.pk}:{audit.response_by}"
        for address in recipients_for_response_request(organization=organization):
            found_any = True
            if OutboxMessage.objects.filter(topic=topic, recipient=address).exists():
                continue
            outbox_enqueue(
                to=address,
                template="audits/email/response_request",
                context={"audit": audit, "organization": organization, "deadline": audit.response_by},
                topic=topic,
                municipality=audit.municipality,
            )
            queued += 1
    if not found_any:
        raise ValidationError(NO_RECIPIENTS, code="no_recipients")
    return queued


@records_by
def audit_response_record(*, audit: Audit, organization, data: dict, answers: dict[int, str], by=None) -> AuditResponse:
    """Record a board's decision on the audit and its answer to each recommendation
    addressed to it. An organisation that was not addressed cannot answer."""
    if organization.pk not in audit_addressed_organizations(audit=audit):
        raise ValidationError(NOT_ADDRESSED % {"organization": organization.name}, code="not_addressed")
    with transaction.atomic():
        response = AuditResponse(audit=audit, organization=organization, recorded_by=by, **data)
        response.full_clean()
        response.save()
        # A board may comment on recommendations addressed to others, as boards asked
        # only to answer do.
        for recommendation in audit.recommendations.all():
            text = (answers.get(recommendation.pk) or "").strip()
            if text:
                RecommendationAnswer.objects.create(response=response, recommendation=recommendation, text=text)
    return response


@records_by
def measure_create(*, recommendation: Recommendation, data: dict, by=None) -> Measure:
    """Plan a measure for a recommendation."""
    measure = Measure(recommendation=recommendation, status=Measure.Status.PLANNED, **data)
    measure.full_clean()
    measure.save()
    return measure


@records_by
def measure_update(*, measure: Measure, data: dict, seen_version: int, by=None) -> Measure:
    """Change what, who, when, status and evidence of a measure that is not yet verified;
    marking it done needs evidence, and verification is `measure_verify`'s alone."""
    if measure.status == Measure.Status.VERIFIED:
        raise ValidationError(ALREADY_VERIFIED, code="verified")
    for name, value in data.items():
        setattr(measure, name, value)
    if measure.status == Measure.Status.VERIFIED:
        raise ValidationError({"status": NOT_DONE})
    measure.full_clean()
    return versioned_save(instance=measure, seen_version=seen_version)


@records_by
def measure_verify(*, measure: Measure, by) -> Measure:
    """Close a done measure that has evidence, as verified by `by`."""
    if measure.status != Measure.Status.DONE:
        raise ValidationError(NOT_DONE, code="not_done")
    if not measure.has_evidence:
        raise ValidationError(VERIFIED_NEEDS_EVIDENCE, code="no_evidence")
    measure.status = Measure.Status.VERIFIED
    measure.verified_by = by
    measure.verified_at = timezone.now()
    measure.full_clean()
    return versioned_save(instance=measure, seen_version=measure.version)
