"""kolada_import from a file and from the API (respx), and kolada_refresh."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import respx
from django.conf import settings
from django.core.management import CommandError, call_command

from kpis.kolada import KoladaClient, KoladaFormatError, read_file
from kpis.kolada.checks import MSG_NOT_KOLADA, where
from kpis.kolada.client import MSG_UNAVAILABLE, REASON_TIMEOUT
from kpis.kolada.format import (
    MSG_BAD_VALUE,
    MSG_COUNT_OUT_OF_RANGE,
    MSG_NUMBER_TOO_LONG,
    MSG_PERIOD_OUT_OF_RANGE,
    MSG_STATUS_TOO_LONG,
    MSG_TOO_DEEP,
    MSG_TRUNCATED,
    MSG_VALUE_OUT_OF_RANGE,
)
from kpis.kolada.ids import MSG_BAD_KPI_ID, MSG_BAD_MUNICIPALITY_ID
from kpis.management.commands import kolada_import
from kpis.models import ImportRun, KoladaMunicipality, Kpi, KpiValue

RECORDINGS = Path(__file__).parent / "recordings"
BASE = "https://api.kolada.se/v3"
GOOD = {
    "values": [
        {"kpi": "N00973", "municipality": "1490", "period": 2018, "values": [
            {"gender": "T", "count": 1, "status": "", "value": 52.0, "isdeleted": False},
            {"gender": "K", "count": 1, "status": "", "value": 42.0, "isdeleted": False},
            {"gender": "M", "count": 1, "status": "", "value": 61.0, "isdeleted": False}]},
    ],
    "next_url": None,
}


def write(tmp_path, payload) -> str:
    path = tmp_path / "svar.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return str(path)


def snapshot():
    return (
        sorted(KpiValue.objects.values_list("kpi_id", "municipality_id", "year", "gender", "value", "status", "count")),
        Kpi.objects.count(), KoladaMunicipality.objects.count(), ImportRun.objects.count(),
    )


def with_entry(**changes) -> dict:
    entry = {**GOOD["values"][0], **changes}
    return {"values": [GOOD["values"][0] | {"period": 2017}, entry], "next_url": None}


def with_item(**changes) -> str:
    return json.dumps(with_entry(values=[{"gender": "T", "count": 1, "status": "", "value": 1.0, **changes}]))


def with_digits(field: str, digits: int) -> str:
    """A file whose second entry has a number of ``digits`` digits in ``field``,
    written as text since Python will not turn such an integer into text."""
    return with_item(**{field: 1}).replace(f'"{field}": 1', f'"{field}": {"9" * digits}')


COUNT_LIMITS = {"max_count": 2**31 - 1}


def test_from_file_stores_the_values_and_prints_a_summary(db, tmp_path, capsys):
    call_command("kolada_import", from_file=write(tmp_path, GOOD))
    assert KpiValue.objects.count() == 3
    out = capsys.readouterr().out
    assert "3 värden lästa, 3 nya, 0 ändrade, 0 oförändrade, 0 borttagna" in out
    assert "1 nyckeltal och 1 kommuner saknar metadata" in out
    call_command("kolada_import", from_file=write(tmp_path, GOOD))
    assert "3 värden lästa, 0 nya, 0 ändrade, 3 oförändrade" in capsys.readouterr().out


def test_from_file_reads_saved_v2_responses_with_deletions(db, capsys):
    call_command("kolada_import", from_file=str(RECORDINGS / "data_v2_saved.json"))
    assert KpiValue.objects.filter(municipality_id="0180").count() == 1
    assert KpiValue.objects.get(municipality_id="1490", gender="K").value == 42.0


BAD_FILES = {
    "not_kolada": (json.dumps({"data": []}), MSG_NOT_KOLADA),
    "truncated": (json.dumps(GOOD)[:60], MSG_TRUNCATED.format(line=1)),
    "value_not_a_number": (
        json.dumps(with_entry(values=[{"gender": "T", "value": "12,5"}])),
        MSG_BAD_VALUE.format(where=where(2, 1), value='"12,5"'),
    ),
    "malformed_kpi_id": (
        json.dumps(with_entry(kpi="n973")),
        MSG_BAD_KPI_ID.format(where=where(2), value='"n973"'),
    ),
    "malformed_municipality_id": (
        json.dumps(with_entry(municipality=1490)),
        MSG_BAD_MUNICIPALITY_ID.format(where=where(2), value="1490"),
    ),
    "year_out_of_range": (
        json.dumps(with_entry(period=2201)),
        MSG_PERIOD_OUT_OF_RANGE.format(where=where(2), value=2201, min_year=1950, max_year=2100),
    ),
    "count_of_1e30": (
        with_item(count=10**30),
        MSG_COUNT_OUT_OF_RANGE.format(where=where(2, 1), value=10**30, **COUNT_LIMITS),
    ),
    "count_past_the_column": (
        with_item(count=2**31),
        MSG_COUNT_OUT_OF_RANGE.format(where=where(2, 1), value=2**31, **COUNT_LIMITS),
    ),
    "negative_count": (
        with_item(count=-5),
        MSG_COUNT_OUT_OF_RANGE.format(where=where(2, 1), value=-5, **COUNT_LIMITS),
    ),
    "value_of_1e30": (with_item(value=1e30), MSG_VALUE_OUT_OF_RANGE.format(where=where(2, 1), value="1e+30")),
    "value_just_past_the_bound": (
        with_item(value=-10**15 - 1),
        MSG_VALUE_OUT_OF_RANGE.format(where=where(2, 1), value=-10**15 - 1),
    ),
    "infinite_value": (
        with_item(value=1).replace('"value": 1', '"value": -Infinity'),
        MSG_BAD_VALUE.format(where=where(2, 1), value="-Infinity"),
    ),
    "value_of_5000_digits": (with_digits("value", 5000), MSG_NUMBER_TOO_LONG.format(digits=4300, line=1)),
    "count_of_5000_digits": (with_digits("count", 5000), MSG_NUMBER_TOO_LONG.format(digits=4300, line=1)),
    "v2_year_of_5000_digits": (
        json.dumps(with_entry(period="9" * 5000)),
        MSG_PERIOD_OUT_OF_RANGE.format(where=where(2), value='"' + "9" * 36 + "…", min_year=1950, max_year=2100),
    ),
    "status_of_100000_characters": (
        with_item(status="x" * 100_000),
        MSG_STATUS_TOO_LONG.format(where=where(2, 1), value='"' + "x" * 36 + "…", max_length=30),
    ),
    "deeply_nested": ('{"values": ' + "[" * 100_000 + "]" * 100_000 + "}", MSG_TOO_DEEP),
    "group_id_longer_than_the_column": (
        json.dumps(with_entry(municipality="G" + "1" * 12)),
        MSG_BAD_MUNICIPALITY_ID.format(where=where(2), value='"G' + "1" * 12 + '"'),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_a_swedish_message_and_nothing_written(db, tmp_path, case):
    content, message = BAD_FILES[case]
    with pytest.raises(KoladaFormatError) as direct:
        read_file(source=content.encode())
    assert str(direct.value) == message  # the expected text is the reader's own
    call_command("kolada_import", from_file=write(tmp_path, GOOD))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("kolada_import", from_file=write(tmp_path, content))
    assert str(error.value) == kolada_import.MSG_FAILED.format(reason=message)
    assert snapshot() == before


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("kolada_import", from_file=str(tmp_path / "finns-inte.json"))
    assert str(error.value).startswith("Inget sparades. Filen kunde inte läsas:")


def test_the_command_exits_non_zero_with_the_message_on_stderr(tmp_path):
    path = write(tmp_path, json.dumps(GOOD)[:60])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "uppsikt.settings_test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run([sys.executable, "manage.py", "kolada_import", "--from-file", path],
                          cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert MSG_TRUNCATED.format(line=1) in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(kolada_import, "KoladaClient",
                        functools.partial(KoladaClient, sleep=lambda seconds: None, min_interval=0))


def metadata_routes(mock):
    mock.get(f"{BASE}/kpi/N00973").mock(return_value=httpx.Response(
        200, json=json.loads((RECORDINGS / "kpi_v3.json").read_text())))
    mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(
        200, json=json.loads((RECORDINGS / "municipality_v3.json").read_text())))


def test_api_import_fetches_metadata_and_values_retrying_a_server_error(db, no_waiting, capsys):
    with respx.mock(assert_all_called=True) as mock:
        metadata_routes(mock)
        data = mock.get(url__startswith=f"{BASE}/data/kpi/N00973/municipality/1490,1488/year/2018").mock(
            side_effect=[httpx.Response(500), httpx.Response(200, json=GOOD)])
        call_command("kolada_import", kpi="N00973", municipality="1490,1488", years="2018")
    assert data.call_count == 2
    assert KpiValue.objects.count() == 3
    kpi = Kpi.objects.get(pk="N00973")
    assert (kpi.is_placeholder, kpi.is_followed, kpi.is_divided_by_gender) == (False, True, True)
    assert KoladaMunicipality.objects.get(pk="1490").title == "Borås"
    assert "Metadata:" in capsys.readouterr().out


def test_a_time_out_is_a_clear_error_and_nothing_is_written(db, no_waiting):
    with respx.mock() as mock:
        metadata_routes(mock)
        mock.get(url__startswith=f"{BASE}/data/").mock(side_effect=httpx.ReadTimeout)
        with pytest.raises(CommandError) as error:
            call_command("kolada_import", kpi="N00973", municipality="1490", years="2015-2024")
    assert str(error.value) == kolada_import.MSG_FAILED.format(
        reason=MSG_UNAVAILABLE.format(reason=REASON_TIMEOUT.format(seconds=30)))
    assert snapshot() == ([], 0, 0, 0)


@pytest.mark.parametrize(("options", "message"), [
    ({}, kolada_import.MSG_KPI_REQUIRED),
    ({"kpi": "N973"}, kolada_import.MSG_BAD_KPI.format(value="N973")),
    ({"kpi": "N00973", "municipality": "Borås"}, kolada_import.MSG_BAD_MUNICIPALITY.format(value="Borås")),
    ({"kpi": "N00973", "years": "2015-20"}, kolada_import.MSG_BAD_YEARS.format(value="2015-20")),
    ({"kpi": "N00973", "years": "2024-2015"}, kolada_import.MSG_YEARS_ORDER.format(value="2024-2015")),
    ({"kpi": "N00973", "years": "2018,0001-9999"},
     kolada_import.MSG_YEARS_OUT_OF_RANGE.format(value="0001-9999", min_year=1950, max_year=2100)),
    ({"kpi": "N00973", "years": "1900"},
     kolada_import.MSG_YEARS_OUT_OF_RANGE.format(value="1900", min_year=1950, max_year=2100)),
    ({"kpi": "N00973"}, kolada_import.MSG_YEARS_REQUIRED),
])
def test_bad_arguments_are_refused_before_any_request(db, options, message):
    with respx.mock(assert_all_mocked=True), pytest.raises(CommandError) as error:
        call_command("kolada_import", **options)
    assert str(error.value) == message


def test_the_progress_bar_draws_on_a_terminal_only(db, tmp_path, monkeypatch, capsys):
    from django.core.management.base import OutputWrapper

    monkeypatch.setattr(OutputWrapper, "isatty", lambda self: True)
    call_command("kolada_import", from_file=write(tmp_path, GOOD))
    assert "100 %  3/3" in capsys.readouterr().err


def test_kolada_groups_are_fetched_by_title_and_offered_as_comparisons(db, no_waiting, town, capsys):
    from kpis.models import ComparisonGroup
    from kpis.selectors import comparison_groups_for

    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(
            200, json=json.loads((RECORDINGS / "municipality_v3.json").read_text())))
        mock.get(f"{BASE}/municipality_groups", params={"title": "Liknande"}).mock(return_value=httpx.Response(
            200, json=json.loads((RECORDINGS / "municipality_groups_v3.json").read_text())))
        call_command("kolada_import", groups="Liknande")
    group = ComparisonGroup.objects.get(kolada_id="G124026")
    # Only members whose municipality is stored: the recording lists Trollhättan alone of these.
    assert set(group.members.values_list("pk", flat=True)) == {"1488"}
    assert group in comparison_groups_for(municipality=town.municipality)
    assert "Kommungrupper: 2 sparade." in capsys.readouterr().out
