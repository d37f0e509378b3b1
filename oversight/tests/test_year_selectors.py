import datetime

from django.utils import timezone

from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from notifications.models import OutboxMessage
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from oversight import year_selectors
from reports.models import Decision
from reports.tests.factories import MissedTargetFactory
from reports.tests.factories_dispatch import (
    ApprovedVersionFactory,
    DecisionFactory,
    DispatchFactory,
    ReportFactory,
    ReportVersionFactory,
    content_for,
)
from steering.tests.factories import IndicatorFactory, ProgramFactory

TODAY = datetime.date(2026, 11, 30)


def _cycle(program, year, deadline=None):
    return CycleFactory(program=program, questionnaire__program=program, questionnaire__number=year, year=year,
                        opens_on=datetime.date(year, 2, 1), deadline=deadline or datetime.date(year, 3, 31))


def _outbox(topic, status=OutboxMessage.Status.SENT):
    OutboxMessage.objects.create(recipient="a@example.org", subject="-", body="-", template="t", topic=topic,
                                 status=status)


def _years(program, companies=()):
    return year_selectors.years(program=program, today=TODAY, companies=list(companies))


def _year(program, companies=()):
    return _years(program, companies).year


def test_the_cycle_judged_is_the_latest_past_its_deadline(db):
    program = ProgramFactory()
    _cycle(program, 2025)
    _cycle(program, 2026, deadline=datetime.date(2026, 12, 30))
    years = _years(program)
    assert (years.cycle.year, years.year.cycle_year) == (2026, 2025)
    assert (years.previous_cycle.year, years.previous_year.cycle_year) == (2025, None)


def test_late_organisations_and_the_reminders_they_got(db):
    program = ProgramFactory()
    cycle = _cycle(program, 2025)
    on_time = CycleOrganizationFactory(cycle=cycle, status=CycleOrganization.Status.SUBMITTED,
                                       submitted_at=timezone.make_aware(datetime.datetime(2025, 3, 30, 12)))
    answered_after = CycleOrganizationFactory(cycle=cycle, status=CycleOrganization.Status.APPROVED,
                                              submitted_at=timezone.make_aware(datetime.datetime(2025, 4, 9, 12)))
    silent = CycleOrganizationFactory(cycle=cycle)
    forgotten = CycleOrganizationFactory(cycle=cycle)
    _outbox(f"followup:{cycle.pk}:reminder-after-7:{answered_after.organization_id}:{cycle.deadline}")
    _outbox(f"followup:{cycle.pk}:escalation:{silent.organization_id}:{cycle.deadline}")
    _outbox(f"followup:{cycle.pk}:reminder-after-7:{forgotten.organization_id}:{cycle.deadline}",
            status=OutboxMessage.Status.FAILED)
    _outbox(f"followup:{cycle.pk}:receipt:{on_time.organization_id}:1")
    year = _year(program)
    assert sorted(link.label for link in year.late) == sorted(
        e.organization.name for e in (answered_after, silent, forgotten))
    assert [link.label for link in year.not_reminded] == [forgotten.organization.name]
    assert {(r.organization, r.answered) for r in year.reminded} == {
        (answered_after.organization.name, True), (silent.organization.name, False)}


def test_report_steps_from_the_records(db):
    program = ProgramFactory()
    cycle = _cycle(program, 2025)
    executive = OrganizationFactory(municipality=program.municipality, kind=Organization.Kind.EXECUTIVE_BOARD)
    version = ApprovedVersionFactory(report=ReportFactory(cycle=cycle))
    DecisionFactory(report_version=version, organization=executive, wording=Decision.Wording.REFERS_BACK)
    DispatchFactory(version=version, acknowledged_at=timezone.now())
    late = DispatchFactory(version=version)
    MissedTargetFactory(report_version=version, indicator=IndicatorFactory(name="Andel i arbete"))
    report = _year(program).report
    assert (report.approved, report.filed, report.ks_decided, report.dispatches) == (True, False, True, 2)
    assert [link.label for link in report.unacknowledged] == [late.organization.name]
    assert (report.missed_targets, [link.label for link in report.missed_unexplained]) == (1, ["Andel i arbete"])


def test_a_draft_report_is_not_approved_and_none_is_none(db):
    program = ProgramFactory()
    cycle = _cycle(program, 2025)
    assert _year(program).report is None
    ReportVersionFactory(report=ReportFactory(cycle=cycle))
    report = _year(program).report
    assert (report.approved, report.filed, report.dispatches) == (False, False, 0)


def test_analysis_from_the_latest_approved_report_with_comparisons(db):
    program = ProgramFactory()
    cycle = _cycle(program, 2025)
    content = content_for(cycle)
    compared = {**content["areas"][0], "name": "Boende"}
    compared["goals"] = [{**compared["goals"][0], "indicators": [{
        **compared["goals"][0]["indicators"][0], "series": [{"year": 2024, "own": 40.0, "county": 45.0, "national": None}],
    }]}]
    content["areas"].append({**compared, "analysis": "  "})
    ApprovedVersionFactory(report=ReportFactory(cycle=cycle), content=content)
    year = _year(program)
    assert year.analysis_year == 2025
    assert [(a.name, a.analysed, a.compared) for a in year.areas] == [("Arbete", True, False), ("Boende", False, True)]
    assert _years(program).previous_year.analysis_year is None


def test_companies_asked_and_answered(db):
    program = ProgramFactory()
    cycle = _cycle(program, 2025)
    answered, silent, unasked = (OrganizationFactory(municipality=program.municipality, kind=Organization.Kind.COMPANY,
                                                     name=name) for name in ("A Bostäder", "B Energi", "C Djurpark"))
    CycleOrganizationFactory(cycle=cycle, organization=answered, status=CycleOrganization.Status.SUBMITTED,
                             submitted_at=timezone.now())
    CycleOrganizationFactory(cycle=cycle, organization=silent)
    year = _year(program, [answered, silent, unasked])
    assert [(c.name, c.asked, c.answered) for c in year.companies] == [
        ("A Bostäder", True, True), ("B Energi", True, False), ("C Djurpark", False, False)]


def test_last_year_is_the_cycle_and_approved_report_before_the_ones_judged(db):
    program = ProgramFactory()
    for year in (2023, 2024, 2025):
        cycle = _cycle(program, year)
        ApprovedVersionFactory(report=ReportFactory(cycle=cycle))
    _outbox(f"followup:{cycle.pk}:reminder-after-7:{CycleOrganizationFactory(cycle=cycle).organization_id}:x")
    years = _years(program)
    assert (years.year.cycle_year, years.year.analysis_year, years.year.report.year) == (2025, 2025, 2025)
    previous = years.previous_year
    assert (previous.cycle_year, previous.analysis_year, previous.report.year) == (2024, 2024, 2024)
    assert (len(years.year.reminded), previous.reminded) == (1, [])
