"""The completeness of a cycle: organisations × areas, status, days overdue and reminders
sent, read in a fixed number of queries however many organisations are asked.

Every area of the program has a column, also one the questionnaire asks nothing about:
that is a gap in the follow-up itself and is shown as such. Only answers given or
confirmed in this cycle count; last year's answers copied in as a start count once the
respondent has confirmed or changed them."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question
from notifications.models import OutboxMessage

Status = CycleOrganization.Status
DONE = (Status.SUBMITTED, Status.APPROVED)
RESPONSE_FIELDS = ("pk", "status", "organization_id", "organization__name", "organization__kind",
                   "respondent_id", "respondent__email", "respondent__full_name")


@dataclass(frozen=True, slots=True)
class AskedOrganization:
    pk: int
    name: str
    kind: str

    def __str__(self):
        return self.name


@dataclass(frozen=True, slots=True)
class Respondent:
    email: str
    full_name: str

    def __str__(self):
        return self.full_name or self.email


@dataclass(frozen=True, slots=True)
class AskedResponse:
    """What the completeness shows of an organisation's response, read as plain values:
    at 300 organisations building three models a row was most of the page's time. It
    answers to the same names as the CycleOrganization it stands for."""

    pk: int
    status: str
    organization: AskedOrganization
    respondent: Respondent | None

    @property
    def id(self) -> int:
        return self.pk

    @property
    def organization_id(self) -> int:
        return self.organization.pk

    def get_status_display(self) -> str:
        return str(Status(self.status).label)

    def get_absolute_url(self) -> str:
        return reverse("followup:response_edit", kwargs={"pk": self.pk})

    @classmethod
    def from_values(cls, row: dict) -> "AskedResponse":
        respondent = (Respondent(row["respondent__email"], row["respondent__full_name"])
                      if row["respondent_id"] is not None else None)
        return cls(row["pk"], row["status"],
                   AskedOrganization(row["organization_id"], row["organization__name"], row["organization__kind"]),
                   respondent)


@dataclass(frozen=True, slots=True)
class Cell:
    answered: int
    asked: int
    # The questionnaire asks nothing at all about the area (not only nothing of this organisation).
    no_question: bool = False

    @property
    def complete(self) -> bool:
        return self.asked > 0 and self.answered >= self.asked


@dataclass
class Row:
    response: "AskedResponse | CycleOrganization"
    cells: list[Cell]
    days_overdue: int
    reminders_sent: int


@dataclass
class Completeness:
    cycle: FollowUpCycle
    areas: list
    unasked_area_ids: set = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)

    @property
    def areas_without_questions(self) -> list:
        return [area for area in self.areas if area.pk in self.unasked_area_ids]

    def as_json(self) -> dict:
        return {
            "cycle": {"id": self.cycle.pk, "year": self.cycle.year, "deadline": self.cycle.deadline.isoformat()},
            "areas": [area.name for area in self.areas],
            "areas_without_questions": [area.name for area in self.areas if area.pk in self.unasked_area_ids],
            "organizations": [
                {
                    "id": row.response.organization_id,
                    "name": row.response.organization.name,
                    "status": row.response.status,
                    "respondent": row.response.respondent.email if row.response.respondent else None,
                    "days_overdue": row.days_overdue,
                    "reminders_sent": row.reminders_sent,
                    "areas": [{"answered": c.answered, "asked": c.asked, "no_question": c.no_question}
                              for c in row.cells],
                }
                for row in self.rows
            ],
        }


def reminder_topic_prefix(cycle: FollowUpCycle) -> str:
    return f"followup:{cycle.pk}:reminder"


def cycle_completeness(*, cycle: FollowUpCycle, today: date, status: str = "", kind: str = "",
                       overdue_only: bool = False) -> Completeness:
    """Seven queries: the program's areas, responses, sections, questions, their chosen
    organisations, answer counts, reminders."""
    responses = cycle.organizations_asked.order_by("organization__name").values(*RESPONSE_FIELDS)
    if status:
        responses = responses.filter(status=status)
    if kind:
        responses = responses.filter(organization__kind=kind)
    areas = list(cycle.program.areas.order_by("position", "name"))
    sections = {section.area_id: section for section in cycle.questionnaire.sections.all()}
    questions = list(cycle.questionnaire.questions.all())
    # The organisations chosen for questions put to chosen ones, as pairs: prefetching them
    # as Organization models cost more than the rest of the questions together.
    chosen = list(Question.target_organizations.through.objects.filter(question__in=[q.pk for q in questions])
                  .values_list("question_id", "organization_id"))
    sections_asking = {question.section_id for question in questions}
    unasked = {area.pk for area in areas if getattr(sections.get(area.pk), "pk", None) not in sections_asking}
    has_rows = Exists(ActivityRow.objects.filter(answer=OuterRef("pk")))
    given = (
        Answer.objects.filter(response__cycle=cycle, copied_from_previous=False)
        .filter(~Q(text="") | ~Q(choice="") | Q(number__isnull=False) | Q(rating__isnull=False) | Q(has_rows))
        .values("response_id", "question__section_id")
        .annotate(n=Count("pk"))
    )
    answered = {(g["response_id"], g["question__section_id"]): g["n"] for g in given}
    reminders = Counter(
        int(topic.rsplit(":", 2)[1])
        for topic in OutboxMessage.objects.filter(topic__startswith=reminder_topic_prefix(cycle))
        .order_by()
        .values_list("topic", flat=True)
        .distinct()
    )
    asked = _asked_counter(questions, chosen)
    result = Completeness(cycle=cycle, areas=areas, unasked_area_ids=unasked)
    # Each column's section (None where the questionnaire has none for the area), looked up
    # once rather than once a cell.
    columns = [(sections[area.pk].pk if area.pk in sections else None, area.pk in unasked) for area in areas]
    overdue = cycle.days_overdue(today)
    # Cells are values: one object for each distinct one, shared by every row holding it.
    made: dict[tuple, Cell] = {}

    def cell(answered: int, asked: int, no_question: bool) -> Cell:
        key = (answered, asked, no_question)
        found = made.get(key)
        if found is None:
            found = made[key] = Cell(answered=answered, asked=asked, no_question=no_question)
        return found

    for response in map(AskedResponse.from_values, responses):
        days = 0 if response.status in DONE else overdue
        if overdue_only and not days:
            continue
        asked_here = asked(response.organization)
        cells = [
            cell(0, 0, True) if section is None
            else cell(answered.get((response.pk, section), 0), asked_here[section], unasked_area)
            for section, unasked_area in columns
        ]
        result.rows.append(Row(response, cells, days, reminders[response.organization_id]))
    return result


def _asked_counter(questions: list[Question], chosen_pairs: list[tuple[int, int]]):
    """A function from an organisation to its number of questions per section;
    `chosen_pairs` are (question, organisation) for every organisation a question is put to.

    Whether a question is asked depends on the organisation's kind, except for questions
    put to chosen organisations, so the count is worked out once per kind and the chosen
    ones are added per organisation: a few hundred steps for 300 organisations instead of
    one per organisation and question."""
    section_of_chosen = {question.pk: question.section_id for question in questions
                         if question.targeting == Question.Targeting.CHOSEN}
    chosen = Counter((section_of_chosen[question], organization) for question, organization in chosen_pairs
                     if question in section_of_chosen)
    general = [question for question in questions if question.targeting != Question.Targeting.CHOSEN]
    per_kind: dict[str, Counter] = {}

    def asked(organization) -> Counter:
        if organization.kind not in per_kind:
            per_kind[organization.kind] = Counter(q.section_id for q in general if q.applies_to(organization))
        counts = per_kind[organization.kind]
        if not chosen:
            return counts
        extra = Counter({section: n for (section, org), n in chosen.items() if org == organization.pk})
        return counts + extra if extra else counts

    return asked
