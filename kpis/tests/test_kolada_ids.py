"""Kolada's id shapes and the county a municipality lies in."""

from __future__ import annotations

import json

import pytest

from kpis.kolada import county_id, is_kpi_id, is_municipality_id, is_region_id
from kpis.kolada import ids as kolada_ids


@pytest.mark.parametrize(
    ("municipality", "county"),
    [("1490", "0014"), ("1488", "0014"), ("0180", "0001"), ("0980", "0009"), ("2584", "0025")],
)
def test_county_id_is_00_followed_by_the_first_two_digits(municipality, county):
    assert county_id(municipality_id=municipality) == county


@pytest.mark.parametrize("bad", ["0014", "0000", "G124026", "180", 1490, "14900"], ids=str)
def test_county_id_refuses_what_is_not_a_municipality(bad):
    with pytest.raises(ValueError) as excinfo:
        county_id(municipality_id=bad)

    assert str(excinfo.value) == kolada_ids.MSG_NOT_A_MUNICIPALITY.format(value=json.dumps(bad))


@pytest.mark.parametrize("value", ["N00973", "U00405"])
def test_kpi_id_is_a_capital_letter_and_five_digits(value):
    assert is_kpi_id(value)


@pytest.mark.parametrize(
    ("value", "region", "any_municipality"),
    [
        ("1490", True, True),
        ("0014", True, True),
        ("0000", True, True),
        ("G124026", False, True),
        ("149", False, False),
        (1490, False, False),
    ],
)
def test_group_ids_are_municipality_ids_for_data_but_not_regions(value, region, any_municipality):
    assert (is_region_id(value), is_municipality_id(value)) == (region, any_municipality)
