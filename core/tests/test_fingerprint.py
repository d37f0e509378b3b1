import pytest
from django.utils import timezone

from core.fingerprint import _sql, fingerprint
from notifications.models import OutboxMessage
from notifications.tests.factories import OutboxMessageFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SOURCES = {"tracked": ("organizations.Organization",), "untracked": ("notifications.OutboxMessage",),
           "columns": (("notifications.OutboxMessage", "sent_at"),),
           "counted": (("notifications.OutboxMessage", "status", OutboxMessage.Status.FAILED),)}


def _print() -> str:
    return fingerprint(**SOURCES)


def test_one_query_and_the_sql_built_once(django_assert_num_queries):
    _print()
    with django_assert_num_queries(1):
        _print()
    assert _sql.cache_info().hits >= 1


def test_the_same_records_give_the_same_print():
    OutboxMessageFactory()
    assert _print() == _print()


def test_a_save_with_history_moves_it(town):
    organization = OrganizationFactory(municipality=town.municipality)
    before = _print()
    organization.name = "Nytt namn"
    organization.save()
    assert _print() != before


def test_an_added_or_removed_row_without_history_moves_it():
    first = OutboxMessageFactory()
    before = _print()
    second = OutboxMessageFactory()
    assert _print() != before
    before = _print()
    first.delete()
    assert _print() != before
    assert second.pk


def test_an_update_of_a_watched_column_or_counted_value_moves_it():
    message = OutboxMessageFactory()
    before = _print()
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
    assert _print() != before
    before = _print()
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)
    assert _print() != before
    before = _print()
    OutboxMessage.objects.filter(pk=message.pk).update(last_error="Okänt fel")  # not watched
    assert _print() == before
