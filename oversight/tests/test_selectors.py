import datetime

from django.utils import timezone

from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from oversight import selectors
from reports.tests.factories_dispatch import ApprovedVersionFactory, ReportFactory
from steering.tests.factories import (
    AreaFactory,
    DocumentFactory,
    GoalFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
)

DEADLINE = datetime.date(2026, 3, 31)


def _answered(cycle, day):
    CycleOrganizationFactory(
        cycle=cycle, status=CycleOrganization.Status.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
    )


def test_respondents_on_time_late_missing_and_pending(db):
    program = ProgramFactory()
    cycle = CycleFactory(program=program, questionnaire__program=program, year=2026, deadline=DEADLINE)
    _answered(cycle, DEADLINE)
    _answered(cycle, DEADLINE + datetime.timedelta(days=1))
    CycleOrganizationFactory(cycle=cycle)

    def states(today):
        data = selectors.program_data(program=program, today=today)
        return sorted(r.state for r in data.cycle.respondents)

    assert states(datetime.date(2026, 4, 1)) == ["late", "missing", "on_time"]
    assert states(DEADLINE) == ["late", "on_time", "pending"]


def test_the_latest_cycle_up_to_this_year_is_read(db):
    program = ProgramFactory()
    CycleFactory(program=program, questionnaire__program=program, questionnaire__number=1, year=2025)
    CycleFactory(program=program, questionnaire__program=program, questionnaire__number=2, year=2027)
    assert selectors.program_data(program=program, today=datetime.date(2026, 6, 1)).cycle.year == 2025
    assert selectors.program_data(program=program, today=datetime.date(2024, 6, 1)).cycle is None


TODAY = datetime.date(2026, 11, 30)


def test_mandates_past_their_review_date(db):
    program = ProgramFactory()
    organization = OrganizationFactory(municipality=program.municipality, name="Arbetslivsnämnden")
    MembershipFactory(organization=organization, review_due=TODAY - datetime.timedelta(days=1))
    MembershipFactory(organization=organization, review_due=TODAY)
    MembershipFactory(organization=organization)
    data = selectors.program_data(program=program, today=TODAY)
    assert data.mandates == 3
    assert len(data.mandates_overdue) == 1
    assert "Arbetslivsnämnden" in data.mandates_overdue[0].label


def test_responsibility_matrix_gaps(db):
    program = ProgramFactory()
    area = AreaFactory(program=program)
    with_part = OrganizationFactory(municipality=program.municipality, name="Med roll")
    OrganizationFactory(municipality=program.municipality, name="Utan roll")
    covered = GoalFactory(area=area, title="Täckt")
    GoalFactory(area=area, title="Otäckt")
    ResponsibilityFactory(area=None, goal=covered, organization=with_part)
    matrix = selectors.program_data(program=program, today=TODAY).matrix
    assert (matrix.goals, [link.label for link in matrix.goals_without_responsible]) == (2, ["Otäckt"])
    assert [link.label for link in matrix.organizations_without_part] == ["Utan roll"]


def test_documents_overlap_hierarchy_and_review(db):
    program = ProgramFactory()
    area = AreaFactory(program=program)
    parent = DocumentFactory(municipality=program.municipality, title="A Vision", kind="strategy",
                             review_due=TODAY - datetime.timedelta(days=1))
    first = DocumentFactory(municipality=program.municipality, title="B Program", parent=parent, review_due=TODAY)
    second = DocumentFactory(municipality=program.municipality, title="C Program")
    first.areas.add(area)
    second.areas.add(area)
    DocumentFactory(municipality=program.municipality, title="D Gammalt", valid_to=TODAY - datetime.timedelta(days=1))
    documents = selectors.program_data(program=program, today=TODAY).documents
    assert [(d.title, d.overlapping, d.in_hierarchy, d.review_due, d.review_overdue) for d in documents] == [
        ("A Vision", False, True, True, True), ("B Program", True, True, True, False),
        ("C Program", True, False, False, False),
    ]


def test_projects_initiated_and_evaluated(db):
    program = ProgramFactory()
    goal = GoalFactory(area=AreaFactory(program=program))
    ProjectFactory(municipality=program.municipality, name="A", goal=goal, budget=100000,
                   evaluated_on=datetime.date(2024, 8, 1))
    ProjectFactory(municipality=program.municipality, name="B", end_date=datetime.date(2027, 6, 30))
    projects = selectors.program_data(program=program, today=TODAY).projects
    assert [(p.name, p.initiated, p.ended, p.evaluated) for p in projects] == [
        ("A", True, True, True), ("B", False, False, False)]


def test_last_year_is_the_cycle_and_report_before_the_ones_judged(db):
    program = ProgramFactory()
    for year in (2024, 2025):
        cycle = CycleFactory(program=program, questionnaire__program=program, questionnaire__number=year, year=year,
                             opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31))
        ApprovedVersionFactory(report=ReportFactory(cycle=cycle))
    CycleFactory(program=program, questionnaire__program=program, questionnaire__number=2026, year=2026,
                 deadline=datetime.date(2026, 12, 30))
    data = selectors.program_data(program=program, today=TODAY)
    assert (data.cycle.year, data.this_year.cycle_year, data.this_year.analysis_year) == (2026, 2025, 2025)
    previous = data.previous
    assert (previous.year, previous.cycle.year, previous.this_year.cycle_year, previous.this_year.analysis_year) == (
        2025, 2025, 2024, 2024)
