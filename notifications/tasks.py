from django_tasks import task

from notifications.models import OutboxMessage


@task()
def outbox_message_send(message_id: int) -> None:
    """Send one queued message now; a failure leaves it queued for `send_outbox` to retry."""
    from notifications.services import outbox_send

    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is not None:
        outbox_send(message=message)
