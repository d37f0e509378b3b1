import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import OutboxMessage
from reports.models import Dispatch
from reports.notify import report_reminders_send_due, reminder_topic
from reports.services.dispatch import token_hash
from reports.tests.factories_dispatch import DispatchFactory

BASE = "https://uppsikt.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = BASE


def _sent_days_ago(dispatch, days):
    Dispatch.objects.filter(pk=dispatch.pk).update(sent_at=timezone.now() - datetime.timedelta(days=days))
    dispatch.refresh_from_db()
    return dispatch


@pytest.fixture
def late(town):
    dispatch = DispatchFactory(organization=town.board, token_hash=token_hash("gammal"),
                               version__report__cycle__questionnaire__program__municipality=town.municipality)
    return _sent_days_ago(dispatch, 15)


def test_an_unacknowledged_dispatch_is_reminded_once_with_a_fresh_link(town, late):
    today = timezone.localdate()
    # The registry mailbox and the board's secretary.
    assert report_reminders_send_due(today=today) == 2
    assert report_reminders_send_due(today=today + datetime.timedelta(days=1)) == 0
    messages = OutboxMessage.objects.filter(topic=reminder_topic(late))
    assert sorted(messages.values_list("recipient", flat=True)) == sorted(
        [town.board.registry_email, town.users["secretary"].email])
    message = messages.first()
    token = message.body.split(f"{BASE}/rapporter/kvittera/")[1].split("/")[0]
    late.refresh_from_db()
    # The reminder's link works and the first one no longer does.
    assert late.token_hash == token_hash(token) != token_hash("gammal")


def test_an_acknowledged_dispatch_is_not_reminded(town, late):
    Dispatch.objects.filter(pk=late.pk).update(acknowledged_at=timezone.now(), acknowledged_by_name="Eva")
    assert report_reminders_send_due(today=timezone.localdate()) == 0
    assert not OutboxMessage.objects.exists()


def test_ks_gets_one_digest_of_the_long_unacknowledged(town, late):
    _sent_days_ago(late, 30)
    other = _sent_days_ago(DispatchFactory(organization=town.company, version=late.version), 29)
    today = timezone.localdate()
    report_reminders_send_due(today=today)
    digests = OutboxMessage.objects.filter(topic__startswith="reports:dispatch-digest:")
    assert list(digests.values_list("recipient", flat=True)) == [town.users["ks_official"].email]
    assert town.board.name in digests.get().body and other.organization.name in digests.get().body
    # Nothing new has become overdue the next day: no second digest.
    report_reminders_send_due(today=today + datetime.timedelta(days=1))
    assert digests.count() == 1


def test_the_daily_command_queues_the_reminders(town, late):
    call_command("send_report_reminders")
    assert OutboxMessage.objects.filter(topic=reminder_topic(late)).exists()
