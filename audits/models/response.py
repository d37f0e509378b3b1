"""A board's formal answer to an audit, and the measures (åtgärder) it promised, followed
until the coordinator or the auditors have verified them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.models.audit import Audit, Recommendation
from core.models import VersionedModel
from core.uploads import DOCX, PDF, TEXT, XLSX, UploadValidator
from organizations.models import Organization

VERIFIED_NEEDS_EVIDENCE = _("En åtgärd kan inte stängas utan underlag: skriv en kommentar eller bifoga en fil.")


class AuditResponse(VersionedModel):
    class Decision(models.TextChoices):
        ENDORSES = "endorses", _("Tillstyrker")
        PARTLY = "partly", _("Tillstyrker delvis")
        REJECTS = "rejects", _("Avstyrker")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="responses", verbose_name=_("granskning"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="audit_responses", verbose_name=_("organisation")
    )
    decision = models.CharField(_("beslut"), max_length=10, choices=Decision.choices)
    meeting_date = models.DateField(_("sammanträdesdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20, help_text=_("Till exempel § 45."))
    registry_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    minutes_file = models.FileField(
        _("protokollsutdrag"), upload_to="audits/minutes/%Y/", blank=True, validators=[UploadValidator(PDF, DOCX)],
        help_text=_("PDF eller DOCX, högst 10 MB."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("registrerat av"),
    )
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på revisionsrapport")
        verbose_name_plural = _("svar på revisionsrapporter")
        ordering = ["audit", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "organization"],
                name="audit_response_one_per_organization",
                violation_error_message=_("Organisationen har redan svarat på granskningen."),
            )
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_decision_display()}"

    def get_absolute_url(self):
        return reverse("audits:audit_detail", kwargs={"pk": self.audit_id}) + f"#svar-{self.organization_id}"


class RecommendationAnswer(models.Model):
    response = models.ForeignKey(
        AuditResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("svar")
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("rekommendation")
    )
    text = models.TextField(_("svar på rekommendationen"), max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på rekommendation")
        verbose_name_plural = _("svar på rekommendationer")
        constraints = [
            models.UniqueConstraint(fields=["response", "recommendation"], name="answer_one_per_recommendation")
        ]


class Measure(VersionedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Genomförd")
        VERIFIED = "verified", _("Verifierad")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="measures", verbose_name=_("rekommendation")
    )
    description = models.TextField(_("åtgärd"), max_length=3000)
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="audit_measures", verbose_name=_("ansvarig organisation")
    )
    due_date = models.DateField(_("klar senast"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PLANNED)
    evidence_note = models.TextField(
        _("underlag"), blank=True, max_length=5000, help_text=_("Vad visar att åtgärden är genomförd?")
    )
    evidence_file = models.FileField(
        _("underlag som fil"), upload_to="audits/evidence/%Y/", blank=True,
        validators=[UploadValidator(PDF, DOCX, XLSX, TEXT)], help_text=_("PDF, DOCX, XLSX eller text, högst 10 MB."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verifierad av"),
    )
    verified_at = models.DateTimeField(_("verifierad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="verified") | models.Q(verified_at__isnull=False),
                name="measure_verified_has_time",
            )
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("audits:measure_detail", kwargs={"pk": self.pk})

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_note.strip() or self.evidence_file)

    def clean(self):
        super().clean()
        if self.status in (self.Status.DONE, self.Status.VERIFIED) and not self.has_evidence:
            raise ValidationError({"evidence_note": VERIFIED_NEEDS_EVIDENCE})
