import pytest
from django.urls import reverse

from notifications.models import OutboxMessage
from notifications.services import NOT_FAILED
from notifications.tests.factories import OutboxMessageFactory
from organizations.models import Membership

Status = OutboxMessage.Status


@pytest.fixture
def coordinator_client(client, town):
    client.force_login(town.users[Membership.Role.COORDINATOR])
    return client


def test_the_outbox_filters_on_status_and_shows_the_error(coordinator_client, town):
    OutboxMessageFactory(municipality=town.municipality, subject="Gick fram", status=Status.SENT)
    OutboxMessageFactory(municipality=town.municipality, subject="Studsade", status=Status.FAILED,
                         last_error="ingen@studsar.example: 550 Mottagaren finns inte")
    OutboxMessageFactory(subject="Annan kommun", status=Status.FAILED)

    page = coordinator_client.get(reverse("notifications:outbox_list"), {"status": "failed"}).content.decode()

    assert "Studsade" in page and "550 Mottagaren finns inte" in page and "Skicka igen" in page
    assert "Gick fram" not in page and "Annan kommun" not in page


def test_a_message_whose_arrival_is_unknown_is_shown_for_a_person_to_send_again(coordinator_client, town):
    OutboxMessageFactory(municipality=town.municipality, subject="Avbrutet", status=Status.UNKNOWN, attempts=1)

    page = coordinator_client.get(reverse("notifications:outbox_list"), {"status": "unknown"}).content.decode()

    assert "Avbrutet" in page and "Oklart om det kom fram" in page and "Skicka igen" in page


def test_the_retry_button_queues_a_failed_message_again(coordinator_client, town, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(municipality=town.municipality, status=Status.FAILED, attempts=5)
    with django_capture_on_commit_callbacks(execute=False):
        response = coordinator_client.post(reverse("notifications:outbox_retry", args=[message.pk]), follow=True)

    assert "Utskicket har lagts i kön igen." in response.content.decode()
    message.refresh_from_db()
    assert message.status == Status.QUEUED and message.attempts == 0


def test_retrying_a_sent_message_is_refused_and_changes_nothing(coordinator_client, town):
    message = OutboxMessageFactory(municipality=town.municipality, status=Status.SENT, attempts=1)

    response = coordinator_client.post(reverse("notifications:outbox_retry", args=[message.pk]), follow=True)

    assert str(NOT_FAILED) in response.content.decode()
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1


def test_a_respondent_cannot_retry(client, town):
    message = OutboxMessageFactory(municipality=town.municipality, status=Status.FAILED, attempts=5)
    client.force_login(town.users[Membership.Role.RESPONDENT])

    assert client.post(reverse("notifications:outbox_retry", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.status == Status.FAILED


def test_the_outbox_page_runs_a_fixed_number_of_queries(coordinator_client, town, django_assert_max_num_queries):
    OutboxMessageFactory.create_batch(40, municipality=town.municipality)
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("notifications:outbox_list"))
    assert response.status_code == 200
