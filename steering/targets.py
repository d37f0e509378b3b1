"""Targets as they stood at a moment: a year is judged against the target that applied
when its value was recorded, even when the target has been revised since (a new mandate
period often does). Pure functions over the target's history rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class TargetChange:
    """One row of a target's history: the value it took, when, by whom and on what decision."""

    year: int
    value: Decimal | None  # None: the target was removed
    at: datetime
    by: str
    decision: str
    previous: Decimal | None


def target_changes(history_rows) -> list[TargetChange]:
    """Each change of each target, oldest first, from simple-history rows of Target
    (any order); a save that changed neither value nor decision is no change."""
    changes: list[TargetChange] = []
    last: dict[int, tuple[Decimal | None, str]] = {}
    for row in sorted(history_rows, key=lambda r: (r.history_date, r.history_id)):
        value = None if row.history_type == "-" else row.value
        before = last.get(row.id)
        if before is not None and before == (value, row.decision):
            continue
        changes.append(TargetChange(
            year=row.year, value=value, at=row.history_date, by=_name(row.history_user),
            decision=row.decision, previous=before[0] if before else None,
        ))
        last[row.id] = (value, row.decision)
    return changes


def targets_as_of(changes: list[TargetChange], moment: datetime) -> dict[int, Decimal]:
    """Year → target as the targets stood at ``moment``."""
    targets: dict[int, Decimal] = {}
    for change in changes:
        if change.at > moment:
            break
        if change.value is None:
            targets.pop(change.year, None)
        else:
            targets[change.year] = change.value
    return targets


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email
