"""Freezing the self-assessment: versions within a year, the confirmation a second version
needs, the exact JSON and its checksum, the Swedish text, history, and a record that
refuses every change."""

import dataclasses
import datetime
import hashlib
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext_lazy

from organizations.models import Membership
from oversight import checks
from oversight.models import Snapshot
from oversight.snapshots import ALREADY_FROZEN, json_safe, results_read, results_serialise, snapshot_freeze
from steering.tests.factories import AreaFactory, ProgramFactory

Role = Membership.Role
DAY = datetime.date(2026, 11, 30)


@pytest.fixture
def program(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.executive)
    AreaFactory(program=program, name="Arbete")
    return program


def test_the_first_freeze_of_a_year_is_version_1_with_the_results_and_their_checksum(town, program):
    ks = town.users[Role.KS_OFFICIAL]
    snapshot = snapshot_freeze(program=program, by=ks, today=DAY)
    assert (snapshot.year, snapshot.number, snapshot.frozen_by) == (2026, 1, ks)
    assert snapshot.results_sha256 == hashlib.sha256(snapshot.results_json.encode()).hexdigest()
    assert snapshot.intact
    roles = results_read(snapshot)[0]
    assert (roles.key, roles.verdict, roles.verdict_label) == ("roles", "nej", "Nej")
    assert roles.figure.startswith("0 av 1 områden har en ansvarig organisation")
    assert "Arbete" in [gap["label"] for gap in roles.gaps]
    assert str(snapshot) == "Självgranskning 2026"


def test_a_second_freeze_in_the_year_asks_first_and_writes_nothing(town, program):
    snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], today=DAY)
    with pytest.raises(ValidationError) as error:
        snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], today=DAY)
    assert error.value.messages == [ALREADY_FROZEN % {"year": 2026}]
    assert error.value.messages == ["Det finns redan en självgranskning för 2026. Frys en ny version?"]
    assert Snapshot.objects.count() == 1


def test_a_confirmed_second_freeze_keeps_both_versions(town, program):
    first = snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], today=DAY)
    AreaFactory(program=program, name="Boende")
    second = snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], today=DAY, confirmed=True)
    assert [s.number for s in Snapshot.objects.filter(program=program, year=2026)] == [2, 1]
    first.refresh_from_db()
    assert results_read(first)[0].figure.startswith("0 av 1 ")
    assert results_read(second)[0].figure.startswith("0 av 2 ")


def test_a_new_year_starts_again_at_version_1(town, program):
    snapshot_freeze(program=program, by=None, today=datetime.date(2025, 12, 15))
    assert snapshot_freeze(program=program, by=None, today=DAY).number == 1


def test_freezing_as_of_another_day_records_that_day(town, program):
    snapshot = snapshot_freeze(program=program, by=None, today=datetime.date(2025, 12, 15))
    assert (snapshot.year, snapshot.frozen_at.date(), snapshot.frozen_by) == (2025, datetime.date(2025, 12, 15), None)


def test_the_results_are_frozen_in_swedish_whatever_the_language(town, program):
    with translation.override("en"):
        snapshot = snapshot_freeze(program=program, by=None, today=DAY)
    assert results_read(snapshot)[0].question == "Är roller och ansvar tydliga?"


def test_the_creation_is_in_the_history_with_who_froze(town, program):
    ks = town.users[Role.KS_OFFICIAL]
    snapshot = snapshot_freeze(program=program, by=ks, today=DAY)
    (record,) = snapshot.history.all()
    assert (record.history_type, record.history_user) == ("+", ks)


def test_a_frozen_snapshot_refuses_to_be_saved_again(town, program):
    snapshot = snapshot_freeze(program=program, by=None, today=DAY)
    snapshot.results_json = "[]"
    with pytest.raises(TypeError):
        snapshot.save()
    with pytest.raises(TypeError):
        Snapshot.objects.filter(pk=snapshot.pk).update(results_json="[]")
    snapshot.refresh_from_db()
    assert snapshot.results_json != "[]" and snapshot.history.count() == 1


def test_a_changed_json_no_longer_matches_its_checksum(town, program):
    snapshot = snapshot_freeze(program=program, by=None, today=DAY)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Snapshot._meta.db_table} SET results_json = %s WHERE id = %s", ["[]", snapshot.pk])
    snapshot.refresh_from_db()
    assert not snapshot.intact


@dataclasses.dataclass
class _Trend:
    label: str
    when: datetime.date
    amount: Decimal


@dataclasses.dataclass
class _LaterResult(checks.CheckResult):
    # A field another check adds later: it is frozen and read back without a change here.
    trend: list[_Trend] = dataclasses.field(default_factory=list)


def test_fields_added_to_the_results_later_are_frozen_too():
    result = _LaterResult(key="goals", question=gettext_lazy("Är roller och ansvar tydliga?"), figure="1 av 2", verdict="delvis",
                          rule="Regel", gaps=[checks.Link("Mål A", "/mal/1/")],
                          trend=[_Trend("2025", datetime.date(2025, 12, 31), Decimal("0.50"))])
    (item,) = json.loads(results_serialise([result]))
    assert item["trend"] == [{"label": "2025", "when": "2025-12-31", "amount": "0.50"}]
    assert item["question"] == "Är roller och ansvar tydliga?" and item["gaps"] == [{"label": "Mål A", "url": "/mal/1/"}]


def test_the_same_results_give_the_same_text():
    result = checks.CheckResult(key="roles", question="Q", figure="F", verdict=None, rule="R")
    assert results_serialise([result]) == results_serialise([dataclasses.replace(result)])
    assert json_safe({1: {"b", "a"}}) == {"1": ["a", "b"]}
