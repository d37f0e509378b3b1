"""Properties of the Kolada reader over generated input: any bytes, any JSON and any
near-Kolada response either read into records or are refused with one of the reader's
Swedish messages; nothing else escapes."""

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from kpis.kolada import checks, format, ids
from kpis.kolada.errors import KoladaFormatError
from kpis.kolada.format import KoladaValue, read_file


def _pattern(template: str) -> re.Pattern:
    # Each {placeholder} stands for anything the reader fills in.
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL)


MESSAGES = [
    _pattern(value) for module in (format, checks, ids)
    for name, value in vars(module).items() if name.startswith("MSG_") and isinstance(value, str)
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
# Well-formed responses in both shapes (v3 and v2's year as text and 0/1 flags), of which
# one field in two is then replaced by any JSON: generation reaches every check inside an
# entry, not only the first one that refuses.
valid_items = st.fixed_dictionaries(
    {"gender": st.sampled_from(["T", "K", "M"])},
    optional={
        "value": st.none() | st.integers(-10**15, 10**15) | st.floats(-1e15, 1e15, allow_nan=False),
        "status": st.none() | st.text(max_size=30),
        "count": st.none() | st.integers(0, 2**31 - 1),
        "isdeleted": st.booleans(),
        "is_deleted": st.sampled_from([0, 1]),
    },
)
valid_entries = st.fixed_dictionaries({
    "kpi": st.sampled_from(["N00973", "U00405"]) | st.from_regex(r"[A-Z]\d{5}", fullmatch=True),
    "municipality": st.sampled_from(["1490", "0180", "G124026"]) | st.from_regex(r"\d{4}", fullmatch=True),
    "period": st.integers(1950, 2100) | st.integers(1950, 2100).map(str),
    "values": st.lists(valid_items, max_size=4),
})


@st.composite
def kolada_responses(draw):
    entries = draw(st.lists(valid_entries | json_values, max_size=5))
    dicts = [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("values"), list)]
    if dicts and draw(st.booleans()):
        entry = draw(st.sampled_from(dicts))
        target = draw(st.sampled_from(entry["values"])) if entry["values"] and draw(st.booleans()) else entry
        target[draw(st.sampled_from(sorted(target)) | st.text(max_size=8))] = draw(json_values)
    response = {"values": entries}
    if draw(st.booleans()):
        response[draw(st.sampled_from(["next_url", "next_page"]))] = draw(json_values)
    return response


def read_or_refusal(raw: bytes):
    try:
        return read_file(source=raw)
    except KoladaFormatError as error:
        assert any(pattern.fullmatch(str(error)) for pattern in MESSAGES), str(error)
        return error


def assert_read_or_refused(raw: bytes):
    result = read_or_refusal(raw)
    if not isinstance(result, KoladaFormatError):
        assert all(isinstance(record, KoladaValue) for record in result)
        assert len({record.key for record in result}) == len(result)


@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_in_swedish(raw):
    assert_read_or_refused(raw)


@given(json_values)
def test_any_json_is_read_or_refused_in_swedish(payload):
    assert_read_or_refused(json.dumps(payload).encode())


@given(kolada_responses())
def test_any_near_kolada_response_is_read_or_refused_in_swedish(payload):
    assert_read_or_refused(json.dumps(payload).encode())


@given(kolada_responses())
def test_reading_is_all_or_nothing_and_the_same_every_time(payload):
    raw = json.dumps(payload).encode()
    first, second = read_or_refusal(raw), read_or_refusal(raw)
    if isinstance(first, KoladaFormatError):
        assert str(first) == str(second)
    else:
        assert first == second
