"""The yearly questionnaire (the demo's questions and one on each area's work), a cycle a
year with every board and company asked, and their answers: every past cycle closed
with all answers approved, this year's open with organisations at every stage."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from core.scale.plan import ScalePlan, bulk, bulk_links
from followup.demo import OPTIONS, QUESTIONS, TEXTS
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question, Questionnaire, Section

Kind = Question.Kind
Status = CycleOrganization.Status
# This year's cycle: how the organisations asked stand, in turn.
OPEN_STATUSES = [Status.APPROVED, Status.SUBMITTED, Status.DRAFT, Status.NOT_STARTED, Status.APPROVED,
                 Status.SUBMITTED, Status.RETURNED, Status.NOT_STARTED]
ROWS_PER_ACTIVITIES_ANSWER = 2


def build(plan: ScalePlan) -> dict:
    questionnaire, questions = _questionnaire(plan)
    cycles = _cycles(plan, questionnaire)
    responses = _responses(plan, cycles)
    answers, rows = _answers(plan, responses, questions)
    return {"questions": len(questions), "cycles": len(cycles), "responses": len(responses), "answers": answers,
            "activity_rows": rows}


def _questionnaire(plan: ScalePlan) -> tuple[Questionnaire, list[Question]]:
    questionnaire = Questionnaire.objects.create(program=plan.program, title="Årlig uppföljning av programmet")
    sections = bulk(Section, [Section(questionnaire=questionnaire, area=area, position=area.position)
                              for area in plan.areas])
    by_area = {section.area.name: section for section in sections}
    rows = [Question(questionnaire=questionnaire, section=by_area[area], key=key, kind=kind, text=text,
                     guidance=guidance, position=n, **extra)
            for n, (area, key, kind, text, guidance, extra) in enumerate(QUESTIONS, start=1)]
    rows += [Question(questionnaire=questionnaire, section=section, key=f"omrade-{section.area.position}",
                      kind=Kind.TEXT, text=f"Beskriv kort ert arbete inom {section.area.name.lower()} under året.",
                      length_guide=600, position=len(QUESTIONS) + section.position)
             for section in sections]
    return questionnaire, bulk(Question, rows)


def _cycles(plan: ScalePlan, questionnaire) -> list:
    today, rows = plan.today, []
    for year in plan.years:
        if year < today.year:
            rows.append(FollowUpCycle(program=plan.program, year=year, questionnaire=questionnaire,
                                      opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31),
                                      status=FollowUpCycle.Status.CLOSED))
        else:
            rows.append(FollowUpCycle(program=plan.program, year=year, questionnaire=questionnaire,
                                      opens_on=today - datetime.timedelta(days=14),
                                      deadline=today + datetime.timedelta(days=30)))
    plan.cycles = bulk(FollowUpCycle, rows)
    return plan.cycles


def _responses(plan: ScalePlan, cycles: list) -> list:
    now, rows = timezone.now(), []
    for cycle in cycles:
        closed = cycle.status == FollowUpCycle.Status.CLOSED
        for n, org in enumerate(plan.asked):
            respondent, backup = plan.respondents[org.pk]
            status = Status.APPROVED if closed else OPEN_STATUSES[n % len(OPEN_STATUSES)]
            submitted = status in (Status.SUBMITTED, Status.APPROVED, Status.RETURNED)
            submitted_at = (timezone.make_aware(datetime.datetime(cycle.year, 3, 1 + n % 28, 12)) if closed
                            else now - datetime.timedelta(days=n % 10))
            rows.append(CycleOrganization(
                cycle=cycle, organization=org, respondent=respondent, backup=backup, status=status,
                submitted_at=submitted_at if submitted else None,
                return_comment="Beskriv resultatet av insatserna." if status == Status.RETURNED else "",
            ))
    return bulk(CycleOrganization, rows)


def _value(question: Question, index: int) -> dict:
    if question.kind == Kind.NUMBER:
        return {"number": Decimal(3 + index * 2 % 17)}
    if question.kind == Kind.YES_NO_PARTLY:
        return {"choice": ["yes", "partly", "no"][index % 3]}
    if question.kind == Kind.RATING:
        return {"rating": 1 + index % 5}
    if question.kind == Kind.CHOICE:
        return {"choice": OPTIONS[index % len(OPTIONS)]}
    if question.kind == Kind.ACTIVITIES:
        return {}
    return {"text": TEXTS[index % len(TEXTS)]}


def _answers(plan: ScalePlan, responses: list, questions: list) -> tuple[int, int]:
    """Every question that applies, for every organisation that has begun; one answer in
    a draft. Activities questions get rows linked to the organisation's own activities."""
    organizations = {org.pk: org for org in plan.asked}
    first_year = plan.years[0]
    answers = []
    for index, response in enumerate(responses):
        if response.status == Status.NOT_STARTED:
            continue
        organization = organizations[response.organization_id]
        applying = [q for q in questions if q.applies_to(organization)]
        if response.status == Status.DRAFT:
            applying = applying[:1]
        answers += [Answer(response=response, question=q, copied_from_previous=response.cycle.year > first_year
                           and q.kind == Kind.TEXT, **_value(q, index)) for q in applying]
    answers = bulk(Answer, answers)
    activity_questions = {q.pk: q for q in questions if q.kind == Kind.ACTIVITIES}
    by_pk = {response.pk: response for response in responses}
    rows = []
    for answer in answers:
        question = activity_questions.get(answer.question_id)
        if question is None:
            continue
        response = by_pk[answer.response_id]
        own = plan.activities_by_org.get(response.organization_id, [])
        year = response.cycle.year - 1
        for k in range(ROWS_PER_ACTIVITIES_ANSWER):
            rows.append(ActivityRow(
                answer=answer, name=f"Språkpraktik, omgång {k + 1}", target_group="Nyanlända vuxna",
                period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31),
                cost=Decimal(50000 + k * 5000), result=f"{2 + k} deltagare gick vidare till arbete eller studier.",
                activity=own[k] if k < len(own) else None,
            ))
    rows = bulk(ActivityRow, rows)
    area_of = {q.pk: q.section.area_id for q in activity_questions.values()}
    bulk_links(ActivityRow.areas, [(row.pk, area_of[row.answer.question_id]) for row in rows])
    return len(answers), len(rows)
