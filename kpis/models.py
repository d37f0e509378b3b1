"""Key figures (Kolada's and the municipality's own), the municipalities they are
reported for, the values, the import log and the groups a municipality compares with.

Kolada's own ids are the primary keys of Kpi and KoladaMunicipality, so that an
import writes values without looking anything up and a data file can name a KPI
or municipality whose metadata has not been fetched yet (a placeholder row)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality
from kpis.kolada import county_id

MIN_YEAR = 1950
MAX_YEAR = 2100


def clipped(text: str, max_length: int) -> str:
    """``text`` whole if it fits in ``max_length`` characters, else cut with "…" as the last."""
    return text if len(text) <= max_length else text[: max_length - 1] + "…"


class Gender(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class Kpi(models.Model):
    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        LOCAL = "local", _("Eget nyckeltal")

    id = models.CharField(_("id"), max_length=12, primary_key=True)
    title = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    is_divided_by_gender = models.BooleanField(_("redovisas per kön"), default=False)
    unit = models.CharField(_("enhet"), max_length=30, blank=True)
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices, default=Source.KOLADA)
    # A local KPI belongs to the municipality that defined it; Kolada's belong to all.
    owner = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="local_kpis",
        verbose_name=_("kommun"),
    )
    # Created by an import that named the KPI before its metadata was fetched.
    is_placeholder = models.BooleanField(_("saknar metadata"), default=False)
    # Followed KPIs are refreshed by the periodic task (an indicator links to them).
    is_followed = models.BooleanField(_("bevakas"), default=False)
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source="kolada", owner__isnull=True)
                | models.Q(source="local", owner__isnull=False),
                name="kpi_local_has_owner",
                violation_error_message=_("Ett eget nyckeltal hör till en kommun; Koladas hör inte till någon."),
            ),
        ]

    def __str__(self):
        return f"{self.id} {self.title}"

    def get_absolute_url(self):
        return reverse("kpis:kpi_detail", kwargs={"kpi_id": self.id})

    @property
    def is_local(self) -> bool:
        return self.source == self.Source.LOCAL


class KoladaMunicipality(models.Model):
    """A municipality (K), a county region (L), or Riket ("0000") as Kolada names them."""

    class Type(models.TextChoices):
        MUNICIPALITY = "K", _("Kommun")
        REGION = "L", _("Region")
        COUNTRY = "", _("Riket eller grupp")

    id = models.CharField(_("Kolada-id"), max_length=12, primary_key=True)
    title = models.CharField(_("namn"), max_length=150)
    type = models.CharField(_("typ"), max_length=1, choices=Type.choices, blank=True)
    is_placeholder = models.BooleanField(_("saknar metadata"), default=False)

    class Meta:
        verbose_name = _("kommun i Kolada")
        verbose_name_plural = _("kommuner i Kolada")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def county(self) -> str | None:
        """The Kolada id of the county region, or None for a region, Riket or a group."""
        return county_id(municipality_id=self.id) if self.type == self.Type.MUNICIPALITY else None

    @staticmethod
    def type_for(kolada_id: str) -> str:
        """The type an id's shape implies, for placeholders made before metadata arrives."""
        if kolada_id.isdigit() and not kolada_id.startswith("00"):
            return KoladaMunicipality.Type.MUNICIPALITY
        if kolada_id.isdigit() and kolada_id != "0000":
            return KoladaMunicipality.Type.REGION
        return KoladaMunicipality.Type.COUNTRY


class KpiValue(models.Model):
    # Kolada's key is the primary key: one value per (kpi, municipality, year,
    # gender), and the index the comparison page and the import read through (KPI
    # first, then municipalities, years and genders). A surrogate id beside it cost
    # every import a second index and a sequence to fill, a third of its COPY.
    pk = models.CompositePrimaryKey("kpi", "municipality", "year", "gender")
    # No foreign-key constraints in the database: the import creates every KPI and
    # municipality a file names (placeholders if need be) in the same transaction
    # before it writes values, and checking the constraint for each of hundreds of
    # thousands of rows at commit cost more than the rest of the import together.
    # Deleting a KPI or municipality still deletes its values (Django's CASCADE).
    # No index of their own either: the primary key (kpi, municipality, year, gender)
    # serves every read by KPI or by KPI and municipality, and each further index
    # made an import's COPY write the row into it too (twice, with the LIKE
    # variants PostgreSQL gets). Only deleting a municipality reads by
    # municipality alone; it scans, and happens about never.
    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="values", verbose_name=_("nyckeltal"), db_constraint=False,
        db_index=False,
    )
    municipality = models.ForeignKey(
        KoladaMunicipality, on_delete=models.CASCADE, related_name="values", verbose_name=_("kommun"),
        db_constraint=False, db_index=False,
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("värde"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=30, blank=True)
    count = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    imported_at = models.DateTimeField(_("importerad"))

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        # The primary key's columns: ordering by the foreign keys themselves joined both tables
        # to sort by their own orderings (a municipality's name) on every read.
        ordering = ["kpi_id", "municipality_id", "year", "gender"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="kpivalue_year_in_range",
                violation_error_message=_("Året ligger utanför 1950–2100."),
            ),
            # Written as three comparisons, not gender IN (…): SQLite builds a lookup
            # table for an IN list on every row written, which made an import's
            # inserts take twice as long; PostgreSQL checks both forms alike.
            models.CheckConstraint(
                condition=models.Q(gender="T") | models.Q(gender="K") | models.Q(gender="M"),
                name="kpivalue_gender_known",
                violation_error_message=_("Kön ska vara T, K eller M."),
            ),
        ]

    def __str__(self):
        return f"{self.kpi_id} {self.municipality_id} {self.year} {self.gender}: {self.value}"


class KpiMean(models.Model):
    """A summary row: the unweighted mean over the municipalities of a county
    (area "00" + county code) or of the whole country (area "0000") that have a
    value, with their count. Rebuilt by every import for the KPIs it touched, so
    the comparison page reads a few dozen rows however many values are stored."""

    NATIONAL = "0000"

    # The unique key below starts with the KPI, so it needs no index of its own.
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="means", db_constraint=False,
                            db_index=False)
    area = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=1, choices=Gender.choices)
    mean = models.FloatField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kpi", "area", "year", "gender"], name="kpimean_one_per_key"),
        ]

    def __str__(self):
        return f"{self.kpi_id} {self.area} {self.year} {self.gender}: {self.mean} ({self.count})"


class ImportRun(models.Model):
    """One import: what it read and what it changed, kept as the values' history."""

    class Source(models.TextChoices):
        API = "api", _("Kolada")
        FILE = "file", _("Kolada-fil")
        MANUAL = "manual", _("Uppladdad fil")
        DEMO = "demo", _("Demodata")

    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, null=True, blank=True, related_name="import_runs",
        verbose_name=_("nyckeltal"), help_text=_("Satt när importen gällde ett enda nyckeltal."),
    )
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("av")
    )
    inserted = models.PositiveIntegerField(_("nya"), default=0)
    updated = models.PositiveIntegerField(_("ändrade"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade"), default=0)
    deleted = models.PositiveIntegerField(_("borttagna"), default=0)
    # A refresh that failed is kept too, with the reason, so that the statistics pages can
    # say how old the figures are and why; it changed nothing.
    error = models.TextField(_("fel"), blank=True)

    ERROR_MAX_LENGTH = 4000

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # The description names a file or a query and the error is a server's or the
        # network's reason: both come from outside, so every run is kept bounded here
        # (PostgreSQL would refuse a description past its column, SQLite store it whole).
        self.description = clipped(self.description, self._meta.get_field("description").max_length)
        self.error = clipped(self.error, self.ERROR_MAX_LENGTH)
        super().save(*args, **kwargs)

    @property
    def failed(self) -> bool:
        return bool(self.error)


class ComparisonGroup(models.Model):
    """A stored group to compare with: one of Kolada's (G…) or the coordinator's own
    "liknande kommuner". The county and all municipalities are derived, not stored."""

    class Kind(models.TextChoices):
        KOLADA = "kolada", _("Koladas kommungrupp")
        CUSTOM = "custom", _("Egen grupp")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("namn"), max_length=200)
    kolada_id = models.CharField(_("Kolada-id"), max_length=20, null=True, blank=True, unique=True)
    owner = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="comparison_groups",
        verbose_name=_("kommun"),
    )
    members = models.ManyToManyField(
        KoladaMunicipality, related_name="comparison_groups", verbose_name=_("kommuner"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("jämförelsegrupp")
        verbose_name_plural = _("jämförelsegrupper")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="kolada", kolada_id__isnull=False, owner__isnull=True)
                | models.Q(kind="custom", kolada_id__isnull=True, owner__isnull=False),
                name="comparisongroup_kind_matches",
                violation_error_message=_("En egen grupp hör till en kommun; en Kolada-grupp har ett Kolada-id."),
            ),
            models.UniqueConstraint(
                fields=["owner", "title"],
                name="comparisongroup_title_unique_in_municipality",
                violation_error_message=_("Kommunen har redan en jämförelsegrupp med det namnet."),
            ),
        ]

    def __str__(self):
        return self.title
