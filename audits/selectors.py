"""Queries for the audit pages, each with a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from audits.models import Assessment, Audit, AuditResponse, ImportDraft, Measure, Recommendation, RecommendationAnswer
from audits.models.draft import DRAFT_LIFETIME
from core.reversing import pk_url
from organizations.models import Organization


class FollowUpStatus(models.TextChoices):
    """Where a recommendation stands, from the auditors' point of view."""

    NO_ANSWER = "no_answer", _("Inget svar")
    ANSWERED = "answered", _("Besvarad")
    PLANNED = "planned", _("Åtgärd planerad")
    DONE = "done", _("Genomförd")
    VERIFIED = "verified", _("Verifierad")


ASSESSMENT_COLOURS = {Assessment.YES: "success", Assessment.PARTLY: "warning", Assessment.NO: "danger"}

# In the order of the overview's columns; read once (TextChoices builds its lists anew on each use).
STATUS_VALUES = tuple(FollowUpStatus.values)
OPEN_MEASURE = (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS)
DONE_MEASURE = (Measure.Status.DONE, Measure.Status.VERIFIED)

STATUS_COLOURS = {
    FollowUpStatus.NO_ANSWER: "danger",
    FollowUpStatus.ANSWERED: "warning",
    FollowUpStatus.PLANNED: "info",
    FollowUpStatus.DONE: "accent",
    FollowUpStatus.VERIFIED: "success",
}


def recommendation_status(*, recommendation: Recommendation, answered: set[tuple[int, int]]) -> str:
    """`answered` holds (audit id, organisation id) for every recorded response; the
    recommendation's measures must be prefetched."""
    return _status((recommendation.audit_id, recommendation.organization_id) in answered,
                   {measure.status for measure in recommendation.measures.all()})


def _status(answered: bool, statuses) -> str:
    if not answered:
        return FollowUpStatus.NO_ANSWER
    if not statuses:
        return FollowUpStatus.ANSWERED
    if all(status == Measure.Status.VERIFIED for status in statuses):
        return FollowUpStatus.VERIFIED
    if all(status in DONE_MEASURE for status in statuses):
        return FollowUpStatus.DONE
    return FollowUpStatus.PLANNED


def audits_for_list(*, municipality):
    return (
        Audit.objects.filter(municipality=municipality)
        .annotate(
            question_count=Count("questions", distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
            response_count=Count("responses", distinct=True),
        )
        .order_by("-date", "title")
    )


@dataclass
class AuditPage:
    audit: Audit
    questions: list
    overall_assessments: list
    recommendations: list  # each with .follow_up_status and .status_colour
    responses: list
    response_from: list  # organisations asked to answer
    unanswered: list  # organisations that must answer and have not
    overdue: bool


def audit_page(*, audit: Audit) -> AuditPage:
    # Each list is ordered within the one audit: the models' own orderings begin with the
    # audit, which joined the audits' table to every query to sort by date and title.
    # Organisations come with two levels of parents: permission checks walk up from them.
    recommendations = list(
        audit.recommendations.order_by("number").select_related("organization__parent__parent").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.select_related("owner")),
            Prefetch("answers", queryset=RecommendationAnswer.objects.select_related("response__organization")),
        )
    )
    responses = list(audit.responses.order_by("organization__name").select_related("organization"))
    answered = {(audit.pk, response.organization_id) for response in responses}
    for recommendation in recommendations:
        recommendation.follow_up_status = recommendation_status(recommendation=recommendation, answered=answered)
        recommendation.status_label = FollowUpStatus(recommendation.follow_up_status).label
        recommendation.status_colour = STATUS_COLOURS[recommendation.follow_up_status]
    # Links and labels set here, once: the template's url tags and includes cost more.
    measure_url = pk_url("audits:measure_detail")
    for recommendation in recommendations:
        for measure in recommendation.measures.all():
            measure.url = measure_url(measure.pk)
    questions = list(audit.questions.order_by("number"))
    overall_assessments = list(audit.overall_assessments.order_by("organization__name").select_related("organization"))
    for item in (*questions, *overall_assessments):
        item.assessment_colour = ASSESSMENT_COLOURS.get(item.assessment, "neutral")
    response_from = list(audit.response_from.select_related("parent__parent"))
    addressed = {org.pk: org for org in response_from}
    addressed.update({rec.organization_id: rec.organization for rec in recommendations})
    unanswered = sorted(
        (org for pk, org in addressed.items() if (audit.pk, pk) not in answered), key=lambda org: org.name
    )
    return AuditPage(
        audit=audit,
        questions=questions,
        overall_assessments=overall_assessments,
        recommendations=recommendations,
        responses=responses,
        response_from=response_from,
        unanswered=unanswered,
        overdue=bool(unanswered and audit.response_by and audit.response_by < timezone.localdate()),
    )


@dataclass(frozen=True)
class AuditRef:
    """What the overview shows of an audit: read as plain columns, not as a model."""

    pk: int
    title: str
    response_by: date | None

    def get_absolute_url(self) -> str:
        return reverse("audits:audit_detail", kwargs={"pk": self.pk})


@dataclass(frozen=True)
class OrganizationRef:
    pk: int
    name: str


@dataclass
class OverviewRow:
    audit: AuditRef | None
    organization: OrganizationRef
    counts: Counter = field(default_factory=Counter)
    overdue_response: bool = False
    overdue_measures: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Overview:
    per_audit: list[tuple[AuditRef, list[OverviewRow]]]
    per_organization: list[OverviewRow]
    statuses: list


def followup_overview(*, municipality, audit_id: int | None = None) -> Overview:
    """Recommendations × status per audit and organisation, and the same per organisation
    across all audits (what KS follows). Three queries whatever the number of rows, each
    reading plain columns: building the audits, organisations and measures as models cost
    more than the rest of the page."""
    today = timezone.localdate()
    recommendations = Recommendation.objects.filter(audit__municipality=municipality)
    measures = Measure.objects.filter(recommendation__audit__municipality=municipality)
    if audit_id:
        recommendations = recommendations.filter(audit_id=audit_id)
        measures = measures.filter(recommendation__audit_id=audit_id)
    statuses_of: dict[int, set] = defaultdict(set)
    late_of: Counter = Counter()
    for recommendation_id, status, due_date in measures.values_list("recommendation_id", "status", "due_date"):
        statuses_of[recommendation_id].add(status)
        if status in OPEN_MEASURE and due_date < today:
            late_of[recommendation_id] += 1
    answered = set(
        AuditResponse.objects.filter(audit__municipality=municipality).values_list("audit_id", "organization_id")
    )
    per_audit: dict[int, dict[int, OverviewRow]] = defaultdict(dict)
    audits: dict[int, AuditRef] = {}
    organizations: dict[int, OrganizationRef] = {}
    per_organization: dict[int, OverviewRow] = {}
    for pk, audit_pk, title, response_by, organization_pk, name in recommendations.order_by(
        "-audit__date", "audit__title", "organization__name", "number"
    ).values_list("pk", "audit_id", "audit__title", "audit__response_by", "organization_id", "organization__name"):
        audit = audits.get(audit_pk) or audits.setdefault(audit_pk, AuditRef(audit_pk, title, response_by))
        organization = organizations.get(organization_pk) or organizations.setdefault(
            organization_pk, OrganizationRef(organization_pk, name))
        row = per_audit[audit_pk].get(organization_pk) or per_audit[audit_pk].setdefault(
            organization_pk, OverviewRow(audit=audit, organization=organization))
        total = per_organization.get(organization_pk) or per_organization.setdefault(
            organization_pk, OverviewRow(audit=None, organization=organization))
        status = _status((audit_pk, organization_pk) in answered, statuses_of.get(pk, ()))
        overdue = status == FollowUpStatus.NO_ANSWER and response_by is not None and response_by < today
        for target in (row, total):
            target.counts[status] += 1
            target.overdue_measures += late_of[pk]
            target.overdue_response = target.overdue_response or overdue
    return Overview(
        per_audit=[(audits[pk], list(rows.values())) for pk, rows in per_audit.items()],
        per_organization=sorted(per_organization.values(), key=lambda row: row.organization.name),
        statuses=FollowUpStatus.choices,
    )


def organization_for_name(*, name: str | None, organizations: list[Organization]) -> Organization | None:
    """The municipality's organisation a normalised name from a report stands for: the
    same name, or one close enough that an OCR error explains the difference."""
    if not name:
        return None
    by_name = {org.name.casefold(): org for org in organizations}
    if name.casefold() in by_name:
        return by_name[name.casefold()]
    match = process.extractOne(name.casefold(), list(by_name), scorer=fuzz.ratio, score_cutoff=88)
    return by_name[match[0]] if match else None


def answers_by_recommendation(*, answers, recommendations) -> dict[int, str]:
    """Match a parsed response's answers to the audit's recommendations by the
    recommendation text each answer quotes (OCR'd, so fuzzily)."""
    texts = {recommendation.pk: recommendation.text for recommendation in recommendations}
    matched = {}
    for answer in answers:
        match = process.extractOne(answer.recommendation or "", texts, scorer=fuzz.partial_ratio, score_cutoff=60)
        if match and match[2] not in matched:
            matched[match[2]] = answer.text
    return matched


def import_draft_for(*, draft_id, by, municipality) -> ImportDraft | None:
    """`by`'s unexpired import draft of that id in the municipality, without its text; None if none."""
    if not isinstance(draft_id, int):
        return None
    return (
        ImportDraft.objects.filter(
            pk=draft_id, created_by=by, municipality=municipality, created_at__gte=timezone.now() - DRAFT_LIFETIME
        )
        .defer("source_text")
        .first()
    )


def measure_owners(*, user, municipality):
    """The organisations `user` may name as a measure's owner, the same reach as the rule
    audits.manage_measure: every one for the coordinator and a municipal administrator,
    otherwise the organisations where the user is secretary, respondent or administrator
    and those below them."""
    from organizations.rules import Role, is_coordinator, is_municipal_admin
    from organizations.selectors import organizations_acting_for

    if is_coordinator(user) or is_municipal_admin(user):
        return Organization.objects.filter(municipality=municipality)
    return organizations_acting_for(
        user=user, municipality=municipality, roles=(Role.SECRETARY, Role.RESPONDENT, Role.ADMIN)
    )
