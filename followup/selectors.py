"""Queries that read the follow-up for pages, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from followup.models import Answer, CycleOrganization, FollowUpCycle, Question
from organizations.models import Membership
from organizations.rules import organization_ids_with_role


def responses_for_user(*, user, municipality):
    """The follow-ups the user answers: as named respondent, as backup, or as a respondent
    of the organisation (or one above it)."""
    organization_ids = organization_ids_with_role(user, Membership.Role.RESPONDENT)
    return (
        CycleOrganization.objects.filter(cycle__program__municipality=municipality)
        .filter(
            Q(respondent=user) | Q(backup=user) | Q(organization_id__in=organization_ids)
            | Q(organization__parent_id__in=organization_ids)
        )
        .select_related("cycle__program", "organization", "respondent")
        .order_by("-cycle__year", "organization__name")
    )


def cycles_for_municipality(*, municipality):
    return (
        FollowUpCycle.objects.filter(program__municipality=municipality)
        .select_related("program", "questionnaire")
        .annotate(
            asked_count=Count("organizations_asked"),
            submitted_count=Count(
                "organizations_asked",
                filter=Q(organizations_asked__status__in=[
                    CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED,
                ]),
            ),
        )
    )


@dataclass
class FormItem:
    question: Question
    answer: Answer | None


@dataclass
class FormSection:
    section: object
    items: list[FormItem]


def response_form(*, response: CycleOrganization) -> list[FormSection]:
    """The questions put to the response's organisation, by section, each with its answer."""
    questions = (
        response.cycle.questionnaire.questions.select_related("section__area")
        .prefetch_related("target_organizations")
        .order_by("section__position", "section__pk", "position", "pk")
    )
    answers = {
        answer.question_id: answer
        for answer in response.answers.prefetch_related(Prefetch("activity_rows"))
    }
    sections: dict[int, FormSection] = {}
    for question in questions:
        if not question.applies_to(response.organization):
            continue
        entry = sections.setdefault(question.section_id, FormSection(question.section, []))
        entry.items.append(FormItem(question, answers.get(question.pk)))
    return list(sections.values())
