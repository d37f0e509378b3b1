"""Indicators through the API: values and goal fulfilment read, a manual value written
through steering.services.indicator_value_set with its permission and checks."""

from decimal import Decimal

from api.exceptions import NOT_ALLOWED
from api.tests.factories import api_records, bearer, token_for
from steering.models import Indicator, IndicatorValue
from steering.models.measures import VALUE_FOR_KOLADA
from steering.tests.factories import IndicatorFactory


def _post(client, indicator, user, data):
    return client.post(f"/api/v1/indicators/{indicator.pk}/values/", data, content_type="application/json",
                       **bearer(token_for(user)))


def _values():
    return list(IndicatorValue.objects.values()), IndicatorValue.history.count()


def test_an_indicator_carries_targets_values_and_fulfilment(client, town):
    indicator = api_records(town).indicator
    data = client.get(f"/api/v1/indicators/{indicator.pk}/", **bearer(token_for(town.users["politician"]))).json()
    assert data["targets"] == [{"year": 2025, "value": "60.00"}]
    assert data["values"] == [{"year": 2024, "value": 45.0}]
    assert data["fulfilment"]["status"] == "no_value"  # no target applies to 2024


def test_the_boards_respondent_enters_a_value_recorded_as_theirs(client, town):
    indicator = api_records(town).indicator
    respondent = town.users["respondent"]
    response = _post(client, indicator, respondent, {"year": 2025, "gender": "T", "value": "61.5"})
    assert response.status_code == 201, response.json()
    value = IndicatorValue.objects.get(indicator=indicator, year=2025)
    assert (value.value, value.recorded_by) == (Decimal("61.5"), respondent)
    assert value.history.first().history_user == respondent


def test_a_ks_official_may_not_enter_a_value(client, town):
    indicator = api_records(town).indicator
    before = _values()
    response = _post(client, indicator, town.users["ks_official"], {"year": 2025, "gender": "T", "value": "1"})
    assert response.status_code == 403 and response.json()["detail"] == str(NOT_ALLOWED)
    assert _values() == before


def test_a_value_for_an_indicator_read_from_kolada_is_refused(client, town):
    records = api_records(town)
    indicator = IndicatorFactory(goal=records.goal, source=Indicator.Source.KOLADA, kolada_kpi=records.kpi.pk)
    before = _values()
    response = _post(client, indicator, town.users["coordinator"], {"year": 2025, "gender": "T", "value": "1"})
    assert response.status_code == 400, response.json()
    assert response.json()["detail"] == str(VALUE_FOR_KOLADA)
    assert _values() == before


def test_a_year_outside_the_program_is_refused(client, town):
    indicator = api_records(town).indicator
    before = _values()
    response = _post(client, indicator, town.users["coordinator"], {"year": 2031, "gender": "T", "value": "1"})
    assert response.status_code == 400 and "year" in response.json()
    assert _values() == before
