"""A program with every record the checks read, `size` of each, so that a test can compare
a small and a large program (query counts) or read one record of each kind (selectors)."""

import datetime

from django.utils import timezone

from audits.tests.factories import AuditFactory, AuditQuestionFactory, MeasureFactory, RecommendationFactory
from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from notifications.models import OutboxMessage
from organizations.models import Organization
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from oversight.tests.factories import AuditQuestionCheckFactory
from reports.models import Decision
from reports.tests.factories import MissedTargetFactory
from reports.tests.factories_dispatch import (
    ApprovedVersionFactory,
    DecisionFactory,
    DispatchFactory,
    ReportFactory,
    content_for,
)
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    DocumentFactory,
    ForumFactory,
    GoalFactory,
    IndicatorFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
    TargetFactory,
)

SUBMITTED = CycleOrganization.Status.SUBMITTED


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _reported_cycle(town, program, *, year: int, organizations: list[Organization]):
    """A cycle of `year` past its deadline, answered by all but the last organisation (which
    is reminded), with an approved report filed by KS, dispatched and half acknowledged."""
    cycle = CycleFactory(program=program, questionnaire__program=program, questionnaire__number=year, year=year,
                         opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31))
    for organization in organizations[:-1]:
        CycleOrganizationFactory(cycle=cycle, organization=organization, status=SUBMITTED,
                                 submitted_at=_at(datetime.date(year, 3, 20)))
    CycleOrganizationFactory(cycle=cycle, organization=organizations[-1])
    OutboxMessage.objects.create(
        recipient="svar@example.org", subject="Påminnelse", body="-", template="followup/email/reminder",
        topic=f"followup:{cycle.pk}:reminder-after-7:{organizations[-1].pk}:{cycle.deadline}",
    )
    version = ApprovedVersionFactory(report=ReportFactory(cycle=cycle), content=content_for(cycle))
    DecisionFactory(report_version=version, organization=town.executive, wording=Decision.Wording.FILES)
    for n, organization in enumerate(organizations):
        DispatchFactory(version=version, organization=organization,
                        acknowledged_at=timezone.now() if n % 2 else None)
        MissedTargetFactory(report_version=version, indicator=IndicatorFactory(),
                            cause="Färre platser." if n % 2 else "")
    return cycle


def fill(town, *, size: int):
    """A program in `town` with `size` of every record, and last year's and this year's cycles."""
    program = ProgramFactory(municipality=town.municipality, owner=town.executive)
    today = timezone.localdate()
    organizations = []
    for n in range(size):
        organization = OrganizationFactory(municipality=town.municipality, name=f"Nämnd {n}")
        organizations.append(organization)
        area = AreaFactory(program=program, name=f"Område {n}")
        ResponsibilityFactory(area=area, organization=organization, mandate="Leder arbetet.")
        goal = GoalFactory(area=area)
        TargetFactory(indicator=IndicatorFactory(goal=goal))
        ActivityFactory(action_plan=ActionPlanFactory(area=area), goal=goal, responsible=organization)
        ForumFactory(municipality=town.municipality, convener=organization)
        MembershipFactory(organization=organization, review_due=today - datetime.timedelta(days=n + 1))
        document = DocumentFactory(municipality=town.municipality, review_due=today + datetime.timedelta(days=30))
        document.areas.add(area)
        ProjectFactory(municipality=town.municipality, owner=organization, goal=goal if n % 2 else None)
    OrganizationFactory(municipality=town.municipality, kind=Organization.Kind.COMPANY, name="Bostadsbolaget")
    _reported_cycle(town, program, year=today.year - 2, organizations=organizations)
    _reported_cycle(town, program, year=today.year - 1, organizations=organizations)
    cycle = CycleFactory(program=program, questionnaire__program=program, questionnaire__number=today.year,
                         year=today.year,
                         opens_on=today - datetime.timedelta(days=10), deadline=today + datetime.timedelta(days=30))
    for organization in organizations:
        CycleOrganizationFactory(cycle=cycle, organization=organization)
    audit = AuditFactory(municipality=town.municipality)
    for n in range(size):
        MeasureFactory(recommendation=RecommendationFactory(audit=audit, organization=town.executive))
    AuditQuestionCheckFactory(audit_question=AuditQuestionFactory(audit=audit))
    return program
