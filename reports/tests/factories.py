import datetime

import factory

from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory
from reports.models import AreaAnalysis, DevelopmentArea, MissedTarget, Report, ReportVersion


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    cycle = factory.SubFactory(CycleFactory)


class ReportVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportVersion

    report = factory.SubFactory(ReportFactory)
    number = factory.Sequence(lambda n: n + 1)


class AreaAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaAnalysis

    report_version = factory.SubFactory(ReportVersionFactory)
    area = factory.SubFactory("steering.tests.factories.AreaFactory",
                              program=factory.SelfAttribute("..report_version.report.cycle.program"))


class MissedTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissedTarget

    report_version = factory.SubFactory(ReportVersionFactory)
    indicator = factory.SubFactory("steering.tests.factories.IndicatorFactory")


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea

    report = factory.SubFactory(ReportFactory)
    title = factory.Sequence(lambda n: f"Utvecklingsområde {n}")
    owner = factory.SubFactory("organizations.tests.factories.OrganizationFactory",
                               municipality=factory.SelfAttribute("..report.cycle.program.municipality"))
    actions = "Ta fram en gemensam rutin."
    due_date = datetime.date(2027, 6, 30)


def answered_cycle(*, municipality, organizations, year=2026, program=None, text="Vi har gjort mycket."):
    """A cycle of `program` (a new one in `municipality` without) in which every one of
    `organizations` has submitted an answer to one text question."""
    from followup.tests.factories import AnswerFactory, CycleOrganizationFactory, QuestionFactory
    from steering.tests.factories import ProgramFactory

    program = program or ProgramFactory(municipality=municipality)
    cycle = CycleFactory(questionnaire__program=program, year=year,
                         opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31))
    question = QuestionFactory(section__questionnaire=cycle.questionnaire)
    for organization in organizations:
        response = CycleOrganizationFactory(
            cycle=cycle, organization=organization, status=CycleOrganization.Status.SUBMITTED,
            submitted_at=datetime.datetime(year, 3, 20, 12, tzinfo=datetime.UTC),
        )
        AnswerFactory(response=response, question=question, text=text)
    return cycle


def report_scenario(town, *, more_organizations: int = 0):
    """A program with two areas in the test town and its 2026 cycle: a program indicator
    that missed its target (40 against 60, worse than the baseline 45), one that met it, and
    the company's own Kolada indicator beside the county and the country. The board answered
    on time with an activity, the company late, the other board not at all;
    `more_organizations` further boards answered on time, each with an activity."""
    from followup.models import Question
    from followup.tests.factories import (
        AnswerFactory, CycleOrganizationFactory, QuestionFactory, SectionFactory,
    )
    from followup.models import ActivityRow
    from kpis.models import KpiMean
    from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory
    from organizations.tests.factories import OrganizationFactory
    from steering.tests.factories import (
        AreaFactory, GoalFactory, IndicatorFactory, IndicatorValueFactory, ProgramFactory, TargetFactory,
    )

    program = ProgramFactory(municipality=town.municipality, owner=town.board, name="Integrationsprogrammet",
                             start_year=2022, end_year=2026)
    work = AreaFactory(program=program, name="Arbete", position=1)
    housing = AreaFactory(program=program, name="Boende", position=2)
    goal = GoalFactory(area=work, title="Fler i arbete")
    missed = IndicatorFactory(goal=goal, name="Andel i arbete", baseline=45, unit="%")
    TargetFactory(indicator=missed, year=2025, value=60)
    IndicatorValueFactory(indicator=missed, year=2025, value=40)
    IndicatorValueFactory(indicator=missed, year=2027, value=70)  # after the cycle's year: not judged
    met = IndicatorFactory(goal=goal, name="Praktikplatser", baseline=10, unit="antal")
    TargetFactory(indicator=met, year=2025, value=20)
    IndicatorValueFactory(indicator=met, year=2025, value=25)
    kpi = KpiFactory(id="N00945", title="Nyanlända i arbete")
    own = KoladaMunicipalityFactory(id=town.municipality.code, title="Sjöstad")
    KoladaMunicipalityFactory(id="00" + town.municipality.code[:2], title="Sjölänet", type="L")
    company_goal = GoalFactory(area=housing, organization=town.company, title="Fler bostäder")
    kolada = IndicatorFactory(goal=company_goal, name="Nyanlända med eget boende", source="kolada",
                              kolada_kpi=kpi.id)
    TargetFactory(indicator=kolada, year=2024, value=30)
    for year, value in ((2024, 31.0), (2025, 35.0)):
        KpiValueFactory(kpi=kpi, municipality=own, year=year, value=value)
        KpiMean.objects.create(kpi=kpi, area="00" + town.municipality.code[:2], year=year, gender="T",
                               mean=value - 2, count=10)
        KpiMean.objects.create(kpi=kpi, area=KpiMean.NATIONAL, year=year, gender="T", mean=value - 5, count=290)
    cycle = CycleFactory(questionnaire__program=program, year=2026)
    text_question = QuestionFactory(section=SectionFactory(questionnaire=cycle.questionnaire, area=work),
                                    text="Vad har ni gjort för att fler ska komma i arbete?")
    activities = QuestionFactory(section=SectionFactory(questionnaire=cycle.questionnaire, area=housing),
                                 text="Vilka insatser har ni gjort?", kind=Question.Kind.ACTIVITIES)
    submitted = CycleOrganization.Status.SUBMITTED
    on_time = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)
    organizations = [town.board, *[OrganizationFactory(municipality=town.municipality)
                                   for _n in range(more_organizations)]]
    for organization in organizations:
        response = CycleOrganizationFactory(cycle=cycle, organization=organization, status=submitted,
                                            submitted_at=on_time)
        AnswerFactory(response=response, question=text_question, text=f"{organization.name} har anordnat praktik.")
        answer = AnswerFactory(response=response, question=activities)
        row = ActivityRow.objects.create(answer=answer, name=f"Språkpraktik hos {organization.name}",
                                         target_group="Nyanlända", cost=1000, result="Tolv fick arbete.")
        row.areas.set([work])
    late = CycleOrganizationFactory(cycle=cycle, organization=town.company, status=submitted,
                                    submitted_at=datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC))
    AnswerFactory(response=late, question=text_question, text="Bostadsbolaget har erbjudit lägenheter.")
    answer = AnswerFactory(response=late, question=activities)
    ActivityRow.objects.create(answer=answer, name="Bostadsskola", target_group="", cost=None, result="")
    CycleOrganizationFactory(cycle=cycle, organization=town.other_board)
    return {"program": program, "cycle": cycle, "work": work, "housing": housing, "missed": missed, "met": met,
            "kolada": kolada}
