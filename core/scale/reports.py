"""A report for every cycle with a draft version, and the development areas the reports
named, one an area, done for the old reports and open (some late) for the recent.

Approved versions are left out: an approved version holds the report compiled and
frozen, which only the report's own compilation makes, a report at a time."""

from __future__ import annotations

import datetime

from core.scale.plan import ScalePlan, bulk
from reports.models import DevelopmentArea, Report, ReportVersion


def build(plan: ScalePlan) -> dict:
    reports = bulk(Report, [Report(cycle=cycle, created_by=plan.users["samordnare"]) for cycle in plan.cycles])
    bulk(ReportVersion, [ReportVersion(report=report, number=1) for report in reports])
    boards, rows = plan.organizations["board"], []
    for report, cycle in zip(reports, plan.cycles):
        if cycle.year == plan.today.year:
            continue
        for n, area in enumerate(plan.areas):
            due = datetime.date(cycle.year + 1, 6, 30)
            done = cycle.year < plan.today.year - 2
            rows.append(DevelopmentArea(
                report=report, area=area, title=f"Utveckla uppföljningen inom {area.name.lower()}",
                owner=boards[n % len(boards)], actions="Ta fram mätbara mål och följ upp dem årligen.",
                due_date=due, status=DevelopmentArea.Status.DONE if done else DevelopmentArea.Status.OPEN,
                done_on=due if done else None, outcome="Genomfört." if done else "",
            ))
    bulk(DevelopmentArea, rows)
    return {"reports": len(reports), "development_areas": len(rows)}
