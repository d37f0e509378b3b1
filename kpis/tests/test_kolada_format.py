"""The reader of Kolada's JSON: v3 and v2 shapes in, typed records out, bad files refused."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kpis.kolada import (
    KoladaFormatError,
    KoladaValue,
    next_page_url,
    parse_data_response,
    read_file,
)

RECORDINGS = Path(__file__).parent / "recordings"


def recording(name: str) -> Any:
    return json.loads((RECORDINGS / name).read_text(encoding="utf-8"))


def changed(name: str, change: Callable[[Any], None]) -> bytes:
    """A recording with one thing broken, as bytes of a saved file."""
    payload = recording(name)
    change(payload)
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def by_key(values: list[KoladaValue]) -> dict[tuple[str, str, int, str], KoladaValue]:
    return {value.key: value for value in values}


# --- good files -------------------------------------------------------------------


def test_read_file_returns_each_gender_of_each_entry_as_a_record():
    values = read_file(source=RECORDINGS / "data_v3_paged_page1.json")

    assert values[:3] == [
        KoladaValue("N00973", "1490", 2017, "T", 48.3, "", 1, False),
        KoladaValue("N00973", "1490", 2017, "K", 39.1, "", 1, False),
        KoladaValue("N00973", "1490", 2017, "M", 55.6, "", 1, False),
    ]
    assert by_key(values)[("N00973", "1490", 2018, "K")].value == 42.0
    assert len(values) == 6


def test_read_file_accepts_a_path_string_bytes_and_a_binary_file_object():
    path = RECORDINGS / "data_v3_paged_page3.json"
    expected = read_file(source=path)

    assert read_file(source=str(path)) == expected
    assert read_file(source=path.read_bytes()) == expected
    assert read_file(source=io.BytesIO(path.read_bytes())) == expected


def test_utf8_file_with_byte_order_mark_is_read():
    raw = b"\xef\xbb\xbf" + (RECORDINGS / "data_v3_paged_page3.json").read_bytes()

    assert len(read_file(source=raw)) == 3


def test_null_value_is_read_as_none_not_zero():
    values = by_key(read_file(source=RECORDINGS / "data_v3_paged_page2.json"))

    assert values[("N00973", "1488", 2017, "T")].value is None
    assert values[("N00973", "1488", 2018, "K")].value is None
    assert values[("N00973", "1488", 2018, "M")].value == 50.0


def test_kpi_not_divided_by_gender_gives_only_totals_and_empty_entries_give_nothing():
    values = read_file(source=RECORDINGS / "data_v3_not_gendered.json")

    assert {value.gender for value in values} == {"T"}
    assert [value.municipality for value in values] == ["1490", "0014", "0000", "G124026"]


def test_group_value_keeps_the_number_of_members_with_a_value():
    values = by_key(read_file(source=RECORDINGS / "data_v3_not_gendered.json"))

    group_value = values[("N00700", "G124026", 2022, "T")]
    assert (group_value.value, group_value.count) == (54.3, 7)


def test_v3_isdeleted_flag_marks_the_value_to_remove():
    values = by_key(read_file(source=RECORDINGS / "data_v3_from_date.json"))

    assert values[("N00973", "1490", 2023, "K")].is_deleted is True
    assert values[("N00973", "1490", 2023, "K")].value is None
    assert values[("N00973", "1490", 2023, "T")].is_deleted is False


def test_v2_file_is_accepted_with_string_years_and_is_deleted_as_0_or_1():
    values = by_key(read_file(source=RECORDINGS / "data_v2_saved.json"))

    assert values[("N00973", "1490", 2018, "K")] == KoladaValue("N00973", "1490", 2018, "K", 42.0, "", 1, False)
    assert values[("N00973", "1488", 2018, "T")].value is None
    assert values[("N00973", "0180", 2019, "K")].is_deleted is True
    assert values[("N00973", "0180", 2019, "T")].is_deleted is False
    assert all(isinstance(key[2], int) for key in values)


def test_municipality_id_keeps_its_leading_zero():
    values = read_file(source=RECORDINGS / "data_v3_paged_page3.json")

    assert values[0].municipality == "0180"


def test_missing_status_and_count_are_read_as_empty_and_none():
    def drop(payload: Any) -> None:
        del payload["values"][0]["values"][0]["status"]
        del payload["values"][0]["values"][0]["count"]

    value = read_file(source=changed("data_v3_paged_page3.json", drop))[0]

    assert (value.status, value.count) == ("", None)


def test_status_text_is_kept_as_given():
    def flag(payload: Any) -> None:
        payload["values"][0]["values"][0]["status"] = "Preliminärt"

    assert read_file(source=changed("data_v3_paged_page3.json", flag))[0].status == "Preliminärt"


def test_year_range_is_configurable():
    def old(payload: Any) -> None:
        payload["values"][0]["period"] = 1940

    raw = changed("data_v3_paged_page3.json", old)

    assert read_file(source=raw, min_year=1900)[0].period == 1940
    with pytest.raises(KoladaFormatError):
        read_file(source=raw)


# --- bad files --------------------------------------------------------------------


def assert_refused(raw: bytes, message: str, **options: Any) -> None:
    """The file is refused with exactly this message, and nothing is returned."""
    result = None
    with pytest.raises(KoladaFormatError) as excinfo:
        result = read_file(source=raw, **options)
    assert str(excinfo.value) == message
    assert result is None


def set_item(field: str, value: Any, *, entry: int = 0, item: int = 1) -> Callable[[Any], None]:
    def change(payload: Any) -> None:
        payload["values"][entry]["values"][item][field] = value

    return change


def set_entry(field: str, value: Any, *, entry: int = 0) -> Callable[[Any], None]:
    def change(payload: Any) -> None:
        payload["values"][entry][field] = value

    return change


def test_empty_file_is_refused():
    assert_refused(b"  \n", "Filen är tom.")


def test_file_that_is_not_json_is_refused_with_line_and_column():
    assert_refused(
        "kommun;år;värde\n1490;2018;42\n".encode(),
        "Filen är inte JSON: fel på rad 1, kolumn 1.",
    )


def test_json_broken_in_the_middle_is_refused_as_not_json():
    assert_refused(
        b'{"values": [\n  {"kpi": "N00973",, "municipality": "1490"}\n]}',
        "Filen är inte JSON: fel på rad 2, kolumn 20.",
    )


def test_truncated_file_is_refused_as_cut_off():
    raw = (RECORDINGS / "data_v3_paged_page1.json").read_bytes()
    cut_between_tokens = raw[: raw.index(b'{"gender": "M"')]

    assert_refused(
        cut_between_tokens,
        "Filen tar slut mitt i JSON-innehållet (rad 7); den verkar avkortad. Hämta eller spara den på nytt.",
    )


def test_file_cut_inside_a_string_is_refused_as_cut_off():
    raw = (RECORDINGS / "data_v3_paged_page1.json").read_bytes()

    with pytest.raises(KoladaFormatError) as excinfo:
        read_file(source=raw[: raw.index(b"N00973") + 3])
    assert str(excinfo.value).startswith("Filen tar slut mitt i JSON-innehållet")


def test_file_not_in_utf8_is_refused():
    raw = '{"values": [], "note": "Borås"}'.encode("latin-1")

    assert_refused(raw, "Filen är inte text i UTF-8 och kan därför inte vara ett svar från Kolada.")


@pytest.mark.parametrize(
    "raw",
    [b'{"kpi": "N00973"}', b"[1, 2, 3]", b'{"values": "N00973"}', b'"values"', b"null"],
    ids=["object-without-values", "list", "values-not-a-list", "string", "null"],
)
def test_json_that_is_not_kolada_data_is_refused(raw):
    assert_refused(raw, 'Innehållet är inte data från Kolada: listan "values" saknas på översta nivån.')


def test_value_that_is_not_a_number_is_refused_naming_entry_and_position():
    assert_refused(
        changed("data_v3_paged_page1.json", set_item("value", "abc", entry=1, item=2)),
        'Post 2 i "values", post 3 i "values": värdet "abc" är inte ett tal.',
    )


@pytest.mark.parametrize("bad", ["41.5", "", True, [41.5]], ids=["numeric-string", "empty-string", "bool", "list"])
def test_value_of_another_json_type_is_refused(bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_item("value", bad)),
        f'Post 1 i "values", post 2 i "values": värdet {json.dumps(bad)} är inte ett tal.',
    )


def test_nan_is_refused_as_a_value():
    raw = (RECORDINGS / "data_v3_paged_page3.json").read_bytes().replace(b"51.2", b"NaN")

    assert_refused(raw, 'Post 1 i "values", post 2 i "values": värdet NaN är inte ett tal.')


@pytest.mark.parametrize("bad", ["N973", "n00973", "N009730", "00973", 973], ids=str)
def test_malformed_kpi_id_is_refused(bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_entry("kpi", bad)),
        f'Post 1 i "values": nyckeltalets id {json.dumps(bad)} har fel form; ett id är en stor '
        "bokstav och fem siffror, t.ex. N00973.",
    )


@pytest.mark.parametrize("bad", [180, "180", "01800", "Stockholm", "G", "g124026", None], ids=str)
def test_malformed_municipality_id_is_refused(bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_entry("municipality", bad)),
        f'Post 1 i "values": kommunens id {json.dumps(bad)} har fel form; ett id är fyra siffror '
        "(kommun 0180, län 0014, riket 0000) eller G och siffror för en kommungrupp.",
    )


def test_year_outside_the_range_is_refused():
    assert_refused(
        changed("data_v3_paged_page1.json", set_entry("period", 20180, entry=1)),
        'Post 2 i "values": året 20180 ligger utanför 1950–2100.',
    )


@pytest.mark.parametrize("bad", ["20x8", 2018.0, "", True, None], ids=str)
def test_year_that_is_not_an_integer_is_refused(bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_entry("period", bad)),
        f'Post 1 i "values": året {json.dumps(bad)} är inte ett heltal.',
    )


@pytest.mark.parametrize("bad", ["X", "k", "", None, 1], ids=str)
def test_gender_other_than_t_k_m_is_refused(bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_item("gender", bad)),
        f'Post 1 i "values", post 2 i "values": kön {json.dumps(bad)} är inte T (totalt), K (kvinnor) eller M (män).',
    )


@pytest.mark.parametrize("field", ["kpi", "municipality", "period", "values"])
def test_entry_missing_a_required_field_is_refused(field):
    def drop(payload: Any) -> None:
        del payload["values"][0][field]

    assert_refused(changed("data_v3_paged_page3.json", drop), f'Post 1 i "values": fältet "{field}" saknas.')


def test_value_without_gender_is_refused():
    def drop(payload: Any) -> None:
        del payload["values"][0]["values"][2]["gender"]

    assert_refused(
        changed("data_v3_paged_page3.json", drop), 'Post 1 i "values", post 3 i "values": fältet "gender" saknas.'
    )


def test_entry_that_is_not_an_object_is_refused():
    def replace(payload: Any) -> None:
        payload["values"][1] = ["N00973", "1490", 2018]

    assert_refused(changed("data_v3_paged_page1.json", replace), 'Post 2 i "values": posten är inte ett JSON-objekt.')


def test_entry_values_that_is_not_a_list_is_refused():
    assert_refused(
        changed("data_v3_paged_page3.json", set_entry("values", {"gender": "T"})),
        'Post 1 i "values": fältet "values" är inte en lista.',
    )


def test_same_kpi_municipality_year_and_gender_twice_is_refused():
    def duplicate(payload: Any) -> None:
        payload["values"].append(payload["values"][0])

    assert_refused(
        changed("data_v3_paged_page1.json", duplicate),
        'Post 3 i "values", post 1 i "values": ett värde för N00973, 1490, år 2017, kön T finns redan i post 1.',
    )


@pytest.mark.parametrize(("field", "bad"), [("isdeleted", "ja"), ("is_deleted", 2)])
def test_deletion_flag_that_is_not_true_or_false_is_refused(field, bad):
    assert_refused(
        changed("data_v3_paged_page3.json", set_item(field, bad, item=0)),
        f'Post 1 i "values", post 1 i "values": fältet "{field}" är varken sant eller falskt ({json.dumps(bad)}).',
    )


def test_count_that_is_not_an_integer_is_refused():
    assert_refused(
        changed("data_v3_paged_page3.json", set_item("count", "1")),
        'Post 1 i "values", post 2 i "values": antalet "1" är inte ett heltal.',
    )


def test_status_that_is_not_text_is_refused():
    assert_refused(
        changed("data_v3_paged_page3.json", set_item("status", 3)),
        'Post 1 i "values", post 2 i "values": fältet "status" är inte text (3).',
    )


def test_one_bad_value_at_the_end_refuses_the_whole_file():
    def break_last(payload: Any) -> None:
        payload["values"][-1]["values"][-1]["value"] = "abc"

    raw = changed("data_v2_saved.json", break_last)

    with pytest.raises(KoladaFormatError, match='Post 3 i "values", post 2'):
        read_file(source=raw)


def test_long_bad_value_is_shortened_in_the_message():
    with pytest.raises(KoladaFormatError) as excinfo:
        read_file(source=changed("data_v3_paged_page3.json", set_entry("kpi", "N" * 200)))

    assert len(str(excinfo.value)) < 200
    assert '"NNNN' in str(excinfo.value)


def test_parse_data_response_checks_a_decoded_page_the_same_way():
    payload = recording("data_v3_paged_page3.json")
    payload["values"][0]["values"][0]["gender"] = "X"

    with pytest.raises(KoladaFormatError, match="kön"):
        parse_data_response(payload=payload)


# --- paging keys --------------------------------------------------------------------


def test_next_page_url_reads_v3_next_url_and_v2_next_page():
    assert next_page_url(payload=recording("data_v3_paged_page1.json")).endswith("page=2")
    assert next_page_url(payload=recording("data_v2_page1.json")).startswith("http://api.kolada.se/v2/")


@pytest.mark.parametrize(
    "payload",
    [
        {"values": [], "next_url": None},
        {"values": [], "next_url": ""},
        {"values": []},
        {"values": [], "next_page": None},
    ],
    ids=["null", "empty", "missing", "v2-null"],
)
def test_next_page_url_is_none_on_the_last_page(payload):
    assert next_page_url(payload=payload) is None


def test_next_page_url_that_is_not_text_is_refused():
    with pytest.raises(KoladaFormatError) as excinfo:
        next_page_url(payload={"values": [], "next_url": 2})

    assert str(excinfo.value) == 'Innehållet har en ogiltig länk till nästa sida i fältet "next_url" (2).'


# --- the fast reading of plain entries ------------------------------------------------


def mixed_payload() -> dict:
    """v3 entries with v2 ones among them (a year as text, is_deleted 0/1 after a plain
    value, so the fast reading gives the entry up half-way) and an integer value."""
    return {"values": [
        {"kpi": "N00973", "municipality": "1490", "period": 2017, "values": [
            {"gender": "T", "value": 48.3, "count": 1, "status": "", "isdeleted": False},
            {"gender": "K", "value": 39, "count": None, "status": None, "is_deleted": 1}]},
        {"kpi": "N00973", "municipality": "1490", "period": "2018", "values": [
            {"gender": "T", "value": 50.0, "count": 1, "status": "prel", "is_deleted": 1}]},
        {"kpi": "N00973", "municipality": "G124026", "period": 2018, "values": [
            {"gender": "T", "value": None, "count": 7}]},
        {"kpi": "N00700", "municipality": "0014", "period": 2018, "values": []},
    ], "next_url": None}


@pytest.mark.parametrize("name", [
    "data_v3_paged_page1.json", "data_v3_paged_page2.json", "data_v3_not_gendered.json",
    "data_v3_from_date.json", "data_v2_saved.json", None,
])
def test_plain_entries_are_read_as_the_full_checks_read_them(name, monkeypatch):
    from kpis.kolada import format as reader

    payload = recording(name) if name else mixed_payload()
    fast = parse_data_response(payload=payload)
    monkeypatch.setattr(reader, "_plain_entry", lambda *args: False)
    checked = parse_data_response(payload=payload)

    assert fast == checked
    assert [tuple(map(type, value)) for value in fast] == [tuple(map(type, value)) for value in checked]


def test_an_integer_value_is_read_as_a_float():
    value = parse_data_response(payload=mixed_payload())[1]

    assert (value.value, type(value.value), value.status, value.count) == (39.0, float, "", None)
    assert value.is_deleted is True


def test_a_bad_value_after_plain_ones_is_named():
    payload = mixed_payload()
    payload["values"][0]["values"].append({"gender": "M", "value": "abc"})

    assert_refused(json.dumps(payload).encode(), 'Post 1 i "values", post 3 i "values": värdet "abc" är inte ett tal.')
    payload["values"][0]["values"][2] = {"gender": "M", "value": 1.0}
    assert len(parse_data_response(payload=payload)) == 5


def test_a_duplicate_of_a_plain_entry_names_the_first():
    payload = mixed_payload()
    payload["values"].append({"kpi": "N00973", "municipality": "G124026", "period": 2018,
                              "values": [{"gender": "T", "value": 1.0}]})

    assert_refused(
        json.dumps(payload).encode(),
        'Post 5 i "values", post 1 i "values": ett värde för N00973, G124026, år 2018, kön T finns redan i post 3.',
    )


def test_an_integer_too_large_for_a_float_is_refused_as_out_of_range():
    payload = mixed_payload()
    payload["values"][0]["values"][1]["value"] = 10**400

    assert_refused(
        json.dumps(payload).encode(),
        'Post 1 i "values", post 2 i "values": värdet 1' + "0" * 36 + '… är orimligt '
        "stort till beloppet; ett värde ligger mellan −10¹⁵ och 10¹⁵.",
    )


def test_values_counts_and_statuses_at_their_bounds_are_read_alike_by_both_paths(monkeypatch):
    from kpis.kolada import format as reader

    payload = {"values": [{"kpi": "N00973", "municipality": "1490", "period": 2018, "values": [
        {"gender": "T", "value": 1e15, "count": 0, "status": "x" * 30},
        {"gender": "K", "value": -10**15, "count": 2**31 - 1, "status": ""},
    ]}]}
    fast = parse_data_response(payload=payload)
    monkeypatch.setattr(reader, "_plain_entry", lambda *args: False)

    assert fast == parse_data_response(payload=payload)
    assert [(v.value, v.count, v.status) for v in fast] == [(1e15, 0, "x" * 30), (-1e15, 2**31 - 1, "")]


def test_a_year_of_thousands_of_digits_is_shown_shortened():
    payload = mixed_payload()
    payload["values"][0]["period"] = 10**4000

    assert_refused(
        json.dumps(payload).encode(),
        'Post 1 i "values": året 1' + "0" * 36 + "… ligger utanför 1950–2100.",
    )


def test_a_number_too_long_for_python_is_refused_naming_its_line():
    raw = json.dumps(mixed_payload(), indent=1).replace("48.3", "9" * 4301).encode()

    assert_refused(raw, "Filen har ett tal med fler än 4300 siffror på rad 10; så stora tal finns inte i Koladas data.")


def test_a_field_nested_nearly_as_deep_as_json_reads_is_named_without_recursing(monkeypatch):
    from kpis.kolada import checks

    nested: list = []
    inner = nested
    for _ in range(5000):
        inner.append([])
        inner = inner[0]

    assert checks.show(nested) == "[…]"


def test_a_kpi_id_seen_before_is_still_refused_as_a_municipality():
    payload = mixed_payload()
    payload["values"][2]["municipality"] = "N00973"

    assert_refused(
        json.dumps(payload).encode(),
        'Post 3 i "values": kommunens id "N00973" har fel form; ett id är fyra siffror '
        '(kommun 0180, län 0014, riket 0000) eller G och siffror för en kommungrupp.',
    )
