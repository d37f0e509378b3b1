import factory
from django.utils import timezone

from notifications.models import OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    recipient = factory.Sequence(lambda n: f"mottagare{n}@kommun.example")
    subject = factory.Sequence(lambda n: f"Utskick {n}")
    body = "Text"
    template = "notifications_test/greeting"
    next_attempt_at = factory.LazyFunction(timezone.now)
