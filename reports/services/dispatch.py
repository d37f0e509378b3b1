"""Dispatching (expediering) an approved and filed report to every board and company asked
in its cycle, and their acknowledgement of receipt with their planned actions.

Each dispatch carries a link that works without an account: a random token of which only
its SHA-256 is stored, valid for LINK_DAYS and used once. The link is only ever in the
e-mail (the outbox keeps the e-mail as sent). A logged-in secretary or respondent of the
organisation may acknowledge with a button instead."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.links import absolute_url
from core.tokens import token_hash, token_new
from notifications.services import outbox_enqueue
from organizations.models import Membership, Organization
from reports.models import DevelopmentArea, Dispatch, ReportVersion
from reports.services.decisions import filing_decision

LINK_DAYS = 60
# The kinds of organisation a report is dispatched to: those that answer the follow-up.
RECIPIENT_KINDS = (Organization.Kind.BOARD, Organization.Kind.COMPANY)

NOT_FILED = _("Rapporten kan expedieras först när den är godkänd och kommunstyrelsen har lagt den till handlingarna.")
NOTHING_TO_DISPATCH = _("Alla nämnder och bolag i uppföljningen har redan fått rapporten.")
LINK_INVALID = _("Länken är inte giltig. Kontrollera att hela länken från e-postmeddelandet kom med.")
LINK_EXPIRED = _("Länken har gått ut. Be samordnaren om en ny länk.")
ALREADY_ACKNOWLEDGED = _("Mottagandet är redan kvitterat. Länken kan bara användas en gång.")
NAME_MISSING = _("Skriv ditt namn, så att det syns vem som kvitterade.")
ACTIONS_MISSING = _("Beskriv vilka åtgärder ni planerar för utvecklingsområdet.")


def recipients(dispatch: Dispatch) -> list[str]:
    """The organisation's registry mailbox and its secretaries: where formal mail goes."""
    organization = dispatch.organization
    secretaries = Membership.objects.filter(
        organization=organization, role=Membership.Role.SECRETARY, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted({email for email in [organization.registry_email, *secretaries] if email})


def link_send(*, dispatch: Dispatch, template: str, topic: str = "") -> int:
    """Give `dispatch` a fresh link and e-mail it; an earlier link stops working, since
    only the newest token's hash is kept. Returns how many messages were queued."""
    token, dispatch.token_hash = token_new()
    dispatch.expires_at = timezone.now() + timedelta(days=LINK_DAYS)
    dispatch.save(update_fields=["token_hash", "expires_at"])
    link = absolute_url(reverse("reports:acknowledge_link", kwargs={"token": token}))
    logged_in_link = absolute_url(reverse("reports:dispatch_acknowledge", kwargs={"pk": dispatch.pk}))
    context = {"dispatch": dispatch, "version": dispatch.version, "report": dispatch.version.report, "link": link,
               "logged_in_link": logged_in_link, "expires_at": dispatch.expires_at}
    addresses = recipients(dispatch)
    for address in addresses:
        outbox_enqueue(to=address, template=template, context=context, topic=topic,
                       municipality=dispatch.organization.municipality)
    return len(addresses)


def dispatchable(version: ReportVersion) -> bool:
    return version.status == ReportVersion.Status.APPROVED and filing_decision(version) is not None


@records_by
def dispatch_send(*, version: ReportVersion, by) -> list[Dispatch]:
    """Dispatch the approved, filed `version` to every board and company asked in its
    cycle that has not had it yet, each with its own acknowledgement link; returns the new
    dispatches. Refused, with nothing sent, before KS has filed the report."""
    if not dispatchable(version):
        raise ValidationError(NOT_FILED)
    already = set(version.dispatches.values_list("organization_id", flat=True))
    organizations = [
        asked.organization for asked in version.report.cycle.organizations_asked.select_related(
            "organization__municipality").order_by("organization__name")
        if asked.organization.kind in RECIPIENT_KINDS and asked.organization_id not in already
    ]
    if not organizations:
        raise ValidationError(NOTHING_TO_DISPATCH)
    created = []
    with transaction.atomic():
        for organization in organizations:
            # A placeholder hash until link_send sets the real one, unique like every hash.
            dispatch = Dispatch.objects.create(version=version, organization=organization,
                                               token_hash=token_new()[1], expires_at=timezone.now())
            link_send(dispatch=dispatch, template="reports/email/dispatch",
                      topic=f"reports:{version.pk}:dispatch:{organization.pk}")
            created.append(dispatch)
    return created


def dispatch_for_token(*, token: str) -> Dispatch:
    """The dispatch a link's token names, or a ValidationError saying why the link does
    not work: unknown (forged or mistyped), expired, or already used."""
    dispatch = (
        Dispatch.objects.select_related("version__report__cycle__program", "organization")
        .filter(token_hash=token_hash(token or "")).first()
    )
    if dispatch is None:
        raise ValidationError(LINK_INVALID, code="invalid")
    if dispatch.is_acknowledged:
        raise ValidationError(ALREADY_ACKNOWLEDGED, code="used")
    if dispatch.expires_at <= timezone.now():
        raise ValidationError(LINK_EXPIRED, code="expired")
    return dispatch


def development_areas_for(dispatch: Dispatch) -> list[DevelopmentArea]:
    """The report's development areas that the dispatched organisation owns."""
    return list(DevelopmentArea.objects.filter(report_id=dispatch.version.report_id,
                                               owner_id=dispatch.organization_id).order_by("due_date", "title"))


def _planned_actions_text(*, areas: list[DevelopmentArea], actions: dict, other: str) -> str:
    missing = {f"area_{area.pk}": ACTIONS_MISSING for area in areas if not (actions.get(area.pk) or "").strip()}
    if missing:
        raise ValidationError(missing)
    parts = [f"{area.title}: {actions[area.pk].strip()}" for area in areas]
    if other.strip():
        parts.append(other.strip())
    return "\n\n".join(parts)


@records_by
def dispatch_acknowledge(
    *, dispatch: Dispatch, actions: dict, other: str = "", name: str = "", token: str | None = None, by=None
) -> Dispatch:
    """Acknowledge receipt of `dispatch` with the planned actions: one text per development
    area the organisation owns (`actions`, by area id) and any other actions. Through a
    link (`token`) the acknowledger gives a name; logged in (`by`) their account is
    recorded. A dispatch is acknowledged once: a second attempt, even one racing the
    first, is refused and changes nothing."""
    if token is not None:
        dispatch = dispatch_for_token(token=token)
    elif dispatch.is_acknowledged:
        raise ValidationError(ALREADY_ACKNOWLEDGED, code="used")
    name = (name or "").strip() or (by.get_full_name() if by is not None else "")
    if not name:
        raise ValidationError({"name": NAME_MISSING})
    planned = _planned_actions_text(areas=development_areas_for(dispatch), actions=actions, other=other)
    filters = {"pk": dispatch.pk, "acknowledged_at__isnull": True}
    if token is not None:
        filters.update(token_hash=token_hash(token), expires_at__gt=timezone.now())
    now = timezone.now()
    # One conditional UPDATE: of two submissions of the same link only one can match it.
    updated = Dispatch.objects.filter(**filters).update(
        acknowledged_at=now, acknowledged_by=by, acknowledged_by_name=name[:200], planned_actions=planned
    )
    if not updated:
        raise ValidationError(ALREADY_ACKNOWLEDGED, code="used")
    dispatch.refresh_from_db()
    return dispatch


def dispatch_status(*, version: ReportVersion) -> list[Dispatch]:
    """Every dispatch of `version`, unacknowledged first, for the status page."""
    dispatches = version.dispatches.select_related("organization", "acknowledged_by")
    return sorted(dispatches, key=lambda d: (d.is_acknowledged, d.organization.name))
