"""kolada_import: fetch values from Kolada (or read a saved response) and store them."""

from __future__ import annotations

import gc
import re
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kpis.kolada import (
    DEFAULT_MAX_YEAR,
    DEFAULT_MIN_YEAR,
    KoladaClient,
    KoladaError,
    is_kpi_id,
    is_municipality_id,
    read_file,
)
from kpis.models import ImportRun, Kpi
from kpis.services import kolada_groups_store, metadata_store, values_import

MSG_KPI_REQUIRED = "Ange --kpi (ett eller flera id, t.ex. N00973,N00700) eller --from-file."
MSG_BAD_KPI = "Nyckeltalets id {value} har fel form; ett id är en stor bokstav och fem siffror, t.ex. N00973."
MSG_BAD_MUNICIPALITY = "Kommunens id {value} har fel form; ange fyra siffror (t.ex. 1490) eller all."
MSG_BAD_YEARS = "Åren {value} går inte att läsa; ange t.ex. 2015-2024, 2018 eller 2016,2018."
MSG_YEARS_REQUIRED = "Ange --years (t.ex. 2015-2024) när alla kommuner hämtas."
MSG_YEARS_ORDER = "Åren {value}: det första året kommer efter det sista."
MSG_YEARS_OUT_OF_RANGE = "Åren {value} ligger utanför {min_year}–{max_year}."
MSG_FAILED = "Inget sparades. {reason}"
MSG_UNREADABLE_FILE = "Filen kunde inte läsas: {reason}."

_YEARS_RE = re.compile(r"(\d{4})(?:-(\d{4}))?")


class Command(BaseCommand):
    # The system checks import every app's URLs and views, which took a fifth of a
    # large file's import; manage.py check, migrate and the server still run them.
    requires_system_checks = []
    help = (
        "Hämtar värden från Kolada (--kpi, --municipality, --years) eller läser ett sparat svar "
        "(--from-file) och sparar dem. Allt eller inget: vid fel sparas ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kpi", help="Nyckeltal, kommaseparerade: N00973,N00700")
        parser.add_argument("--municipality", default="all", help="Kommuner, kommaseparerade (1490,1488), eller all")
        parser.add_argument("--years", help="År: 2015-2024, 2018 eller 2016,2018")
        parser.add_argument("--from-file", dest="from_file", help="Ett sparat svar från Kolada (JSON)")
        parser.add_argument(
            "--groups", help='Hämta Koladas kommungrupper vars namn innehåller texten, t.ex. "Liknande kommuner"'
        )

    def handle(self, *args, **options):
        with _collector_paused():
            self._import(**options)

    def _import(self, *, kpi=None, municipality="all", years=None, from_file=None, groups=None, **options):
        started = time.perf_counter()
        kpi_records, municipality_records, kpi_ids, group_records, values = [], [], [], [], []
        try:
            if from_file:
                values = read_file(source=from_file)
                source, description = ImportRun.Source.FILE, from_file
            else:
                if kpi or not groups:
                    kpi_ids, municipality_ids, year_list = _arguments(kpi, municipality, years)
                # Everything is fetched before anything is written, so that a time-out
                # or a bad page leaves the database as it was.
                with KoladaClient() as client:
                    municipality_records = list(client.municipalities())
                    if groups:
                        group_records = list(client.municipality_groups(title=groups))
                    if kpi_ids:
                        kpi_records = list(client.kpis(ids=kpi_ids))
                        values = list(client.values(kpis=kpi_ids, municipalities=municipality_ids, years=year_list))
                source, description = ImportRun.Source.API, f"kpi={kpi} municipality={municipality} years={years}"
        except KoladaError as error:
            raise CommandError(MSG_FAILED.format(reason=error.message)) from None
        except OSError as error:
            raise CommandError(MSG_FAILED.format(reason=MSG_UNREADABLE_FILE.format(reason=error.strerror))) from None
        progress = _ProgressBar(self.stderr) if self.stderr.isatty() else None
        with transaction.atomic():
            metadata = metadata_store(kpis=kpi_records, municipalities=municipality_records)
            result = values_import(values=values, source=source, description=description, progress=progress)
            Kpi.objects.filter(pk__in=kpi_ids).update(is_followed=True)
            stored_groups = kolada_groups_store(groups=group_records)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Klart på {elapsed:.1f} s: {len(values)} värden lästa, {result.inserted} nya, "
            f"{result.updated} ändrade, {result.unchanged} oförändrade, {result.deleted} borttagna."
        )
        if groups:
            self.stdout.write(f"Kommungrupper: {stored_groups} sparade.")
        if metadata != (0, 0):
            self.stdout.write(f"Metadata: {metadata[0]} nyckeltal och {metadata[1]} kommuner sparade.")
        if result.new_kpis or result.new_municipalities:
            self.stdout.write(
                f"{result.new_kpis} nyckeltal och {result.new_municipalities} kommuner saknar metadata; "
                "de kompletteras vid nästa hämtning från Kolada."
            )


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a large file is read and stored.

    Reading creates a few objects per value and none of them form cycles, but the
    collector still walks every live object again and again as they pile up: with
    it running, reading took twice as long. Reference counting frees objects as
    usual meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _arguments(kpi, municipality, years) -> tuple[list[str], list[str] | None, list[int] | None]:
    if not kpi:
        raise CommandError(MSG_KPI_REQUIRED)
    kpi_ids = [k.strip() for k in kpi.split(",") if k.strip()]
    for value in kpi_ids:
        if not is_kpi_id(value):
            raise CommandError(MSG_BAD_KPI.format(value=value))
    municipality_ids = None
    if municipality.strip().lower() != "all":
        municipality_ids = [m.strip() for m in municipality.split(",") if m.strip()]
        for value in municipality_ids:
            if not is_municipality_id(value):
                raise CommandError(MSG_BAD_MUNICIPALITY.format(value=value))
    year_list = _years(years)
    if municipality_ids is None and year_list is None:
        raise CommandError(MSG_YEARS_REQUIRED)
    return kpi_ids, municipality_ids, year_list


def _years(text: str | None) -> list[int] | None:
    if not text:
        return None
    out = []
    for part in text.split(","):
        match = _YEARS_RE.fullmatch(part.strip())
        if not match:
            raise CommandError(MSG_BAD_YEARS.format(value=text))
        first, last = int(match[1]), int(match[2] or match[1])
        if first > last:
            raise CommandError(MSG_YEARS_ORDER.format(value=part.strip()))
        # The client refuses these too, but only after the metadata has been fetched.
        if first < DEFAULT_MIN_YEAR or last > DEFAULT_MAX_YEAR:
            raise CommandError(MSG_YEARS_OUT_OF_RANGE.format(
                value=part.strip(), min_year=DEFAULT_MIN_YEAR, max_year=DEFAULT_MAX_YEAR
            ))
        out.extend(range(first, last + 1))
    return sorted(set(out))


class _ProgressBar:
    """A one-line bar redrawn in place, only on a terminal (logs get the summary alone)."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total == 0 else done * 100 // total
        if percent == self.last:
            return
        self.last = percent
        filled = self.WIDTH * percent // 100
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d} %  {done}/{total}", ending="")
        if done >= total:
            self.stream.write("", ending="\n")
        self.stream.flush()
