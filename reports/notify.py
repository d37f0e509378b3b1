"""Reminders and escalation for dispatched reports that have not been acknowledged.

REMIND_AFTER_DAYS after a dispatch the organisation is reminded once, with a fresh link
(the earlier one stops working, since only the newest token's hash is kept). After
ESCALATE_AFTER_DAYS each KS official gets one digest listing every dispatch then
unacknowledged, at most once a day and only on a day a dispatch has become overdue since
their previous digest, as followup.notify does for late answers. The outbox topic of each
message names what it is about, so running the command any number of times a day sends
each once."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max

from followup.notify import ks_officials
from notifications.models import OutboxMessage
from notifications.services import outbox_enqueue_once
from reports.models import Dispatch
from reports.services.dispatch import link_send

REMIND_AFTER_DAYS = 14
ESCALATE_AFTER_DAYS = 28
DIGEST_TOPIC = "reports:dispatch-digest:{municipality}:"


def reminder_topic(dispatch: Dispatch) -> str:
    return f"reports:{dispatch.version_id}:dispatch-reminder:{dispatch.organization_id}"


@dataclass(frozen=True)
class Unacknowledged:
    dispatch: Dispatch
    days: int
    escalated_on: date


def report_reminders_send_due(*, today: date) -> int:
    """Queue today's reminders and KS digests for unacknowledged dispatches; returns how many."""
    queued = 0
    overdue_by_municipality: dict = {}
    pending = Dispatch.objects.filter(acknowledged_at__isnull=True).select_related(
        "organization__municipality", "version__report__cycle__program"
    )
    for dispatch in pending:
        sent_on = dispatch.sent_at.date()
        days = (today - sent_on).days
        topic = reminder_topic(dispatch)
        if days >= REMIND_AFTER_DAYS and not OutboxMessage.objects.filter(topic=topic).exists():
            # The new link and its e-mails together: never a dead old link without a new one sent.
            with transaction.atomic():
                queued += link_send(dispatch=dispatch, template="reports/email/dispatch_reminder", topic=topic)
        if days >= ESCALATE_AFTER_DAYS:
            escalated_on = sent_on + timedelta(days=ESCALATE_AFTER_DAYS)
            overdue_by_municipality.setdefault(dispatch.organization.municipality, []).append(
                Unacknowledged(dispatch, days, escalated_on)
            )
    for municipality, overdue in overdue_by_municipality.items():
        queued += _digests_send(municipality=municipality, overdue=overdue, today=today)
    return queued


def _digests_send(*, municipality, overdue: list[Unacknowledged], today: date) -> int:
    prefix = DIGEST_TOPIC.format(municipality=municipality.pk)
    officials = ks_officials(municipality=municipality)
    # The topic ends in the ISO date, so the greatest topic is the latest digest.
    previous = dict(
        OutboxMessage.objects.filter(topic__startswith=prefix, recipient__in=officials)
        .values("recipient").annotate(latest=Max("topic")).values_list("recipient", "latest")
    )
    overdue = sorted(overdue, key=lambda item: (item.dispatch.version.report.cycle.year,
                                                item.dispatch.organization.name))
    queued = 0
    for official in officials:
        last_sent = date.fromisoformat(previous[official].removeprefix(prefix)) if official in previous else None
        if last_sent is not None and not any(item.escalated_on > last_sent for item in overdue):
            continue
        queued += outbox_enqueue_once(
            to=official, template="reports/email/dispatch_digest",
            context={"overdue": overdue, "count": len(overdue), "today": today},
            topic=f"{prefix}{today.isoformat()}", municipality=municipality,
        )
    return queued
