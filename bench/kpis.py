"""Benchmarks for statistics: kolada_import --from-file against a raw floor, and the
comparison page with many values stored."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.harness import page_beside_floor
from kpis.models import KoladaMunicipality, Kpi
from kpis.services import kpi_means_refresh

FLOOR = "/__bench__/bare/"
IMPORT_KPIS = 20
YEARS = range(2010, 2025)
GENDERS = ("T", "K", "M")
# The page benchmark stores as many values as fit in this budget, up to the 5 million.
GENERATION_SECONDS = 50
GENERATION_TARGET = 5_000_000

_UPSERT_TABLE = """CREATE TABLE floor_values (
    id {pk}, kpi_id varchar(12) NOT NULL, municipality_id varchar(12) NOT NULL, year smallint NOT NULL,
    gender varchar(1) NOT NULL, value double precision NULL, status varchar(30) NOT NULL,
    count integer NULL, imported_at {ts} NOT NULL,
    UNIQUE (kpi_id, municipality_id, year, gender))"""


def kpis(context: dict) -> dict:
    municipalities = list(KoladaMunicipality.objects.filter(type="K").values_list("pk", flat=True))
    return {
        "kpi_import_from_file": _import_from_file(municipalities),
        "kpi_comparison_page": _comparison_page(municipalities),
    }


def _import_from_file(municipalities: list[str]) -> dict:
    """The whole command in a new process (start-up included) beside the floor: reading
    the same file and a bare executemany (SQLite) or COPY (PostgreSQL) into a table with
    the same unique key, in this process, on the same kind of database."""
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
    now = timezone.now()
    payload = json.loads(data.read_text())
    rows = [(e["kpi"], e["municipality"], e["period"], v["gender"], v["value"], v["status"], v["count"], now)
            for e in payload["values"] for v in e["values"]]
    if connection.vendor == "sqlite":
        db = sqlite3.connect(f"{tmp}/floor.sqlite3")
        db.execute(_UPSERT_TABLE.format(pk="integer PRIMARY KEY", ts="datetime"))
        db.executemany("INSERT INTO floor_values (kpi_id, municipality_id, year, gender, value, status, count, "
                       "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.commit()
        db.close()
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS floor_values")
        cursor.execute(_UPSERT_TABLE.format(pk="bigserial PRIMARY KEY", ts="timestamptz"))
        with cursor.cursor.copy("COPY floor_values (kpi_id, municipality_id, year, gender, value, status, count, "
                                "imported_at) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("DROP TABLE floor_values")


def _comparison_page(municipalities: list[str]) -> dict:
    stored = _generate(municipalities)
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    path = "/statistik/G00000/"
    executed = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: executed.append(sql) or
                                    execute(sql, params, many, context)):
        assert client.get(path).status_code == 200
    result = page_beside_floor(client=client, path=path, floor_path=FLOOR)
    return {**result, "values_stored": stored, "queries": len(executed), "database": connection.vendor}


def _generate(municipalities: list[str]) -> int:
    """KPIs of 290 municipalities × 15 years × 3 genders each, until the time budget or the target."""
    rng = random.Random(5)
    now = timezone.now()
    per_kpi = len(municipalities) * len(YEARS) * len(GENDERS)
    started = time.perf_counter()
    stored = 0
    number = 0
    columns = "kpi_id, municipality_id, year, gender, value, status, count, imported_at"
    while stored + per_kpi <= GENERATION_TARGET and time.perf_counter() - started < GENERATION_SECONDS:
        kpi_id = f"G{number:05}"
        Kpi.objects.create(id=kpi_id, title=f"Genererat nyckeltal {number}", is_divided_by_gender=True)
        rows = [(kpi_id, m, year, g, rng.random() * 100, "", 1, now)
                for m in municipalities for year in YEARS for g in GENDERS]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY kpis_kpivalue ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(f"INSERT INTO kpis_kpivalue ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                                   rows)
        stored += per_kpi
        number += 1
    # Written behind the import's back, so the summary the page reads is rebuilt here.
    kpi_means_refresh(kpi_ids=[f"G{n:05}" for n in range(number)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kpis_kpivalue")
            cursor.execute("ANALYZE kpis_kpimean")
    return stored
