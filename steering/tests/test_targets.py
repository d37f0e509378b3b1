"""Targets as they stood at a moment, from their history rows."""

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from steering.targets import target_changes, targets_as_of


@dataclass
class Row:
    id: int
    year: int
    value: Decimal
    history_date: datetime
    history_id: int
    history_type: str = "~"
    decision: str = ""
    history_user: object = None


def at(month):
    return datetime(2026, month, 1, tzinfo=timezone.utc)


ROWS = [
    Row(1, 2025, Decimal("200"), at(1), 1, "+", "KF 2023-06-15 § 80"),
    Row(1, 2025, Decimal("200"), at(2), 2, decision="KF 2023-06-15 § 80"),  # saved unchanged
    Row(1, 2025, Decimal("210"), at(5), 3, decision="KF 2026-04-20 § 41"),
    Row(2, 2026, Decimal("220"), at(3), 4, "+"),
]


def test_changes_are_listed_oldest_first_without_unchanged_saves():
    changes = target_changes(reversed(ROWS))
    assert [(c.year, c.previous, c.value, c.decision) for c in changes] == [
        (2025, None, Decimal("200"), "KF 2023-06-15 § 80"),
        (2026, None, Decimal("220"), ""),
        (2025, Decimal("200"), Decimal("210"), "KF 2026-04-20 § 41"),
    ]


def test_the_targets_as_they_stood_before_and_after_a_revision():
    changes = target_changes(ROWS)
    assert targets_as_of(changes, at(4)) == {2025: Decimal("200"), 2026: Decimal("220")}
    assert targets_as_of(changes, at(6)) == {2025: Decimal("210"), 2026: Decimal("220")}
    assert targets_as_of(changes, at(1).replace(day=1, month=1, year=2025)) == {}


def test_a_removed_target_no_longer_applies():
    changes = target_changes([*ROWS, Row(2, 2026, Decimal("220"), at(7), 5, "-")])
    assert targets_as_of(changes, at(8)) == {2025: Decimal("210")}
    assert changes[-1].value is None and changes[-1].previous == Decimal("220")
