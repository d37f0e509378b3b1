from notifications.models import OutboxMessage


def outbox_messages(*, municipality, status: str | None = None):
    """The municipality's messages, newest first, optionally of one status."""
    messages = OutboxMessage.objects.filter(municipality=municipality)
    if status in OutboxMessage.Status.values:
        messages = messages.filter(status=status)
    return messages


def outbox_counts(*, municipality) -> dict[str, int]:
    from django.db.models import Count

    rows = OutboxMessage.objects.filter(municipality=municipality).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
