"""Queries that read the follow-up for pages, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.utils import timezone

from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question, Questionnaire
from followup import page_cache
from followup.models.cycle import NOT_RESPONDENT_ROLES
from organizations.models import Membership, Organization
from organizations.selectors import active_q, organizations_acting_for


def responses_for_user(*, user, municipality):
    """The follow-ups the user answers: as named respondent, as backup, or as a respondent
    of the organisation or of any one above it, as the rule followup.answer counts them."""
    organizations = organizations_acting_for(user=user, municipality=municipality, roles=(Membership.Role.RESPONDENT,))
    return (
        CycleOrganization.objects.filter(cycle__program__municipality=municipality)
        .filter(Q(respondent=user) | Q(backup=user) | Q(organization__in=organizations))
        .select_related("cycle__program", "organization", "respondent")
        .order_by("-cycle__year", "organization__name")
    )


def cycles_for_municipality(*, municipality):
    """The municipality's cycles, the latest year first. The order is explicit: a query
    that counts (GROUP BY) does not take the model's default ordering."""
    return (
        FollowUpCycle.objects.filter(program__municipality=municipality)
        .select_related("program", "questionnaire")
        .annotate(
            asked_count=Count("organizations_asked"),
            submitted_count=Count(
                "organizations_asked",
                filter=Q(organizations_asked__status__in=[
                    CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED,
                ]),
            ),
        )
        .order_by("-year", "program__name")
    )


# The radio buttons of the kinds answered by picking one of a few values; a rating's range
# is the database's (answer_rating_in_range).
RADIO_CHOICES = {
    Question.Kind.YES_NO_PARTLY: Answer.YesNoPartly.choices,
    Question.Kind.RATING: [(str(value), str(value)) for value in range(1, 6)],
}


@dataclass
class FormItem:
    question: Question
    answer: Answer | None
    # The answer's activity rows when the whole form was read at once; otherwise they are
    # read from the answer (one field saved on its own).
    rows: list | None = None
    # What the field shows (the stored answer, or what was posted where a save was
    # refused), why a save was refused, and whether the last save went through.
    value: str = ""
    problem: object = None
    saved: bool = False

    @property
    def seen_version(self) -> str:
        """The version of the answer the form shows, which a save sends back ("" for none yet)."""
        return str(self.answer.version) if self.answer is not None else ""

    @property
    def choices(self):
        """The values and labels of the radio buttons a yes/no/partly or rating question is
        answered with; none for the other kinds."""
        return RADIO_CHOICES.get(self.question.kind, ())

    @property
    def activity_rows(self):
        if self.rows is not None:
            return self.rows
        return self.answer.activity_rows.all() if self.answer is not None else []


@dataclass
class FormSection:
    section: object
    items: list[FormItem]

    @property
    def prefilled(self) -> int:
        """How many of the section's answers are last year's, not yet confirmed or changed."""
        return sum(1 for item in self.items if item.answer is not None and item.answer.copied_from_previous)


@dataclass
class QuestionnaireQuestions:
    """A questionnaire's questions in the form's order, each with its section and area,
    and the organisations chosen for each question put to chosen ones (by question id)."""

    questions: list[Question]
    chosen: dict[int, frozenset[int]]

    def put_to(self, organization) -> list[Question]:
        """The questions `organization` is asked (Question.applies_to, without a query)."""
        chosen = Question.Targeting.CHOSEN
        return [question for question in self.questions if (
            organization.pk in self.chosen.get(question.pk, ()) if question.targeting == chosen
            else question.applies_to(organization))]


def questionnaire_questions(*, questionnaire_id: int) -> QuestionnaireQuestions:
    """The questionnaire's questions, kept in the cache (followup.page_cache) until a question,
    a section, an area or a question's chosen organisations change: every respondent's form
    reads them, and they change only while no cycle uses the questionnaire."""

    def build() -> QuestionnaireQuestions:
        questions = list(
            Question.objects.filter(questionnaire_id=questionnaire_id).select_related("section__area")
            .order_by("section__position", "section__pk", "position", "pk")
        )
        chosen = defaultdict(set)
        for question_id, organization_id in Question.target_organizations.through.objects.filter(
            question__questionnaire_id=questionnaire_id
        ).values_list("question_id", "organization_id"):
            chosen[question_id].add(organization_id)
        return QuestionnaireQuestions(questions, {pk: frozenset(ids) for pk, ids in chosen.items()})

    return page_cache.questionnaire_questions(questionnaire_id=questionnaire_id, build=build)


def response_form(*, response: CycleOrganization) -> list[FormSection]:
    """The questions put to the response's organisation, by section, each with its answer:
    the questions from the cache, the answers and their activity rows in two plain queries
    (prefetching made a queryset per answer, which cost more than the query)."""
    questions = questionnaire_questions(questionnaire_id=response.cycle.questionnaire_id).put_to(
        response.organization)
    answers = {answer.question_id: answer for answer in Answer.objects.filter(response=response).order_by()}
    rows = defaultdict(list)
    for row in ActivityRow.objects.filter(answer__response=response).order_by("pk"):
        rows[row.answer_id].append(row)
    sections: dict[int, FormSection] = {}
    for question in questions:
        answer = answers.get(question.pk)
        entry = sections.setdefault(question.section_id, FormSection(question.section, []))
        entry.items.append(FormItem(question, answer, rows[answer.pk] if answer is not None else []))
    return list(sections.values())


# Opening a cycle ----------------------------------------------------------------------

# Boards and companies are asked by default; the other kinds are offered unchecked.
ASKED_BY_DEFAULT = (Organization.Kind.BOARD, Organization.Kind.COMPANY)
KIND_ORDER = [Organization.Kind.BOARD, Organization.Kind.COMPANY, Organization.Kind.EXECUTIVE_BOARD,
              Organization.Kind.COUNCIL, Organization.Kind.ADMINISTRATION, Organization.Kind.UNIT,
              Organization.Kind.EXTERNAL]


@dataclass(frozen=True)
class Candidate:
    """A person who may be named to answer, with where they hold a role."""

    person: object
    # organisation id → (the organisation's name, the roles the person holds there)
    roles: dict

    @property
    def organization_names(self) -> list[str]:
        return sorted({name for name, _roles in self.roles.values()})

    def has_role_in(self, organization_id) -> bool:
        return organization_id in self.roles

    def is_respondent_of(self, organization_id) -> bool:
        return Membership.Role.RESPONDENT in self.roles.get(organization_id, ("", ()))[1]


@dataclass
class RespondentCandidates:
    """The people who may answer for an organisation of the municipality, by name, and the
    ids of those who hold a role that excludes them (auditors, politicians)."""

    people: list
    refused_ids: frozenset

    def by_pk(self) -> dict:
        return {candidate.person.pk: candidate for candidate in self.people}

    def ordered_for(self, organization_id) -> tuple[list, list]:
        """The organisation's own people (its respondents first), then everyone else."""
        own = [candidate for candidate in self.people if candidate.has_role_in(organization_id)]
        own.sort(key=lambda candidate: not candidate.is_respondent_of(organization_id))
        return own, [candidate for candidate in self.people if not candidate.has_role_in(organization_id)]


def respondent_candidates(*, municipality) -> RespondentCandidates:
    """The active people with a role somewhere in the municipality, sorted by name, each
    with their organisations and roles there, in two queries; an auditor or a politician
    is never among them but is listed in `refused_ids`, so that a forged choice of one is
    told apart from an unknown person."""
    users = (
        get_user_model().objects.filter(is_active=True, memberships__organization__municipality=municipality)
        .distinct().order_by("full_name", "email")
        .prefetch_related(Prefetch(
            "memberships",
            Membership.objects.filter(organization__municipality=municipality).select_related("organization"),
            to_attr="municipality_memberships",
        ))
    )
    people, refused = [], set()
    for user in users:
        roles = {}
        for membership in user.municipality_memberships:
            name, held = roles.get(membership.organization_id, (membership.organization.name, ()))
            roles[membership.organization_id] = (name, (*held, membership.role))
        if any(role in NOT_RESPONDENT_ROLES for _name, held in roles.values() for role in held):
            refused.add(user.pk)
        else:
            people.append(Candidate(person=user, roles=roles))
    return RespondentCandidates(people=people, refused_ids=frozenset(refused))


@dataclass
class CycleOpenChoices:
    organizations: list
    people: RespondentCandidates
    year: int
    questionnaire: Questionnaire | None
    # organisation id → (respondent id, backup id) proposed for it
    proposed: dict


def cycle_open_choices(*, municipality, program) -> CycleOpenChoices:
    """What the open-a-cycle page offers for `program`, in a fixed number of queries: the
    municipality's active organisations (boards and companies first), the people who may
    answer, the year after the program's latest cycle, its latest questionnaire version,
    and per organisation the respondent and backup of that latest cycle, or else its
    members with the respondent role."""
    organizations = list(
        Organization.objects.filter(active_q(), municipality=municipality)
        .annotate(kind_order=Case(*[When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)],
                                  default=Value(len(KIND_ORDER))))
        .order_by("kind_order", "name")
    )
    people = respondent_candidates(municipality=municipality)
    latest = None
    questionnaire = None
    if program is not None:
        latest = FollowUpCycle.objects.filter(program=program).order_by("-year").first()
        questionnaire = Questionnaire.objects.filter(program=program).order_by("-number").first()
    proposed = {}
    for membership in (
        Membership.objects.filter(role=Membership.Role.RESPONDENT, organization__municipality=municipality,
                                  user__is_active=True).order_by("pk")
    ):
        respondent, backup = proposed.get(membership.organization_id, (None, None))
        if respondent is None:
            proposed[membership.organization_id] = (membership.user_id, None)
        elif backup is None:
            proposed[membership.organization_id] = (respondent, membership.user_id)
    if latest is not None:
        for response in latest.organizations_asked.all():
            if response.respondent_id or response.backup_id:
                proposed[response.organization_id] = (response.respondent_id, response.backup_id)
    year = latest.year + 1 if latest else timezone.localdate().year
    return CycleOpenChoices(organizations, people, year, questionnaire, proposed)


# Questionnaires -----------------------------------------------------------------------

def questionnaires_for_municipality(*, municipality):
    """Every version of every program's questionnaire, newest first, with the cycles that
    use each."""
    return (
        Questionnaire.objects.filter(program__municipality=municipality)
        .select_related("program").prefetch_related(Prefetch("cycles", FollowUpCycle.objects.order_by("-year")))
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("program__name", "-number")
    )


def questionnaire_sections(*, questionnaire: Questionnaire):
    """The questionnaire's sections in order, each with its questions and their chosen
    organisations."""
    return questionnaire.sections.select_related("area").prefetch_related(
        Prefetch("questions", Question.objects.prefetch_related("target_organizations").order_by("position", "pk"))
    ).order_by("position", "pk")


def answer_history(*, response: CycleOrganization) -> list:
    """Every save of every answer of the response (5 → 7 → 9 included), each labelled by its
    question: four queries however many answers."""
    from core.history import part_history_entries

    rows = list(Answer.history.filter(response_id=response.pk).select_related("history_user"))
    texts = dict(Question.objects.filter(pk__in={row.question_id for row in rows}).values_list("pk", "text"))
    return part_history_entries(rows, subject_of=lambda row: texts.get(row.question_id, ""))
