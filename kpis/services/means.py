"""The KpiMean summary: per KPI, county (or the whole country), year and gender, the
unweighted mean over the municipalities with a value, and their count.

Two ways to the same rows. ``kpi_means_refresh`` rebuilds them in SQL from the
stored values, after an import changed values of KPIs that had some. When an
import writes the first values of its KPIs, those values are all there is, so
``MeanSums`` adds them up while the database writes them (an import hands it each
batch once it is sent) and the separate pass over the stored values is saved.

Municipalities are told from regions ("00…"), Riket ("0000") and groups ("G…") by
the shape of their ids (kpis.kolada.ids); the county is "00" + the first two digits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from kpis.models import KpiMean, KpiValue

_TABLE = KpiValue._meta.db_table


def kpi_means_refresh(*, kpi_ids: Iterable[str]) -> None:
    """Rebuild the county and national means (KpiMean) of these KPIs from their stored values."""
    kpi_ids = sorted(set(kpi_ids))
    if not kpi_ids:
        return
    KpiMean.objects.filter(kpi_id__in=kpi_ids).delete()
    placeholders = ", ".join(["%s"] * len(kpi_ids))
    # One pass over the values: the county sums and counts, and the national mean
    # from those (the unweighted mean over all municipalities is the sum of the
    # county sums over the sum of their counts). Scanning the values twice, once
    # per level, cost a tenth of a large import.
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH county AS (SELECT kpi_id, SUBSTR(municipality_id, 1, 2) AS code, year, gender, "
            f"SUM(value) AS total, COUNT(*) AS n FROM {_TABLE} WHERE kpi_id IN ({placeholders}) "
            f"AND value IS NOT NULL AND municipality_id NOT LIKE '00%%' AND municipality_id NOT LIKE 'G%%' "
            f"GROUP BY kpi_id, SUBSTR(municipality_id, 1, 2), year, gender) "
            f"INSERT INTO {KpiMean._meta.db_table} (kpi_id, area, year, gender, mean, count) "
            f"SELECT kpi_id, '00' || code, year, gender, total / n, n FROM county "
            f"UNION ALL SELECT kpi_id, %s, year, gender, SUM(total) / SUM(n), SUM(n) FROM county "
            f"GROUP BY kpi_id, year, gender",
            [*kpi_ids, KpiMean.NATIONAL],
        )


class MeanSums:
    """Sums and counts per (KPI, county, year, gender) of rows laid out as KpiValue's
    columns (kpi, municipality, year, gender, value, …), added a batch at a time."""

    def __init__(self) -> None:
        self._sums: dict[tuple[str, str, int, str], list] = {}

    def add(self, rows: Iterable[tuple]) -> None:
        sums = self._sums
        for row in rows:
            value, municipality = row[4], row[1]
            if value is None or municipality[0] == "G" or municipality.startswith("00"):
                continue
            key = (row[0], municipality[:2], row[2], row[3])
            entry = sums.get(key)
            if entry is None:
                sums[key] = [value, 1]
            else:
                entry[0] += value
                entry[1] += 1

    def rows(self) -> list[tuple[str, str, int, str, float, int]]:
        """KpiMean rows (kpi_id, area, year, gender, mean, count); the national mean is,
        as in kpi_means_refresh, the county sums over their counts."""
        out, national = [], {}
        for (kpi_id, county, year, gender), (total, count) in self._sums.items():
            out.append((kpi_id, "00" + county, year, gender, total / count, count))
            entry = national.setdefault((kpi_id, year, gender), [0.0, 0])
            entry[0] += total
            entry[1] += count
        out += [(kpi_id, KpiMean.NATIONAL, year, gender, total / count, count)
                for (kpi_id, year, gender), (total, count) in national.items()]
        return out
