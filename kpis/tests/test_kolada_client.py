"""The Kolada client against recorded responses (respx): paging, batching, retries, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from kpis.kolada import (
    KoladaClient,
    KoladaError,
    KoladaFormatError,
    KoladaUnavailable,
    KoladaValue,
)

RECORDINGS = Path(__file__).parent / "recordings"
BASE = "https://api.kolada.se/v3"
PAGED_URL = f"{BASE}/data/kpi/N00973/municipality/1490,1488,0180/year/2017,2018"
EMPTY_PAGE = {"values": [], "next_url": None}


def recording(name: str) -> Any:
    return json.loads((RECORDINGS / name).read_text(encoding="utf-8"))


def ok(name: str) -> httpx.Response:
    return httpx.Response(200, json=recording(name))


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


@pytest.fixture
def kolada(http: httpx.Client, sleeps: list[float]) -> KoladaClient:
    # min_interval=0 keeps the politeness pause out of the recorded sleeps; it
    # has its own test below.
    return KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=True, assert_all_mocked=True) as router:
        yield router


def paths(route: respx.Route) -> list[str]:
    return [call.request.url.path for call in route.calls]


# --- data, paging and batching -----------------------------------------------------


def test_values_follow_next_url_to_the_last_page(mock, http, sleeps):
    # Routes match the first that fits and params match as a subset: pages 2
    # and 3 are registered before the first page.
    third = mock.get(PAGED_URL, params={"per_page": "2", "page": "3"}).mock(return_value=ok("data_v3_paged_page3.json"))
    second = mock.get(PAGED_URL, params={"per_page": "2", "page": "2"}).mock(
        return_value=ok("data_v3_paged_page2.json")
    )
    first = mock.get(PAGED_URL, params={"per_page": "2"}).mock(return_value=ok("data_v3_paged_page1.json"))
    kolada = KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0, per_page=2)

    values = list(kolada.values(kpis=["N00973"], municipalities=["1490", "1488", "0180"], years=[2017, 2018]))

    assert (first.call_count, second.call_count, third.call_count) == (1, 1, 1)
    assert len(values) == 13
    assert values[-1] == KoladaValue("N00973", "0180", 2018, "M", 63.9, "", 1, False)
    assert sleeps == []


def test_values_give_none_for_null_values_and_nothing_for_absent_entries(mock, kolada):
    mock.get(PAGED_URL).mock(
        side_effect=[ok("data_v3_paged_page1.json"), ok("data_v3_paged_page2.json"), ok("data_v3_paged_page3.json")]
    )

    values = {
        v.key: v
        for v in kolada.values(kpis=["N00973"], municipalities=["1490", "1488", "0180"], years=range(2017, 2019))
    }

    assert values[("N00973", "1488", 2017, "T")].value is None
    assert values[("N00973", "1488", 2018, "K")].value is None
    assert ("N00973", "1488", 2017, "K") not in values
    assert not any(key[1] == "0180" and key[2] == 2017 for key in values)


def test_values_for_a_gendered_kpi_come_as_total_women_and_men(mock, kolada):
    mock.get(f"{BASE}/data/kpi/N00973/municipality/1490/year/2017,2018").mock(
        return_value=ok("data_v3_paged_page3.json")
    )

    values = list(kolada.values(kpis=["N00973"], municipalities=["1490"], years=[2017, 2018]))

    assert [v.gender for v in values] == ["T", "K", "M"]


def test_values_for_a_kpi_not_divided_by_gender_come_as_totals_only(mock, kolada):
    route = mock.get(f"{BASE}/data/kpi/N00700/year/2022").mock(return_value=ok("data_v3_not_gendered.json"))

    values = list(kolada.values(kpis=["N00700"], years=[2022]))

    assert {v.gender for v in values} == {"T"}
    assert [v.municipality for v in values] == ["1490", "0014", "0000", "G124026"]
    assert route.calls.last.request.url.params["per_page"] == "5000"


def data_segments(path: str) -> tuple[list[str], list[str], list[str]]:
    """The kpi, municipality and year lists of a /v3/data/kpi/…/municipality/…/year/… path."""
    _, _, kpis, _, municipalities, _, years = path.removeprefix("/v3/").split("/")
    return kpis.split(","), municipalities.split(","), years.split(",")


def test_values_batch_each_segment_to_at_most_25_items_and_ask_for_every_combination(mock, kolada):
    kpis = [f"N{n:05d}" for n in range(1, 31)]
    municipalities = [f"{n:04d}" for n in range(1401, 1428)]
    years = range(2000, 2030)
    route = mock.get(url__startswith=f"{BASE}/data/").mock(return_value=httpx.Response(200, json=EMPTY_PAGE))

    list(kolada.values(kpis=kpis, municipalities=municipalities, years=years))

    requests = [data_segments(path) for path in paths(route)]
    # 30 KPIs → 25 + 5, 27 municipalities → 25 + 2, 30 years → 25 + 5: 2·2·2 requests.
    assert sorted((len(k), len(m), len(y)) for k, m, y in requests) == sorted(
        (k, m, y) for k in (25, 5) for m in (25, 2) for y in (25, 5)
    )
    asked = {(kpi, municipality, int(year)) for k, m, y in requests for kpi in k for municipality in m for year in y}
    assert asked == {(kpi, municipality, year) for kpi in kpis for municipality in municipalities for year in years}


def test_values_from_all_batches_are_yielded_in_turn(mock, kolada):
    municipalities = ["1490"] + [f"{n:04d}" for n in range(1401, 1426)]
    mock.get(url__startswith=f"{BASE}/data/").mock(
        side_effect=[httpx.Response(200, json=EMPTY_PAGE), ok("data_v3_not_gendered.json")]
    )

    values = list(kolada.values(municipalities=municipalities, years=[2022]))

    assert len(values) == 4


def test_values_with_from_date_ask_for_changes_and_flag_deletions(mock, kolada):
    route = mock.get(f"{BASE}/data/kpi/N00973/municipality/1490").mock(return_value=ok("data_v3_from_date.json"))

    values = list(kolada.values(kpis=["N00973"], municipalities=["1490"], from_date="2024-01-15"))

    assert route.calls.last.request.url.params["from_date"] == "2024-01-15"
    assert [(v.gender, v.is_deleted) for v in values] == [("T", False), ("K", True), ("M", False)]


def test_values_follow_v2_next_page(mock, http, sleeps):
    v2_url = "http://api.kolada.se/v2/data/kpi/N00973/municipality/1490,1488/year/2018"
    mock.get(v2_url, params={"per_page": "1", "page": "2"}).mock(return_value=ok("data_v2_page2.json"))
    mock.get(v2_url, params={"per_page": "1"}).mock(return_value=ok("data_v2_page1.json"))
    kolada = KoladaClient(
        base_url="http://api.kolada.se/v2", http_client=http, sleep=sleeps.append, min_interval=0, per_page=1
    )

    values = list(kolada.values(kpis=["N00973"], municipalities=["1490", "1488"], years=[2018]))

    assert [(v.municipality, v.period, v.gender) for v in values] == [
        ("1490", 2018, "K"),
        ("1490", 2018, "M"),
        ("1490", 2018, "T"),
        ("1488", 2018, "T"),
    ]


def test_values_with_an_empty_list_ask_for_nothing(mock, kolada):
    # No route is mocked: any request would fail the test.
    assert list(kolada.values(kpis=[], municipalities=["1490"], years=[2022])) == []
    assert mock.calls.call_count == 0


def test_values_need_at_least_two_of_kpis_municipalities_and_years(kolada):
    with pytest.raises(ValueError, match="at least two"):
        kolada.values(kpis=["N00973"])


def test_values_refuse_a_single_string_instead_of_a_list(kolada):
    with pytest.raises(TypeError):
        kolada.values(kpis="N00973", years=[2022])


@pytest.mark.parametrize(
    "arguments",
    [
        {"kpis": ["N973"], "years": [2022]},
        {"kpis": ["N00973"], "municipalities": [1490]},
        {"kpis": ["N00973"], "years": [22]},
        {"kpis": ["N00973"], "years": [2022], "from_date": "15/1 2024"},
    ],
    ids=["kpi", "municipality", "year", "from_date"],
)
def test_values_refuse_malformed_arguments_before_asking_kolada(mock, kolada, arguments):
    with pytest.raises(ValueError):
        kolada.values(**arguments)
    assert mock.calls.call_count == 0


def test_a_bad_page_raises_before_any_of_its_values_are_yielded(mock, kolada):
    broken = recording("data_v3_paged_page2.json")
    broken["values"][1]["values"][2]["value"] = "abc"
    mock.get(PAGED_URL).mock(side_effect=[ok("data_v3_paged_page1.json"), httpx.Response(200, json=broken)])
    received: list[KoladaValue] = []

    with pytest.raises(KoladaFormatError) as excinfo:
        for value in kolada.values(kpis=["N00973"], municipalities=["1490", "1488", "0180"], years=[2017, 2018]):
            received.append(value)

    assert str(excinfo.value) == 'Post 2 i "values", post 3 i "values": värdet "abc" är inte ett tal.'
    assert {v.municipality for v in received} == {"1490"}


def test_next_url_to_another_host_is_not_followed(mock, kolada):
    page = recording("data_v3_paged_page1.json")
    page["next_url"] = "https://kolada.example.net/v3/data?page=2"
    mock.get(url__startswith=f"{BASE}/data/").mock(return_value=httpx.Response(200, json=page))

    with pytest.raises(KoladaFormatError) as excinfo:
        list(kolada.values(kpis=["N00973"], years=[2017]))

    assert str(excinfo.value) == "Kolada pekade vidare till en annan server (kolada.example.net); hämtningen avbröts."


def test_next_url_pointing_back_to_a_fetched_page_stops_the_loop(mock, kolada):
    url = f"{BASE}/data/kpi/N00973/year/2017?per_page=5000"
    page = recording("data_v3_paged_page3.json") | {"next_url": url}
    route = mock.get(url__startswith=f"{BASE}/data/").mock(return_value=httpx.Response(200, json=page))

    with pytest.raises(KoladaFormatError, match="redan hämtats"):
        list(kolada.values(kpis=["N00973"], years=[2017]))
    assert route.call_count == 1


# --- retries and failures ----------------------------------------------------------


def test_server_error_is_retried_after_a_backoff_and_then_succeeds(mock, kolada, sleeps):
    route = mock.get(f"{BASE}/data/kpi/N00973/municipality/0180/year/2018").mock(
        side_effect=[httpx.Response(500), httpx.Response(502), ok("data_v3_paged_page3.json")]
    )

    values = list(kolada.values(kpis=["N00973"], municipalities=["0180"], years=[2018]))

    assert route.call_count == 3
    assert len(values) == 3
    assert sleeps == [1.0, 2.0]


def test_429_waits_as_long_as_retry_after_says(mock, kolada, sleeps):
    route = mock.get(url__startswith=f"{BASE}/data/").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), ok("data_v3_paged_page3.json")]
    )

    values = list(kolada.values(kpis=["N00973"], municipalities=["0180"], years=[2018]))

    assert route.call_count == 2
    assert len(values) == 3
    assert sleeps == [7.0]


def test_429_with_a_retry_after_date_in_the_past_retries_at_once(mock, kolada, sleeps):
    mock.get(url__startswith=f"{BASE}/data/").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
            ok("data_v3_paged_page3.json"),
        ]
    )

    list(kolada.values(kpis=["N00973"], municipalities=["0180"], years=[2018]))

    assert sleeps == [0.0]


def test_a_very_long_retry_after_is_capped(mock, http, sleeps):
    mock.get(url__startswith=f"{BASE}/data/").mock(
        side_effect=[httpx.Response(503, headers={"Retry-After": "86400"}), ok("data_v3_paged_page3.json")]
    )
    kolada = KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0, max_retry_after=90)

    list(kolada.values(kpis=["N00973"], municipalities=["0180"], years=[2018]))

    assert sleeps == [90.0]


def test_time_out_every_time_raises_kolada_unavailable_with_a_clear_message(mock, kolada, sleeps):
    route = mock.get(url__startswith=f"{BASE}/data/").mock(side_effect=httpx.ReadTimeout)

    with pytest.raises(KoladaUnavailable) as excinfo:
        list(kolada.values(kpis=["N00973"], municipalities=["0180"], years=[2018]))

    assert str(excinfo.value) == "Kolada svarar inte just nu (inget svar inom 30 sekunder). Försök igen senare."
    assert route.call_count == 4
    assert sleeps == [1.0, 2.0, 4.0]


def test_each_request_carries_the_configured_time_out(mock, http, sleeps):
    route = mock.get(url__startswith=f"{BASE}/data/").mock(return_value=httpx.Response(200, json=EMPTY_PAGE))
    kolada = KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0, timeout=12.5)

    list(kolada.values(kpis=["N00973"], years=[2018]))

    assert route.calls.last.request.extensions["timeout"]["read"] == 12.5


def test_refused_connection_raises_kolada_unavailable(mock, http, sleeps):
    route = mock.get(url__startswith=BASE).mock(side_effect=httpx.ConnectError)
    kolada = KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0, max_attempts=2)

    with pytest.raises(KoladaUnavailable) as excinfo:
        list(kolada.municipalities())

    assert str(excinfo.value) == "Kolada svarar inte just nu (det gick inte att ansluta). Försök igen senare."
    assert route.call_count == 2


def test_server_error_every_time_raises_kolada_unavailable_with_the_status(mock, kolada, sleeps):
    route = mock.get(url__startswith=BASE).mock(return_value=httpx.Response(503))

    with pytest.raises(KoladaUnavailable) as excinfo:
        list(kolada.kpis(ids=["N00973"]))

    assert str(excinfo.value) == "Kolada svarar inte just nu (serverfel, HTTP 503). Försök igen senare."
    assert excinfo.value.status_code == 503
    assert route.call_count == 4
    assert sleeps == [1.0, 2.0, 4.0]


def test_backoff_grows_no_longer_than_max_backoff(mock, http, sleeps):
    mock.get(url__startswith=BASE).mock(return_value=httpx.Response(500))
    kolada = KoladaClient(http_client=http, sleep=sleeps.append, min_interval=0, max_attempts=6, max_backoff=5)

    with pytest.raises(KoladaUnavailable):
        list(kolada.municipalities())

    assert sleeps == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_redirect_loop_raises_kolada_error_without_retry(mock, kolada, sleeps):
    route = mock.get(url__startswith=BASE).mock(side_effect=httpx.TooManyRedirects)

    with pytest.raises(KoladaError) as excinfo:
        list(kolada.municipalities())

    assert str(excinfo.value) == "Kolada svarade på ett sätt som inte gick att läsa. Försök igen senare."
    assert not isinstance(excinfo.value, KoladaUnavailable)
    assert route.call_count == 1
    assert sleeps == []


def test_404_raises_kolada_error_at_once(mock, kolada, sleeps):
    route = mock.get(url__startswith=BASE).mock(return_value=httpx.Response(404))

    with pytest.raises(KoladaError) as excinfo:
        list(kolada.kpis(ids=["N00973"]))

    assert str(excinfo.value) == "Kolada har ingen sådan adress (HTTP 404): /v3/kpi/N00973"
    assert not isinstance(excinfo.value, KoladaUnavailable)
    assert route.call_count == 1
    assert sleeps == []


def test_400_raises_kolada_error_at_once(mock, kolada, sleeps):
    route = mock.get(url__startswith=BASE).mock(return_value=httpx.Response(400, json={"error": "bad year"}))

    with pytest.raises(KoladaError) as excinfo:
        list(kolada.values(kpis=["N00973"], years=[2018]))

    assert str(excinfo.value) == (
        "Kolada avvisade frågan (HTTP 400): någon parameter är fel eller adressen är för lång."
    )
    assert excinfo.value.status_code == 400
    assert route.call_count == 1
    assert sleeps == []


def test_other_client_error_raises_kolada_error_with_the_status(mock, kolada):
    mock.get(url__startswith=BASE).mock(return_value=httpx.Response(403))

    with pytest.raises(KoladaError) as excinfo:
        list(kolada.municipalities())

    assert str(excinfo.value) == "Kolada avvisade frågan (HTTP 403)."


def test_response_that_is_not_json_raises_a_format_error(mock, kolada):
    mock.get(url__startswith=BASE).mock(
        return_value=httpx.Response(200, text="<html>Underhåll</html>", headers={"Content-Type": "text/html"})
    )

    with pytest.raises(KoladaFormatError) as excinfo:
        list(kolada.municipalities())

    assert str(excinfo.value) == "Kolada svarade med något som inte är JSON (HTTP 200, text/html)."


@pytest.mark.parametrize("text", [
    '{"values": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"values": [' + "9" * 5000 + "]}",
], ids=["nested-deeper-than-json-reads", "integer-of-5000-digits"])
def test_json_python_cannot_read_raises_a_format_error(mock, kolada, text):
    mock.get(url__startswith=BASE).mock(
        return_value=httpx.Response(200, text=text, headers={"Content-Type": "application/json"})
    )

    with pytest.raises(KoladaFormatError) as excinfo:
        list(kolada.municipalities())

    assert str(excinfo.value) == "Kolada svarade med något som inte är JSON (HTTP 200, application/json)."


def test_requests_are_spaced_by_min_interval(mock, http):
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    mock.get(url__startswith=BASE).mock(return_value=httpx.Response(200, json=EMPTY_PAGE))
    kolada = KoladaClient(http_client=http, sleep=sleep, clock=lambda: now[0], min_interval=0.25)
    municipalities = [f"{n:04d}" for n in range(1401, 1451)]

    list(kolada.values(kpis=["N00973"], municipalities=municipalities))

    assert sleeps == [0.25]


# --- metadata ----------------------------------------------------------------------


def test_kpis_by_title_search_read_metadata(mock, kolada):
    route = mock.get(f"{BASE}/kpi", params={"title": "etablering", "per_page": "5000"}).mock(
        return_value=ok("kpi_v3.json")
    )

    kpis = list(kolada.kpis(title="etablering"))

    assert [kpi.id for kpi in kpis] == ["N00973", "N00700"]
    assert kpis[0].is_divided_by_gender is True
    assert route.calls.last.request.extensions["timeout"]["read"] == 30.0


def test_whole_kpi_catalogue_gets_the_longer_time_out(mock, kolada):
    route = mock.get(f"{BASE}/kpi").mock(return_value=ok("kpi_v3.json"))

    list(kolada.kpis())

    assert route.calls.last.request.extensions["timeout"]["read"] == 60.0


def test_kpis_by_id_are_batched_25_at_a_time(mock, kolada):
    ids = [f"N{n:05d}" for n in range(1, 27)]
    route = mock.get(url__startswith=f"{BASE}/kpi/").mock(return_value=httpx.Response(200, json=EMPTY_PAGE))

    list(kolada.kpis(ids=ids))

    assert [len(path.removeprefix("/v3/kpi/").split(",")) for path in paths(route)] == [25, 1]


def test_municipalities_pass_region_type_and_keep_leading_zeros(mock, kolada):
    route = mock.get(f"{BASE}/municipality", params={"region_type": "K"}).mock(return_value=ok("municipality_v3.json"))

    municipalities = list(kolada.municipalities(region_type="K"))

    assert route.call_count == 1
    assert [m.id for m in municipalities][:3] == ["1490", "1488", "0180"]


def test_municipalities_refuse_an_unknown_region_type(kolada):
    with pytest.raises(ValueError):
        kolada.municipalities(region_type="X")


def test_municipality_groups_come_with_their_members(mock, kolada):
    mock.get(f"{BASE}/municipality_groups/G124026,G33798").mock(return_value=ok("municipality_groups_v3.json"))

    groups = list(kolada.municipality_groups(ids=["G124026", "G33798"]))

    assert [len(group.members) for group in groups] == [3, 3]
    assert groups[0].members[0].title == "Trollhättan"


def test_client_leaves_an_injected_http_client_open(mock, http):
    mock.get(url__startswith=BASE).mock(return_value=ok("municipality_v3.json"))

    with KoladaClient(http_client=http, min_interval=0) as kolada:
        list(kolada.municipalities())

    assert not http.is_closed
