"""Storing Kolada's values: an upsert in batches that reports what it changed.

The whole import runs in one transaction, so a failure leaves nothing half
written. Values are compared with what is stored before anything is written, so
a re-run writes nothing and the counts say exactly what changed. KPIs and
municipalities the data names but that are not stored yet get placeholder rows,
which the next metadata refresh (``metadata_store``) completes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from core.history import records_by
from kpis.kolada import KoladaKpi, KoladaMunicipality as KoladaMunicipalityRecord, KoladaValue
from kpis.models import ImportRun, KoladaMunicipality, Kpi, KpiMean, KpiValue, clipped
from kpis.services.means import MeanSums, kpi_means_refresh

# Rows per statement or COPY batch: large enough to pay the round trip, small
# enough that the means of one batch are summed while the server takes in the last.
BATCH_SIZE = 5000
Progress = Callable[[int, int], None]

_TABLE = KpiValue._meta.db_table
_COLUMNS = ("kpi_id", "municipality_id", "year", "gender", "value", "status", "count", "imported_at")


@dataclass(frozen=True)
class ImportResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    new_kpis: int = 0
    new_municipalities: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.deleted


@records_by
def values_import(
    *,
    values: Sequence[KoladaValue],
    source: str,
    description: str = "",
    kpi: Kpi | None = None,
    by=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Store ``values`` (already checked whole by the Kolada reader) and log an ImportRun.

    A value that differs from the stored one (value, status or count) updates it,
    a new key inserts it, an equal one is left alone, and ``is_deleted`` removes
    the stored value. Idempotent: running the same values twice changes nothing.
    """
    now = timezone.now()
    with transaction.atomic(), _statements_unprepared():
        kpi_ids = {item[0] for item in values}
        new_kpis = _placeholder_kpis(kpi_ids)
        new_municipalities = _placeholder_municipalities({item[1] for item in values})
        stored, kpis_with_values = _stored(values, kpi_ids=kpi_ids)
        # COPY takes the time as it is; SQLite gets the text the ORM would write, made
        # once here rather than by the driver's adapter for every row.
        stamp = (now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now),)
        # Records are named tuples laid out as the table's columns: (kpi, municipality,
        # period, gender, value, status, count, is_deleted); the first seven and the
        # time are a row.
        if not stored:
            # None of the keys is stored: every value is new and a removal has
            # nothing to remove.
            inserts = [item[:7] + stamp for item in values if not item[7]]
            updates, deletes, unchanged = [], [], 0
        else:
            inserts, updates, deletes, unchanged = _compare(values, stored, stamp)
        # The KPIs' first values are all their means are over: summed batch by batch
        # while the database writes them, instead of read back afterwards.
        sums = MeanSums() if not kpis_with_values else None
        _upsert(inserts, updates, progress=progress, total=len(values),
                after_batch=sums.add if sums is not None else None)
        if deletes:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"DELETE FROM {_TABLE} WHERE kpi_id = %s AND municipality_id = %s AND year = %s AND gender = %s",
                    deletes,
                )
        if sums is not None and inserts:
            _means_store(kpi_ids, sums.rows())
        elif inserts or updates or deletes:
            kpi_means_refresh(kpi_ids=kpi_ids)
        inserted = len(inserts)
        result = ImportResult(
            inserted=inserted,
            updated=len(updates),
            unchanged=unchanged,
            deleted=len(deletes),
            new_kpis=new_kpis,
            new_municipalities=new_municipalities,
        )
        ImportRun.objects.create(
            source=source,
            description=description,
            kpi=kpi,
            by=by,
            inserted=result.inserted,
            updated=result.updated,
            unchanged=result.unchanged,
            deleted=result.deleted,
        )
    if progress:
        progress(len(values), len(values))
    return result


@contextmanager
def _statements_unprepared() -> Iterator[None]:
    """The import's statements are not prepared on PostgreSQL (settings: a connection
    prepares a query it has run five times). Its reads differ by how many municipalities
    they name, and most run a few times per import: prepared, an import of 261,000 values
    took 4.6 s instead of 2.8 s (the COPY floor 1.4 s)."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    threshold = driver.prepare_threshold
    driver.prepare_threshold = None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


def _compare(values: Sequence[KoladaValue], stored: dict[tuple, tuple], stamp: tuple) -> tuple[list, list, list, int]:
    """Sort the values against the stored rows: (inserts, updates, keys to delete, unchanged count)."""
    inserts, updates, deletes = [], [], []
    unchanged = 0
    get = stored.get
    for item in values:
        key = item[:4]
        existing = get(key)
        if item[7]:
            if existing is not None:
                deletes.append(key)
        elif existing is None:
            inserts.append(item[:7] + stamp)
        elif existing == item[4:7]:
            unchanged += 1
        else:
            updates.append(item[:7] + stamp)
    return inserts, updates, deletes, unchanged


def metadata_store(
    *, kpis: Iterable[KoladaKpi] = (), municipalities: Iterable[KoladaMunicipalityRecord] = ()
) -> tuple[int, int]:
    """Create or complete KPI and municipality rows from Kolada's metadata.

    Placeholders become full rows; rows that already match are left alone.
    Returns how many KPI and municipality rows were created or changed.
    """
    kpi_rows = [
        Kpi(
            id=k.id,
            title=clipped(k.title, 300),
            description=k.description,
            is_divided_by_gender=k.is_divided_by_gender,
            is_placeholder=False,
        )
        for k in kpis
    ]
    municipality_rows = [
        KoladaMunicipality(id=m.id, title=clipped(m.title, 150), type=m.type if m.type in ("K", "L") else "")
        for m in municipalities
    ]
    kpi_rows = _changed(Kpi, kpi_rows, fields=("title", "description", "is_divided_by_gender", "is_placeholder"))
    municipality_rows = _changed(KoladaMunicipality, municipality_rows, fields=("title", "type", "is_placeholder"))
    with transaction.atomic():
        if kpi_rows:
            Kpi.objects.bulk_create(
                kpi_rows,
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=["title", "description", "is_divided_by_gender", "is_placeholder", "updated_at"],
            )
        if municipality_rows:
            KoladaMunicipality.objects.bulk_create(
                municipality_rows,
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=["title", "type", "is_placeholder"],
            )
    return len(kpi_rows), len(municipality_rows)


def _changed(model, rows, *, fields) -> list:
    """The rows that are new or differ from what is stored: a refresh that changes
    nothing writes nothing."""
    stored = {
        row[0]: row[1:]
        for row in model.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", *fields)
    }
    return [r for r in rows if stored.get(r.pk) != tuple(getattr(r, f) for f in fields)]


def _placeholder_kpis(ids: set[str]) -> int:
    missing = ids - set(Kpi.objects.filter(pk__in=ids).values_list("pk", flat=True))
    Kpi.objects.bulk_create([Kpi(id=i, title=i, is_placeholder=True) for i in sorted(missing)])
    return len(missing)


def _placeholder_municipalities(ids: set[str]) -> int:
    missing = ids - set(KoladaMunicipality.objects.filter(pk__in=ids).values_list("pk", flat=True))
    KoladaMunicipality.objects.bulk_create(
        [KoladaMunicipality(id=i, title=i, type=KoladaMunicipality.type_for(i), is_placeholder=True)
         for i in sorted(missing)]
    )
    return len(missing)


def _stored(values: Sequence[KoladaValue], *, kpi_ids: set[str]) -> tuple[dict[tuple, tuple], set[str]]:
    """The stored rows the values could touch, by key: (value, status, count),
    and the KPIs that have any value stored at all.

    Read per KPI with the KPI's municipalities, a superset of the keys that the
    primary key answers without a table scan; through a plain cursor, since the
    ORM's model machinery costs several times the query on a large import. A KPI
    with nothing stored costs one probe of the index.
    """
    wanted: dict[str, set[str]] = {kpi_id: set() for kpi_id in kpi_ids}
    for item in values:
        wanted[item[0]].add(item[1])
    stored, kpis_with_values = {}, set()
    with connection.cursor() as cursor:
        for kpi_id, municipality_ids in sorted(wanted.items()):
            cursor.execute(f"SELECT 1 FROM {_TABLE} WHERE kpi_id = %s LIMIT 1", [kpi_id])
            if cursor.fetchone() is None:
                continue
            kpis_with_values.add(kpi_id)
            sql = (f"SELECT kpi_id, municipality_id, year, gender, value, status, count "
                   f"FROM {_TABLE} WHERE kpi_id = %s")
            params = [kpi_id]
            if len(municipality_ids) < 500:
                sql += f" AND municipality_id IN ({', '.join(['%s'] * len(municipality_ids))})"
                params += sorted(municipality_ids)
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(BATCH_SIZE):
                stored.update({row[:4]: row[4:] for row in rows})
    return stored, kpis_with_values


def _upsert(inserts: list[tuple], updates: list[tuple], *, progress: Progress | None, total: int,
            after_batch: Callable[[list[tuple]], None] | None = None) -> None:
    """Write the new rows (checked against the stored rows inside this transaction)
    and the changed ones, which replace stored values on the key.
    ``after_batch`` gets each batch of rows once it is sent.

    PostgreSQL: COPY the new rows straight into the table, the changed ones into a
    temporary table and one UPDATE … FROM. Elsewhere: batched INSERT … ON CONFLICT.
    """
    if not inserts and not updates:
        return
    if connection.vendor == "postgresql":
        _write_postgresql(inserts, updates, progress=progress, total=total, after_batch=after_batch)
        return
    columns = ", ".join(_COLUMNS)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    sql = (
        f"INSERT INTO {_TABLE} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT (kpi_id, municipality_id, year, gender) DO UPDATE SET "
        f"value = excluded.value, status = excluded.status, count = excluded.count, "
        f"imported_at = excluded.imported_at"
    )
    done = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(inserts + updates, BATCH_SIZE):
            cursor.executemany(sql, chunk)
            if after_batch:
                after_batch(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)


# The columns' types for COPY in binary: the server then parses no text, which is
# most of what a COPY costs it besides the index.
_COPY_TYPES = ["varchar", "varchar", "int2", "varchar", "float8", "varchar", "int4", "timestamptz"]
_MEAN_COLUMNS = ("kpi_id", "area", "year", "gender", "mean", "count")
_MEAN_TYPES = ["varchar", "varchar", "int2", "varchar", "float8", "int4"]


def _copy(cursor, table: str, columns: Sequence[str], types: list[str], rows: list[tuple], *,
          after_batch: Callable[[list[tuple]], None] | None = None) -> None:
    """COPY the rows in binary, a batch at a time. While the server takes in a batch,
    ``after_batch`` runs here on the one just sent, so the two overlap."""
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        write_row = copy.write_row
        for chunk in _chunks(rows, BATCH_SIZE):
            for row in chunk:
                write_row(row)
            if after_batch:
                after_batch(chunk)


def _write_postgresql(inserts: list[tuple], updates: list[tuple], *, progress: Progress | None, total: int,
                      after_batch: Callable[[list[tuple]], None] | None) -> None:
    done = 0

    def sent(chunk: list[tuple]) -> None:
        nonlocal done
        if after_batch:
            after_batch(chunk)
        done += len(chunk)
        if progress:
            progress(done, total)

    with connection.cursor() as cursor:
        if inserts:
            _copy(cursor, _TABLE, _COLUMNS, _COPY_TYPES, inserts, after_batch=sent)
        if not updates:
            return
        # Dropped first: two imports inside one outer transaction (tests, load_demo)
        # would otherwise meet the first one's table.
        cursor.execute("DROP TABLE IF EXISTS kpis_incoming")
        cursor.execute(
            f"CREATE TEMPORARY TABLE kpis_incoming (LIKE {_TABLE} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        _copy(cursor, "kpis_incoming", _COLUMNS, _COPY_TYPES, updates, after_batch=sent)
        cursor.execute(
            f"UPDATE {_TABLE} AS stored SET value = incoming.value, status = incoming.status, "
            f"count = incoming.count, imported_at = incoming.imported_at FROM kpis_incoming AS incoming "
            f"WHERE stored.kpi_id = incoming.kpi_id AND stored.municipality_id = incoming.municipality_id "
            f"AND stored.year = incoming.year AND stored.gender = incoming.gender"
        )


def _means_store(kpi_ids: set[str], rows: list[tuple]) -> None:
    """Replace these KPIs' KpiMean rows with ``rows`` (kpi_id, area, year, gender, mean, count)."""
    KpiMean.objects.filter(kpi_id__in=kpi_ids).delete()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, KpiMean._meta.db_table, _MEAN_COLUMNS, _MEAN_TYPES, rows)
            return
        cursor.executemany(
            f"INSERT INTO {KpiMean._meta.db_table} ({', '.join(_MEAN_COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
