"""Answering: one answer saved at a time as a draft, activity rows, and the review steps
(submit, return for completion, approve)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.versioning import versioned_save
from followup.models import ActivityRow, Answer, CycleOrganization, Question
from notifications.services import outbox_enqueue

CYCLE_CLOSED = _("Uppföljningen är stängd, så svaren kan inte längre ändras eller skickas in.")
NOT_EDITABLE = _("Svaren är inskickade och låsta. Samordnaren kan återlämna dem för komplettering.")
NOT_ASKED = _("Frågan ställs inte till den här organisationen.")
OTHER_QUESTIONNAIRE = _("Frågan hör inte till den här uppföljningens formulär.")
NUMBER_EXPECTED = _("Ange ett tal, till exempel 12 eller 3,5.")
RATING_EXPECTED = _("Välj en skattning mellan 1 och 5.")
UNKNOWN_OPTION = _("Välj ett av svarsalternativen.")
NOTHING_TO_SUBMIT = _("Bara ett utkast eller ett återlämnat svar kan skickas in.")
NOT_SUBMITTED = _("Bara inskickade svar kan återlämnas eller godkännas.")
COMMENT_NEEDED = _("Skriv vad som behöver kompletteras.")

Status = CycleOrganization.Status


def _check_editable(response: CycleOrganization) -> None:
    if not response.cycle.is_open:
        raise ValidationError(CYCLE_CLOSED, code="closed")
    if not response.is_editable:
        raise ValidationError(NOT_EDITABLE, code="locked")


def _parse(question: Question, raw: str) -> dict:
    raw = (raw or "").strip()
    Kind = Question.Kind
    if question.kind == Kind.NUMBER:
        if not raw:
            return {"number": None}
        try:
            return {"number": Decimal(raw.replace(" ", "").replace(",", "."))}
        except InvalidOperation:
            raise ValidationError(NUMBER_EXPECTED, code="number") from None
    if question.kind == Kind.RATING:
        if not raw:
            return {"rating": None}
        if raw not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(RATING_EXPECTED, code="rating")
        return {"rating": int(raw)}
    if question.kind == Kind.YES_NO_PARTLY:
        if raw and raw not in Answer.YesNoPartly.values:
            raise ValidationError(UNKNOWN_OPTION, code="option")
        return {"choice": raw}
    if question.kind == Kind.CHOICE:
        if raw and raw not in question.option_list:
            raise ValidationError(UNKNOWN_OPTION, code="option")
        return {"choice": raw}
    return {"text": raw}


@records_by
def answer_save(
    *, response: CycleOrganization, question: Question, value: str, seen_version: int | None, by=None,
) -> Answer:
    """Save one answer as a draft. `seen_version` is the answer's version as the form showed
    it (None when it showed no answer yet): an answer saved by someone else since is
    never overwritten silently (StaleEditError)."""
    _check_editable(response)
    if question.questionnaire_id != response.cycle.questionnaire_id:
        raise ValidationError(OTHER_QUESTIONNAIRE, code="questionnaire")
    if not question.applies_to(response.organization):
        raise ValidationError(NOT_ASKED, code="not_asked")
    values = _parse(question, value)
    with transaction.atomic():
        answer = Answer.objects.filter(response=response, question=question).first()
        if answer is None:
            answer = Answer(response=response, question=question, **values)
            answer.full_clean()
            answer.save()
        else:
            for name, field_value in values.items():
                setattr(answer, name, field_value)
            answer.copied_from_previous = False
            answer.full_clean()
            versioned_save(instance=answer, seen_version=answer.version if seen_version is None else seen_version)
        if response.status == Status.NOT_STARTED:
            _set_status(response, Status.DRAFT)
    return answer


@records_by
def activity_row_add(*, response: CycleOrganization, question: Question, data: dict, areas=(), by=None) -> ActivityRow:
    """Add a structured activity row to an activities question."""
    _check_editable(response)
    if question.kind != Question.Kind.ACTIVITIES or question.questionnaire_id != response.cycle.questionnaire_id:
        raise ValidationError(OTHER_QUESTIONNAIRE, code="questionnaire")
    with transaction.atomic():
        answer, _created = Answer.objects.get_or_create(response=response, question=question)
        row = ActivityRow(answer=answer, **data)
        row.full_clean()
        row.save()
        row.areas.set(areas)
        if response.status == Status.NOT_STARTED:
            _set_status(response, Status.DRAFT)
    return row


def _set_status(response: CycleOrganization, status: str, **fields) -> CycleOrganization:
    response.status = status
    for name, value in fields.items():
        setattr(response, name, value)
    return versioned_save(instance=response, seen_version=response.version)


@records_by
def response_submit(*, response: CycleOrganization, by=None) -> CycleOrganization:
    """Lock the answers and send the person who submitted a receipt."""
    if not response.cycle.is_open:
        raise ValidationError(CYCLE_CLOSED, code="closed")
    if response.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(NOTHING_TO_SUBMIT, code="status")
    with transaction.atomic():
        _set_status(response, Status.SUBMITTED, submitted_at=timezone.now())
        recipients = {user.email for user in [by, response.respondent] if user is not None}
        for address in sorted(recipients):
            outbox_enqueue(
                to=address, template="followup/email/receipt", context={"response": response},
                topic=f"followup:{response.cycle_id}:receipt:{response.organization_id}:{response.version}",
                municipality=response.cycle.program.municipality,
            )
    return response


@records_by
def response_return(*, response: CycleOrganization, comment: str, by=None) -> CycleOrganization:
    """Send submitted answers back for completion, saying what is missing."""
    if response.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="status")
    if not comment.strip():
        raise ValidationError({"comment": COMMENT_NEEDED})
    with transaction.atomic():
        _set_status(response, Status.RETURNED, return_comment=comment.strip())
        for user in filter(None, [response.respondent, response.backup]):
            outbox_enqueue(
                to=user.email, template="followup/email/returned", context={"response": response},
                topic=f"followup:{response.cycle_id}:returned:{response.organization_id}:{response.version}",
                municipality=response.cycle.program.municipality,
            )
    return response


@records_by
def response_approve(*, response: CycleOrganization, by=None) -> CycleOrganization:
    """Accept submitted answers as final."""
    if response.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="status")
    return _set_status(response, Status.APPROVED)
