"""Everything the self-assessment reads, in a fixed number of queries whatever the size
of the program, turned into the plain data that oversight.checks judges."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from audits.models import AuditQuestion, Measure, Recommendation, RecommendationAnswer
from followup.models import CycleOrganization, FollowUpCycle
from organizations.models import Organization
from oversight.checks import AreaData, CycleData, ForumData, GoalData, ProgramData, RecommendationData, RespondentData
from steering.models import Activity, Area, Forum, Goal, Program, ResponsibilityAssignment, Target

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


def _cycle(program, today: date) -> CycleData | None:
    cycle = FollowUpCycle.objects.filter(program=program, year__lte=today.year).order_by("-year", "-pk").first()
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


def program_data(*, program: Program, today: date) -> ProgramData:
    return ProgramData(
        name=program.name, year=today.year, owner=program.owner.name if program.owner_id else "",
        areas=_areas(program), goals=_goals(program), forums=_forums(program.municipality_id), cycle=_cycle(program, today),
        ks_recommendations=_ks_recommendations(program.municipality_id),
    )


def linked_questions(*, municipality):
    """The audits' questions with their link to a check, in one query."""
    return AuditQuestion.objects.filter(audit__municipality=municipality).select_related(
        "audit", "oversight_check"
    ).order_by("-audit__date", "audit__pk", "number")
