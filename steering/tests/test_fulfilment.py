"""Goal fulfilment, case by case: a pure function, no database."""

from decimal import Decimal

import pytest

from steering.fulfilment import HIGHER, LOWER, Status, goal_fulfilment


def judge(*, direction=HIGHER, baseline=None, targets=None, values=None):
    return goal_fulfilment(direction=direction, baseline=baseline, targets=targets or {}, values=values or {})


@pytest.mark.parametrize(
    ("direction", "baseline", "targets", "values", "expected"),
    [
        # Higher is better.
        (HIGHER, 42, {2024: 48}, {2024: 49}, Status.MET),
        (HIGHER, 42, {2024: 48}, {2024: 48}, Status.MET),
        (HIGHER, 42, {2024: 48}, {2024: 45}, Status.PARTLY_MET),
        (HIGHER, 42, {2024: 48}, {2024: 42}, Status.NOT_MET),
        (HIGHER, 42, {2024: 48}, {2024: 40}, Status.NOT_MET),
        # Lower is better: the same cases mirrored.
        (LOWER, 20, {2024: 10}, {2024: 9}, Status.MET),
        (LOWER, 20, {2024: 10}, {2024: 10}, Status.MET),
        (LOWER, 20, {2024: 10}, {2024: 15}, Status.PARTLY_MET),
        (LOWER, 20, {2024: 10}, {2024: 20}, Status.NOT_MET),
        (LOWER, 20, {2024: 10}, {2024: 25}, Status.NOT_MET),
    ],
)
def test_status_by_direction_baseline_and_target(direction, baseline, targets, values, expected):
    assert judge(direction=direction, baseline=baseline, targets=targets, values=values).status is expected


def test_no_values_is_missing_value():
    result = judge(targets={2024: 48}, values={})
    assert result.status is Status.NO_VALUE
    assert result.reason == "Indikatorn har inget värde ännu."
    assert result.year is None


def test_values_of_none_count_as_missing():
    assert judge(targets={2024: 48}, values={2024: None}).status is Status.NO_VALUE


def test_no_target_at_all_cannot_be_judged():
    result = judge(baseline=42, values={2024: 50})
    assert result.status is Status.NO_VALUE
    assert result.reason == "Inget målvärde gäller för år 2024."
    assert (result.year, result.value) == (2024, Decimal("50"))


def test_only_later_targets_cannot_be_judged_yet():
    assert judge(baseline=42, targets={2026: 52}, values={2024: 60}).status is Status.NO_VALUE


def test_latest_year_with_a_value_is_judged():
    result = judge(baseline=42, targets={2023: 45, 2024: 48}, values={2023: 46, 2024: 44, 2025: None})
    assert (result.year, result.target_year, result.status) == (2024, 2024, Status.PARTLY_MET)


def test_latest_earlier_target_applies_in_a_year_without_one():
    result = judge(baseline=42, targets={2022: 40, 2024: 48, 2026: 52}, values={2025: 50})
    assert (result.target_year, result.target, result.status) == (2024, Decimal("48"), Status.MET)


def test_without_baseline_an_unreached_target_is_not_met():
    result = judge(baseline=None, targets={2024: 48}, values={2024: 47})
    assert result.status is Status.NOT_MET
    assert "utan utgångsvärde" in result.reason


def test_floats_and_decimals_compare_exactly():
    assert judge(targets={2024: Decimal("41.50")}, values={2024: 41.5}).status is Status.MET


def test_status_has_text_and_colour():
    result = judge(baseline=42, targets={2024: 48}, values={2024: 45})
    assert (str(result.text), result.color) == ("Delvis uppfyllt", "warning")
    assert result.reason == "Målvärdet 48 för 2024 är inte nått, men värdet är bättre än utgångsvärdet 42."
    assert {str(s.text) for s in Status} == {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Saknar värde"}
