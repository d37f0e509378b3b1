"""Queueing and sending e-mail through the outbox. Other apps call `outbox_enqueue`; the
rest runs on its own (a task per message, `send_outbox` for retries)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from notifications.models import OutboxMessage

NOT_FAILED = _("Bara ett utskick som har misslyckats eller som det är oklart om det kom fram kan skickas igen.")

# After this many failed attempts a message is marked failed and waits for a person.
MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 5)
# The first retry waits this long; each one after it waits twice as long as the last.
FIRST_RETRY_DELAY = timedelta(minutes=getattr(settings, "OUTBOX_FIRST_RETRY_MINUTES", 5))
# A send takes at most a few EMAIL_TIMEOUTs (connect, greeting, each command); a claim
# this old belongs to a sender that stopped.
CLAIM_TIMEOUT = timedelta(minutes=getattr(settings, "OUTBOX_CLAIM_MINUTES", 15))


def outbox_enqueue(
    *, to: str, template: str, context: dict, topic: str = "", municipality=None, once: bool = False
) -> OutboxMessage:
    """Render `template`_subject.txt and `template`_body.txt with `context` now, store the
    message, and send it once the surrounding transaction has committed. `once` is set
    only by outbox_enqueue_once, which handles the database refusing a second one."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    message = OutboxMessage.objects.create(
        municipality=municipality,
        recipient=to,
        subject=subject[:250],
        body=body,
        template=template,
        topic=topic,
        once=once,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _queue_send(message.pk))
    return message


def outbox_enqueue_once(*, to: str, template: str, context: dict, topic: str, municipality=None) -> bool:
    """Queue the message unless one with this topic has already gone to this recipient.

    Reminders are worked out afresh every day; the topic names what a reminder is about
    (record, stage, deadline), so each goes out once however often the schedule runs.
    Two workers enqueueing the same message at the same moment cannot both queue it: the
    database holds one `once` message per topic and recipient, and the loser is told it
    was already queued. Returns whether a message was queued."""
    if _already_queued(topic=topic, to=to):
        return False
    try:
        # A savepoint, so that the refused insert leaves the caller's transaction usable.
        with transaction.atomic():
            outbox_enqueue(to=to, template=template, context=context, topic=topic, municipality=municipality,
                           once=True)
    except IntegrityError:
        return False
    return True


def _already_queued(*, topic: str, to: str) -> bool:
    return OutboxMessage.objects.filter(topic=topic, recipient=to).exists()


def reminder_stage_due(*, stages: list[tuple[str, int]], deadline, today) -> str | None:
    """Of `stages` ((name, days before the deadline; negative after it), in the order they
    come), the latest that has been reached by `today`, or None before the first.

    Only the latest is sent, so a worker that was down for a week sends one reminder,
    not a backlog."""
    days_left = (deadline - today).days
    reached = [stage for stage, offset in stages if days_left <= offset]
    return reached[-1] if reached else None


def outbox_send(*, message: OutboxMessage) -> bool:
    """Try to send a queued message once, and never the same message twice.

    Three steps, each its own short piece of database work, so that a slow or stalled
    mail server (bounded by EMAIL_TIMEOUT) holds no row lock and, on SQLite, blocks no
    other write:
    1. claim: a queued message becomes `sending` with `claimed_at` set, in one UPDATE
       that only one worker can win, committed before anything is sent;
    2. send, outside any transaction; the caller (the task worker, `send_outbox`) must
       not hold one open;
    3. record the outcome: sent, or the error kept and the next attempt set with
       exponential back-off (failed after MAX_ATTEMPTS).
    A claim that outlives CLAIM_TIMEOUT means the sender stopped between 1 and 3; see
    `outbox_mark_interrupted`. Returns True when the message has been sent."""
    claimed_at = timezone.now()
    claimed = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.QUEUED).update(
        status=OutboxMessage.Status.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1
    )
    message = OutboxMessage.objects.get(pk=message.pk)
    if not claimed:
        return message.status == OutboxMessage.Status.SENT
    try:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        ).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is kept and retried
        outcome = {"last_error": _describe(error)}
        if message.attempts >= MAX_ATTEMPTS:
            outcome.update(status=OutboxMessage.Status.FAILED, next_attempt_at=None)
        else:
            retry_at = timezone.now() + FIRST_RETRY_DELAY * 2 ** (message.attempts - 1)
            outcome.update(status=OutboxMessage.Status.QUEUED, next_attempt_at=retry_at)
        sent = False
    else:
        outcome = {"status": OutboxMessage.Status.SENT, "sent_at": timezone.now(), "next_attempt_at": None,
                   "last_error": ""}
        sent = True
    # Only this claim's outcome: a claim given up as interrupted and sent again by a
    # person since is no longer this sender's to record.
    OutboxMessage.objects.filter(pk=message.pk, claimed_at=claimed_at).update(**outcome)
    return sent


def outbox_mark_interrupted(*, now=None) -> int:
    """Mark `unknown` every message claimed longer than CLAIM_TIMEOUT ago and not yet
    recorded: its sender stopped (a crash, a deploy) while the mail server had it, and
    whether it arrived cannot be known. It is not resent on its own, since "never sent
    twice" is the promise; the outbox page shows it to a person, who checks with the
    recipient and may send it again. Returns how many were marked."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=OutboxMessage.Status.UNKNOWN, next_attempt_at=None)


def outbox_send_due(*, now=None) -> tuple[int, int]:
    """Mark interrupted sends (see `outbox_mark_interrupted`), then send every queued
    message whose next attempt is due. Returns (sent, not sent)."""
    now = now or timezone.now()
    outbox_mark_interrupted(now=now)
    due = OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now)
    sent = failed = 0
    for message in due.order_by("next_attempt_at", "pk"):
        if outbox_send(message=message):
            sent += 1
        else:
            failed += 1
    return sent, failed


@records_by
def outbox_retry(*, message: OutboxMessage, by=None) -> OutboxMessage:
    """Give a failed message, or one whose arrival is unknown, a fresh round of attempts,
    starting now."""
    if message.status not in (OutboxMessage.Status.FAILED, OutboxMessage.Status.UNKNOWN):
        raise ValidationError(NOT_FAILED, code="not_failed")
    message.status = OutboxMessage.Status.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.save()
    transaction.on_commit(lambda: _queue_send(message.pk))
    return message


def _queue_send(message_id: int) -> None:
    from notifications.tasks import outbox_message_send

    outbox_message_send.enqueue(message_id=message_id)


def _describe(error: Exception) -> str:
    """The mail server's own words where it gave them (a refused address says why)."""
    recipients = getattr(error, "recipients", None)
    if isinstance(recipients, dict) and recipients:
        return "; ".join(
            f"{address}: {code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
            for address, (code, reply) in recipients.items()
        )
    return f"{type(error).__name__}: {error}"[:2000]
