"""Queueing and sending e-mail through the outbox. Other apps call `outbox_enqueue`; the
rest runs on its own (a task per message, `send_outbox` for retries)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from notifications.models import OutboxMessage

NOT_FAILED = _("Bara ett utskick som har misslyckats kan skickas igen.")

# After this many failed attempts a message is marked failed and waits for a person.
MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 5)
# The first retry waits this long; each one after it waits twice as long as the last.
FIRST_RETRY_DELAY = timedelta(minutes=getattr(settings, "OUTBOX_FIRST_RETRY_MINUTES", 5))


def outbox_enqueue(*, to: str, template: str, context: dict, topic: str = "", municipality=None) -> OutboxMessage:
    """Render `template`_subject.txt and `template`_body.txt with `context` now, store the
    message, and send it once the surrounding transaction has committed."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    message = OutboxMessage.objects.create(
        municipality=municipality,
        recipient=to,
        subject=subject[:250],
        body=body,
        template=template,
        topic=topic,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _queue_send(message.pk))
    return message


def outbox_enqueue_once(*, to: str, template: str, context: dict, topic: str, municipality=None) -> bool:
    """Queue the message unless one with this topic has already gone to this recipient.

    Reminders are worked out afresh every day; the topic names what a reminder is about
    (record, stage, deadline), so each goes out once however often the schedule runs.
    Returns whether a message was queued."""
    if OutboxMessage.objects.filter(topic=topic, recipient=to).exists():
        return False
    outbox_enqueue(to=to, template=template, context=context, topic=topic, municipality=municipality)
    return True


def reminder_stage_due(*, stages: list[tuple[str, int]], deadline, today) -> str | None:
    """Of `stages` ((name, days before the deadline; negative after it), in the order they
    come), the latest that has been reached by `today`, or None before the first.

    Only the latest is sent, so a worker that was down for a week sends one reminder,
    not a backlog."""
    days_left = (deadline - today).days
    reached = [stage for stage, offset in stages if days_left <= offset]
    return reached[-1] if reached else None


def outbox_send(*, message: OutboxMessage) -> bool:
    """Try to send a queued message once. On failure the error is kept and the next
    attempt is set with exponential back-off; after MAX_ATTEMPTS the message is failed.
    Returns True when it was sent."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if message.status != OutboxMessage.Status.QUEUED:
            return message.status == OutboxMessage.Status.SENT
        message.attempts += 1
        try:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient],
            ).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is kept and retried
            message.last_error = _describe(error)
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                message.next_attempt_at = None
            else:
                message.next_attempt_at = timezone.now() + FIRST_RETRY_DELAY * 2 ** (message.attempts - 1)
            message.save()
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.next_attempt_at = None
        message.last_error = ""
        message.save()
        return True


def outbox_send_due(*, now=None) -> tuple[int, int]:
    """Send every queued message whose next attempt is due. Returns (sent, not sent)."""
    now = now or timezone.now()
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
    """Give a failed message a fresh round of attempts, starting now."""
    if message.status != OutboxMessage.Status.FAILED:
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
