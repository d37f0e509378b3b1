"""Workflow that writes the follow-up: questionnaires, cycles and answers."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.versioning import versioned_save
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question, Questionnaire, Section
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
NEW_VERSION_MADE = _(
    "Formuläret används av en öppen uppföljning och ändras därför inte. Ändringen gjordes i en ny version, "
    "version %(number)s."
)

Status = CycleOrganization.Status


# Questionnaires -----------------------------------------------------------------------

def questionnaire_in_use(*, questionnaire: Questionnaire) -> bool:
    return questionnaire.cycles.filter(status=FollowUpCycle.Status.OPEN).exists()


@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire, by=None) -> Questionnaire:
    """Copy a questionnaire with its sections and questions to the next version number;
    question keys stay, so answers can be carried from one version to the next."""
    copy = Questionnaire(program=questionnaire.program, title=questionnaire.title,
                         number=questionnaire.number + 1, previous=questionnaire)
    copy.full_clean()
    copy.save()
    sections = {}
    for section in questionnaire.sections.all():
        sections[section.pk] = Section.objects.create(questionnaire=copy, area=section.area, position=section.position)
    for question in questionnaire.questions.prefetch_related("target_organizations"):
        chosen = list(question.target_organizations.all())
        question.pk = None
        question._state.adding = True
        question.questionnaire = copy
        question.section = sections[question.section_id]
        question.version = 1
        question.save()
        question.target_organizations.set(chosen)
    return copy


def question_update(*, question: Question, data: dict, seen_version: int, by=None) -> tuple[Question, str | None]:
    """Edit a question. When its questionnaire is used by an open cycle the answers given
    must keep meaning what they meant, so the edit goes into a new version of the
    questionnaire; returns the question edited and a notice saying so (None otherwise)."""
    notice = None
    with transaction.atomic():
        if questionnaire_in_use(questionnaire=question.questionnaire):
            copy = questionnaire_new_version(questionnaire=question.questionnaire, by=by)
            question = copy.questions.get(key=question.key)
            seen_version = question.version
            notice = NEW_VERSION_MADE % {"number": copy.number}
        for name, value in data.items():
            setattr(question, name, value)
        question.full_clean()
        versioned_save(instance=question, seen_version=seen_version)
    return question, notice


# Cycles -------------------------------------------------------------------------------

def cycle_open(
    *, program, year: int, questionnaire: Questionnaire, opens_on: date, deadline: date,
    respondents: dict, by=None, **schedule,
) -> FollowUpCycle:
    """Open a cycle asking each organisation in `respondents` ({organisation: (respondent,
    backup)}). Where last year's cycle asked the same question (same key and kind) of the
    same organisation, its answer is copied as a starting point."""
    with transaction.atomic():
        cycle = FollowUpCycle(program=program, year=year, questionnaire=questionnaire, opens_on=opens_on,
                              deadline=deadline, **schedule)
        cycle.full_clean()
        cycle.save()
        asked = []
        for organization, (respondent, backup) in respondents.items():
            response = CycleOrganization(cycle=cycle, organization=organization, respondent=respondent, backup=backup)
            response.full_clean()
            asked.append(response)
        CycleOrganization.objects.bulk_create(asked)
        _copy_previous_answers(cycle=cycle)
    for response in cycle.organizations_asked.select_related("organization", "respondent", "backup"):
        for user in filter(None, [response.respondent, response.backup]):
            outbox_enqueue(
                to=user.email, template="followup/email/invitation",
                context={"response": response, "cycle": cycle, "person": user},
                topic=f"followup:{cycle.pk}:invitation:{response.organization_id}",
                municipality=program.municipality,
            )
    return cycle


def cycle_close(*, cycle: FollowUpCycle, by=None) -> FollowUpCycle:
    """Close a cycle: its answers can no longer be changed or submitted."""
    cycle.status = FollowUpCycle.Status.CLOSED
    return versioned_save(instance=cycle, seen_version=cycle.version)


def _copy_previous_answers(*, cycle: FollowUpCycle) -> None:
    previous = FollowUpCycle.objects.filter(program=cycle.program, year=cycle.year - 1).first()
    if previous is None:
        return
    questions = {(q.key, q.kind): q for q in cycle.questionnaire.questions.all()}
    responses = {r.organization_id: r for r in cycle.organizations_asked.all()}
    old_answers = Answer.objects.filter(response__cycle=previous).select_related("question", "response")
    for old in old_answers.prefetch_related("activity_rows__areas"):
        question = questions.get((old.question.key, old.question.kind))
        response = responses.get(old.response.organization_id)
        if question is None or response is None or old.is_empty and not old.activity_rows.all():
            continue
        answer = Answer.objects.create(
            response=response, question=question, text=old.text, choice=old.choice, number=old.number,
            rating=old.rating, copied_from_previous=True,
        )
        for row in old.activity_rows.all():
            areas = list(row.areas.all())
            copy = ActivityRow.objects.create(
                answer=answer, name=row.name, target_group=row.target_group, period_start=row.period_start,
                period_end=row.period_end, cost=row.cost, result=row.result, activity=row.activity,
            )
            copy.areas.set(areas)


# Answering ----------------------------------------------------------------------------

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


def response_approve(*, response: CycleOrganization, by=None) -> CycleOrganization:
    """Accept submitted answers as final."""
    if response.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="status")
    return _set_status(response, Status.APPROVED)
