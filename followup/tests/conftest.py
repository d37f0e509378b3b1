"""A program with a questionnaire of one question of each kind, and an open cycle that
asks the test town's board (respondent: the town's respondent) and the company."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from followup import services
from followup.models import FollowUpCycle, Question
from notifications.tests.conftest import smtp_server  # noqa: F401 - the loopback SMTP server, for e-mail tests
from followup.tests.factories import QuestionFactory, QuestionnaireFactory, SectionFactory
from steering.tests.factories import ProgramFactory

Kind = Question.Kind


@dataclass
class Setup:
    program: object
    questionnaire: object
    questions: dict
    cycle: object
    response: object
    company_response: object


def build_questionnaire(program):
    questionnaire = QuestionnaireFactory(program=program)
    section = SectionFactory(questionnaire=questionnaire, area__name="Arbete och försörjning")
    questions = {
        kind: QuestionFactory(section=section, key=f"nyckel-{kind}", kind=kind,
                              options="Ja, helt\nTill viss del\nInte alls" if kind == Kind.CHOICE else "")
        for kind in Kind.values
    }
    return questionnaire, questions


@pytest.fixture
def setup(town) -> Setup:
    program = ProgramFactory(municipality=town.municipality, name="Integrationsprogrammet")
    questionnaire, questions = build_questionnaire(program)
    cycle = services.cycle_open(
        program=program, year=2026, questionnaire=questionnaire, opens_on=datetime.date(2026, 2, 1),
        deadline=datetime.date(2026, 3, 31),
        respondents={town.board: (town.users["respondent"], None), town.company: (None, None)},
    )
    asked = {response.organization_id: response for response in cycle.organizations_asked.all()}
    return Setup(program, questionnaire, questions, cycle, asked[town.board.pk], asked[town.company.pk])


@pytest.fixture
def open_cycle(setup) -> Setup:
    """The setup with its cycle's deadline a month ahead, so that one-time links can be given."""
    FollowUpCycle.objects.filter(pk=setup.cycle.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=30))
    for record in (setup.cycle, setup.response, setup.company_response):
        record.refresh_from_db()
    return setup


@dataclass
class Unused:
    questionnaire: object
    questions: dict


@pytest.fixture
def unused(setup) -> Unused:
    """The next version of the setup's questionnaire, which no cycle uses yet, so it can be
    changed in place."""
    copy = services.questionnaire_new_version(questionnaire=setup.questionnaire)
    return Unused(copy, {question.kind: question for question in copy.questions.all()})
