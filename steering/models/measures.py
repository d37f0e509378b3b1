"""Indicators (nyckeltal) that measure a goal, and their target values per year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from steering.models.program import Goal

KOLADA_NEEDS_KPI = _("Ange Koladas nyckeltals-id när källan är Kolada.")
LOCAL_NEEDS_KPI = _("Välj kommunens eget nyckeltal när källan är ett eget nyckeltal.")
LOCAL_KPI_NOT_LOCAL = _("Välj ett av kommunens egna nyckeltal; Koladas nyckeltal anges med sitt Kolada-id.")
TARGET_OUTSIDE_PERIOD = _("Målvärdet gäller år %(year)s, men programmet gäller %(start)s–%(end)s.")
VALUE_OUTSIDE_PERIOD = _("Värdet gäller år %(year)s, men programmet gäller %(start)s–%(end)s.")
VALUE_FOR_KOLADA = _("Indikatorn hämtar sina värden från ett nyckeltal; bara manuella indikatorer får värden inmatade.")

kolada_kpi_validator = RegexValidator(
    r"^[A-Z]\d{5}$", _("Koladas nyckeltals-id är en versal följd av fem siffror, till exempel N00973.")
)


class Indicator(VersionedModel):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Högre är bättre")
        LOWER = "lower", _("Lägre är bättre")

    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        LOCAL = "local", _("Eget nyckeltal")
        MANUAL = "manual", _("Manuell uppgift")

    class Gender(models.TextChoices):
        TOTAL = "T", _("Totalt")
        WOMEN = "K", _("Kvinnor")
        MEN = "M", _("Män")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("mål"))
    name = models.CharField(_("namn"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=30, help_text=_("Till exempel %, antal eller kronor."))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline = models.DecimalField(_("utgångsvärde"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("utgångsår"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    kolada_kpi = models.CharField(
        _("Kolada-id"), max_length=6, blank=True, validators=[kolada_kpi_validator],
        help_text=_("Till exempel N00973."),
    )
    local_kpi = models.ForeignKey(
        "kpis.Kpi", on_delete=models.PROTECT, null=True, blank=True, related_name="indicators",
        verbose_name=_("eget nyckeltal"),
        help_text=_("Ett nyckeltal som kommunen själv laddar upp värden för, under Statistik."),
    )
    # Which of a gendered KPI's series the targets and the goal fulfilment are about.
    gender = models.CharField(
        _("kön som målvärdena gäller"), max_length=1, choices=Gender.choices, default=Gender.TOTAL,
    )
    # Statistics for a year are published some time after it: Kolada's for year Y mostly
    # in the spring of Y+1. A value older than that is stale, and the pages say so.
    publication_lag = models.PositiveSmallIntegerField(
        _("publiceras (år efter mätåret)"), default=1, validators=[MaxValueValidator(5)],
        help_text=_("Hur många år efter mätåret ett värde väntas finnas. 1 betyder att värdet för 2025 väntas under 2026."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source="kolada") | ~models.Q(kolada_kpi=""),
                name="indicator_kolada_has_kpi",
                violation_error_message=KOLADA_NEEDS_KPI,
            ),
            models.CheckConstraint(
                condition=~models.Q(source="local") | models.Q(local_kpi__isnull=False),
                name="indicator_local_has_kpi",
                violation_error_message=LOCAL_NEEDS_KPI,
            ),
            models.CheckConstraint(
                condition=models.Q(publication_lag__lte=5), name="indicator_publication_lag_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("steering:indicator_detail", kwargs={"pk": self.pk})

    @property
    def program(self):
        return self.goal.program

    def clean(self):
        super().clean()
        if self.source == self.Source.KOLADA and not self.kolada_kpi:
            raise ValidationError({"kolada_kpi": KOLADA_NEEDS_KPI})
        if self.source == self.Source.LOCAL:
            if not self.local_kpi_id:
                raise ValidationError({"local_kpi": LOCAL_NEEDS_KPI})
            if not self.local_kpi.is_local:
                raise ValidationError({"local_kpi": LOCAL_KPI_NOT_LOCAL})

    @property
    def kpi_id(self) -> str | None:
        """The statistics series the indicator reads its values from, if any."""
        if self.source == self.Source.KOLADA:
            return self.kolada_kpi
        if self.source == self.Source.LOCAL:
            return self.local_kpi_id
        return None


class Target(VersionedModel):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indikator")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    decision = models.CharField(
        _("beslut"), max_length=200, blank=True,
        help_text=_("Beslutet som målvärdet vilar på, till exempel ”KF 2024-06-13 § 87, dnr KS 2024-00123”."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="target_one_per_year",
                violation_error_message=_("Indikatorn har redan ett målvärde för det året."),
            )
        ]

    def __str__(self):
        return f"{self.year}: {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def clean(self):
        super().clean()
        program = self.indicator.goal.program if self.indicator_id else None
        if program and self.year and not program.start_year <= self.year <= program.end_year:
            raise ValidationError(
                {"year": TARGET_OUTSIDE_PERIOD % {"year": self.year, "start": program.start_year, "end": program.end_year}}
            )


class IndicatorValue(VersionedModel):
    """A value of a manual indicator for a year and gender, entered by hand or uploaded; a
    changed value keeps its earlier ones in the history, and the value says where it came
    from, who recorded it and when."""

    class Origin(models.TextChoices):
        ENTERED = "entered", _("Inmatat")
        UPLOADED = "uploaded", _("Uppladdat från fil")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indikator")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Indicator.Gender.choices, default=Indicator.Gender.TOTAL)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)
    origin = models.CharField(_("ursprung"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    origin_note = models.CharField(_("källa"), max_length=200, blank=True, help_text=_("Till exempel filens namn."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("registrerat av"),
    )
    recorded_at = models.DateTimeField(_("registrerat"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "gender"],
                name="indicator_value_one_per_year_gender",
                violation_error_message=_("Indikatorn har redan ett värde för det året och könet."),
            )
        ]

    def __str__(self):
        return f"{self.year} {self.get_gender_display()}: {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def clean(self):
        super().clean()
        if not self.indicator_id:
            return
        if self.indicator.source != Indicator.Source.MANUAL:
            raise ValidationError(VALUE_FOR_KOLADA)
        program = self.indicator.goal.program
        if program and self.year and not program.start_year <= self.year <= program.end_year:
            raise ValidationError(
                {"year": VALUE_OUTSIDE_PERIOD % {"year": self.year, "start": program.start_year, "end": program.end_year}}
            )
