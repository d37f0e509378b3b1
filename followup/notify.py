"""Invitations, reminders and escalation for a cycle, on the schedule its coordinator set.

Invitations go out when the cycle opens (its `opens_on`), not when the coordinator
creates it: a task scheduled for that day sends them, and the daily run sends any still
due, so nothing depends on that one task surviving. Each person is invited once per
organisation (the outbox's once-per-topic helper), however often either runs.

Each message is an outbox row whose topic names the cycle, the stage,
the organisation and the deadline, so it is never sent twice and a moved deadline starts
the reminders over; of the stages due only the latest is sent, so a worker that was down
for a week sends one reminder, not a backlog. Only organisations that have not submitted
are reminded. After `escalate_after_days` overdue, the organisation's head (the head's
address on the organisation, else its registry mailbox) is told once per organisation,
and each KS official gets one digest a day listing every organisation then late, not one
e-mail per organisation."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from followup.completeness import reminder_topic_prefix
from followup.models import CycleOrganization, FollowUpCycle
from notifications.models import OutboxMessage
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


def invitation_topic(response: CycleOrganization) -> str:
    return f"followup:{response.cycle_id}:invitation:{response.organization_id}"


def invitations_send(*, response: CycleOrganization, people, today: date) -> int:
    """Invite `people` to answer for the response's organisation, once each, and only
    once the cycle has opened (before that the opening sends them). Returns how many
    were queued."""
    cycle = response.cycle
    if not cycle.is_open or cycle.opens_on > today:
        return 0
    return sum(
        outbox_enqueue_once(
            to=person.email, template="followup/email/invitation",
            context={"response": response, "cycle": cycle, "person": person},
            topic=invitation_topic(response), municipality=cycle.program.municipality,
        )
        for person in people if person is not None
    )


def cycle_invitations_send(*, cycle: FollowUpCycle, today: date) -> int:
    """Invite every named respondent and backup of a cycle that has opened by `today`
    and not yet been invited; returns how many were queued. Safe to run any number of
    times: the opening-day task and the daily run both call it."""
    if not cycle.is_open or cycle.opens_on > today:
        return 0
    queued = 0
    for response in cycle.organizations_asked.select_related("organization", "respondent", "backup"):
        response.cycle = cycle
        queued += invitations_send(response=response, people=[response.respondent, response.backup], today=today)
    return queued


@dataclass(frozen=True)
class Late:
    response: CycleOrganization
    cycle: FollowUpCycle
    overdue_days: int
    escalated_on: date


def escalation_date(cycle: FollowUpCycle) -> date:
    """The day an organisation still waiting is escalated: `escalate_after_days` after the
    deadline, and never on the deadline itself."""
    return cycle.deadline + timedelta(days=max(cycle.escalate_after_days, 1))


DIGEST_TOPIC = "followup:escalation-digest:{municipality}:"


def reminders_send_due(*, today: date) -> int:
    """Queue today's invitations, reminders and escalations for every open cycle; returns how many."""
    queued = 0
    cycles = FollowUpCycle.objects.filter(status=FollowUpCycle.Status.OPEN, opens_on__lte=today).select_related(
        "program__municipality"
    )
    late_by_municipality: dict = {}
    for cycle in cycles:
        municipality = cycle.program.municipality
        queued += cycle_invitations_send(cycle=cycle, today=today)
        stage = due_stage(cycle=cycle, today=today)
        overdue_days = cycle.days_overdue(today)
        escalate = escalation_date(cycle) <= today
        waiting = cycle.organizations_asked.filter(status__in=WAITING).select_related(
            "organization", "respondent", "backup"
        )
        for response in waiting:
            context = {"response": response, "cycle": cycle, "overdue_days": overdue_days}
            if stage is not None:
                topic = f"{reminder_topic_prefix(cycle)}-{stage}:{response.organization_id}:{cycle.deadline}"
                for user in filter(None, [response.respondent, response.backup]):
                    queued += outbox_enqueue_once(to=user.email, template="followup/email/reminder", context=context,
                                                  topic=topic, municipality=municipality)
            if escalate:
                late_by_municipality.setdefault(municipality, []).append(
                    Late(response, cycle, overdue_days, escalation_date(cycle))
                )
                if response.organization.escalation_email:
                    topic = f"followup:{cycle.pk}:escalation:{response.organization_id}:{cycle.deadline}"
                    queued += outbox_enqueue_once(
                        to=response.organization.escalation_email, template="followup/email/escalation",
                        context=context, topic=topic, municipality=municipality,
                    )
    for municipality, late in late_by_municipality.items():
        queued += escalation_digests_send(municipality=municipality, late=late, today=today)
    return queued


def escalation_digests_send(*, municipality, late: list[Late], today: date) -> int:
    """Send each KS official at most one e-mail a day listing every organisation late past
    its escalation day, rather than one e-mail per organisation. A digest goes only on a
    day an organisation has become late since the official's previous digest (or a moved
    deadline made it late again), so KS is told of each once, not every day."""
    prefix = DIGEST_TOPIC.format(municipality=municipality.pk)
    officials = ks_officials(municipality=municipality)
    # The topic ends in the ISO date, so the greatest topic is the latest digest.
    previous = dict(
        OutboxMessage.objects.filter(topic__startswith=prefix, recipient__in=officials)
        .values("recipient").annotate(latest=Max("topic")).values_list("recipient", "latest")
    )
    late = sorted(late, key=lambda item: (item.cycle.year, item.response.organization.name))
    queued = 0
    for official in officials:
        last_sent = date.fromisoformat(previous[official].removeprefix(prefix)) if official in previous else None
        if last_sent is not None and not any(item.escalated_on > last_sent for item in late):
            continue
        queued += outbox_enqueue_once(
            to=official, template="followup/email/escalation_digest",
            context={"late": late, "count": len(late), "today": today},
            topic=f"{prefix}{today.isoformat()}", municipality=municipality,
        )
    return queued
