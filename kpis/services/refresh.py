"""The periodic refresh: the followed KPIs' values and metadata, fetched from Kolada."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kpis.kolada import KoladaClient
from kpis.models import ImportRun, Kpi
from kpis.services.importing import ImportResult, metadata_store, values_import

YEARS_BACK = 15
REFRESH = "refresh"


def followed_kpis_refresh(*, client: KoladaClient, today: date) -> ImportResult:
    """Fetch the followed KPIs (and complete placeholder KPIs' metadata) from Kolada.

    After a first full fetch only what changed since the last refresh is asked for
    (``from_date``), deletions included. Everything is fetched before anything is
    written, so a failure changes nothing.
    """
    followed = list(Kpi.objects.filter(source=Kpi.Source.KOLADA, is_followed=True).values_list("pk", flat=True))
    placeholders = list(Kpi.objects.filter(is_placeholder=True).values_list("pk", flat=True))
    if not followed and not placeholders:
        return ImportResult()
    last = (
        ImportRun.objects.filter(source=ImportRun.Source.API, description=REFRESH, error="")
        .order_by("-started_at").first()
    )
    kpi_records = list(client.kpis(ids=sorted(set(followed) | set(placeholders))))
    municipality_records = list(client.municipalities())
    values = []
    if followed:
        values = list(client.values(
            kpis=followed,
            years=range(today.year - YEARS_BACK, today.year + 1),
            from_date=last.started_at.date() if last else None,
        ))
    with transaction.atomic():
        metadata_store(kpis=kpi_records, municipalities=municipality_records)
        return values_import(values=values, source=ImportRun.Source.API, description=REFRESH)


def refresh_failure_record(*, error: str) -> ImportRun:
    """Keep a failed refresh, with Kolada's or the network's reason: it wrote nothing."""
    return ImportRun.objects.create(source=ImportRun.Source.API, description=REFRESH, error=error)
