from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from core.validators import CONTROL_CHARACTERS, DATE_OUT_OF_RANGE, no_control_characters, plausible_date


@pytest.mark.parametrize("text", ["Språkpraktik\r\nför nyanlända", "Kolumn\tvärde", "", "Ö – ”citat” €"])
def test_ordinary_text_with_tabs_and_line_breaks_passes(text):
    no_control_characters(text)


@pytest.mark.parametrize("text", ["svar\x00", "\x01", "escape\x1b[31m", "del\x7f", "c1\x85", "halv \ud800"])
def test_a_control_character_is_refused_with_the_swedish_message(text):
    with pytest.raises(ValidationError) as raised:
        no_control_characters(text)
    assert raised.value.messages == [str(CONTROL_CHARACTERS)]


@pytest.mark.parametrize("value", [date(1900, 1, 1), date(2100, 12, 31), datetime(2026, 5, 1, 12, 0), None])
def test_dates_from_1900_to_2100_pass(value):
    plausible_date(value)


@pytest.mark.parametrize("value", [date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1), datetime(9999, 1, 1)])
def test_a_date_outside_1900_to_2100_is_refused(value):
    with pytest.raises(ValidationError) as raised:
        plausible_date(value)
    assert raised.value.messages == [str(DATE_OUT_OF_RANGE)]
