"""The periodic refresh of followed KPIs, with Kolada replayed by respx."""

import json
from datetime import date
from pathlib import Path

import httpx
import respx
from django.core.management import call_command

from kpis.kolada import KoladaClient
from kpis.models import ImportRun, Kpi, KpiValue
from kpis.services import followed_kpis_refresh
from kpis.tasks import kolada_refresh
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory

RECORDINGS = Path(__file__).parent / "recordings"
BASE = "https://api.kolada.se/v3"


def recording(name):
    return httpx.Response(200, json=json.loads((RECORDINGS / name).read_text(encoding="utf-8")))


def client() -> KoladaClient:
    return KoladaClient(sleep=lambda seconds: None, min_interval=0)


def test_nothing_followed_means_no_request(db):
    with respx.mock(assert_all_mocked=True):
        assert followed_kpis_refresh(client=client(), today=date(2025, 3, 1)).total == 0


def test_the_refresh_applies_changes_and_deletions_since_the_last_one(db):
    kpi = KpiFactory(id="N00973", is_followed=True)
    KpiFactory(id="N00700", is_placeholder=True, title="N00700")
    boras = KoladaMunicipalityFactory(id="1490")
    KpiValueFactory(kpi=kpi, municipality=boras, year=2023, gender="K", value=30.0)
    ImportRun.objects.create(source=ImportRun.Source.API, description="refresh")
    with respx.mock(assert_all_called=True) as mock:
        mock.get(url__startswith=f"{BASE}/kpi/").mock(return_value=recording("kpi_v3.json"))
        mock.get(f"{BASE}/municipality").mock(return_value=recording("municipality_v3.json"))
        data = mock.get(url__startswith=f"{BASE}/data/kpi/N00973/year/").mock(
            return_value=recording("data_v3_from_date.json"))
        result = followed_kpis_refresh(client=client(), today=date(2025, 3, 1))
    assert "from_date=" in str(data.calls.last.request.url)
    assert (result.inserted, result.deleted) == (2, 1)
    assert set(KpiValue.objects.values_list("gender", flat=True)) == {"T", "M"}
    assert Kpi.objects.get(pk="N00700").is_placeholder is False


def test_the_task_runs_the_refresh_and_reports_counts(db, monkeypatch):
    KpiFactory(id="N00973", is_followed=True)
    monkeypatch.setattr("kpis.tasks.KoladaClient", client)
    with respx.mock() as mock:
        mock.get(url__startswith=f"{BASE}/kpi/").mock(return_value=recording("kpi_v3.json"))
        mock.get(f"{BASE}/municipality").mock(return_value=recording("municipality_v3.json"))
        mock.get(url__startswith=f"{BASE}/data/").mock(return_value=recording("data_v3_not_gendered.json"))
        result = kolada_refresh.enqueue()
    assert result.return_value["inserted"] > 0


def test_kolada_refresh_enqueues_the_task(db, capsys):
    # The test settings run tasks at once; with nothing followed no request is made.
    with respx.mock(assert_all_mocked=True):
        call_command("kolada_refresh")
    assert "Hämtningen från Kolada är köad" in capsys.readouterr().out


def test_a_failed_refresh_is_recorded_and_the_next_one_asks_from_the_last_success(db, monkeypatch):
    KpiFactory(id="N00973", is_followed=True)
    monkeypatch.setattr("kpis.tasks.KoladaClient", client)
    with respx.mock() as mock:
        mock.get(url__startswith=BASE).mock(return_value=httpx.Response(503))
        result = kolada_refresh.enqueue()
    failure = ImportRun.objects.get()
    assert failure.failed and failure.error.startswith("Kolada svarar inte just nu")
    assert result.return_value["error"] == failure.error
    assert not KpiValue.objects.exists()
    # The failed run is not where the next refresh starts from: it asks for everything.
    with respx.mock() as mock:
        mock.get(url__startswith=f"{BASE}/kpi/").mock(return_value=recording("kpi_v3.json"))
        mock.get(f"{BASE}/municipality").mock(return_value=recording("municipality_v3.json"))
        data = mock.get(url__startswith=f"{BASE}/data/").mock(return_value=recording("data_v3_not_gendered.json"))
        kolada_refresh.enqueue()
    assert "from_date=" not in str(data.calls.last.request.url)


def test_a_failed_refresh_is_tried_again_later_with_back_off(db, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    KpiFactory(id="N00973", is_followed=True)
    monkeypatch.setattr("kpis.tasks.KoladaClient", client)
    with respx.mock() as mock:
        mock.get(url__startswith=BASE).mock(side_effect=httpx.ConnectError("nere"))
        first = kolada_refresh.call(attempt=1)
        third = kolada_refresh.call(attempt=3)
        last = kolada_refresh.call(attempt=4)
    assert first["retry_at"] and third["retry_at"] > first["retry_at"]
    assert last["retry_at"] is None
    assert ImportRun.objects.filter(error__gt="").count() == 3
