"""The REST API: its lists beside the bare view, and every municipality's values of one
key figure over ten years in one response."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from bench.harness import page_beside_floor, percentiles, time_calls

FLOOR = "/__bench__/bare/"
LISTS = ["organizations", "programs", "goals", "indicators", "action-plans", "cycles", "kpis", "audits", "measures"]
BENCH_KPI = "N99990"
MUNICIPALITIES = 290
YEARS = range(2015, 2025)


def api(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    results = {
        f"api_{name.replace('-', '_')}_list": page_beside_floor(client=client, path=f"/api/v1/{name}/", floor_path=FLOOR)
        for name in LISTS
    }
    results["api_kpi_values_290_municipalities_10_years"] = _one_kpi_everywhere(client)
    return results


def _one_kpi_everywhere(client) -> dict:
    from kpis.models import KoladaMunicipality, Kpi, KpiValue

    municipalities = [f"{9000 + n:04}" for n in range(MUNICIPALITIES)]
    KoladaMunicipality.objects.bulk_create(
        [KoladaMunicipality(id=code, title=f"Bänkkommun {code}", type="K") for code in municipalities],
        ignore_conflicts=True,
    )
    kpi, _ = Kpi.objects.get_or_create(id=BENCH_KPI, defaults={"title": "Bänknyckeltal"})
    now = timezone.now()
    KpiValue.objects.bulk_create(
        [KpiValue(kpi=kpi, municipality_id=code, year=year, gender="T", value=float(year % 97), imported_at=now)
         for code in municipalities for year in YEARS],
        ignore_conflicts=True,
    )
    path = f"/api/v1/kpis/{BENCH_KPI}/values/?gender=T&page_size=5000"
    expected = MUNICIPALITIES * len(YEARS)

    def read():
        response = client.get(path)
        assert response.status_code == 200 and len(response.json()["results"]) == expected
        return response

    return {**percentiles(time_calls(read, repeat=50)), "samples": 50, "values": expected}
