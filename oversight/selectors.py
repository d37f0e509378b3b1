"""Everything the self-assessment reads, in a fixed number of queries whatever the size
of the program, turned into the plain data that oversight.checks judges."""

from dataclasses import replace
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.models import AuditQuestion, Measure, Recommendation, RecommendationAnswer
from followup.models import CycleOrganization, FollowUpCycle
from organizations.models import Membership, Organization
from organizations.selectors import active_q
from oversight import year_selectors
from oversight.checks import (
    AreaData,
    CycleData,
    ForumData,
    GoalData,
    ProgramData,
    RecommendationData,
    RespondentData,
    last_year,
)
from oversight.data import DocumentData, MatrixData, ProjectData
from oversight.parts import Link
from steering.models import Activity, Area, Forum, Goal, Program, Project, ResponsibilityAssignment, SteeringDocument, Target
from steering.selectors import document_overlaps, documents_for_page, organizations_with_a_part

ANSWERED = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)


def programs(*, municipality):
    return Program.objects.filter(municipality=municipality).select_related("owner").order_by("pk")


def _areas(program) -> list[AreaData]:
    areas = list(Area.objects.filter(program=program).order_by("position", "pk"))
    responsible = {
        r.area_id: r for r in ResponsibilityAssignment.objects.filter(
            area__program=program, role=ResponsibilityAssignment.Role.RESPONSIBLE
        ).select_related("organization")
    }
    activities = {}
    for row in Activity.objects.filter(action_plan__area__program=program).values("action_plan__area").annotate(
        total=Count("pk"), linked=Count("pk", filter=Q(goal__isnull=False, responsible__isnull=False))
    ):
        activities[row["action_plan__area"]] = row
    result = []
    for area in areas:
        assignment = responsible.get(area.pk)
        counts = activities.get(area.pk, {"total": 0, "linked": 0})
        result.append(AreaData(
            name=area.name, url=reverse("steering:area_detail", kwargs={"pk": area.pk}),
            responsible=assignment.organization.name if assignment else "",
            mandate_written=bool(assignment and assignment.mandate.strip()),
            activities=counts["total"], activities_linked=counts["linked"],
        ))
    return result


def _goals(program) -> list[GoalData]:
    with_target = Exists(Target.objects.filter(indicator__goal=OuterRef("pk")))
    return [
        GoalData(title=goal.title, url=reverse("steering:goal_detail", kwargs={"pk": goal.pk}), has_target=goal.has_target)
        for goal in Goal.objects.filter(area__program=program).annotate(has_target=with_target).order_by("pk")
    ]


def _forums(municipality) -> list[ForumData]:
    forums = Forum.objects.filter(municipality=municipality).annotate(
        external=Count("members", filter=Q(members__kind=Organization.Kind.EXTERNAL))
    ).order_by("name", "pk")
    return [
        ForumData(name=forum.name, url=reverse("steering:forum_detail", kwargs={"pk": forum.pk}),
                  active=forum.status == Forum.Status.ACTIVE, evaluated=forum.last_evaluated_on is not None,
                  external_members=forum.external)
        for forum in forums
    ]


def _state(entry: CycleOrganization, deadline: date, today: date) -> str:
    if entry.status not in ANSWERED or entry.submitted_at is None:
        # Before the deadline an organisation that has not answered is not yet late.
        return "pending" if today <= deadline else "missing"
    return "on_time" if entry.submitted_at.date() <= deadline else "late"


def _cycle(program, today: date, *, year: int | None = None) -> CycleData | None:
    """The latest cycle up to `year` (this year unless given), its organisations judged by `today`."""
    cycle = FollowUpCycle.objects.filter(program=program, year__lte=year or today.year).order_by("-year", "-pk").first()
    if cycle is None:
        return None
    entries = CycleOrganization.objects.filter(cycle=cycle).select_related("organization").order_by("organization__name")
    url = reverse("followup:cycle_detail", kwargs={"pk": cycle.pk})
    return CycleData(year=cycle.year, url=url, respondents=[
        RespondentData(organization=entry.organization.name, url=url, state=_state(entry, cycle.deadline, today))
        for entry in entries
    ])


def _ks_recommendations(municipality_id) -> list[RecommendationData]:
    recommendations = Recommendation.objects.filter(
        audit__municipality=municipality_id, organization__kind=Organization.Kind.EXECUTIVE_BOARD
    ).annotate(
        answered=Exists(RecommendationAnswer.objects.filter(recommendation=OuterRef("pk"))),
        measure_count=Count("measures", distinct=True),
        verified_count=Count("measures", filter=Q(measures__status=Measure.Status.VERIFIED), distinct=True),
    ).order_by("audit__pk", "number")
    return [
        RecommendationData(text=r.text, url=reverse("audits:audit_detail", kwargs={"pk": r.audit_id}),
                           answered=r.answered, measures=r.measure_count, measures_verified=r.verified_count)
        for r in recommendations
    ]


def _mandates(municipality_id, today: date) -> tuple[int, list[Link]]:
    """Every role in the municipality's organisations, and those past their review date."""
    memberships = Membership.objects.filter(organization__municipality=municipality_id)
    overdue = memberships.filter(review_due__lt=today).select_related("user", "organization").order_by(
        "review_due", "pk")
    return memberships.count(), [
        Link(_("%(membership)s, skulle ses över %(date)s") % {"membership": m, "date": m.review_due},
             reverse("organizations:organization_detail", kwargs={"pk": m.organization_id}))
        for m in overdue
    ]


def _matrix(program) -> MatrixData:
    """The responsibility matrix's gaps as steering.gaps names them, in two queries."""
    matrix_url = reverse("steering:program_matrix", kwargs={"pk": program.pk})
    responsible = ResponsibilityAssignment.objects.filter(goal=OuterRef("pk"), role=ResponsibilityAssignment.Role.RESPONSIBLE)
    program_goals = list(Goal.objects.filter(area__program=program, organization__isnull=True).annotate(
        has_responsible=Exists(responsible)).order_by("title", "pk"))
    in_program = Q(area__program=program) | Q(goal__area__program=program)
    organizations = list(organizations_with_a_part(municipality=program.municipality_id).annotate(has_part=(
        Exists(ResponsibilityAssignment.objects.filter(in_program, organization=OuterRef("pk")))
        | Exists(Activity.objects.filter(action_plan__area__program=program, responsible=OuterRef("pk")))
        | Exists(Activity.objects.filter(action_plan__area__program=program, contributors=OuterRef("pk")))
        | Exists(Goal.objects.filter(area__program=program, organization=OuterRef("pk")))
    )))
    return MatrixData(
        goals=len(program_goals),
        goals_without_responsible=[Link(g.title, reverse("steering:goal_detail", kwargs={"pk": g.pk}))
                                   for g in program_goals if not g.has_responsible],
        organizations=len(organizations),
        organizations_without_part=[Link(o.name, matrix_url) for o in organizations if not o.has_part],
    )


def _documents(municipality_id, today: date) -> list[DocumentData]:
    """The steering documents in force; overlaps as the register shows them."""
    overlapping = {d.pk for overlap in document_overlaps(municipality=municipality_id)
                   for d in (overlap.first, overlap.second)}
    documents = documents_for_page(municipality=municipality_id).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    ).annotate(has_children=Exists(SteeringDocument.objects.filter(parent=OuterRef("pk")))).order_by("title", "pk")
    return [
        DocumentData(title=d.title, url=reverse("steering:document_detail", kwargs={"pk": d.pk}),
                     overlapping=d.pk in overlapping, in_hierarchy=bool(d.parent_id or d.has_children),
                     review_due=d.review_due is not None, review_overdue=d.review_due is not None and d.review_due < today)
        for d in documents
    ]


def _projects(municipality_id, today: date) -> list[ProjectData]:
    return [
        ProjectData(name=p.name, url=reverse("steering:project_detail", kwargs={"pk": p.pk}),
                    initiated=bool(p.goal_id and p.budget is not None), ended=p.end_date < today,
                    evaluated=p.evaluated_on is not None)
        for p in Project.objects.filter(municipality=municipality_id).order_by("name", "pk")
    ]


def _companies(municipality_id) -> list[Organization]:
    return list(Organization.objects.filter(active_q(), municipality=municipality_id,
                                            kind=Organization.Kind.COMPANY).order_by("name", "pk"))


def program_data(*, program: Program, today: date) -> ProgramData:
    """The program's records as the checks read them, with last year's follow-up and report
    beside them for the trend."""
    municipality_id = program.municipality_id
    mandates, overdue = _mandates(municipality_id, today)
    companies = _companies(municipality_id)
    data = ProgramData(
        name=program.name, year=today.year, owner=program.owner.name if program.owner_id else "",
        areas=_areas(program), goals=_goals(program), forums=_forums(municipality_id), cycle=_cycle(program, today),
        ks_recommendations=_ks_recommendations(municipality_id),
        owner_url=reverse("steering:program_detail", kwargs={"pk": program.pk}),
        mandates=mandates, mandates_overdue=overdue, matrix=_matrix(program),
        documents=_documents(municipality_id, today), projects=_projects(municipality_id, today),
        companies=len(companies),
        this_year=year_selectors.year_data(program=program, year=today.year, today=today, companies=companies),
    )
    # Last year's is the cycle and the approved report before the ones judged now, so that
    # the trend never compares a report with itself.
    judged = data.this_year
    previous = last_year(data, cycle=_cycle(program, today, year=today.year - 1), year=year_selectors.year_data(
        program=program, year=(judged.cycle_year or today.year) - 1, today=today, companies=companies,
        analysis_year=(judged.analysis_year or today.year) - 1,
    ))
    return replace(data, previous=previous)


def linked_questions(*, municipality):
    """The audits' questions with their link to a check, in one query."""
    return AuditQuestion.objects.filter(audit__municipality=municipality).select_related(
        "audit", "oversight_check"
    ).order_by("-audit__date", "audit__pk", "number")
