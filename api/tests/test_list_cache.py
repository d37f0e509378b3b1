"""The indicator list read from the cache: fewer queries when nothing changed, and each
change to what it shows seen on the next request."""

import pytest
from django.conf import settings

from api.tests.factories import api_records, bearer, token_for
from core.tests.factories import MunicipalityFactory, UserFactory
from kpis.kolada import KoladaValue
from kpis.services import values_import
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from steering import services
from steering.models import Indicator


@pytest.fixture
def auth(town):
    api_records(town)
    return bearer(token_for(town.users["coordinator"]))


def _indicators(client, auth, **params):
    response = client.get("/api/v1/indicators/", params, **auth)
    assert response.status_code == 200
    return {row["id"]: row for row in response.json()["results"]}


def test_a_page_read_again_unchanged_comes_from_the_cache(client, auth, django_assert_num_queries):
    first = _indicators(client, auth)
    # What every request of the API asks (token, its last use, the caller's memberships and
    # municipality), then only the fingerprint: against nine on the first read.
    with django_assert_num_queries(5):
        assert _indicators(client, auth) == first


def test_a_value_entered_is_on_the_next_page(client, town, auth):
    indicator = api_records(town).indicator
    _indicators(client, auth)
    services.indicator_value_set(indicator=indicator, year=2025, gender="T", value=61, by=town.users["coordinator"])
    assert {"year": 2025, "value": 61.0} in _indicators(client, auth)[indicator.pk]["values"]


def test_a_target_set_is_on_the_next_page(client, town, auth):
    indicator = api_records(town).indicator
    _indicators(client, auth)
    services.target_set(indicator=indicator, year=2026, value=70, by=town.users["coordinator"])
    assert {"year": 2026, "value": "70.00"} in _indicators(client, auth)[indicator.pk]["targets"]


def test_a_new_indicator_is_on_the_next_page(client, town, auth):
    records = api_records(town)
    _indicators(client, auth)
    added = services.indicator_create(goal=records.goal, data={"name": "Ny indikator", "unit": "%"},
                                      by=town.users["coordinator"])
    assert added.pk in _indicators(client, auth)


def test_an_import_of_its_key_figures_values_is_on_the_next_page(client, town, auth):
    indicator = api_records(town).indicator
    Indicator.objects.filter(pk=indicator.pk).update(source=Indicator.Source.KOLADA, kolada_kpi="N00001")
    assert _indicators(client, auth)[indicator.pk]["values"] == [{"year": 2023, "value": 40.0}]
    values_import(values=[KoladaValue(kpi="N00001", municipality=town.municipality.code, period=2024, gender="T",
                                      value=47.0, status="", count=None, is_deleted=False)], source="file")
    assert {"year": 2024, "value": 47.0} in _indicators(client, auth)[indicator.pk]["values"]


def test_filters_and_pages_are_kept_apart(client, auth):
    everything = _indicators(client, auth)
    assert _indicators(client, auth, source="kolada") == {}
    assert _indicators(client, auth) == everything


def test_the_fulfilments_text_is_in_the_readers_language(client, town, auth):
    indicator = api_records(town).indicator
    swedish = _indicators(client, auth)[indicator.pk]["fulfilment"]["text"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _indicators(client, auth)[indicator.pk]["fulfilment"]["text"]
    assert swedish != english


def test_another_municipalitys_reader_never_gets_this_ones_page(client, town, auth):
    _indicators(client, auth)
    elsewhere = MunicipalityFactory(name="Annanstad", code="1491")
    reader = UserFactory(email="samordnare@annanstad.example")
    MembershipFactory(user=reader, organization=OrganizationFactory(municipality=elsewhere),
                      role=Membership.Role.COORDINATOR)
    assert _indicators(client, bearer(token_for(reader))) == {}
