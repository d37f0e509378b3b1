"""The indicator page (Kolada comparison or entered values, targets, fulfilment), the
area page and the form for a manual indicator's values."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.tests.factories import MunicipalityFactory
from kpis.services import kpi_means_refresh
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory
from steering.indicator_values import area_indicators
from steering.models import Indicator, IndicatorValue
from steering.models.measures import VALUE_FOR_KOLADA
from steering.tests.factories import (
    AreaFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgramFactory,
    TargetFactory,
)


@pytest.fixture
def area(town):
    program = ProgramFactory(municipality=town.municipality, start_year=2020, end_year=2026)
    return AreaFactory(program=program, name="Arbete")


@pytest.fixture
def goal(area):
    return GoalFactory(area=area, title="Fler nyanlända kommer i arbete eller studier")


@pytest.fixture
def gendered(town):
    kpi = KpiFactory(id="N00973", title="Andel i arbete eller studier", is_divided_by_gender=True)
    for code in ("1490", "1488", "0180"):
        place = KoladaMunicipalityFactory(id=code, title={"1490": "Borås", "1488": "Trollhättan"}.get(code, "Stockholm"))
        for year in range(2018, 2025):
            for gender, number in (("T", 50.0), ("K", 42.0 + year - 2018), ("M", 61.0)):
                KpiValueFactory(kpi=kpi, municipality=place, year=year, gender=gender, value=number)
    KoladaMunicipalityFactory(id="0014", title="Region Västra Götaland", type="L")
    kpi_means_refresh(kpi_ids=[kpi.pk])
    return kpi


@pytest.fixture
def women(goal, gendered):
    indicator = IndicatorFactory(
        goal=goal, name="Andel kvinnor i arbete eller studier", source=Indicator.Source.KOLADA,
        kolada_kpi="N00973", gender="K", baseline=42, baseline_year=2018,
    )
    TargetFactory(indicator=indicator, year=2024, value=50)
    TargetFactory(indicator=indicator, year=2026, value=52)
    return indicator


def login(client, town, role="coordinator"):
    client.force_login(town.users[role])
    return client


def test_kolada_indicator_page_shows_comparison_targets_and_fulfilment(
    client, town, women, django_assert_max_num_queries
):
    login(client, town)
    with django_assert_max_num_queries(20):
        response = client.get(women.get_absolute_url())
    page = response.content.decode()
    assert page.count('role="img"') == 2
    assert "Borås, kvinnor" in page and "Region Västra Götaland, medel, kvinnor" in page
    assert "Målvärde" in page  # the targets are a line of the chart and a table
    assert "<td>50,0 (3)</td>" in page  # the national mean with its count
    assert reverse("kpis:kpi_export", args=["N00973", "csv"]) in page
    assert reverse("kpis:kpi_export", args=["N00973", "xlsx"]) in page
    # Women went from 42 (2018) to 48 (2024); the target for 2024 is 50.
    assert '<span class="ds-tag" data-color="warning">Delvis uppfyllt</span>' in page
    assert "Källa: Kolada" in page


def test_kolada_indicator_without_fetched_kpi_says_so(client, town, goal):
    indicator = IndicatorFactory(goal=goal, source=Indicator.Source.KOLADA, kolada_kpi="N99999")
    page = login(client, town).get(indicator.get_absolute_url()).content.decode()
    assert "Nyckeltalet N99999 har inte hämtats från Kolada ännu." in page
    assert "Saknar värde" in page


def test_manual_indicator_page_lists_values_with_history_links(client, town, goal):
    indicator = IndicatorFactory(goal=goal, baseline=30)
    TargetFactory(indicator=indicator, year=2024, value=40)
    value = IndicatorValueFactory(indicator=indicator, year=2024, value=41)
    page = login(client, town, "politician").get(indicator.get_absolute_url()).content.decode()
    assert reverse("steering:indicator_value_history", args=[value.pk]) in page
    assert '<span class="ds-tag" data-color="success">Uppfyllt</span>' in page
    assert 'role="img"' in page
    assert "Ange värde" not in page  # a politician reads only


def test_another_municipalitys_indicator_is_404(client, town):
    other = IndicatorFactory(goal=GoalFactory(area=AreaFactory(program=ProgramFactory(
        municipality=MunicipalityFactory()))))
    assert login(client, town).get(other.get_absolute_url()).status_code == 404


def test_area_page_lists_latest_values_targets_and_fulfilment(
    client, town, area, goal, women, django_assert_max_num_queries
):
    for n in range(12):
        manual = IndicatorFactory(goal=goal, name=f"Manuell {n:02}", baseline=10)
        TargetFactory(indicator=manual, year=2024, value=20)
        IndicatorValueFactory(indicator=manual, year=2023, value=15)
        IndicatorValueFactory(indicator=manual, year=2024, value=n * 2)
    IndicatorFactory(goal=goal, name="Utan värden")
    login(client, town)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("steering:area_detail", args=[area.pk]))
    page = response.content.decode()
    assert page.count("<tr>") == 1 + 14
    for label in ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Saknar värde"):
        assert f">{label}</span>" in page
    assert "48,0 % (2024)" in page and "50,0 (2024)" in page


def test_area_selector_runs_four_queries(town, area, goal, women, django_assert_num_queries):
    IndicatorValueFactory(indicator=IndicatorFactory(goal=goal), year=2024, value=3)
    with django_assert_num_queries(4):
        statuses = area_indicators(area=area, municipality=town.municipality)
        latest = {s.indicator.name: s.latest_value for s in statuses}
    assert latest["Andel kvinnor i arbete eller studier"] == 48.0


def test_program_tree_links_each_area_page(client, town, area):
    page = login(client, town).get(area.program.get_absolute_url()).content.decode()
    assert reverse("steering:area_detail", args=[area.pk]) in page


def test_value_form_stores_a_value_and_its_history(client, town, goal):
    indicator = IndicatorFactory(goal=goal)
    url = reverse("steering:indicator_value_create", args=[indicator.pk])
    login(client, town)
    response = client.post(url, {"year": 2024, "gender": "K", "value": "41,5"})
    assert response.status_code == 302
    client.post(url, {"year": 2024, "gender": "K", "value": "43"})
    value = IndicatorValue.objects.get(indicator=indicator)
    assert (value.year, value.gender, value.value) == (2024, "K", Decimal("43"))
    assert value.history.count() == 2
    history = client.get(reverse("steering:indicator_value_history", args=[value.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": 2019, "gender": "T", "value": "40"}, "Värdet gäller år 2019, men programmet gäller 2020–2026."),
        ({"year": 2027, "gender": "T", "value": "40"}, "Värdet gäller år 2027, men programmet gäller 2020–2026."),
        ({"year": 2024, "gender": "T", "value": "fyrtio"}, "Fyll i ett tal."),
        ({"year": "tjugo", "gender": "T", "value": "40"}, "Fyll i ett heltal."),
        ({"year": 2024, "gender": "X", "value": "40"}, "Välj ett giltigt alternativ."),
    ],
)
def test_value_form_refuses_bad_input_and_changes_nothing(client, town, goal, data, message):
    indicator = IndicatorFactory(goal=goal)
    response = login(client, town).post(reverse("steering:indicator_value_create", args=[indicator.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_kolada_indicator_takes_no_entered_values(client, town, goal):
    indicator = IndicatorFactory(goal=goal, source=Indicator.Source.KOLADA, kolada_kpi="N00973")
    response = login(client, town).post(
        reverse("steering:indicator_value_create", args=[indicator.pk]), {"year": 2024, "gender": "T", "value": "4"}
    )
    assert str(VALUE_FOR_KOLADA) in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_another_boards_respondent_may_not_enter_values(client, town, area):
    indicator = IndicatorFactory(goal=GoalFactory(area=area, organization=town.other_board))
    response = login(client, town, "respondent").post(
        reverse("steering:indicator_value_create", args=[indicator.pk]), {"year": 2024, "gender": "T", "value": "4"}
    )
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()
