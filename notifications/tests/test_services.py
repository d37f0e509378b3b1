import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notifications import services
from notifications.models import OutboxMessage
from notifications.tests.conftest import SlowCountingBackend, TransactionCheckingBackend
from notifications.tests.factories import OutboxMessageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_templates")]
Status = OutboxMessage.Status


def test_an_enqueued_message_is_rendered_at_once_and_sent_after_commit(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = services.outbox_enqueue(
            to="sekreterare@kommun.example", template="notifications_test/greeting", context={"name": "Eva"},
            topic="prov:1",
        )
        assert message.subject == "Hej Eva" and "prov till Eva" in message.body
        assert smtp_server.received == []
    for callback in callbacks:
        callback()

    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.sent_at
    [(recipients, email)] = smtp_server.received
    assert recipients == ["sekreterare@kommun.example"]
    assert email["Subject"] == "Hej Eva"
    assert "prov till Eva" in email.get_content()


def test_a_refused_address_keeps_the_servers_error_and_is_retried_later(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.outbox_enqueue(
            to="ingen@studsar.example", template="notifications_test/greeting", context={"name": "X"}
        )

    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.attempts == 1
    assert "550" in message.last_error and "Mottagaren finns inte" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(minutes=4)
    assert smtp_server.received == []


def test_the_wait_between_attempts_doubles_and_the_message_fails_after_the_last(smtp_server):
    message = OutboxMessageFactory(recipient="ingen@studsar.example")
    waits = []
    for _ in range(services.MAX_ATTEMPTS):
        before = timezone.now()
        services.outbox_send(message=message)
        message.refresh_from_db()
        if message.next_attempt_at:
            waits.append(round((message.next_attempt_at - before).total_seconds() / 60))

    assert waits == [5, 10, 20, 40]
    assert message.status == Status.FAILED and message.attempts == services.MAX_ATTEMPTS
    assert "550" in message.last_error


def test_send_outbox_sends_only_what_is_due_and_leaves_failures_queued(smtp_server):
    due = OutboxMessageFactory(recipient="a@kommun.example")
    later = OutboxMessageFactory(recipient="b@kommun.example", next_attempt_at=timezone.now() + timedelta(hours=1))
    refused = OutboxMessageFactory(recipient="c@studsar.example")

    call_command("send_outbox", stdout=open("/dev/null", "w"))

    statuses = {m.pk: (m.status, m.attempts) for m in OutboxMessage.objects.all()}
    assert statuses[due.pk] == (Status.SENT, 1)
    assert statuses[later.pk] == (Status.QUEUED, 0)
    assert statuses[refused.pk] == (Status.QUEUED, 1)
    assert [r for r, _ in smtp_server.received] == [["a@kommun.example"]]


def test_a_message_is_never_sent_twice(smtp_server):
    message = OutboxMessageFactory()
    assert services.outbox_send(message=message)
    assert services.outbox_send(message=message)
    assert len(smtp_server.received) == 1


def test_a_mail_server_that_is_down_is_an_error_to_retry(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    message = OutboxMessageFactory()

    assert not services.outbox_send(message=message)

    message.refresh_from_db()
    assert message.status == Status.QUEUED and "ConnectionRefusedError" in message.last_error


def test_retry_gives_a_failed_message_new_attempts(smtp_server, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(status=Status.FAILED, attempts=5, last_error="550")
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_retry(message=message)

    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1


def test_only_a_failed_message_can_be_retried():
    message = OutboxMessageFactory(status=Status.SENT, attempts=1)

    with pytest.raises(ValidationError) as raised:
        services.outbox_retry(message=message)

    assert raised.value.messages == [str(services.NOT_FAILED)]
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1


def test_a_message_enqueued_once_per_topic_and_recipient_is_not_queued_again():
    send = dict(template="notifications_test/greeting", context={"name": "Eva"}, topic="prov:påminnelse:1")
    assert services.outbox_enqueue_once(to="eva@kommun.example", **send) is True
    assert services.outbox_enqueue_once(to="eva@kommun.example", **send) is False
    assert services.outbox_enqueue_once(to="per@kommun.example", **send) is True
    assert OutboxMessage.objects.filter(topic="prov:påminnelse:1").count() == 2


def test_two_workers_enqueueing_the_same_message_at_once_queue_it_once(monkeypatch):
    send = dict(to="eva@kommun.example", template="notifications_test/greeting", context={"name": "Eva"},
                topic="prov:påminnelse:2")
    check = services._already_queued

    def other_worker_gets_in_between(**kwargs):
        # This worker's check finds nothing; the other worker's whole enqueue then lands
        # before this one inserts.
        found = check(**kwargs)
        monkeypatch.setattr(services, "_already_queued", check)
        assert services.outbox_enqueue_once(**send) is True
        return found

    monkeypatch.setattr(services, "_already_queued", other_worker_gets_in_between)

    assert services.outbox_enqueue_once(**send) is False
    assert OutboxMessage.objects.filter(topic="prov:påminnelse:2").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_mail_server_is_handed_a_message_outside_any_transaction_once_it_is_claimed(settings):
    settings.EMAIL_BACKEND = "notifications.tests.conftest.TransactionCheckingBackend"
    TransactionCheckingBackend.seen = []
    message = OutboxMessageFactory()

    assert services.outbox_send(message=message)

    assert TransactionCheckingBackend.seen == [(False, Status.SENDING)]
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.claimed_at


@pytest.mark.django_db(transaction=True)
def test_workers_sending_the_same_message_at_once_send_it_once(settings):
    settings.EMAIL_BACKEND = "notifications.tests.conftest.SlowCountingBackend"
    SlowCountingBackend.sent = []
    message = OutboxMessageFactory()
    results = []

    def worker():
        try:
            results.append(services.outbox_send(message=message))
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(4)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    assert len(SlowCountingBackend.sent) == 1
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_stalled_mail_server_is_given_up_after_the_email_timeout_and_retried_later(stalled_smtp_server, settings):
    settings.EMAIL_TIMEOUT = 1
    message = OutboxMessageFactory()

    started = time.monotonic()
    assert not services.outbox_send(message=message)

    assert time.monotonic() - started < 10
    message.refresh_from_db()
    assert message.status == Status.QUEUED and message.attempts == 1
    assert "timed out" in message.last_error
    assert message.next_attempt_at > timezone.now()


def test_a_send_interrupted_long_ago_is_marked_unknown_and_not_sent_again(smtp_server):
    interrupted = OutboxMessageFactory(status=Status.SENDING, attempts=1,
                                       claimed_at=timezone.now() - services.CLAIM_TIMEOUT - timedelta(minutes=1))
    under_way = OutboxMessageFactory(status=Status.SENDING, attempts=1, claimed_at=timezone.now())

    call_command("send_outbox", stdout=open("/dev/null", "w"))

    interrupted.refresh_from_db()
    under_way.refresh_from_db()
    assert interrupted.status == Status.UNKNOWN and interrupted.next_attempt_at is None
    assert under_way.status == Status.SENDING
    assert smtp_server.received == []


def test_a_person_may_send_again_a_message_whose_arrival_is_unknown(smtp_server, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(status=Status.UNKNOWN, attempts=1, claimed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_retry(message=message)

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(smtp_server.received) == 1


@pytest.mark.parametrize("days_before, stage", [(15, None), (14, "before-14"), (2, "before-3"), (0, "before-3"),
                                                 (-1, "after-1"), (-30, "after-7")])
def test_of_the_reminder_stages_reached_only_the_latest_is_due(days_before, stage):
    deadline = timezone.localdate()
    stages = [("before-14", 14), ("before-3", 3), ("after-1", -1), ("after-7", -7)]
    today = deadline - timedelta(days=days_before)
    assert services.reminder_stage_due(stages=stages, deadline=deadline, today=today) == stage
