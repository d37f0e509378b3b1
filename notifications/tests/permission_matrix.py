"""This app's rows in the permission matrix: only the coordinator and a municipal
administrator read the outbox and send a failed message again."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, DENIED, DONE, POST_ONLY, Row, expect
from notifications.models import OutboxMessage
from notifications.tests.factories import OutboxMessageFactory


def _failed_message(town) -> dict:
    message = OutboxMessageFactory(municipality=town.municipality, status=OutboxMessage.Status.FAILED, attempts=5)
    return {"pk": message.pk}


def _delivery(town, kwargs) -> tuple:
    return OutboxMessage.objects.filter(pk=kwargs["pk"]).values_list("status", "attempts").get()


ROWS = {
    "notifications:outbox_list": Row(COORDINATOR_AND_ADMIN),
    "notifications:outbox_retry": Row(
        POST_ONLY, _failed_message, expect(DENIED, coordinator=DONE, admin=DONE), state=_delivery
    ),
}
