import argparse

import pytest

from loadtest.__main__ import _think


def test_a_think_time_is_a_range_of_seconds():
    assert _think("5-15") == "5-15"
    assert _think("1-3") == "1-3"
    assert _think("0.5-2") == "0.5-2"


@pytest.mark.parametrize("text", ["15-5", "fem-femton", "5", "-1-3", ""])
def test_anything_else_is_refused_with_what_is_expected(text):
    with pytest.raises(argparse.ArgumentTypeError, match="min-max in seconds"):
        _think(text)
