"""The program with its seven areas, three goals an area, a sub-goal per board, indicators
(Kolada-linked and manual) with a target and a value every year, who answers for each
area and goal, and an action plan per area with two activities per board and company."""

from __future__ import annotations

import datetime
from decimal import Decimal

from core.scale.plan import ScalePlan, bulk, bulk_links, kolada_kpi_id
from steering.demo import AREAS, PROGRAM_NAME
from steering.models import (
    ActionPlan, Activity, Area, Goal, Indicator, IndicatorValue, Program, ResponsibilityAssignment, Target,
)

GOALS_PER_AREA = 3
STATUSES = [Activity.Status.DONE, Activity.Status.ONGOING, Activity.Status.PLANNED, Activity.Status.CANCELLED]


def build(plan: ScalePlan) -> dict:
    municipality, years = plan.municipality, plan.years
    coordinator = plan.organizations["board"][0]
    plan.program = program = Program.objects.create(
        municipality=municipality, name=PROGRAM_NAME, owner=coordinator, start_year=years[0], end_year=years[-1],
        description="Skaldata: programmet tio år in.",
    )
    plan.areas = areas = bulk(Area, [Area(program=program, name=name, description=text, position=n)
                                     for n, (name, text) in enumerate(AREAS, start=1)])
    plan.program_goals = goals = bulk(Goal, [
        Goal(municipality=municipality, area=area, title=f"{area.name}: mål {n + 1}")
        for area in areas for n in range(GOALS_PER_AREA)
    ])
    boards = plan.organizations["board"]
    subgoals = bulk(Goal, [
        Goal(municipality=municipality, area_id=goals[n % len(goals)].area_id, parent=goals[n % len(goals)],
             organization=board, title=f"{board.name} bidrar till {goals[n % len(goals)].title.lower()}")
        for n, board in enumerate(boards)
    ])
    indicators = _indicators(plan, goals, subgoals)
    targets, values = _targets_and_values(plan, indicators)
    responsibilities = _responsibilities(plan)
    activities = _activities(plan)
    return {"areas": len(areas), "goals": len(goals) + len(subgoals), "indicators": len(indicators),
            "targets": targets, "indicator_values": values, "responsibilities": responsibilities,
            "activities": activities}


def _indicators(plan: ScalePlan, goals: list, subgoals: list) -> list:
    """Each program goal: one indicator read from Kolada and one reported by hand; each
    sub-goal: one by hand."""
    rows = []
    for n, goal in enumerate(goals):
        kpi = kolada_kpi_id(n)
        plan.kolada_kpis.append(kpi)
        rows.append(Indicator(goal=goal, name=f"Nyckeltal {kpi} för {goal.title.lower()}", unit="%",
                              source=Indicator.Source.KOLADA, kolada_kpi=kpi))
        rows.append(Indicator(goal=goal, name=f"Egen uppgift för {goal.title.lower()}", unit="antal",
                              baseline=Decimal(100), baseline_year=plan.years[0]))
    rows += [Indicator(goal=goal, name=f"Andel uppnått, {goal.organization.name}", unit="%") for goal in subgoals]
    return bulk(Indicator, rows)


def _targets_and_values(plan: ScalePlan, indicators: list) -> tuple[int, int]:
    """A target every year; a value every past year for the manual ones (Kolada's come
    from the statistics). About one in four misses its target."""
    rng, years = plan.rng, plan.years
    targets, values = [], []
    for indicator in indicators:
        for step, year in enumerate(years):
            target = Decimal(50 + step * 2)
            targets.append(Target(indicator=indicator, year=year, value=target, decision=f"KF {year - 1}-11-20 § 150"))
            if indicator.source == Indicator.Source.MANUAL and year < years[-1]:
                reached = target + Decimal(rng.randint(-8, 4))
                values.append(IndicatorValue(indicator=indicator, year=year, value=reached,
                                             recorded_by=plan.users["samordnare"]))
    bulk(Target, targets)
    bulk(IndicatorValue, values)
    return len(targets), len(values)


def _responsibilities(plan: ScalePlan) -> int:
    boards = plan.organizations["board"]
    rows = []
    for n, area in enumerate(plan.areas):
        rows.append(ResponsibilityAssignment(organization=boards[n % len(boards)], area=area,
                                             role=ResponsibilityAssignment.Role.RESPONSIBLE,
                                             mandate="Ansvarar för området och rapporterar årligen."))
        if len(boards) > 1:
            rows.append(ResponsibilityAssignment(organization=boards[(n + 1) % len(boards)], area=area,
                                                 role=ResponsibilityAssignment.Role.CONTRIBUTING))
    rows += [ResponsibilityAssignment(organization=boards[n % len(boards)], goal=goal,
                                      role=ResponsibilityAssignment.Role.RESPONSIBLE)
             for n, goal in enumerate(plan.program_goals)]
    return len(bulk(ResponsibilityAssignment, rows))


def _activities(plan: ScalePlan) -> int:
    """An action plan per area; each board and company is responsible for two activities,
    spread over the areas and the years, with the next organisation contributing."""
    plans = bulk(ActionPlan, [ActionPlan(area=area, title=f"Handlingsplan för {area.name.lower()}")
                              for area in plan.areas])
    goals_by_area = {}
    for goal in plan.program_goals:
        goals_by_area.setdefault(goal.area_id, goal)
    asked, years, rows = plan.asked, plan.years, []
    for n, org in enumerate(asked):
        for k in range(2):
            action_plan = plans[(2 * n + k) % len(plans)]
            start = datetime.date(years[(n + k) % len(years)], 1 + (n % 12), 1)
            rows.append(Activity(
                action_plan=action_plan, goal=goals_by_area[action_plan.area_id], responsible=org,
                title=f"Insats {k + 1} av {org.name}", start_date=start,
                end_date=start + datetime.timedelta(days=365), status=STATUSES[(n + k) % len(STATUSES)],
                cost=Decimal(10000 * (1 + n % 50)), target_group="Nyanlända",
            ))
    activities = bulk(Activity, rows)
    for activity in activities:
        plan.activities_by_org.setdefault(activity.responsible_id, []).append(activity)
    bulk_links(Activity.contributors, [(a.pk, asked[(n // 2 + 1) % len(asked)].pk) for n, a in enumerate(activities)])
    return len(activities)
