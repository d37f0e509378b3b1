"""Provenance, staleness and target history on the indicator, area and program pages, and
the services behind them: a value says who recorded it and when; a revised target keeps
its earlier value and the decision it rested on; a year is shown against the target of its
day; a new period carries targets forward."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kpis.models import ImportRun
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory, LocalKpiFactory
from organizations.models import Membership
from steering import services
from steering.forms import IndicatorForm
from steering.indicator_values import area_indicators
from steering.models import Indicator, IndicatorValue, Target
from steering.models.measures import LOCAL_KPI_NOT_LOCAL
from steering.services import CARRY_NEEDS_DECISION, CARRY_NOTHING, CARRY_OUTSIDE_PERIOD
from steering.tests.factories import AreaFactory, GoalFactory, IndicatorFactory, ProgramFactory

Role = Membership.Role
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def program(town):
    return ProgramFactory(municipality=town.municipality, start_year=THIS_YEAR - 6, end_year=THIS_YEAR + 4)


@pytest.fixture
def indicator(program):
    goal = GoalFactory(area=AreaFactory(program=program, name="Arbete"))
    return IndicatorFactory(goal=goal, name="Nyanlända i arbete", unit="antal", source=Indicator.Source.MANUAL)


@pytest.fixture
def coordinator(client, town):
    client.force_login(town.users[Role.COORDINATOR])
    return town.users[Role.COORDINATOR]


def test_an_entered_value_records_who_entered_it_and_when(town, indicator, coordinator):
    before = timezone.now()
    value = services.indicator_value_set(indicator=indicator, year=THIS_YEAR - 1, gender="T", value=Decimal(5),
                                         by=coordinator)
    assert value.origin == IndicatorValue.Origin.ENTERED
    assert value.recorded_by == coordinator and value.recorded_at >= before


def test_the_indicator_page_shows_each_values_source_who_and_when(client, town, indicator, coordinator):
    services.indicator_value_set(indicator=indicator, year=THIS_YEAR - 1, gender="T", value=Decimal(5), by=coordinator)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Inmatat" in page and str(coordinator) in page


def test_a_revised_target_keeps_its_history_and_decision(indicator, coordinator):
    services.target_set(indicator=indicator, year=THIS_YEAR, value=Decimal(200), decision="KF § 80", by=coordinator)
    target = services.target_set(indicator=indicator, year=THIS_YEAR, value=Decimal(210), decision="KF § 41",
                                 by=coordinator)
    assert target.decision == "KF § 41"
    assert [h.value for h in target.history.order_by("history_date")] == [Decimal(200), Decimal(210)]


def test_a_year_is_shown_against_the_target_of_its_day_and_the_change_is_listed(client, indicator, coordinator):
    services.target_set(indicator=indicator, year=THIS_YEAR - 1, value=Decimal(200), decision="KF § 80",
                        by=coordinator)
    services.indicator_value_set(indicator=indicator, year=THIS_YEAR - 1, gender="T", value=Decimal(205),
                                 by=coordinator)
    services.target_set(indicator=indicator, year=THIS_YEAR - 1, value=Decimal(210), decision="KF § 41",
                        by=coordinator)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Bedömning per år" in page and "Målvärdenas historik" in page
    judged = page[page.index("Bedömning per år"):page.index("Målvärdenas historik")]
    assert re.search(r"200(,0+)? \(", judged) and "Uppfyllt" in judged and re.search(r"Nu: 210", judged)
    history = page[page.index("Målvärdenas historik"):]
    assert re.search(r"200(,0+)? → 210", history) and "KF § 41" in history and "KF § 80" in history


def test_the_target_form_takes_the_decision(client, indicator, coordinator):
    response = client.post(reverse("steering:target_create", args=[indicator.pk]),
                           {"year": THIS_YEAR, "value": "150", "decision": "KS 2026-03-02 § 12"})
    assert response.status_code == 302
    assert Target.objects.get(indicator=indicator).decision == "KS 2026-03-02 § 12"


def test_an_indicator_without_a_current_value_is_flagged_on_its_area_and_program_pages(client, indicator, coordinator):
    services.indicator_value_set(indicator=indicator, year=THIS_YEAR - 3, gender="T", value=Decimal(5), by=coordinator)
    message = f"det senaste värdet är från {THIS_YEAR - 3}"
    for url in (indicator.get_absolute_url(), indicator.goal.area.get_absolute_url(),
                indicator.goal.area.program.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Inaktuellt" in page and message in page, url
    services.indicator_value_set(indicator=indicator, year=THIS_YEAR - 1, gender="T", value=Decimal(6), by=coordinator)
    assert "Inaktuellt" not in client.get(indicator.goal.area.program.get_absolute_url()).content.decode()


def test_a_kolada_indicator_shows_when_and_by_whom_its_values_were_imported(client, town, indicator, coordinator):
    indicator.source, indicator.kolada_kpi = Indicator.Source.KOLADA, "N00973"
    indicator.save()
    place = KoladaMunicipalityFactory(id=town.municipality.code, title="Sjöstad")
    KpiValueFactory(kpi__id="N00973", municipality=place, year=THIS_YEAR - 1, value=40.0)
    ImportRun.objects.create(source=ImportRun.Source.API, by=coordinator)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Senast importerat (Kolada)" in page and str(coordinator) in page


def test_an_indicator_reads_the_municipalitys_own_key_figure(client, town, indicator, coordinator):
    kpi = LocalKpiFactory(owner=town.municipality, title="Deltagare i språkcafé")
    place = KoladaMunicipalityFactory(id=town.municipality.code, title="Sjöstad")
    KpiValueFactory(kpi=kpi, municipality=place, year=THIS_YEAR - 1, value=312.0)
    indicator.source, indicator.local_kpi = Indicator.Source.LOCAL, kpi
    indicator.full_clean()
    indicator.save()
    [status] = area_indicators(area=indicator.goal.area, municipality=town.municipality)
    assert status.values == {THIS_YEAR - 1: 312.0}
    assert "Deltagare i språkcafé" in client.get(indicator.get_absolute_url()).content.decode()


def test_a_kolada_key_figure_is_refused_as_the_municipalitys_own(town, indicator):
    form = IndicatorForm(
        {"name": "X", "unit": "%", "direction": "higher", "source": "local", "local_kpi": "N00973",
         "gender": "T", "publication_lag": 1},
        instance=indicator, municipality=town.municipality,
    )
    assert not form.is_valid() and "local_kpi" in form.errors
    indicator.source, indicator.local_kpi = Indicator.Source.LOCAL, KpiFactory(id="N00973")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert error.value.message_dict["local_kpi"] == [str(LOCAL_KPI_NOT_LOCAL)]


def test_a_new_period_carries_targets_forward_and_keeps_those_already_set(program, indicator, coordinator):
    services.target_set(indicator=indicator, year=THIS_YEAR, value=Decimal(300), by=coordinator)
    services.target_set(indicator=indicator, year=THIS_YEAR + 2, value=Decimal(350), by=coordinator)
    created = services.targets_carry_forward(program=program, from_year=THIS_YEAR, first_year=THIS_YEAR + 1,
                                             last_year=THIS_YEAR + 3, decision="KF budget 2027 § 5", by=coordinator)
    assert sorted((t.year, t.value) for t in created) == [(THIS_YEAR + 1, 300), (THIS_YEAR + 3, 300)]
    assert Target.objects.get(indicator=indicator, year=THIS_YEAR + 2).value == 350
    assert {t.decision for t in created} == {"KF budget 2027 § 5"}


@pytest.mark.parametrize("kwargs, message", [
    ({"decision": " "}, CARRY_NEEDS_DECISION),
    ({"last_year": THIS_YEAR + 9}, None),
    ({"from_year": THIS_YEAR - 6}, None),
])
def test_carrying_forward_refuses_and_changes_nothing(program, indicator, coordinator, kwargs, message):
    services.target_set(indicator=indicator, year=THIS_YEAR, value=Decimal(300), by=coordinator)
    args = {"from_year": THIS_YEAR, "first_year": THIS_YEAR + 1, "last_year": THIS_YEAR + 2, "decision": "KF § 5"}
    args.update(kwargs)
    with pytest.raises(ValidationError) as error:
        services.targets_carry_forward(program=program, by=coordinator, **args)
    expected = message or (CARRY_OUTSIDE_PERIOD if "last_year" in kwargs else CARRY_NOTHING)
    assert str(expected).split("%")[0] in str(error.value)
    assert Target.objects.filter(indicator=indicator).count() == 1


def test_the_coordinator_carries_targets_forward_from_the_program_page(client, program, indicator, coordinator):
    services.target_set(indicator=indicator, year=THIS_YEAR, value=Decimal(300), by=coordinator)
    assert "För över målvärden" in client.get(program.get_absolute_url()).content.decode()
    url = reverse("steering:target_carry_forward", args=[program.pk])
    response = client.post(url, {"from_year": THIS_YEAR, "first_year": THIS_YEAR + 1, "last_year": THIS_YEAR + 4,
                                 "decision": "KF 2027 § 5"})
    assert response.status_code == 302 and response.url == program.get_absolute_url()
    assert Target.objects.filter(indicator=indicator).count() == 5
    refused = client.post(url, {"from_year": THIS_YEAR, "first_year": THIS_YEAR + 1, "last_year": THIS_YEAR + 4,
                                "decision": "KF 2027 § 5"})
    assert refused.status_code == 200 and "Inga målvärden att föra över" in refused.content.decode()
