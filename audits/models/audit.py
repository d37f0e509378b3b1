"""An audit (granskning) as the auditors report it: questions with assessments, an overall
assessment per audited organisation, recommendations, and who must answer by when."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, VersionedModel
from core.uploads import DOCX, PDF, UploadValidator
from organizations.models import Organization


class Assessment(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvis")
    NO = "no", _("Nej")
    NOT_ASSESSED = "not_assessed", _("Ej bedömd")


class Audit(VersionedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="audits", verbose_name=_("kommun")
    )
    title = models.CharField(_("titel"), max_length=250)
    auditor = models.CharField(
        _("revisionsbyrå"), max_length=150, blank=True, help_text=_("Till exempel PwC, EY eller KPMG.")
    )
    commissioned_by = models.CharField(
        _("på uppdrag av"), max_length=150, blank=True, help_text=_("De förtroendevalda revisorerna.")
    )
    date = models.DateField(_("rapportdatum"), null=True, blank=True)
    scope = models.TextField(_("omfattning och syfte"), blank=True, max_length=5000)
    report_file = models.FileField(
        _("rapporten"), upload_to="audits/reports/%Y/", blank=True, validators=[UploadValidator(PDF, DOCX)],
        help_text=_("PDF eller DOCX, högst 10 MB."),
    )
    audited_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="audits", verbose_name=_("granskade organisationer")
    )
    response_from = models.ManyToManyField(
        Organization, blank=True, related_name="audits_to_answer", verbose_name=_("svar begärs från")
    )
    response_by = models.DateField(_("svar senast"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:audit_detail", kwargs={"pk": self.pk})


class AuditQuestion(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="questions", verbose_name=_("granskning"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("revisionsfråga"), max_length=2000)
    assessment = models.CharField(
        _("bedömning"), max_length=20, choices=Assessment.choices, default=Assessment.NOT_ASSESSED
    )
    comment = models.TextField(_("revisorernas kommentar"), blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revisionsfråga")
        verbose_name_plural = _("revisionsfrågor")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "number"],
                name="audit_question_number_unique",
                violation_error_message=_("Det finns redan en revisionsfråga med det numret i granskningen."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class OverallAssessment(models.Model):
    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, related_name="overall_assessments", verbose_name=_("granskning")
    )
    # None: the municipality as a whole ("Borås Stad"), which is no single organisation.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"), help_text=_("Lämna tomt när bedömningen gäller hela kommunen."),
    )
    assessment = models.CharField(
        _("bedömning"), max_length=20, choices=Assessment.choices, default=Assessment.NOT_ASSESSED
    )
    text = models.TextField(_("bedömningen i text"), blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samlad bedömning")
        verbose_name_plural = _("samlade bedömningar")
        ordering = ["audit", "organization__name"]

    def __str__(self):
        return f"{self.organization or self.audit.municipality}: {self.get_assessment_display()}"


class Recommendation(VersionedModel):
    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("granskning")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("rekommendation"), max_length=3000)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("riktad till")
    )
    area = models.CharField(
        _("område eller mål"), max_length=200, blank=True,
        help_text=_("Det område eller mål i programmet som rekommendationen gäller."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekommendation")
        verbose_name_plural = _("rekommendationer")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "number"],
                name="recommendation_number_unique",
                violation_error_message=_("Det finns redan en rekommendation med det numret i granskningen."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"
