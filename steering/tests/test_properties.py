"""Properties of the goal fulfilment rule over generated indicators: a better value never
gives a worse status, and every status comes with its text and a reason."""

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from steering.fulfilment import HIGHER, LOWER, Status, goal_fulfilment

# Worst to best: a value that cannot be judged stands apart and is left out of the order.
RANK = {Status.NOT_MET: 0, Status.PARTLY_MET: 1, Status.MET: 2}

numbers = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
years = st.integers(2015, 2035)
indicators = st.fixed_dictionaries({
    "direction": st.sampled_from([HIGHER, LOWER]),
    "baseline": st.none() | numbers,
    "targets": st.dictionaries(years, st.none() | numbers, max_size=4),
    "values": st.dictionaries(years, st.none() | numbers | st.integers(-1000, 1000) | st.floats(-1e6, 1e6), max_size=4),
})


@st.composite
def judged_indicators(draw):
    """Indicators whose latest year has both a value and a target, so that the rule has
    something to judge (most generated ones have not, and filtering them out is slow)."""
    indicator = draw(indicators)
    latest = 2035  # the last of `years`
    return {**indicator, "values": {**indicator["values"], latest: draw(numbers)},
            "targets": {**indicator["targets"], latest: draw(numbers)}}


def better(direction, value, step):
    return value + step if direction == HIGHER else value - step


@given(indicators, st.decimals(min_value=0, max_value=10**6, places=2))
def test_a_better_latest_value_never_gives_a_worse_status(indicator, step):
    known = {year: value for year, value in indicator["values"].items() if value is not None}
    assume(known)
    latest = max(known)
    improved = {**indicator["values"], latest: better(indicator["direction"], Decimal(str(known[latest])), step)}

    before = goal_fulfilment(**indicator)
    after = goal_fulfilment(**dict(indicator, values=improved))

    assert (before.status == Status.NO_VALUE) == (after.status == Status.NO_VALUE)
    if before.status != Status.NO_VALUE:
        assert RANK[after.status] >= RANK[before.status]


@given(indicators)
def test_every_status_has_its_text_colour_and_reason(indicator):
    fulfilment = goal_fulfilment(**indicator)

    assert str(fulfilment.text) and fulfilment.color and fulfilment.reason
    if fulfilment.status != Status.NO_VALUE:
        assert fulfilment.value is not None and fulfilment.target is not None


@given(judged_indicators())
def test_the_status_is_met_exactly_when_the_target_is_reached(indicator):
    fulfilment = goal_fulfilment(**indicator)
    assume(fulfilment.status != Status.NO_VALUE)

    value, target = fulfilment.value, fulfilment.target
    reached = value >= target if indicator["direction"] == HIGHER else value <= target
    assert (fulfilment.status == Status.MET) == reached
