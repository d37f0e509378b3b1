"""The outbox holds every board's mail and no message says which organisation it concerns,
so only the coordinator and a municipal administrator read it or send again."""

from django.urls import reverse

from notifications.models import OutboxMessage
from notifications.tests.factories import OutboxMessageFactory
from organizations.models import Membership

Role = Membership.Role


def test_a_board_admin_cannot_read_the_outbox(client, town, board_admin):
    OutboxMessageFactory(municipality=town.municipality, recipient="registrator@forskola.example",
                         subject="Påminnelse till Förskolenämnden")
    client.force_login(board_admin)

    assert not board_admin.has_perm("notifications.view_outbox")
    response = client.get(reverse("notifications:outbox_list"))

    assert response.status_code == 403
    assert "Förskolenämnden" not in response.content.decode()


def test_the_menu_does_not_offer_the_outbox_to_a_board_admin(client, town, board_admin):
    client.force_login(board_admin)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("notifications:outbox_list") not in page


def test_a_board_admin_cannot_send_a_message_again(client, town, board_admin):
    message = OutboxMessageFactory(municipality=town.municipality, status=OutboxMessage.Status.FAILED, attempts=5)
    client.force_login(board_admin)

    assert client.post(reverse("notifications:outbox_retry", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 5)


def test_the_coordinator_and_the_municipal_admin_read_the_outbox(client, town):
    OutboxMessageFactory(municipality=town.municipality, subject="Påminnelse till Förskolenämnden")
    for role in (Role.COORDINATOR, Role.ADMIN):
        client.force_login(town.users[role])
        assert "Påminnelse till Förskolenämnden" in client.get(reverse("notifications:outbox_list")).content.decode()
