"""The register of steering documents (styrdokument): what each is, who adopted it,
when it is due for review, where it sits in the hierarchy and which areas it covers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, VersionedModel
from core.uploads import DOCX, PDF, UploadValidator
from organizations.models import Organization
from steering.models.common import OTHER_MUNICIPALITY, chain_contains, dates_ordered

DOCUMENT_OWN_ANCESTOR = _("Ett styrdokument kan inte ligga under sig självt eller under något av sina underdokument.")

# A PDF or a DOCX, judged by its whole content (core.uploads); named, because the
# first migration refers to it by this name.
validate_document_file = UploadValidator(PDF, DOCX)


class SteeringDocument(VersionedModel):
    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        PROGRAM = "program", _("Program")
        STRATEGY = "strategy", _("Strategi")
        PLAN = "plan", _("Plan")
        GUIDELINE = "guideline", _("Riktlinje")
        REGULATION = "regulation", _("Reglemente")
        ACTION_PLAN = "action_plan", _("Handlingsplan")

    class Nature(models.TextChoices):
        ACTIVATING = "activating", _("Aktiverande")
        NORMATIVE = "normative", _("Normerande")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="steering_documents", verbose_name=_("kommun")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    nature = models.CharField(
        _("karaktär"),
        max_length=20,
        choices=Nature.choices,
        help_text=_("Aktiverande dokument driver arbete framåt; normerande anger hur något ska göras."),
    )
    adopted_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="adopted_documents",
        verbose_name=_("antaget av"),
    )
    adopted_on = models.DateField(_("antaget den"), null=True, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=20, blank=True, help_text=_("Till exempel § 123."))
    registry_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    review_due = models.DateField(_("ska ses över senast"), null=True, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("överordnat dokument"),
    )
    areas = models.ManyToManyField(
        "steering.Area", blank=True, related_name="documents", verbose_name=_("områden som dokumentet omfattar")
    )
    responsible = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="responsible_documents",
        verbose_name=_("ansvarig organisation"),
    )
    file = models.FileField(
        _("fil"), upload_to="styrdokument/%Y/", blank=True, validators=[validate_document_file],
        help_text=_("PDF eller DOCX, högst 10 MB."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["title"]
        constraints = [dates_ordered("valid_from", "valid_to", "steeringdocument_validity_ordered")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:document_detail", kwargs={"pk": self.pk})

    @property
    def review_overdue(self) -> bool:
        return self.review_due is not None and self.review_due < timezone.localdate()

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent.municipality_id != self.municipality_id:
                raise ValidationError({"parent": OTHER_MUNICIPALITY})
            if self.pk and chain_contains(self.parent, self.pk):
                raise ValidationError({"parent": DOCUMENT_OWN_ANCESTOR})
        for name in ("adopted_by", "responsible"):
            organization = getattr(self, name)
            if organization is not None and organization.municipality_id != self.municipality_id:
                raise ValidationError({name: OTHER_MUNICIPALITY})
