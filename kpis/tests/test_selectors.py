"""The comparison: own value, county and national unweighted means with their counts."""

import pytest

from kpis.selectors import NO_MEAN, kpi_comparison, kpis_for_page
from kpis.services import kpi_means_refresh
from kpis.tests.factories import (
    ComparisonGroupFactory,
    KoladaMunicipalityFactory,
    KpiFactory,
    KpiValueFactory,
    LocalKpiFactory,
)


@pytest.fixture
def kpi(db):
    kpi = KpiFactory(id="N00973", is_divided_by_gender=True)
    places = {code: KoladaMunicipalityFactory(id=code) for code in ("1490", "1488", "1480", "0180", "0014", "0000")}
    KoladaMunicipalityFactory(id="1489")  # in the county, no value: not counted
    rows = [
        ("1490", "T", 40.0), ("1490", "K", 30.0), ("1488", "T", 50.0), ("1480", "T", 90.0),
        ("0180", "T", 20.0), ("0014", "T", 999.0), ("0000", "T", 555.0), ("1480", "K", None),
    ]
    for code, gender, value in rows:
        KpiValueFactory(kpi=kpi, municipality=places[code], year=2018, gender=gender, value=value)
    KpiValueFactory(kpi=kpi, municipality=places["1490"], year=2019, gender="T", value=44.0)
    kpi_means_refresh(kpi_ids=[kpi.pk])
    return kpi


def test_means_are_unweighted_over_municipalities_with_a_value(kpi):
    comparison = kpi_comparison(kpi=kpi, municipality_code="1490")
    total_2018 = next(r for r in comparison.rows if (r.year, r.gender) == (2018, "T"))
    assert total_2018.own == 40.0
    assert (total_2018.county.value, total_2018.county.count) == (60.0, 3)
    assert (total_2018.national.value, total_2018.national.count) == (50.0, 4)


def test_a_mean_over_the_municipality_alone_is_left_out(kpi):
    # Only Borås reports women in 2018: "the county's mean (1)" would be Borås itself.
    comparison = kpi_comparison(kpi=kpi, municipality_code="1490")
    women_2018 = next(r for r in comparison.rows if (r.year, r.gender) == (2018, "K"))
    assert women_2018.own == 30.0
    assert women_2018.county == women_2018.national == NO_MEAN
    # Another municipality's single value is still a comparison for Borås.
    other = kpi_comparison(kpi=kpi, municipality_code="1488")
    women = next(r for r in other.rows if (r.year, r.gender) == (2018, "K"))
    assert women.own is None and (women.county.value, women.county.count) == (30.0, 1)


def test_a_local_kpi_has_no_county_or_national_means(town):
    local = LocalKpiFactory(owner=town.municipality, unit="antal")
    KpiValueFactory(kpi=local, municipality=KoladaMunicipalityFactory(id="1490"), year=2022, gender="T", value=347.0)
    kpi_means_refresh(kpi_ids=[local.pk])
    comparison = kpi_comparison(kpi=local, municipality_code="1490")
    [row] = comparison.rows
    assert row.own == 347.0 and row.county == row.national == NO_MEAN
    assert not comparison.has_area_means and comparison.series(gender="T", which="county") == {}


def test_a_group_mean_over_the_municipality_alone_is_left_out(kpi, town):
    group = ComparisonGroupFactory(owner=town.municipality)
    group.members.set(["1490", "1488"])
    comparison = kpi_comparison(kpi=kpi, municipality_code="1490", group=group)
    rows = {(r.year, r.gender): r for r in comparison.rows}
    assert (rows[2018, "T"].group.value, rows[2018, "T"].group.count) == (45.0, 2)
    assert rows[2019, "T"].group == NO_MEAN and rows[2018, "K"].group == NO_MEAN


def test_rows_come_by_year_then_total_women_men(kpi):
    comparison = kpi_comparison(kpi=kpi, municipality_code="1490")
    assert [(r.year, r.gender) for r in comparison.rows] == [(2018, "T"), (2018, "K"), (2019, "T")]
    assert comparison.years == [2018, 2019]
    assert comparison.series(gender="T", which="own") == {2018: 40.0, 2019: 44.0}


def test_a_group_mean_covers_its_members_only(kpi, town):
    group = ComparisonGroupFactory(owner=town.municipality)
    group.members.set(["1488", "0180"])
    comparison = kpi_comparison(kpi=kpi, municipality_code="1490", group=group)
    total_2018 = comparison.rows[0]
    assert (total_2018.group.value, total_2018.group.count) == (35.0, 2)


def test_an_import_keeps_the_means_up_to_date(kpi):
    from kpis.kolada import KoladaValue
    from kpis.services import values_import

    values_import(values=[KoladaValue(kpi="N00973", municipality="1489", period=2018, gender="T", value=0.0,
                                      status="", count=1, is_deleted=False)], source="file")
    total_2018 = kpi_comparison(kpi=kpi, municipality_code="1490").rows[0]
    assert (total_2018.county.value, total_2018.county.count) == (45.0, 4)
    assert (total_2018.national.value, total_2018.national.count) == (40.0, 5)


def test_an_indicator_page_may_pass_the_kpi_id(kpi):
    comparison = kpi_comparison(kpi="N00973", municipality_code="1490", last_year=2018)
    assert (comparison.kpi, comparison.years) == (kpi, [2018])


def test_the_years_can_be_limited(kpi):
    assert kpi_comparison(kpi=kpi, municipality_code="1490", first_year=2019).years == [2019]


def test_the_comparison_runs_a_fixed_number_of_queries(kpi, town, django_assert_num_queries):
    group = ComparisonGroupFactory(owner=town.municipality)
    group.members.set(["1488", "0180"])
    with django_assert_num_queries(2):
        kpi_comparison(kpi=kpi, municipality_code="1490")
    with django_assert_num_queries(3):
        kpi_comparison(kpi=kpi, municipality_code="1490", group=group)


def test_the_list_shows_koladas_kpis_and_only_the_own_local_ones(kpi, town):
    own = LocalKpiFactory(owner=town.municipality)
    LocalKpiFactory()
    listed = {k.pk: k for k in kpis_for_page(municipality=town.municipality)}
    assert set(listed) == {"N00973", own.pk}
    assert listed["N00973"].latest_year == 2019
    assert listed["N00973"].value_count == 3  # the municipality's own, not the county's or others'
    assert (listed[own.pk].latest_year, listed[own.pk].value_count) == (None, 0)
