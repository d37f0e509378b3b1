"""The demo's statistics: Kolada-shaped files for the whole country (kpis/demo_data,
made by its generate.py), a group of similar municipalities and one local KPI.
Built through the app's services; running it twice changes nothing."""

import json
from pathlib import Path

from kpis import services
from kpis.kolada import KoladaValue, parse_kpi_response, parse_municipality_response, read_file
from kpis.models import ComparisonGroup, ImportRun, KoladaMunicipality, Kpi, KpiValue

DATA = Path(__file__).parent / "demo_data"
UNITS = {"N00971": "antal", "N00973": "procent", "N00700": "procent"}
SIMILAR = ["1488", "0680", "0581", "2180", "0780", "0484", "1380", "1780", "2281"]
LOCAL_TITLE = "Deltagare i samhällsorientering som fullföljt kursen, andel (%)"
LOCAL_VALUES = {2019: 71.0, 2020: 64.5, 2021: 68.0, 2022: 74.2, 2023: 77.9, 2024: 79.3}


def load(*, context: dict) -> None:
    municipality = context["municipality"]
    services.metadata_store(
        kpis=parse_kpi_response(payload=_json("kpi.json")),
        municipalities=parse_municipality_response(payload=_json("municipality.json")),
    )
    for kpi_id, unit in UNITS.items():
        Kpi.objects.filter(pk=kpi_id).exclude(unit=unit).update(unit=unit)
    if not ImportRun.objects.filter(source=ImportRun.Source.DEMO, description="data.json").exists():
        services.values_import(values=read_file(source=DATA / "data.json"), source=ImportRun.Source.DEMO,
                               description="data.json")
    if not ComparisonGroup.objects.filter(owner=municipality).exists():
        services.comparison_group_create(
            owner=municipality, title="Liknande kommuner (egen grupp)",
            members=KoladaMunicipality.objects.filter(pk__in=[municipality.code, *SIMILAR]),
        )
    local = Kpi.objects.filter(owner=municipality, title=LOCAL_TITLE).first()
    if local is None:
        local = services.local_kpi_create(owner=municipality, title=LOCAL_TITLE, unit="procent",
                                          description="Egen uppföljning från Vuxenutbildningens samhällsorientering.")
        services.values_import(
            values=[KoladaValue(kpi=local.pk, municipality=municipality.code, period=year, gender="T", value=value,
                                status="", count=None, is_deleted=False) for year, value in LOCAL_VALUES.items()],
            source=ImportRun.Source.DEMO, description=LOCAL_TITLE, kpi=local,
        )
    context.setdefault("summary", []).append(
        f"{Kpi.objects.count()} KPIs with {KpiValue.objects.count()} values (kpis/demo_data, invented)"
    )


def _json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))
