"""Which self-assessment check answers which of the auditors' questions, so that the next
time they ask, the answer is already on the page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.models import AuditQuestion


class CheckKey(models.TextChoices):
    ROLES = "roles", _("Är roller och ansvar tydliga?")
    GOALS = "goals", _("Finns relevanta mål med indikatorer och målvärden?")
    STRATEGY = "strategy", _("Finns en strategi med konkreta aktiviteter?")
    FOLLOWUP = "followup", _("Följs arbetet upp per område?")
    COLLABORATION = "collaboration", _("Sker samverkan med relevanta parter?")
    KS_OVERSIGHT = "ks_oversight", _("Har kommunstyrelsen säkerställt styrning och uppsikt?")
    ANALYSIS = "analysis", _("Finns en analys av utmaningar och möjligheter?")
    DOCUMENTS = "documents", _("Harmonierar styrdokumenten med varandra?")
    PROJECTS = "projects", _("Initieras och utvärderas projekt enligt en beslutad struktur?")
    COMPANIES = "companies", _("Når bolagens resultat kommunstyrelsen?")


class AuditQuestionCheck(models.Model):
    audit_question = models.OneToOneField(
        AuditQuestion, on_delete=models.CASCADE, related_name="oversight_check", verbose_name=_("revisionsfråga")
    )
    check_key = models.CharField(_("kontroll som besvarar frågan"), max_length=20, choices=CheckKey.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koppling till revisionsfråga")
        verbose_name_plural = _("kopplingar till revisionsfrågor")

    def __str__(self):
        return f"{self.audit_question} → {self.get_check_key_display()}"


# The yearly snapshot: what the page answered on the day KS froze it, kept unchanged.
import hashlib  # noqa: E402

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402


class SnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("A self-assessment snapshot is never changed once frozen.")


class Snapshot(models.Model):
    """"Självgranskning YYYY": the check results as they stood when KS froze the page, as the
    exact JSON text with its SHA-256 beside it, so anyone can see that nothing was changed.
    Several versions may be frozen in one year; none is ever edited."""

    program = models.ForeignKey(
        "steering.Program", on_delete=models.PROTECT, related_name="oversight_snapshots", verbose_name=_("program")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveSmallIntegerField(_("version"))
    results_json = models.TextField(_("resultat (JSON)"))
    results_sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("fryst av")
    )
    frozen_at = models.DateTimeField(_("fryst"), default=timezone.now)
    history = HistoricalRecords()

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("självgranskning")
        verbose_name_plural = _("självgranskningar")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "number"], name="oversight_snapshot_unique_version"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="oversight_snapshot_number_positive"),
            models.CheckConstraint(condition=models.Q(year__gte=1900, year__lte=2100),
                                   name="oversight_snapshot_year_plausible"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise TypeError("A self-assessment snapshot is never changed once frozen.")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return _("Självgranskning %(year)s") % {"year": self.year}

    @property
    def version_label(self) -> str:
        return _("Självgranskning %(year)s, version %(number)s") % {"year": self.year, "number": self.number}

    @property
    def intact(self) -> bool:
        """Whether the stored JSON still has the checksum it was frozen with."""
        return hashlib.sha256(self.results_json.encode("utf-8")).hexdigest() == self.results_sha256
