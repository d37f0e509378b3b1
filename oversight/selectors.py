"""Everything the self-assessment reads, in a fixed number of queries whatever the size
of the program, turned into the plain data that oversight.checks judges."""

from dataclasses import replace
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.models import AuditQuestion, Measure, Recommendation, RecommendationAnswer
from organizations.models import Membership, Organization
from organizations.selectors import active_q
from oversight import year_selectors
from oversight.checks import AreaData, ForumData, GoalData, ProgramData, RecommendationData, last_year
from oversight.data import DocumentData, MatrixData, ProjectData
from oversight.parts import Link
from steering.models import (
    Activity,
    Area,
    Forum,
    Goal,
    Program,
    Project,
    ResponsibilityAssignment,
    SteeringDocument,
    Target,
)
from steering.selectors import document_overlaps, documents_for_page, organizations_with_a_part


def programs(*, municipality):
    return Program.objects.filter(municipality=municipality).select_related("owner").order_by("pk")


def _count(queryset) -> Subquery:
    return Coalesce(Subquery(queryset.order_by().values("action_plan__area").annotate(n=Count("pk")).values("n")), 0)


def _areas(program) -> list[AreaData]:
    """Each area with its responsible organisation and mandate and its activities, in one query."""
    responsible = ResponsibilityAssignment.objects.filter(area=OuterRef("pk"), role=ResponsibilityAssignment.Role.RESPONSIBLE)
    activities = Activity.objects.filter(action_plan__area=OuterRef("pk"))
    areas = Area.objects.filter(program=program).annotate(
        responsible_name=Subquery(responsible.values("organization__name")[:1]),
        responsible_mandate=Subquery(responsible.values("mandate")[:1]),
        activity_count=_count(activities),
        linked_count=_count(activities.filter(goal__isnull=False, responsible__isnull=False)),
    ).order_by("position", "pk")
    return [
        AreaData(name=area.name, url=reverse("steering:area_detail", kwargs={"pk": area.pk}),
                 responsible=area.responsible_name or "",
                 mandate_written=bool(area.responsible_name and (area.responsible_mandate or "").strip()),
                 activities=area.activity_count, activities_linked=area.linked_count)
        for area in areas
    ]


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
    years = year_selectors.years(program=program, today=today, companies=companies)
    data = ProgramData(
        name=program.name, year=today.year, owner=program.owner.name if program.owner_id else "",
        areas=_areas(program), goals=_goals(program), forums=_forums(municipality_id), cycle=years.cycle,
        ks_recommendations=_ks_recommendations(municipality_id),
        owner_url=reverse("steering:program_detail", kwargs={"pk": program.pk}),
        mandates=mandates, mandates_overdue=overdue, matrix=_matrix(program),
        documents=_documents(municipality_id, today), projects=_projects(municipality_id, today),
        companies=len(companies), this_year=years.year,
    )
    previous = last_year(data, cycle=years.previous_cycle, year=years.previous_year)
    return replace(data, previous=previous)


def linked_questions(*, municipality):
    """The audits' questions with their link to a check, in one query."""
    return AuditQuestion.objects.filter(audit__municipality=municipality).select_related(
        "audit", "oversight_check"
    ).order_by("-audit__date", "audit__pk", "number")
