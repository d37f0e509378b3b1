"""Reminders and escalation for a cycle, on the schedule its coordinator set.

Each message is an outbox row whose topic names the cycle, the stage,
the organisation and the deadline, so it is never sent twice and a moved deadline starts
the reminders over; of the stages due only the latest is sent, so a worker that was down
for a week sends one reminder, not a backlog. Only organisations that have not submitted
are reminded. After `escalate_after_days` overdue, the organisation's head (the head's
address on the organisation, else its registry mailbox) and the KS officials are told once."""

from datetime import date

from followup.completeness import reminder_topic_prefix
from followup.models import CycleOrganization, FollowUpCycle
from notifications.services import outbox_enqueue_once, reminder_stage_due
from organizations.models import Membership

Status = CycleOrganization.Status
WAITING = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)


def _days(value: str) -> list[int]:
    return [int(part) for part in value.split(",") if part.strip()]


def due_stage(*, cycle: FollowUpCycle, today: date) -> str | None:
    """The latest reminder stage that has come by `today`, or None before the first."""
    stages = [(f"before-{d}", d) for d in sorted(_days(cycle.reminder_days_before), reverse=True)]
    stages += [(f"after-{d}", -d) for d in sorted(_days(cycle.reminder_days_after))]
    return reminder_stage_due(stages=stages, deadline=cycle.deadline, today=today)


def ks_officials(*, municipality) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organization__municipality=municipality, role=Membership.Role.KS_OFFICIAL, user__is_active=True
        ).values_list("user__email", flat=True).distinct()
    )


def reminders_send_due(*, today: date) -> int:
    """Queue today's reminders and escalations for every open cycle; returns how many."""
    queued = 0
    cycles = FollowUpCycle.objects.filter(status=FollowUpCycle.Status.OPEN, opens_on__lte=today).select_related(
        "program__municipality"
    )
    for cycle in cycles:
        municipality = cycle.program.municipality
        stage = due_stage(cycle=cycle, today=today)
        overdue_days = cycle.days_overdue(today)
        escalate = overdue_days > 0 and overdue_days >= cycle.escalate_after_days
        waiting = cycle.organizations_asked.filter(status__in=WAITING).select_related(
            "organization", "respondent", "backup"
        )
        officials = ks_officials(municipality=municipality) if escalate else []
        for response in waiting:
            context = {"response": response, "cycle": cycle, "overdue_days": overdue_days}
            if stage is not None:
                topic = f"{reminder_topic_prefix(cycle)}-{stage}:{response.organization_id}:{cycle.deadline}"
                for user in filter(None, [response.respondent, response.backup]):
                    queued += outbox_enqueue_once(to=user.email, template="followup/email/reminder", context=context,
                                                  topic=topic, municipality=municipality)
            if escalate:
                topic = f"followup:{cycle.pk}:escalation:{response.organization_id}:{cycle.deadline}"
                head = [response.organization.escalation_email] if response.organization.escalation_email else []
                for address in dict.fromkeys(head + officials):
                    queued += outbox_enqueue_once(to=address, template="followup/email/escalation", context=context,
                                                  topic=topic, municipality=municipality)
    return queued
