"""Kolada's statistics for 290 municipalities (Skalstad's own id among them), their
county regions and Riket: as many KPIs as reach the values asked for (5 million by
default), every third divided by gender, over the ten years before this one, and the
county and national means the comparison page reads.

The values never cross the wire: the database makes them itself, one INSERT … SELECT
over the KPIs × municipalities × years × genders of a batch of KPIs, in the primary
key's order as an import lays them out. The first KPIs are the ones the program's
indicators follow."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from core.scale.plan import MUNICIPALITY_CODE, MUNICIPALITY_NAME, ScalePlan, bulk, kolada_kpi_id
from kpis.models import KoladaMunicipality, Kpi, KpiMean, KpiValue
from kpis.services import kpi_means_refresh

COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21",
            "22", "23", "24", "25"]
KPIS_PER_STATEMENT = 100
# A value from the database's own random numbers, 0.0–100.0 in tenths (% doubled: the
# statement has parameters).
VALUE_SQL = {
    "postgresql": "floor(random() * 1001) / 10",
    "sqlite": "round(abs(random() %% 1001) / 10.0, 1)",
}


def municipality_ids(count: int) -> list[str]:
    """`count` four-digit municipality ids spread over the counties, Skalstad's included."""
    ids = [f"{COUNTIES[n % len(COUNTIES)]}{n // len(COUNTIES) + 1:02}" for n in range(count)]
    if MUNICIPALITY_CODE not in ids:
        ids[-1] = MUNICIPALITY_CODE
    return sorted(ids)


def build(plan: ScalePlan) -> dict:
    size, years = plan.size, [year - 1 for year in plan.years]
    municipalities = municipality_ids(size.kolada_municipalities)
    counties = sorted({"00" + code[:2] for code in municipalities})
    bulk(KoladaMunicipality, [
        KoladaMunicipality(id=code, title=MUNICIPALITY_NAME if code == MUNICIPALITY_CODE else f"Kommun {code}",
                           type=KoladaMunicipality.Type.MUNICIPALITY) for code in municipalities
    ] + [KoladaMunicipality(id=code, title=f"Region {code[2:]}", type=KoladaMunicipality.Type.REGION)
         for code in counties] + [KoladaMunicipality(id="0000", title="Riket", type=KoladaMunicipality.Type.COUNTRY)])
    kpis, total = [], 0
    while total < size.kolada_values or len(kpis) < len(plan.kolada_kpis):
        gendered = len(kpis) % 3 == 0
        kpis.append(Kpi(id=kolada_kpi_id(len(kpis)), title=f"Genererat nyckeltal {len(kpis) + 1}",
                        is_divided_by_gender=gendered, unit="%", is_followed=kpis_followed(plan, len(kpis))))
        total += len(municipalities) * len(years) * (3 if gendered else 1)
    bulk(Kpi, kpis)
    ids = [kpi.id for kpi in kpis]
    with _primary_key_deferred():
        for start in range(0, len(ids), KPIS_PER_STATEMENT):
            _values(ids[start:start + KPIS_PER_STATEMENT], years)
    # One pass over all the values: a batch at a time read the table once per batch.
    kpi_means_refresh(kpi_ids=ids)
    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum would gather after an import.
        cursor.execute("ANALYZE")
    return {"kolada_municipalities": len(municipalities) + len(counties) + 1, "kpis": len(kpis),
            "kpi_values": total, "kpi_means": KpiMean.objects.count()}


def kpis_followed(plan: ScalePlan, number: int) -> bool:
    return kolada_kpi_id(number) in plan.kolada_kpis


@contextmanager
def _primary_key_deferred():
    """On PostgreSQL, the values' primary key is dropped while the empty table fills and
    built again after, in one sort: half the time of keeping the index up row by row
    (PostgreSQL's advice for populating a database). SQLite keeps it, filling it in key
    order, which is as fast there."""
    if connection.vendor != "postgresql":
        yield
        return
    table = KpiValue._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
        if cursor.fetchone()[0]:
            raise RuntimeError("Kolada values exist already: scale data is built into an empty database.")
        # Memory for the key's sort and the means' grouping, for this transaction only.
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        constraints = connection.introspection.get_constraints(cursor, table)
        name, columns = next((name, c["columns"]) for name, c in constraints.items() if c["primary_key"])
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} "
                       f"PRIMARY KEY ({', '.join(columns)})")


def _values(batch: list[str], years: list[int]) -> None:
    table, kpi_table = KpiValue._meta.db_table, Kpi._meta.db_table
    municipality_table = KoladaMunicipality._meta.db_table
    year_rows = ", ".join(f"({int(year)})" for year in years)
    placeholders = ", ".join(["%s"] * len(batch))
    imported_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kpi_id, municipality_id, year, gender, value, status, count, imported_at) "
            f"SELECT k.id, m.id, y.column1, g.column1, {VALUE_SQL[connection.vendor]}, '', 1, %s "
            f"FROM {kpi_table} k CROSS JOIN {municipality_table} m CROSS JOIN (VALUES {year_rows}) y "
            f"CROSS JOIN (VALUES ('K'), ('M'), ('T')) g "
            f"WHERE k.id IN ({placeholders}) AND m.type = 'K' AND (g.column1 = 'T' OR k.is_divided_by_gender)"
            + (" ORDER BY k.id, m.id, y.column1, g.column1" if connection.vendor == "sqlite" else ""),
            [imported_at, *batch],
        )
