"""What the organisations reported in a cycle: who answered (late, or not at all), each
organisation's answers, and the activity rows grouped by area and target group.

Only submitted or approved answers count: a draft is not yet an organisation's answer.
Four queries however many organisations were asked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question
from kpis.charts import format_number
from reports.content import ActivityContent, AnswerContent, OrganizationContent, ResponseContent

ANSWERED = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)


@dataclass
class Reported:
    responses: list[ResponseContent] = field(default_factory=list)
    organizations: list[OrganizationContent] = field(default_factory=list)
    # area id → target group → activities
    activities: dict[int, dict[str, list[ActivityContent]]] = field(default_factory=dict)
    # area id → names of the organisations that answered a question of the area
    answering: dict[int, list[str]] = field(default_factory=dict)


def _answer_text(answer: Answer) -> str:
    kind = answer.question.kind
    Kind = Question.Kind
    if kind == Kind.YES_NO_PARTLY:
        label = str(dict(Answer.YesNoPartly.choices).get(answer.choice, answer.choice))
        return f"{label}. {answer.text}".strip() if answer.text else label
    if kind == Kind.CHOICE:
        return answer.choice
    if kind == Kind.NUMBER:
        return format_number(float(answer.number)) if answer.number is not None else ""
    if kind == Kind.RATING:
        return _("%(rating)s av 5") % {"rating": answer.rating} if answer.rating is not None else ""
    return answer.text


def _days_late(response: CycleOrganization, cycle: FollowUpCycle, today: date) -> int:
    if response.status not in ANSWERED:
        return cycle.days_overdue(today)
    if response.submitted_at is None:
        return 0
    return max((timezone.localdate(response.submitted_at) - cycle.deadline).days, 0)


def reported(*, cycle: FollowUpCycle, area_names: dict[int, str], today: date) -> Reported:
    responses = list(cycle.organizations_asked.select_related("organization").order_by("organization__name"))
    answered = {r.pk for r in responses if r.status in ANSWERED}
    answers = (
        Answer.objects.filter(response_id__in=answered)
        .select_related("question__section")
        .order_by("question__section__position", "question__position", "question_id")
    )
    rows = (
        ActivityRow.objects.filter(answer__response_id__in=answered)
        .select_related("answer__question__section")
        .prefetch_related("areas")
        .order_by("pk")
    )
    result = Reported()
    by_response: dict[int, list[AnswerContent]] = defaultdict(list)
    answering: dict[int, set[int]] = defaultdict(set)
    for answer in answers:
        text = _answer_text(answer)
        area_id = answer.question.section.area_id
        if text.strip():
            by_response[answer.response_id].append(AnswerContent(
                area=area_names.get(area_id, ""), question=answer.question.text, answer=text,
            ))
            answering[area_id].add(answer.response_id)
    activities_of: dict[int, list[ActivityContent]] = defaultdict(list)
    organization_of = {r.pk: r.organization for r in responses}
    activities: dict[int, dict[str, list[ActivityContent]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        response_id = row.answer.response_id
        activity = ActivityContent(
            organization=organization_of[response_id].name, title=row.name,
            target_group=row.target_group.strip() or _("Ingen målgrupp angiven"),
            cost=float(row.cost) if row.cost is not None else None, result=row.result,
        )
        activities_of[response_id].append(activity)
        # A row tagged with no area belongs to the area of the question it answers.
        for area_id in [area.pk for area in row.areas.all()] or [row.answer.question.section.area_id]:
            activities[area_id][activity["target_group"]].append(activity)
            answering[area_id].add(response_id)
    for response in responses:
        organization = response.organization
        is_answered = response.pk in answered
        result.responses.append(ResponseContent(
            organization=organization.name, kind=str(organization.get_kind_display()),
            status=str(response.get_status_display()),
            submitted_on=timezone.localdate(response.submitted_at).isoformat()
            if is_answered and response.submitted_at else None,
            days_late=_days_late(response, cycle, today), answered=is_answered,
        ))
        if is_answered:
            result.organizations.append(OrganizationContent(
                name=organization.name, kind=str(organization.get_kind_display()),
                answers=by_response[response.pk], activities=activities_of[response.pk],
            ))
    result.activities = {
        area_id: {group: groups[group] for group in sorted(groups)} for area_id, groups in activities.items()
    }
    result.answering = {
        area_id: sorted(organization_of[pk].name for pk in pks) for area_id, pks in answering.items()
    }
    return result
