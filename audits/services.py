"""Workflow that writes audits, answers and measures: one function a verb."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audits import importer
from audits.models import Audit, AuditQuestion, AuditResponse, ImportDraft, Measure, OverallAssessment, Recommendation
from audits.models.draft import DRAFT_LIFETIME
from audits.models.response import VERIFIED_NEEDS_EVIDENCE, RecommendationAnswer
from audits.notify import recipients_for_response_request
from core.history import records_by
from core.versioning import versioned_save
from notifications.services import outbox_enqueue_once
from organizations.models import Organization

NOT_ADDRESSED = _(
    "%(organization)s har inte fått någon rekommendation och inte ombetts svara på granskningen, "
    "så inget svar kan registreras för den."
)
NOT_DONE = _("Bara en genomförd åtgärd kan verifieras.")
ALREADY_VERIFIED = _("Åtgärden är redan verifierad och kan inte ändras.")
NO_RECIPIENTS = _("Ingen av de organisationer som ska svara har en nämndsekreterare eller en registratorsadress.")
EMPTY_AUDIT = _("Granskningen behöver minst en revisionsfråga, en bedömning eller en rekommendation.")
# Kept in the draft row as written (the worker has no user's language) and translated where shown.
IS_A_RESPONSE = gettext_noop(
    "Texten ser ut att vara en nämnds svar på en granskning, inte en granskningsrapport. "
    "Registrera svaret från granskningens sida i stället."
)
READING_FAILED = gettext_noop("Rapporten kunde inte läsas in. Försök igen, eller fyll i granskningen för hand.")

logger = logging.getLogger(__name__)


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
    organizations = Organization.objects.filter(pk__in=audit_addressed_organizations(audit=audit))
    queued = 0
    found_any = False
    for organization in organizations.order_by("name"):
        topic = f"audits:{audit.pk}:request:{organization.pk}:{audit.response_by}"
        for address in recipients_for_response_request(organization=organization):
            found_any = True
            queued += outbox_enqueue_once(
                to=address,
                template="audits/email/response_request",
                context={"audit": audit, "organization": organization, "deadline": audit.response_by},
                topic=topic,
                municipality=audit.municipality,
            )
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


@records_by
def import_draft_start(*, municipality, text: str, filename: str, by) -> ImportDraft:
    """Keep an uploaded report's text as `by`'s pending draft and queue its reading.

    Refuses a text over importer.MAX_TEXT_CHARS, keeping nothing. Replaces the
    drafts `by` had before, and deletes everyone's expired drafts.
    """
    try:
        importer.check_text_length(text=text)
    except importer.ImportFileError as error:
        raise ValidationError(error.message, code="too_long") from error
    from audits.tasks import import_draft_read_task  # the task module imports this one

    with transaction.atomic():
        ImportDraft.objects.filter(Q(created_by=by) | Q(created_at__lt=timezone.now() - DRAFT_LIFETIME)).delete()
        draft = ImportDraft.objects.create(
            municipality=municipality, created_by=by, filename=filename[:255], source_text=text
        )
        transaction.on_commit(lambda: import_draft_read_task.enqueue(draft_id=draft.pk))
    return draft


def import_draft_read(*, draft_id: int) -> ImportDraft | None:
    """Read a pending draft's text into a draft audit; the draft is then ready, or failed
    with the reason for the reviewer, and its text is dropped. None if the draft is gone.

    Reading a long report takes seconds, so it runs in no transaction: it must hold no
    database lock while it works. Only the final update writes.
    """
    draft = ImportDraft.objects.filter(pk=draft_id, status=ImportDraft.Status.PENDING).first()
    if draft is None:
        return None
    status, result, error = ImportDraft.Status.FAILED, None, READING_FAILED
    try:
        if importer.detect_document_kind(text=draft.source_text) == "response":
            error = IS_A_RESPONSE
        else:
            names = Organization.objects.filter(municipality_id=draft.municipality_id).order_by("name")
            parsed = importer.parse_audit(text=draft.source_text, extra_names=list(names.values_list("name", flat=True)))
            status, error = ImportDraft.Status.READY, ""
            result = {
                "draft": parsed.to_json_dict(),
                "raw": parsed.raw,
                "question_raw": [question.raw for question in parsed.questions],
                "recommendation_raw": [recommendation.raw for recommendation in parsed.recommendations],
                "messages": list(parsed.messages),
            }
    except Exception:
        # The reviewer is told and can fill the audit in by hand; the worker goes on.
        logger.exception("Reading import draft %s failed", draft_id)
    ImportDraft.objects.filter(pk=draft.pk, status=ImportDraft.Status.PENDING).update(
        status=status, result=result, error=error, source_text=""
    )
    return ImportDraft.objects.filter(pk=draft.pk).first()


def import_draft_discard(*, draft: ImportDraft) -> None:
    """Delete a draft once its audit is saved or its failure shown."""
    draft.delete()
