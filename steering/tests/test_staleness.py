"""The staleness rule, case by case: a value for year Y is expected during Y + lag."""

from steering.staleness import value_staleness


def staleness(latest, *, lag=1, this_year=2026, first=2020, last=2030):
    return value_staleness(latest_year=latest, publication_lag=lag, this_year=this_year,
                           first_year=first, last_year=last)


def test_the_latest_published_year_is_current():
    assert staleness(2025) is None


def test_a_missing_value_for_the_latest_published_year_is_flagged():
    flag = staleness(2024)
    assert flag.expected_year == 2025 and flag.message == "Värdet för 2025 saknas; det senaste är från 2024."


def test_an_older_value_names_the_missing_years():
    assert staleness(2021).message == "Inaktuellt: det senaste värdet är från 2021, värden för 2022–2025 saknas."


def test_no_value_at_all_is_flagged():
    assert staleness(None).message == "Saknar värde: ett värde för 2025 borde ha publicerats."


def test_a_longer_lag_expects_an_older_year():
    assert staleness(2024, lag=2) is None
    assert staleness(2023, lag=2).expected_year == 2024


def test_nothing_is_expected_after_the_programs_last_year():
    assert staleness(2022, last=2022) is None
    assert staleness(2021, last=2022).expected_year == 2022


def test_nothing_is_expected_before_the_program_has_a_published_year():
    assert staleness(None, first=2026) is None
    assert staleness(None, first=2025).expected_year == 2025


def test_a_value_for_a_year_later_than_expected_is_current():
    assert staleness(2026) is None
