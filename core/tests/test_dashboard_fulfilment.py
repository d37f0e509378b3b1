"""The politician's goal fulfilment, kept in the cache: the same section for every reader,
and each change to what it counts seen on the next request."""

import re

import pytest

from core.dashboard_fulfilment import fulfilment_section, program_fulfilment
from kpis.kolada import KoladaValue
from kpis.services import values_import
from steering import services
from steering.models import Indicator
from steering.tests.factories import AreaFactory, IndicatorFactory, ProgramFactory, TargetFactory


@pytest.fixture
def work(town):
    program = ProgramFactory(municipality=town.municipality, name="Program för ett integrerat samhälle")
    return AreaFactory(program=program, name="Arbete")


def _cells(municipality) -> str:
    """The area's counts: met, partly met, not met, no value."""
    return re.search(r">Arbete</a></th>((?:<td>\d+</td>)+)</tr>", fulfilment_section(municipality=municipality)).group(1)


def test_the_counts_are_those_judged_from_the_records(town, work):
    indicator = IndicatorFactory(goal__area=work)
    TargetFactory(indicator=indicator, year=2024, value=50)
    services.indicator_value_set(indicator=indicator, year=2024, gender="T", value=60, by=town.users["coordinator"])
    assert _cells(town.municipality) == "<td>1</td><td>0</td><td>0</td><td>0</td>"
    assert sum(program_fulfilment(municipality=town.municipality)[0].totals) == 1


def test_read_again_unchanged_it_is_one_query(town, work, django_assert_num_queries):
    IndicatorFactory(goal__area=work)
    first = fulfilment_section(municipality=town.municipality)
    with django_assert_num_queries(1):  # the fingerprint
        assert fulfilment_section(municipality=town.municipality) == first


def test_a_value_entered_is_counted_on_the_next_request(town, work):
    indicator = IndicatorFactory(goal__area=work)
    TargetFactory(indicator=indicator, year=2024, value=50)
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>0</td><td>1</td>"
    services.indicator_value_set(indicator=indicator, year=2024, gender="T", value=40, by=town.users["coordinator"])
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>1</td><td>0</td>"


def test_a_target_changed_is_counted_on_the_next_request(town, work):
    indicator = IndicatorFactory(goal__area=work)
    services.indicator_value_set(indicator=indicator, year=2024, gender="T", value=40, by=town.users["coordinator"])
    services.target_set(indicator=indicator, year=2024, value=50, by=town.users["coordinator"])
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>1</td><td>0</td>"
    services.target_set(indicator=indicator, year=2024, value=30, by=town.users["coordinator"])
    assert _cells(town.municipality) == "<td>1</td><td>0</td><td>0</td><td>0</td>"


def test_a_new_indicator_is_counted_on_the_next_request(town, work):
    indicator = IndicatorFactory(goal__area=work)
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>0</td><td>1</td>"
    services.indicator_create(goal=indicator.goal, data={"name": "Ny indikator", "unit": "%"},
                              by=town.users["coordinator"])
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>0</td><td>2</td>"


def test_an_import_of_a_key_figures_values_is_counted_on_the_next_request(town, work):
    indicator = IndicatorFactory(goal__area=work, source=Indicator.Source.KOLADA, kolada_kpi="N00973")
    TargetFactory(indicator=indicator, year=2024, value=50)
    assert _cells(town.municipality) == "<td>0</td><td>0</td><td>0</td><td>1</td>"
    values_import(values=[KoladaValue(kpi="N00973", municipality=town.municipality.code, period=2024, gender="T",
                                      value=55.0, status="", count=None, is_deleted=False)], source="file")
    assert _cells(town.municipality) == "<td>1</td><td>0</td><td>0</td><td>0</td>"
