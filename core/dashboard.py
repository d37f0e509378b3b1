"""The start page (Översikt) by role: one section per role the user holds, each read in a
fixed number of queries however many organisations, cycles, audits or indicators there are.

The sections read other apps' models and selectors; nothing here writes."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from audits.models import Audit, AuditResponse, Measure, Recommendation
from audits.selectors import FollowUpStatus, followup_overview
from core import page_cache
from core.dashboard_fulfilment import Named, fulfilment_section
from core.reversing import pk_url
from followup.models import CycleOrganization, FollowUpCycle
from followup.selectors import cycles_for_municipality, responses_for_user
from organizations.models import Membership, Organization
from organizations.rules import memberships_of, organization_ids_with_role
from organizations.selectors import organization_names_acting_for
from reports.models import Decision, Dispatch, ReportVersion

Role = Membership.Role
DONE = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)
OPEN_MEASURE = (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS)

# Where a cycle's report stands, and the coordinator's next step from there.
STAGE_NONE = _("Ingen rapport ännu")
STAGE_DRAFT = _("Utkast")
STAGE_SUBMITTED = _("Inlämnad för beslut")
STAGE_APPROVED = _("Godkänd av samordnande nämnd")
STAGE_FILED = _("Lagd till handlingarna av KS")
STAGE_DISPATCHED = _("Expedierad till nämnderna")
STAGE_PUBLISHED = _("Publicerad")
STEP_CREATE = _("Skapa rapport")
STEP_SUBMIT = _("Gör klart utkastet och lämna in det för beslut")
STEP_APPROVAL = _("Registrera den samordnande nämndens beslut")
STEP_FILING = _("Registrera KS beslut att lägga rapporten till handlingarna")
STEP_DISPATCH = _("Expediera beslutet till nämnderna")
STEP_PUBLISH = _("Publicera rapporten")
STEP_FOLLOW = _("Följ mottagningen och utvecklingsområdena")


@dataclass
class Link:
    text: str
    url: str


@dataclass
class KsSection:
    overdue: list  # CycleOrganization with .days_overdue
    unacknowledged: list  # Dispatch
    audit_rows: list  # audits OverviewRow with an overdue answer or measure
    overdue_measures: list  # dict: the columns shown and the measure's url
    oversight_url: str | None = None


@dataclass
class CycleStatus:
    cycle: FollowUpCycle
    answered: int
    total: int
    overdue: int
    stage: str
    next_step: Link


@dataclass
class SecretarySection:
    versions: list  # ReportVersion submitted for the board's decision
    audit_answers: list  # (Audit, Organization, url)


@dataclass
class AuditorSection:
    open_recommendations: int
    rows: list  # audits OverviewRow with anything open
    overdue_measures: list


@dataclass
class Dashboard:
    ks: KsSection | None = None
    cycles: list[CycleStatus] | None = None
    responses: list | None = None
    secretary: SecretarySection | None = None
    auditor: AuditorSection | None = None
    fulfilment: str | None = None  # the politician's section, as HTML


def dashboard_for(*, user, municipality, today: date) -> Dashboard:
    """The sections of the roles `user` holds in `municipality` (an administrator sees none
    of them: the role is about managing, not doing, the work)."""
    roles = {m.role for m in memberships_of(user) if m.organization.municipality_id == municipality.pk}
    result = Dashboard()
    if Role.KS_OFFICIAL in roles:
        result.ks = ks_section(municipality=municipality, today=today)
    if Role.COORDINATOR in roles:
        result.cycles = coordinator_cycles(municipality=municipality, today=today)
    if Role.RESPONDENT in roles:
        result.responses = respondent_responses(user=user, municipality=municipality, today=today)
    if Role.SECRETARY in roles:
        result.secretary = secretary_section(user=user, municipality=municipality)
    if Role.AUDITOR in roles:
        result.auditor = auditor_section(municipality=municipality, today=today)
    if Role.POLITICIAN in roles:
        result.fulfilment = fulfilment_section(municipality=municipality)
    return result


def overdue_measures(*, municipality, today: date) -> list[dict]:
    """Open measures past their date, as the rows the page shows (plain columns, each with
    its link): one query."""
    rows = list(
        Measure.objects.filter(
            recommendation__audit__municipality=municipality, status__in=OPEN_MEASURE, due_date__lt=today
        )
        .order_by("due_date", "owner__name")
        .values("pk", "description", "due_date", owner_name=F("owner__name"),
                audit_title=F("recommendation__audit__title"))
    )
    if rows:
        url = pk_url("audits:measure_detail")
        for row in rows:
            row["url"] = url(row["pk"])
    return rows


def ks_section(*, municipality, today: date) -> KsSection:
    """What is late: organisations past the deadline in open cycles, dispatches not
    acknowledged, audit answers and measures overdue. The same for every KS official, so
    kept in the cache (core.page_cache) until a record it is read from changes."""
    return page_cache.ks_section(municipality=municipality, today=today,
                                 build=lambda: _ks_section(municipality=municipality, today=today))


def _ks_section(*, municipality, today: date) -> KsSection:
    """Six queries."""
    overdue = list(
        CycleOrganization.objects.filter(
            cycle__program__municipality=municipality, cycle__status=FollowUpCycle.Status.OPEN,
            cycle__deadline__lt=today,
        )
        .exclude(status__in=DONE)
        .select_related("cycle__program", "organization")
        .order_by("cycle__deadline", "organization__name")
    )
    for response in overdue:
        response.days_overdue = response.cycle.days_overdue(today)
    unacknowledged = list(
        Dispatch.objects.filter(version__report__cycle__program__municipality=municipality, acknowledged_at__isnull=True)
        .select_related("organization", "version__report__cycle__program")
        .order_by("sent_at", "organization__name")
    )
    audit_rows = [
        row for row in followup_overview(municipality=municipality).per_organization
        if row.overdue_response or row.overdue_measures
    ]
    try:
        oversight_url = reverse("oversight:page")
    except NoReverseMatch:
        oversight_url = None
    return KsSection(overdue=overdue, unacknowledged=unacknowledged, audit_rows=audit_rows,
                     overdue_measures=overdue_measures(municipality=municipality, today=today),
                     oversight_url=oversight_url)


def coordinator_cycles(*, municipality, today: date) -> list[CycleStatus]:
    """Each open cycle with its answers, how many are late, and its report's stage and the
    next step. Two queries."""
    cycles = list(
        cycles_for_municipality(municipality=municipality)
        .filter(status=FollowUpCycle.Status.OPEN)
        .annotate(pending_count=Count("organizations_asked", filter=~Q(organizations_asked__status__in=DONE)))
    )
    filed = Decision.objects.filter(
        report_version=OuterRef("pk"), wording=Decision.Wording.FILES,
        organization__kind=Organization.Kind.EXECUTIVE_BOARD,
    )
    latest = {}
    for version in (
        ReportVersion.objects.filter(report__cycle__in=[cycle.pk for cycle in cycles])
        .select_related("report")
        .annotate(filed=Exists(filed), dispatched=Exists(Dispatch.objects.filter(version=OuterRef("pk"))))
        .order_by("report_id", "-number")
    ):
        latest.setdefault(version.report.cycle_id, version)
    return [
        CycleStatus(
            cycle=cycle, answered=cycle.submitted_count, total=cycle.asked_count,
            overdue=cycle.pending_count if cycle.days_overdue(today) else 0,
            **_report_stage(cycle, latest.get(cycle.pk)),
        )
        for cycle in cycles
    ]


def _report_stage(cycle: FollowUpCycle, version: ReportVersion | None) -> dict:
    if version is None:
        return {"stage": STAGE_NONE,
                "next_step": Link(STEP_CREATE, reverse("reports:report_create", kwargs={"cycle_pk": cycle.pk}))}
    url = version.get_absolute_url()
    if version.published_at:
        stage, step = STAGE_PUBLISHED, STEP_FOLLOW
    elif version.dispatched:
        stage, step = STAGE_DISPATCHED, STEP_PUBLISH
    elif version.filed:
        stage, step = STAGE_FILED, STEP_DISPATCH
    elif version.status == ReportVersion.Status.APPROVED:
        stage, step = STAGE_APPROVED, STEP_FILING
    elif version.status == ReportVersion.Status.SUBMITTED:
        stage, step = STAGE_SUBMITTED, STEP_APPROVAL
    else:
        stage, step = STAGE_DRAFT, STEP_SUBMIT
    return {"stage": stage, "next_step": Link(step, url)}


def respondent_responses(*, user, municipality, today: date) -> list[CycleOrganization]:
    """The user's questionnaires in open cycles, each with its days overdue. Three queries."""
    responses = list(responses_for_user(user=user, municipality=municipality).filter(
        cycle__status=FollowUpCycle.Status.OPEN))
    for response in responses:
        response.days_overdue = 0 if response.status in DONE else response.cycle.days_overdue(today)
    return responses


def secretary_section(*, user, municipality) -> SecretarySection:
    """Decisions waiting for the secretary's boards: report versions submitted to the board
    coordinating their program, and audit answers asked of the board and not recorded.
    The same for every secretary of the same boards, so kept in the cache
    (core.page_cache) until a record it is read from changes."""
    return page_cache.secretary_section(
        municipality=municipality, boards=list(organization_ids_with_role(user, Role.SECRETARY)),
        build=lambda: _secretary_section(user=user, municipality=municipality))


def _secretary_section(*, user, municipality) -> SecretarySection:
    """Six queries, each reading the municipality's rows and keeping the boards' in Python:
    a secretary may act for hundreds of organisations, and a list of hundreds of ids in
    each query cost more than the rows."""
    names = organization_names_acting_for(user=user, municipality=municipality, roles=(Role.SECRETARY,))
    versions = [
        version for version in
        ReportVersion.objects.filter(status=ReportVersion.Status.SUBMITTED,
                                     report__cycle__program__municipality=municipality)
        .select_related("report__cycle__program__owner")
        # The frozen content is large and the section names the version only.
        .defer("content")
        .order_by("submitted_at")
        if version.report.cycle.program.owner_id in names
    ]
    asked = set(
        Recommendation.objects.filter(audit__municipality=municipality).values_list("audit_id", "organization_id")
    ) | set(
        Audit.response_from.through.objects.filter(audit__municipality=municipality)
        .values_list("audit_id", "organization_id")
    )
    asked -= set(
        AuditResponse.objects.filter(audit__municipality=municipality).values_list("audit_id", "organization_id")
    )
    asked = {(audit_id, organization_id) for audit_id, organization_id in asked if organization_id in names}
    audits = Audit.objects.filter(municipality=municipality).only("pk", "title", "response_by").in_bulk(
        {audit_id for audit_id, _ in asked})
    audit_answers = sorted(
        (
            (audits[audit_id], Named(organization_id, names[organization_id]),
             reverse("audits:response_create", kwargs={"pk": audit_id, "organization_pk": organization_id}))
            for audit_id, organization_id in asked
            if audit_id in audits
        ),
        key=lambda item: (item[0].response_by or date.max, item[0].title, item[1].name),
    )
    return SecretarySection(versions=versions, audit_answers=audit_answers)


def roles_held(*, user) -> list[tuple[str, str, str]]:
    """The user's roles as (role, organisation, its link), by organisation: from the
    memberships the permission checks have read already, each link reversed once."""
    labels = dict(Role.choices)
    url = pk_url("organizations:organization_detail")
    memberships = sorted(memberships_of(user), key=lambda m: (m.organization.name, m.pk))
    return [(labels.get(m.role, m.role), m.organization.name, url(m.organization_id)) for m in memberships]


def auditor_section(*, municipality, today: date) -> AuditorSection:
    """Recommendations not yet verified, per organisation, and the measures past due. The
    same for every auditor, so kept in the cache (core.page_cache) until a record it is
    read from changes."""
    return page_cache.auditor_section(municipality=municipality, today=today,
                                      build=lambda: _auditor_section(municipality=municipality, today=today))


def _auditor_section(*, municipality, today: date) -> AuditorSection:
    """Four queries."""
    rows = [
        row for row in followup_overview(municipality=municipality).per_organization
        if row.total > row.counts[FollowUpStatus.VERIFIED]
    ]
    for row in rows:
        row.open_count = row.total - row.counts[FollowUpStatus.VERIFIED]
    return AuditorSection(
        open_recommendations=sum(row.open_count for row in rows), rows=rows,
        overdue_measures=overdue_measures(municipality=municipality, today=today),
    )
