"""A real SMTP server on loopback (aiosmtpd) that refuses addresses at studsar.example,
as a mail server refuses an unknown mailbox, and keeps what it accepted."""

import asyncio
import socket
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

TEMPLATES = Path(__file__).parent / "templates"


class Mailbox:
    def __init__(self):
        self.received = []
        self.refuse_all = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_all or address.endswith("@studsar.example"):
            return "550 5.1.1 Mottagaren finns inte"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StalledMailbox(Mailbox):
    """A server that takes the message and then never answers, as a hung relay does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(60)
        return "250 too late"


class TransactionCheckingBackend(BaseEmailBackend):
    """Notes, for each message handed to it, whether a transaction was open and the
    status the outbox row had in the database at that moment."""

    seen = []

    def send_messages(self, email_messages):
        from notifications.models import OutboxMessage

        for email in email_messages:
            row = OutboxMessage.objects.get(recipient=email.to[0], subject=email.subject)
            self.seen.append((connection.in_atomic_block, row.status))
        return len(email_messages)


class SlowCountingBackend(BaseEmailBackend):
    """Takes a moment over each message, as a real server does, and counts them."""

    sent = []

    def send_messages(self, email_messages):
        time.sleep(0.3)
        self.sent.extend(email_messages)
        return len(email_messages)


@pytest.fixture
def smtp_server(settings):
    yield from _serve(settings, Mailbox())


@pytest.fixture
def stalled_smtp_server(settings):
    yield from _serve(settings, StalledMailbox())


def _serve(settings, mailbox):
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield mailbox
    controller.stop()


@pytest.fixture
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]},
    ]
