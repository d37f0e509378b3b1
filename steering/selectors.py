"""Queries that read steering records for pages; each runs a fixed number of queries,
whatever the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from organizations.models import Organization
from organizations.selectors import active_q
from steering.models import (
    ActionPlan,
    Activity,
    Area,
    Forum,
    Goal,
    Indicator,
    Program,
    Project,
    ResponsibilityAssignment,
    Routine,
    SteeringDocument,
)


@dataclass
class Status:
    """A status shown as a coloured tag with its text, never by colour alone."""

    text: str
    color: str


GOAL_NO_INDICATOR = Status(_("Saknar indikator"), "danger")
GOAL_NO_TARGET = Status(_("Indikator saknar målvärde"), "warning")
GOAL_MEASURABLE = Status(_("Mätbart"), "success")
AREA_NO_PLAN = Status(_("Saknar handlingsplan"), "danger")
AREA_NO_RESPONSIBLE = Status(_("Saknar ansvarig"), "warning")
AREA_COMPLETE = Status(_("Plan och ansvar finns"), "success")


@dataclass
class GoalNode:
    goal: Goal
    status: Status
    subgoals: list["GoalNode"] = field(default_factory=list)


@dataclass
class AreaNode:
    area: Area
    status: Status
    goals: list[GoalNode]
    action_plans: list[ActionPlan]
    responsibilities: list[ResponsibilityAssignment]


def programs_for_page(*, municipality: Municipality):
    return Program.objects.filter(municipality=municipality).select_related("owner", "document")


def goals_for_page(*, municipality: Municipality):
    return Goal.objects.filter(municipality=municipality).select_related("area__program", "organization", "parent")


def _goal_status(goal: Goal) -> Status:
    indicators = list(goal.indicators.all())
    if not indicators:
        return GOAL_NO_INDICATOR
    if any(not indicator.targets.all() for indicator in indicators):
        return GOAL_NO_TARGET
    return GOAL_MEASURABLE


@dataclass
class AreaSummary:
    area: Area
    status: Status
    responsibilities: list[ResponsibilityAssignment]


def _area_status(plan_count: int, responsibilities: list[ResponsibilityAssignment]) -> Status:
    if not plan_count:
        return AREA_NO_PLAN
    if not any(r.role == ResponsibilityAssignment.Role.RESPONSIBLE for r in responsibilities):
        return AREA_NO_RESPONSIBLE
    return AREA_COMPLETE


def _count(model, path: str):
    """How many `model` rows lie under the outer area, as a correlated count so that
    counting goals and activities side by side does not multiply rows."""
    rows = model.objects.filter(**{path: OuterRef("pk")}).order_by().values(path).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def program_areas(*, program: Program) -> list[AreaSummary]:
    """The program's areas with their status, responsibilities and how many goals,
    indicators, action plans and activities each holds: two queries, whatever the
    size of the tree below them (the tree opens one area at a time)."""
    areas = program.areas.annotate(
        goal_count=_count(Goal, "area"),
        indicator_count=_count(Indicator, "goal__area"),
        plan_count=_count(ActionPlan, "area"),
        activity_count=_count(Activity, "action_plan__area"),
    ).prefetch_related(
        Prefetch("responsibilities", queryset=ResponsibilityAssignment.objects.select_related("organization")),
    )
    summaries = []
    for area in areas:
        responsibilities = list(area.responsibilities.all())
        summaries.append(AreaSummary(area, _area_status(area.plan_count, responsibilities), responsibilities))
    return summaries


def program_tree(*, program: Program, area: Area | None = None) -> list[AreaNode]:
    """The program as areas → goals → sub-goals with indicators and targets, and each
    area's action plans and activities, with a status for every area and goal; only
    `area`'s branch when one is given."""
    goals = list(
        Goal.objects.filter(area__program=program, **({"area": area} if area else {}))
        .select_related("organization")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")),
            Prefetch("responsibilities", queryset=ResponsibilityAssignment.objects.select_related("organization")),
        )
        .order_by("title")
    )
    nodes = {goal.pk: GoalNode(goal, _goal_status(goal)) for goal in goals}
    roots_by_area = defaultdict(list)
    for node in nodes.values():
        parent = nodes.get(node.goal.parent_id)
        if parent:
            parent.subgoals.append(node)
        else:
            roots_by_area[node.goal.area_id].append(node)
    areas = program.areas.filter(**({"pk": area.pk} if area else {})).prefetch_related(
        Prefetch(
            "action_plans",
            queryset=ActionPlan.objects.prefetch_related(
                Prefetch(
                    "activities",
                    queryset=Activity.objects.select_related("responsible", "goal").prefetch_related("contributors"),
                )
            ),
        ),
        Prefetch("responsibilities", queryset=ResponsibilityAssignment.objects.select_related("organization")),
    )
    tree = []
    for area in areas:
        plans = list(area.action_plans.all())
        responsibilities = list(area.responsibilities.all())
        status = _area_status(len(plans), responsibilities)
        tree.append(AreaNode(area, status, roots_by_area.get(area.pk, []), plans, responsibilities))
    return tree


def documents_for_page(*, municipality: Municipality, kind: str = "", organization_id: int | None = None,
                       overdue: bool = False):
    documents = SteeringDocument.objects.filter(municipality=municipality).select_related(
        "adopted_by", "responsible", "parent"
    )
    if kind:
        documents = documents.filter(kind=kind)
    if organization_id:
        documents = documents.filter(Q(adopted_by_id=organization_id) | Q(responsible_id=organization_id))
    if overdue:
        documents = documents.filter(review_due__lt=timezone.localdate())
    return documents


@dataclass
class DocumentNode:
    document: SteeringDocument
    children: list["DocumentNode"] = field(default_factory=list)


def document_tree(*, municipality: Municipality) -> list[DocumentNode]:
    """The documents as a forest under their parents, in one query."""
    nodes = {d.pk: DocumentNode(d) for d in documents_for_page(municipality=municipality).order_by("title")}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.document.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


@dataclass
class Overlap:
    first: SteeringDocument
    second: SteeringDocument
    areas: list[Area]


def document_overlaps(*, municipality: Municipality) -> list[Overlap]:
    """Pairs of documents of the same type, both in force, that cover a common area."""
    today = timezone.localdate()
    documents = (
        documents_for_page(municipality=municipality)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .prefetch_related("areas")
        .order_by("kind", "title")
    )
    by_kind = defaultdict(list)
    for document in documents:
        by_kind[document.kind].append(document)
    overlaps = []
    for same_kind in by_kind.values():
        for first, second in combinations(same_kind, 2):
            common = {a.pk: a for a in first.areas.all()}.keys() & {a.pk for a in second.areas.all()}
            if common:
                overlaps.append(Overlap(first, second, [a for a in first.areas.all() if a.pk in common]))
    return overlaps


def projects_for_page(*, municipality: Municipality, unevaluated: bool = False):
    projects = Project.objects.filter(municipality=municipality).select_related("owner", "goal")
    if unevaluated:
        projects = projects.filter(evaluated_on__isnull=True, end_date__lt=timezone.localdate())
    return projects


def forums_for_page(*, municipality: Municipality):
    return (
        Forum.objects.filter(municipality=municipality)
        .select_related("convener")
        .prefetch_related(Prefetch("members", queryset=Organization.objects.order_by("name")))
    )


def routines_for_page(*, municipality: Municipality):
    return Routine.objects.filter(municipality=municipality).select_related("organization", "owner", "document")


def organizations_with_a_part(*, municipality: Municipality):
    """Boards and companies in force: those expected to take part in a program."""
    return Organization.objects.filter(
        active_q(), municipality=municipality, kind__in=[Organization.Kind.BOARD, Organization.Kind.COMPANY]
    ).order_by("kind", "name")

