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
