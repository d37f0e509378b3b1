"""Cycles: opening one (with last year's answers as a starting point), naming who answers
for an organisation, and closing it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.versioning import StaleEditError, versioned_save
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Questionnaire
from followup.models.cycle import NOT_RESPONDENT_ROLES
from followup.notify import cycle_invitations_send, invitations_send
from followup.tasks import invitations_send_on_opening, opening_moment
from organizations.models import Membership
from steering.models import Program

NO_ORGANIZATION_ASKED = _("Välj minst en organisation som ska svara.")
PERSON_OF_OTHER_MUNICIPALITY = _("%(person)s arbetar inte i kommunen och kan inte svara för en organisation där.")
CYCLE_ALREADY_CLOSED = _("Uppföljningen är redan stängd.")
PERSON_NOT_A_RESPONDENT = _("%(person)s är revisor eller förtroendevald och kan inte svara för en organisation.")
YEAR_OUTSIDE_PROGRAM = _("Programmet gäller %(start)s–%(end)s, så en uppföljning för %(year)s ligger utanför "
                         "dess period.")
EARLIER_CYCLE_OPEN = _("Uppföljningen %(year)s är fortfarande öppen. Stäng den när dess svar är sammanställda, "
                       "så att organisationerna inte svarar på två uppföljningar samtidigt.")


def cycle_open_warnings(*, program, year: int | None) -> list[str]:
    """What the coordinator should know before opening a cycle for `year`, without being
    stopped: a year outside the program's period, an earlier cycle still open."""
    if program is None or year is None:
        return []
    warnings = []
    if not program.start_year <= year <= program.end_year:
        warnings.append(YEAR_OUTSIDE_PROGRAM % {"start": program.start_year, "end": program.end_year, "year": year})
    for earlier in FollowUpCycle.objects.filter(
        program=program, year__lt=year, status=FollowUpCycle.Status.OPEN
    ).order_by("year"):
        warnings.append(EARLIER_CYCLE_OPEN % {"year": earlier.year})
    return warnings


def _check_people(municipality, users) -> None:
    """A respondent or backup must work in the municipality: a forged id of someone
    elsewhere is refused rather than handing them another municipality's answers. An
    auditor or a politician is refused too: they examine and decide on the answers."""
    ids = {user.pk for user in users if user is not None}
    roles = {}
    for user_id, role in Membership.objects.filter(
        user_id__in=ids, organization__municipality=municipality
    ).values_list("user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    for user in users:
        if user is None:
            continue
        if user.pk not in roles:
            raise ValidationError(PERSON_OF_OTHER_MUNICIPALITY % {"person": user}, code="municipality")
        if roles[user.pk] & NOT_RESPONDENT_ROLES:
            raise ValidationError(PERSON_NOT_A_RESPONDENT % {"person": user}, code="not_a_respondent")


@records_by
def cycle_open(
    *, program, year: int, questionnaire: Questionnaire, opens_on: date, deadline: date,
    respondents: dict, by=None, **schedule,
) -> FollowUpCycle:
    """Open a cycle asking each organisation in `respondents` ({organisation: (respondent,
    backup)}). Where last year's cycle asked the same question (same key and kind) of the
    same organisation, its answer is copied as a starting point. The respondents are
    invited on `opens_on`: at once when that day has come, else by a task scheduled for
    it (and by the daily reminder run, should that task be lost)."""
    if not respondents:
        raise ValidationError(NO_ORGANIZATION_ASKED, code="none_asked")
    _check_people(program.municipality, [person for pair in respondents.values() for person in pair])
    with transaction.atomic():
        # Locked so that of two posts of the opening form (a double click) the second is
        # told the year is taken, rather than failing on the unique constraint.
        Program.objects.select_for_update().filter(pk=program.pk).exists()
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
        today = timezone.localdate()
        if opens_on <= today:
            cycle_invitations_send(cycle=cycle, today=today)
        else:
            transaction.on_commit(lambda: _invitations_schedule(cycle))
    return cycle


def _invitations_schedule(cycle: FollowUpCycle) -> None:
    # A backend that cannot defer leaves the invitations to the daily reminder run.
    if invitations_send_on_opening.get_backend().supports_defer:
        invitations_send_on_opening.using(run_after=opening_moment(cycle)).enqueue(cycle_id=cycle.pk)


@records_by
def response_people_update(
    *, response: CycleOrganization, respondent, backup, seen_version: int, by=None,
) -> CycleOrganization:
    """Name another respondent or backup for an organisation in an open cycle; a person
    newly named is sent the invitation if the cycle has opened (else the opening does)."""
    if not response.cycle.is_open:
        raise ValidationError(_("Uppföljningen är stängd, så uppgiftslämnaren kan inte bytas."), code="closed")
    _check_people(response.cycle.program.municipality, [respondent, backup])
    before = {response.respondent_id, response.backup_id}
    with transaction.atomic():
        response.respondent, response.backup = respondent, backup
        response.full_clean()
        versioned_save(instance=response, seen_version=seen_version)
        invitations_send(response=response, today=timezone.localdate(),
                         people=[user for user in (respondent, backup) if user is not None and user.pk not in before])
    return response


@records_by
def cycle_close(*, cycle: FollowUpCycle, seen_version: int | None = None, by=None) -> FollowUpCycle:
    """Close a cycle: its answers can no longer be changed or submitted. With
    `seen_version`, a cycle changed since the coordinator looked is not closed."""
    if not cycle.is_open:
        raise ValidationError(CYCLE_ALREADY_CLOSED, code="closed")
    cycle.status = FollowUpCycle.Status.CLOSED
    try:
        return versioned_save(instance=cycle, seen_version=cycle.version if seen_version is None else seen_version)
    except StaleEditError:
        cycle.status = FollowUpCycle.Status.OPEN  # the caller's copy still shows the cycle as it is
        raise


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
