"""Who hears about an audit, and the reminders around its deadlines.

Decisions, stated once: dates are the municipality's local dates (Europe/Stockholm), so a
reminder goes out on the right calendar day wherever the server runs. Each reminder is an
outbox message whose topic names the audit, the organisation, the stage and the deadline:
it is never sent twice, and when the deadline moves the reminders start over for the new
one. An overdue measure is flagged once per due date and owner: a new owner or a new
date is told afresh. Only an organisation that has not answered is reminded. Of the stages that are due,
only the latest is sent, so a worker that was down for a week sends one reminder, not four."""

from datetime import date

from django.db.models import Q

from notifications.services import outbox_enqueue_once, reminder_stage_due
from organizations.models import Membership, Organization

Role = Membership.Role

# (stage, days before the deadline; negative is after it)
RESPONSE_STAGES = [("before-14", 14), ("before-1", 1), ("after-1", -1), ("after-14", -14)]


def recipients_for_response_request(*, organization: Organization) -> list[str]:
    """The organisation's secretaries; its registry mailbox when it has none."""
    addresses = sorted(
        Membership.objects.filter(organization=organization, role=Role.SECRETARY, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )
    if not addresses and organization.registry_email:
        addresses = [organization.registry_email]
    return addresses


def oversight_recipients(*, municipality) -> list[str]:
    """KS officials and the auditors, who are told of what is overdue."""
    return sorted(
        Membership.objects.filter(
            organization__municipality=municipality, role__in=[Role.KS_OFFICIAL, Role.AUDITOR], user__is_active=True
        )
        .values_list("user__email", flat=True)
        .distinct()
    )


def due_stage(*, deadline: date, today: date) -> str | None:
    """The latest reminder stage that has come by `today`, or None before the first."""
    return reminder_stage_due(stages=RESPONSE_STAGES, deadline=deadline, today=today)


def reminders_send_due(*, today: date) -> int:
    """Queue the reminders due today for unanswered audits and overdue measures, and tell
    KS and the auditors of each that is overdue. Returns how many messages were queued."""
    from audits.models import Audit, Measure

    queued = 0
    audits = (
        Audit.objects.filter(response_by__isnull=False)
        .select_related("municipality")
        .prefetch_related("response_from", "recommendations__organization", "responses")
    )
    for audit in audits:
        stage = due_stage(deadline=audit.response_by, today=today)
        if stage is None:
            continue
        answered = {response.organization_id for response in audit.responses.all()}
        addressed = {org.pk: org for org in audit.response_from.all()}
        addressed.update({rec.organization_id: rec.organization for rec in audit.recommendations.all()})
        for organization in sorted(addressed.values(), key=lambda org: org.name):
            if organization.pk in answered:
                continue
            context = {"audit": audit, "organization": organization, "deadline": audit.response_by,
                       "overdue": stage.startswith("after")}
            base = f"audits:{audit.pk}:{{}}:{organization.pk}:{audit.response_by}"
            for address in recipients_for_response_request(organization=organization):
                queued += outbox_enqueue_once(to=address, template="audits/email/response_reminder", context=context,
                                              topic=base.format(f"reminder-{stage}"), municipality=audit.municipality)
            if context["overdue"]:
                for address in oversight_recipients(municipality=audit.municipality):
                    queued += outbox_enqueue_once(to=address, template="audits/email/response_overdue", context=context,
                                                  topic=base.format("overdue"), municipality=audit.municipality)

    overdue_measures = Measure.objects.filter(
        Q(status=Measure.Status.PLANNED) | Q(status=Measure.Status.IN_PROGRESS), due_date__lt=today
    ).select_related("owner", "recommendation__audit__municipality")
    for measure in overdue_measures:
        municipality = measure.recommendation.audit.municipality
        topic = f"audits:measure:{measure.pk}:overdue:{measure.due_date}:{measure.owner_id}"
        addresses = recipients_for_response_request(organization=measure.owner) + oversight_recipients(
            municipality=municipality
        )
        for address in dict.fromkeys(addresses):
            queued += outbox_enqueue_once(to=address, template="audits/email/measure_overdue",
                                          context={"measure": measure}, topic=topic, municipality=municipality)
    return queued
