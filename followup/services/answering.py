"""Answering: one answer saved at a time as a draft, activity rows, and the review steps
(submit, return for completion, approve)."""

import copy
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.history import EMPTY, FieldChange, records_by
from core.validators import no_control_characters
from core.versioning import StaleEdit, StaleEditError, versioned_save
from followup.forms.answering import VERSION_UNKNOWN, answer_display, answer_values
from followup.models import ActivityRow, Answer, CycleOrganization, Question
from notifications.services import outbox_enqueue

CYCLE_CLOSED = _("Uppföljningen är stängd, så svaren kan inte längre ändras eller skickas in.")
NOT_YET_OPEN = _("Uppföljningen öppnar %(date)s. Svaren kan lämnas och skickas in först då.")
NOT_EDITABLE = _("Svaren är inskickade och låsta. Samordnaren kan återlämna dem för komplettering.")
NOT_ASKED = _("Frågan ställs inte till den här organisationen.")
OTHER_QUESTIONNAIRE = _("Frågan hör inte till den här uppföljningens formulär.")
SAVED_ANSWER = _("Sparat svar")
KEY_OF_OTHER_ANSWER = _("Formulärets engångsnyckel hör till ett annat svar, så inget sparades. Ladda om sidan.")
NOTHING_TO_SUBMIT = _("Bara ett utkast eller ett återlämnat svar kan skickas in.")
NOT_SUBMITTED = _("Bara inskickade svar kan återlämnas eller godkännas.")
COMMENT_NEEDED = _("Skriv vad som behöver kompletteras.")
COMMENT_TOO_LONG = _("Kommentaren får vara högst %(limit)s tecken lång.")
COMMENT_MAX_LENGTH = CycleOrganization._meta.get_field("return_comment").max_length

Status = CycleOrganization.Status


def _check_open(response: CycleOrganization) -> None:
    cycle = response.cycle
    if not cycle.is_open:
        raise ValidationError(CYCLE_CLOSED, code="closed")
    if not cycle.has_opened:
        raise ValidationError(NOT_YET_OPEN % {"date": formats.date_format(cycle.opens_on, "Y-m-d")},
                              code="not_yet_open")


def _check_editable(response: CycleOrganization) -> None:
    _check_open(response)
    if not response.is_editable:
        raise ValidationError(NOT_EDITABLE, code="locked")


def _lock(response: CycleOrganization) -> None:
    """Lock the response's row until the transaction ends and bring `response` up to
    date: saves to one organisation's answers then happen one after the other, each
    seeing what the one before did (a submit included)."""
    names = ["status", "version", "respondent_id", "backup_id", "return_comment", "submitted_at"]
    locked = CycleOrganization.objects.select_for_update().values(*names).get(pk=response.pk)
    for name in names:
        # Setting a key's attname drops a cached related object that no longer matches.
        setattr(response, name, locked[name])


def _written_by_other(answer: Answer) -> StaleEditError:
    """The refusal of a first answer when someone else gave one first, naming theirs."""
    change = FieldChange(label=str(SAVED_ANSWER), old=EMPTY, new=answer_display(answer) or EMPTY)
    return StaleEditError(stale_edit=StaleEdit(current_version=answer.version, changes=[change]))


def _answer_create(response: CycleOrganization, question: Question, values: dict) -> Answer:
    answer = Answer(response=response, question=question, **values)
    # The unique (response, question) constraint is left to the database, which alone
    # sees a first answer given at the same moment; the savepoint keeps the transaction
    # usable to read that answer and name it in the refusal.
    answer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        raise _written_by_other(Answer.objects.get(response=response, question=question)) from None
    return answer


@records_by
def answer_save(
    *, response: CycleOrganization, question: Question, value: str, seen_version: int | None, by=None,
) -> Answer:
    """Save one answer as a draft, checked by the question's kind (length, characters,
    number range). `seen_version` is the answer's version as the form showed it, None
    when it showed no answer yet. An answer someone else saved since, a first answer
    included, is never overwritten: StaleEditError names what they wrote, and nothing
    changes."""
    if question.questionnaire_id != response.cycle.questionnaire_id:
        raise ValidationError(OTHER_QUESTIONNAIRE, code="questionnaire")
    if not question.applies_to(response.organization):
        raise ValidationError(NOT_ASKED, code="not_asked")
    values = answer_values(question, value)
    with transaction.atomic():
        _lock(response)
        _check_editable(response)
        # Unordered: the one row of the pair needs no join for the model's ordering.
        answer = Answer.objects.filter(response=response, question=question).order_by("pk").first()
        if seen_version is None:
            if answer is not None:
                raise _written_by_other(answer)
            answer = _answer_create(response, question, values)
        elif answer is None:
            raise ValidationError(VERSION_UNKNOWN, code="version")
        else:
            current = copy.copy(answer)
            for name, field_value in values.items():
                setattr(answer, name, field_value)
            answer.copied_from_previous = False
            # The row's response and question are its own and unchanged, and the unique
            # pair is the database's to keep: checking them again would cost three queries
            # on every autosave. So is the rating's range, which answer_values and the
            # field's validators have already held to 1-5 (another query if checked here).
            answer.full_clean(exclude=["response", "question"], validate_unique=False, validate_constraints=False)
            versioned_save(instance=answer, seen_version=seen_version, current=current)
        if response.status == Status.NOT_STARTED:
            _set_status(response, Status.DRAFT)
    return answer


@records_by
def answers_confirm(*, response: CycleOrganization, questions, by=None) -> int:
    """Confirm last year's answers copied in for `questions` as still true this year
    ("Bekräfta oförändrat"): each then counts as given in this cycle. Answers already
    given or confirmed are left alone. Returns how many were confirmed; each keeps the
    confirmation in its history."""
    with transaction.atomic():
        _lock(response)
        _check_editable(response)
        prefilled = list(Answer.objects.filter(response=response, question__in=questions, copied_from_previous=True))
        for answer in prefilled:
            answer.copied_from_previous = False
            versioned_save(instance=answer, seen_version=answer.version)
        if prefilled and response.status == Status.NOT_STARTED:
            _set_status(response, Status.DRAFT)
    return len(prefilled)


@records_by
def activity_row_add(
    *, response: CycleOrganization, question: Question, data: dict, areas=(), submission_key: uuid.UUID | None = None,
    by=None,
) -> ActivityRow:
    """Add a structured activity row to an activities question. A `submission_key` (the
    adding form's one-time key) already used returns the row it added instead of adding
    another, so a double click or a repeated post adds one row."""
    if question.kind != Question.Kind.ACTIVITIES or question.questionnaire_id != response.cycle.questionnaire_id:
        raise ValidationError(OTHER_QUESTIONNAIRE, code="questionnaire")
    with transaction.atomic():
        _lock(response)
        _check_editable(response)
        answer, _created = Answer.objects.get_or_create(response=response, question=question)
        if submission_key is not None:
            earlier = ActivityRow.objects.filter(submission_key=submission_key).first()
            if earlier is not None:
                if earlier.answer_id != answer.pk:
                    raise ValidationError(KEY_OF_OTHER_ANSWER, code="submission_key")
                return earlier
        row = ActivityRow(answer=answer, submission_key=submission_key, **data)
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
    """Lock the answers and send the person who submitted a receipt; not before the
    cycle's opening day."""
    _check_open(response)
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
    """Send submitted answers back for completion, saying what is missing (a plain text
    of at most 4,000 characters)."""
    if response.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="status")
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": COMMENT_NEEDED})
    no_control_characters(comment)
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": COMMENT_TOO_LONG % {"limit": COMMENT_MAX_LENGTH}})
    with transaction.atomic():
        _set_status(response, Status.RETURNED, return_comment=comment)
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
