import datetime

from django.utils import timezone

from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from oversight import selectors
from steering.tests.factories import ProgramFactory

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
