"""The mail server misbehaving, and the worker dying, as production sees them: a page that
queues mail never waits for the mail server; the outbox retries; nothing goes out twice."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from followup import services as followup_services
from followup.models import Question
from followup.tests.conftest import setup  # noqa: F401 - an open cycle asking the town's board
from notifications import services
from notifications.models import OutboxMessage
from notifications.tests.conftest import Mailbox, _free_port, _serve
from notifications.tests.factories import OutboxMessageFactory
from organizations.models import Membership

pytestmark = pytest.mark.usefixtures("test_templates")
Status = OutboxMessage.Status
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BASE_DIR = Path(__file__).resolve().parents[2]


class HungServer:
    """Accepts TCP connections and never says a word, as a hung mail relay does."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self):
        for conn in [*self.connections, self.listener]:
            conn.close()


@pytest.fixture
def hung_smtp_server(settings):
    server = HungServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.close()


class BusyMailbox(Mailbox):
    """Answers "try later" (421) to the first `busy` messages, then accepts."""

    def __init__(self, busy: int):
        super().__init__()
        self.busy = busy

    async def handle_DATA(self, server, session, envelope):
        if self.busy:
            self.busy -= 1
            return "421 4.3.2 Tjänsten är inte tillgänglig, försök senare"
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db
def test_a_page_that_queues_mail_never_waits_for_a_hung_mail_server_and_the_outbox_retries(
    hung_smtp_server, setup, town, client, settings, django_capture_on_commit_callbacks  # noqa: F811
):
    settings.TASKS = DATABASE_BACKEND  # as in production: the worker sends, not the request
    question = setup.questions[Question.Kind.TEXT]
    followup_services.answer_save(response=setup.response, question=question, value="Svar", seen_version=None)
    client.force_login(town.users[Membership.Role.RESPONDENT])
    OutboxMessage.objects.update(status=Status.SENT)  # the cycle's invitations, sent long ago

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("followup:response_submit", kwargs={"pk": setup.response.pk}), follow=True)

    assert "Svaren är inskickade." in page.content.decode()
    assert hung_smtp_server.connections == []
    [receipt] = OutboxMessage.objects.filter(status=Status.QUEUED)
    assert receipt.status == Status.QUEUED

    assert services.outbox_send_due() == (0, 1)
    receipt.refresh_from_db()
    assert len(hung_smtp_server.connections) == 1
    assert receipt.status == Status.QUEUED and receipt.attempts == 1 and "timed out" in receipt.last_error

    recovered = _serve(settings, Mailbox())
    mailbox = next(recovered)
    assert services.outbox_send_due() == (0, 0), "not before the back-off has passed"
    assert services.outbox_send_due(now=receipt.next_attempt_at + timedelta(seconds=1)) == (1, 0)
    assert services.outbox_send_due(now=timezone.now() + timedelta(days=30)) == (0, 0)
    assert [to for to, _email in mailbox.received] == [[town.users[Membership.Role.RESPONDENT].email]]
    next(recovered, None)


@pytest.mark.django_db
def test_a_mail_server_saying_try_later_gets_the_message_once_when_it_recovers(settings):
    mailbox_server = _serve(settings, BusyMailbox(busy=2))
    mailbox = next(mailbox_server)
    message = OutboxMessageFactory()
    later = timezone.now()
    for _attempt in range(3):
        later += timedelta(days=1)
        services.outbox_send_due(now=later)

    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 3 and message.last_error == ""
    assert len(mailbox.received) == 1
    next(mailbox_server, None)


class BlockingMailbox(Mailbox):
    """Holds the message whose subject is `subject` (already received in full) without
    answering, until `release` is set; `arrived` tells the test it is in the server's hands."""

    def __init__(self, subject: str):
        super().__init__()
        self.subject, self.arrived, self.release = subject, threading.Event(), threading.Event()

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if self.subject.encode() in envelope.content:
            self.arrived.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return reply


def _worker(port: int) -> subprocess.Popen:
    """`manage.py db_worker` on the test database, sending to the test's mail server."""
    database = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "uppsikt.settings", "DEBUG": "1",
           "SECRET_KEY": "test-only-secret-key-for-the-worker-subprocess-0123456789",
           "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
                           f"{database['PORT'] or 5432}/{database['NAME']}",
           "EMAIL_URL": f"smtp://127.0.0.1:{port}", "EMAIL_TIMEOUT": "5", "LOG_LEVEL": "WARNING"}
    # A session of its own, so that killing its group kills whatever the interpreter started.
    return subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"],
                            cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _kill(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(10)


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker process shares only a server's database")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_sends_nothing_twice_and_leaves_the_message_for_a_person(settings):
    settings.TASKS = DATABASE_BACKEND
    mailbox = BlockingMailbox(subject="Andra")
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    worker = _worker(port)
    try:
        first = services.outbox_enqueue(to="a@kommun.example", template="notifications_test/greeting",
                                        context={"name": "Första"})
        _wait_for(lambda: OutboxMessage.objects.get(pk=first.pk).status == Status.SENT)
        second = services.outbox_enqueue(to="b@kommun.example", template="notifications_test/greeting",
                                         context={"name": "Andra"})
        assert mailbox.arrived.wait(60)
        _kill(worker)
        mailbox.release.set()
        third = services.outbox_enqueue(to="c@kommun.example", template="notifications_test/greeting",
                                        context={"name": "Tredje"})

        worker = _worker(port)
        _wait_for(lambda: OutboxMessage.objects.get(pk=third.pk).status == Status.SENT)
        services.outbox_send_due(now=timezone.now() + services.CLAIM_TIMEOUT + timedelta(minutes=1))
    finally:
        _kill(worker)
        controller.stop()

    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses == {first.pk: Status.SENT, second.pk: Status.UNKNOWN, third.pk: Status.SENT}
    assert sorted(to for [to], _email in mailbox.received) == ["a@kommun.example", "b@kommun.example",
                                                              "c@kommun.example"]
