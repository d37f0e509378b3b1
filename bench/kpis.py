"""Benchmarks for statistics: kolada_import --from-file against a raw floor, and the
comparison page with many values stored."""

from __future__ import annotations

import gc
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.harness import page_beside_floor
from kpis.models import KoladaMunicipality, Kpi, KpiValue
from kpis.services import kpi_means_refresh

FLOOR = "/__bench__/bare/"
IMPORT_KPIS = 20
YEARS = range(2010, 2025)
GENDERS = ("T", "K", "M")
# The page benchmark generates the 5 million values (384 KPIs of 13,050), or
# as many as fit in the time budget; values_stored says how many the table held.
GENERATION_SECONDS = 120
GENERATION_TARGET = 5_000_000
GENERATION_BATCH = 20

# The same key as KpiValue's: (kpi, municipality, year, gender), its primary key.
_UPSERT_TABLE = """CREATE TABLE floor_values (
    kpi_id varchar(12) NOT NULL, municipality_id varchar(12) NOT NULL, year smallint NOT NULL,
    gender varchar(1) NOT NULL, value double precision NULL, status varchar(30) NOT NULL,
    count integer NULL, imported_at {ts} NOT NULL,
    PRIMARY KEY (kpi_id, municipality_id, year, gender))"""


def kpis(context: dict) -> dict:
    municipalities = list(KoladaMunicipality.objects.filter(type="K").values_list("pk", flat=True))
    return {
        "kpi_import_from_file": _import_from_file(municipalities),
        "kpi_comparison_page": _comparison_page(municipalities),
    }


def _import_from_file(municipalities: list[str]) -> dict:
    """The whole command in a new process (start-up included) beside the floor: reading
    the same file and a bare executemany (SQLite) or COPY (PostgreSQL) into a table with
    the same key, in this process, on the same kind of database."""
    rng = random.Random(6)
    entries = [
        {"kpi": f"B{k:05}", "municipality": m, "period": year,
         "values": [{"gender": g, "count": 1, "status": "", "value": round(rng.uniform(0, 100), 1),
                     "isdeleted": False} for g in GENDERS]}
        for k in range(IMPORT_KPIS) for m in municipalities for year in YEARS
    ]
    count = len(entries) * len(GENDERS)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "kolada.json"
        data.write_text(json.dumps({"values": entries, "next_url": None}))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "uppsikt.settings_test", "DATABASE_URL": _database_url(tmp)}
        if connection.vendor == "sqlite":
            _run(["migrate", "--no-input"], env)
        first = _timed(lambda: _run(["kolada_import", "--from-file", str(data)], env))
        again = _timed(lambda: _run(["kolada_import", "--from-file", str(data)], env))
        floor = _timed(lambda: _floor(data, tmp))
    return {
        "values": count,
        "database": connection.vendor,
        "command_s": round(first, 3),
        "values_per_s": round(count / first),
        "rerun_unchanged_s": round(again, 3),
        "floor_s": round(floor, 3),
        "floor_values_per_s": round(count / floor),
        "ratio_to_floor": round(first / floor, 2),
    }


def _database_url(tmp: str) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp}/import.sqlite3"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _run(arguments: list[str], env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=settings.BASE_DIR, env=env, check=True,
                   capture_output=True)


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _floor(data: Path, tmp: str) -> None:
    """The least any import of the file must do, done the fastest bare way: parse the
    JSON, make a row per value, and one executemany (SQLite) or binary COPY
    (PostgreSQL, as the command writes) into a table with the same unique key.
    The garbage collector is paused here too, as the command pauses it, so that
    the floor is not slowed by the objects this process already holds."""
    # SQLite stores the time as text, as Django writes it.
    now = timezone.now() if connection.vendor == "postgresql" else timezone.now().isoformat(" ")
    with _collector_paused():
        payload = json.loads(data.read_bytes())
        rows = [(e["kpi"], e["municipality"], e["period"], v["gender"], v["value"], v["status"], v["count"], now)
                for e in payload["values"] for v in e["values"]]
        if connection.vendor == "sqlite":
            db = sqlite3.connect(f"{tmp}/floor.sqlite3")
            db.execute(_UPSERT_TABLE.format(ts="datetime"))
            db.executemany("INSERT INTO floor_values (kpi_id, municipality_id, year, gender, value, status, count, "
                           "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.commit()
            db.close()
            return
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS floor_values")
            cursor.execute(_UPSERT_TABLE.format(ts="timestamptz"))
            with cursor.cursor.copy("COPY floor_values (kpi_id, municipality_id, year, gender, value, status, "
                                    "count, imported_at) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["varchar", "varchar", "int2", "varchar", "float8", "varchar", "int4", "timestamptz"])
                for row in rows:
                    copy.write_row(row)
            cursor.execute("DROP TABLE floor_values")


@contextmanager
def _collector_paused():
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _comparison_page(municipalities: list[str]) -> dict:
    started = time.perf_counter()
    generated = _generate(municipalities)
    generation_s = time.perf_counter() - started
    stored = KpiValue.objects.count()
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    path = "/statistik/G00000/"
    executed = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: executed.append(sql) or
                                    execute(sql, params, many, context)):
        assert client.get(path).status_code == 200
    result = page_beside_floor(client=client, path=path, floor_path=FLOOR)
    return {**result, "values_stored": stored, "values_generated": generated, "generation_s": round(generation_s, 1),
            "queries": len(executed), "database": connection.vendor}


def _generate(municipalities: list[str]) -> int:
    """KPIs of 290 municipalities × 15 years × 3 genders each, until the target or the time budget.

    Laid out as imports lay them out (a KPI's values together, in key order) with
    the primary key in place. PostgreSQL makes the values itself (one INSERT …
    SELECT per batch of KPIs, so no row crosses the wire); SQLite gets them through
    executemany. Then the summary is rebuilt and the tables vacuumed and analysed,
    as autovacuum would have done after imports, so the page is measured as it runs
    on a database in use.
    """
    per_kpi = len(municipalities) * len(YEARS) * len(GENDERS)
    wanted = -(-GENERATION_TARGET // per_kpi)  # rounded up: at least the target
    started = time.perf_counter()
    number = 0
    while number < wanted and time.perf_counter() - started < GENERATION_SECONDS:
        batch = [f"G{n:05}" for n in range(number, min(number + GENERATION_BATCH, wanted))]
        Kpi.objects.bulk_create([Kpi(id=kpi_id, title=f"Genererat nyckeltal {kpi_id[1:]}", is_divided_by_gender=True)
                                 for kpi_id in batch])
        if connection.vendor == "postgresql":
            _generate_postgresql(batch, municipalities)
        else:
            _generate_sqlite(batch, municipalities, random.Random(number))
        number += len(batch)
    kpi_ids = [f"G{n:05}" for n in range(number)]
    # Written behind the import's back, so the summary the page reads is rebuilt here.
    for start in range(0, len(kpi_ids), GENERATION_BATCH):
        kpi_means_refresh(kpi_ids=kpi_ids[start:start + GENERATION_BATCH])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE kpis_kpivalue")
            cursor.execute("VACUUM ANALYZE kpis_kpimean")
        else:
            cursor.execute("ANALYZE")
    return number * per_kpi


def _generate_postgresql(batch: list[str], municipalities: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kpis_kpivalue (kpi_id, municipality_id, year, gender, value, status, count, imported_at) "
            "SELECT k.id, m.id, y, g, round((random() * 100)::numeric, 1), '', 1, now() "
            "FROM unnest(%s::text[]) AS k(id), unnest(%s::text[]) AS m(id), "
            "generate_series(%s::integer, %s::integer) AS y, unnest(ARRAY['K', 'M', 'T']) AS g ORDER BY 1, 2, 3, 4",
            [batch, sorted(municipalities), YEARS[0], YEARS[-1]],
        )


def _generate_sqlite(batch: list[str], municipalities: list[str], rng: random.Random) -> None:
    now = timezone.now().isoformat(" ")
    rows = [(kpi_id, m, year, g, round(rng.random() * 100, 1), "", 1, now)
            for kpi_id in batch for m in sorted(municipalities) for year in YEARS for g in sorted(GENDERS)]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO kpis_kpivalue (kpi_id, municipality_id, year, gender, value, status, count, "
                           "imported_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
