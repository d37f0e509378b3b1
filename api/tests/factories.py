"""Records for the API's tests: a token for a user, and a town filled with one of each
record the API serves (`api_records`), `rows` of each for the query-count tests."""

from dataclasses import dataclass

from api.services import api_token_create
from audits.models.response import RecommendationAnswer
from audits.tests.factories import (
    AuditFactory,
    AuditQuestionFactory,
    AuditResponseFactory,
    MeasureFactory,
    RecommendationFactory,
)
from followup.tests.factories import CycleFactory, CycleOrganizationFactory, QuestionnaireFactory
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgramFactory,
    TargetFactory,
)


def token_for(user, **kwargs) -> str:
    return api_token_create(user=user, name="Test", **kwargs).secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@dataclass
class Records:
    program: object
    area: object
    goal: object
    indicator: object
    action_plan: object
    cycle: object
    kpi: object
    audit: object
    recommendation: object
    measure: object


def api_records(town, rows: int = 1) -> Records:
    """`rows` of every record the API lists, all in the town's municipality and for its
    board, each with the children the API nests (targets, values, activities, answers).
    Made once per town: the permission matrix asks for the URL's arguments more than once."""
    made = getattr(town, "api_records", None)
    if made is not None:
        return made
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    area = AreaFactory(program=program)
    for _ in range(rows - 1):
        AreaFactory(program=program)
    goal = GoalFactory(area=area, organization=town.board)
    indicators = []
    for _ in range(rows):
        indicator = IndicatorFactory(goal=goal)
        TargetFactory(indicator=indicator, year=2025, value=60)
        IndicatorValueFactory(indicator=indicator, year=2024, value=45)
        indicators.append(indicator)
    kpi = KpiFactory(id="N00001", title="Andel i arbete")
    own = KoladaMunicipalityFactory(id=town.municipality.code, title=town.municipality.name)
    others = [KoladaMunicipalityFactory(id=f"{2100 + i:04}") for i in range(rows)]
    for municipality in [own, *others]:
        KpiValueFactory(kpi=kpi, municipality=municipality, year=2023, value=40.0)
    KpiFactory(id="N00002", title="Andel nyanlända", source="kolada")
    plans = []
    for _ in range(rows):
        plan = ActionPlanFactory(area=area)
        ActivityFactory(action_plan=plan, responsible=town.board, goal=goal).contributors.add(town.company)
        plans.append(plan)
    questionnaire = QuestionnaireFactory(program=program)
    cycles = []
    for year in range(2026, 2026 + rows):
        cycle = CycleFactory(questionnaire=questionnaire, program=program, year=year)
        CycleOrganizationFactory(cycle=cycle, organization=town.board)
        CycleOrganizationFactory(cycle=cycle, organization=town.other_board)
        cycles.append(cycle)
    audits, measures, recommendations = [], [], []
    for _ in range(rows):
        audit = AuditFactory(municipality=town.municipality)
        AuditQuestionFactory(audit=audit)
        recommendation = RecommendationFactory(audit=audit, organization=town.board)
        response = AuditResponseFactory(audit=audit, organization=town.board)
        RecommendationAnswer.objects.create(response=response, recommendation=recommendation, text="Vi tillstyrker.")
        measures.append(MeasureFactory(recommendation=recommendation, owner=town.board))
        audits.append(audit)
        recommendations.append(recommendation)
    town.api_records = Records(program=program, area=area, goal=goal, indicator=indicators[0], action_plan=plans[0],
                               cycle=cycles[0], kpi=kpi, audit=audits[0], recommendation=recommendations[0],
                               measure=measures[0])
    return town.api_records
