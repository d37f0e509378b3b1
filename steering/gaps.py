"""Governance gaps (styrningsbrister): every shortcoming the steering records can show,
each with a link to the record where it is fixed, and the responsibility matrix with the
gaps it reveals. Each runs a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from organizations.models import Organization
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
    Target,
)
from steering.selectors import organizations_with_a_part

RESPONSIBLE = ResponsibilityAssignment.Role.RESPONSIBLE

# Apps that build on steering add the gaps only their records show (the follow-up: areas
# its questionnaire asks nothing about) from their AppConfig.ready(), so that steering
# never imports them. Each is called as source(municipality=...) and returns a GapGroup.
GAP_SOURCES: list = []


@dataclass
class Gap:
    record: object
    url: str
    detail: str = ""


@dataclass
class GapGroup:
    slug: str
    title: str
    explanation: str
    gaps: list[Gap] = field(default_factory=list)


def _goal_label(goal: Goal) -> str:
    owner = goal.organization.name if goal.organization_id else _("Programmål")
    return f"{owner}{', ' + goal.area.name if goal.area_id else ''}"


def governance_gaps(*, municipality: Municipality) -> list[GapGroup]:
    today = timezone.localdate()
    has_responsible = ResponsibilityAssignment.objects.filter(role=RESPONSIBLE)
    # The goals and the areas once each, with what the groups below ask of them, rather
    # than a query per group: building a query costs more than reading these rows.
    goals = list(
        Goal.objects.filter(municipality=municipality).select_related("area", "organization").annotate(
            has_indicator=Exists(Indicator.objects.filter(goal=OuterRef("pk"))),
            has_responsible=Exists(has_responsible.filter(goal=OuterRef("pk"))),
        )
    )
    areas = list(
        Area.objects.filter(program__municipality=municipality).select_related("program").annotate(
            has_plan=Exists(ActionPlan.objects.filter(area=OuterRef("pk"))),
            has_responsible=Exists(has_responsible.filter(area=OuterRef("pk"))),
        )
    )
    groups = [
        GapGroup(
            "mal-utan-indikator", _("Mål utan indikator"), _("Målet går inte att följa upp förrän det har en indikator."),
            [Gap(g, g.get_absolute_url(), _goal_label(g))
             for g in goals if not g.has_indicator],
        ),
        GapGroup(
            "indikator-utan-malvarde", _("Indikatorer utan målvärde"), _("Utan målvärde syns inte om målet nås."),
            [Gap(i, i.get_absolute_url(), i.goal.title)
             for i in Indicator.objects.filter(goal__municipality=municipality)
             .filter(~Exists(Target.objects.filter(indicator=OuterRef("pk")))).select_related("goal")],
        ),
        GapGroup(
            "omrade-utan-handlingsplan", _("Områden utan handlingsplan"), _("Ingen plan säger vad som ska göras."),
            [Gap(a, a.get_absolute_url(), a.program.name) for a in areas if not a.has_plan],
        ),
        GapGroup(
            "ansvar-saknas", _("Ansvar som inte är fördelat"), _("Ingen organisation är ansvarig."),
            [Gap(a, a.get_absolute_url(), a.program.name)
             for a in areas if not a.has_responsible]
            + [Gap(g, g.get_absolute_url(), _goal_label(g))
               for g in goals if g.organization_id is None and not g.has_responsible],
        ),
        GapGroup(
            "mal-utan-koppling", _("Nämndmål som inte är kopplade till programmet"),
            _("Målet bidrar inte till något programmål."),
            [Gap(g, g.get_absolute_url(), _goal_label(g)) for g in goals
             if g.organization_id is not None and g.parent_id is None],
        ),
        GapGroup(
            "oversyn-forsenad", _("Försenade översyner"), _("Dokumentet eller rutinen skulle ha setts över."),
            [Gap(d, d.get_absolute_url(), _("Styrdokument, skulle ses över %(date)s") % {"date": d.review_due})
             for d in SteeringDocument.objects.filter(municipality=municipality, review_due__lt=today)]
            + [Gap(r, r.get_absolute_url(), _("Rutin, skulle ses över %(date)s") % {"date": r.review_due})
               for r in Routine.objects.filter(municipality=municipality, review_due__lt=today)],
        ),
        GapGroup(
            "projekt-utan-utvardering", _("Avslutade projekt utan utvärdering"),
            _("Projektet har passerat sitt slutdatum men är inte utvärderat."),
            [Gap(p, p.get_absolute_url(), _("%(owner)s, slutade %(date)s") % {"owner": p.owner.name, "date": p.end_date})
             for p in Project.objects.filter(municipality=municipality, evaluated_on__isnull=True, end_date__lt=today)
             .select_related("owner")],
        ),
        GapGroup(
            "vilande-forum", _("Vilande samverkansforum"), _("Forumet möts inte: återuppta eller avsluta det."),
            [Gap(f, f.get_absolute_url(), f.convener.name)
             for f in Forum.objects.filter(municipality=municipality, status=Forum.Status.DORMANT)
             .select_related("convener")],
        ),
    ]
    groups += [source(municipality=municipality) for source in GAP_SOURCES]
    return groups


@dataclass
class MatrixRow:
    organization: Organization
    cells: list[list[str]]

    @property
    def has_part(self) -> bool:
        return any(self.cells)


@dataclass
class Matrix:
    areas: list[Area]
    rows: list[MatrixRow]
    assignments: list[ResponsibilityAssignment]
    areas_without_responsible: list[Area]
    goals_without_responsible: list[Goal]
    unlinked_goals: list[Goal]

    @property
    def organizations_without_part(self) -> list[Organization]:
        return [row.organization for row in self.rows if not row.has_part]


def responsibility_matrix(*, program: Program) -> Matrix:
    """Organisations × areas: each cell names the organisation's roles in the area (for
    the area itself, its goals and its activities), with the gaps the matrix reveals.

    The cells are strings worked out here from plain rows (ids, not model objects) with
    each label translated once: with three hundred organisations, building a model per
    activity and contributor and translating per cell was most of the page's time."""
    areas = list(program.areas.all())
    column = {area.pk: index for index, area in enumerate(areas)}
    assignments = list(
        ResponsibilityAssignment.objects.filter(Q(area__program=program) | Q(goal__area__program=program))
        .select_related("organization", "area", "goal")
        .order_by("organization__name", "role")
    )
    # Read for their owner, their area and, for a program goal, its title and area's name.
    program_goals = list(
        Goal.objects.filter(area__program=program).select_related("area")
        .only("pk", "title", "organization_id", "area_id", "area__name").order_by("title")
    )
    entries: dict[int, list[set]] = defaultdict(lambda: [set() for _ in areas])

    def note(organization_id, area_id, text):
        entries[organization_id][column[area_id]].add(text)

    labels = {}
    for a in assignments:
        key = (a.role, bool(a.area_id))
        if key not in labels:
            label = _("%(role)s för området") if a.area_id else _("%(role)s för mål")
            labels[key] = str(label % {"role": a.get_role_display()})
        note(a.organization_id, a.area_id or a.goal.area_id, labels[key])
    responsible_text, contributing_text = str(_("Ansvarig för aktivitet")), str(_("Medverkande i aktivitet"))
    for organization_id, area_id in Activity.objects.filter(action_plan__area__program=program).values_list(
        "responsible_id", "action_plan__area_id"
    ):
        note(organization_id, area_id, responsible_text)
    for organization_id, area_id in Activity.contributors.through.objects.filter(
        activity__action_plan__area__program=program
    ).values_list("organization_id", "activity__action_plan__area_id"):
        note(organization_id, area_id, contributing_text)
    subgoal_text = str(_("Har delmål"))
    for goal in program_goals:
        if goal.organization_id:
            note(goal.organization_id, goal.area_id, subgoal_text)
    # Boards and companies, from whom a part is expected, and whoever else has a role (units,
    # external partners), in one query.
    organizations = {
        o.pk: o for o in (organizations_with_a_part(municipality=program.municipality)
                          | Organization.objects.filter(pk__in=list(entries))).only("pk", "name")
    }
    rows = [
        MatrixRow(organization, [sorted(cell) for cell in entries[organization.pk]] if organization.pk in entries
                  else [[] for _ in areas])
        for organization in sorted(organizations.values(), key=lambda o: o.name)
    ]
    responsible_areas = {a.area_id for a in assignments if a.role == RESPONSIBLE and a.area_id}
    responsible_goals = {a.goal_id for a in assignments if a.role == RESPONSIBLE and a.goal_id}
    return Matrix(
        areas=areas,
        rows=rows,
        assignments=assignments,
        areas_without_responsible=[a for a in areas if a.pk not in responsible_areas],
        goals_without_responsible=[g for g in program_goals if g.organization_id is None and g.pk not in responsible_goals],
        unlinked_goals=list(
            Goal.objects.filter(municipality=program.municipality, organization__isnull=False, parent__isnull=True)
            .select_related("organization")
        ),
    )
