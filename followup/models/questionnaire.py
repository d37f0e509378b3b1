"""Questionnaire templates: per program, in numbered versions, with a section per area
and typed questions. A cycle freezes the version it uses, so a version in use by an open
cycle is never edited: services copy it to a new version instead."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from organizations.models import Organization
from steering.models import Area, Program

AREA_OF_OTHER_PROGRAM = _("Området hör till ett annat program än formuläret.")
CHOICES_NEEDED = _("Ange minst två svarsalternativ, ett per rad.")
LENGTH_GUIDE_ONLY_FOR_TEXT = _("En längdanvisning gäller bara frågor med fritext.")
KINDS_NEEDED = _("Välj vilka typer av organisationer som ska svara på frågan.")


class Questionnaire(VersionedModel):
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="questionnaires", verbose_name=_("program")
    )
    title = models.CharField(_("titel"), max_length=200)
    # The template's own version number; `version` (from VersionedModel) is the edit counter.
    number = models.PositiveSmallIntegerField(_("formulärversion"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next",
        verbose_name=_("föregående version"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("frågeformulär")
        verbose_name_plural = _("frågeformulär")
        ordering = ["program", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "number"],
                name="questionnaire_number_unique_in_program",
                violation_error_message=_("Programmet har redan ett formulär med det versionsnumret."),
            )
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"


class Section(VersionedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections", verbose_name=_("frågeformulär")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("område"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "area"],
                name="section_area_unique_in_questionnaire",
                violation_error_message=_("Formuläret har redan ett avsnitt för det området."),
            )
        ]

    def __str__(self):
        return str(self.area)

    def clean(self):
        super().clean()
        if self.area_id and self.questionnaire_id and self.area.program_id != self.questionnaire.program_id:
            raise ValidationError({"area": AREA_OF_OTHER_PROGRAM})


class Question(VersionedModel):
    class Kind(models.TextChoices):
        TEXT = "text", _("Fritext")
        YES_NO_PARTLY = "yes_no_partly", _("Ja, nej eller delvis")
        NUMBER = "number", _("Tal")
        CHOICE = "choice", _("Val bland alternativ")
        ACTIVITIES = "activities", _("Lista med aktiviteter")
        RATING = "rating", _("Skattning 1–5")

    class Targeting(models.TextChoices):
        ALL = "all", _("Alla tillfrågade organisationer")
        CHOSEN = "chosen", _("Valda organisationer")
        KINDS = "kinds", _("Vissa typer av organisationer")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("frågeformulär")
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("avsnitt"))
    # Stays the same when a question is carried into a new version, so that last year's
    # answer can be offered as a starting point.
    key = models.SlugField(_("nyckel"), max_length=60)
    text = models.CharField(_("fråga"), max_length=500)
    kind = models.CharField(_("frågetyp"), max_length=20, choices=Kind.choices)
    guidance = models.TextField(_("vägledning"), blank=True, max_length=2000)
    length_guide = models.PositiveSmallIntegerField(
        _("ungefärlig längd (tecken)"), null=True, blank=True,
        help_text=_("Bara för fritext: ungefär hur långt svaret bör vara."),
    )
    options = models.TextField(_("svarsalternativ"), blank=True, help_text=_("Ett alternativ per rad."))
    targeting = models.CharField(_("vem svarar"), max_length=10, choices=Targeting.choices, default=Targeting.ALL)
    target_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("valda organisationer")
    )
    target_kinds = models.JSONField(_("typer av organisationer"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    # The one-time key of the form that added the question: a repeated post of that form
    # finds this question instead of adding another. A copy into a new version has none.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    history = HistoricalRecords(m2m_fields=[target_organizations])

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"],
                name="question_key_unique_in_questionnaire",
                violation_error_message=_("Formuläret har redan en fråga med den nyckeln."),
            ),
            models.CheckConstraint(
                condition=models.Q(length_guide__isnull=True) | models.Q(kind="text"),
                name="question_length_guide_only_text",
                violation_error_message=LENGTH_GUIDE_ONLY_FOR_TEXT,
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def target_kind_labels(self) -> list[str]:
        labels = dict(Organization.Kind.choices)
        return [str(labels.get(kind, kind)) for kind in self.target_kinds]

    def applies_to(self, organization: Organization) -> bool:
        """Whether `organization` is asked this question; the chosen organisations must be
        prefetched by the caller when it asks for many."""
        if self.targeting == self.Targeting.KINDS:
            return organization.kind in self.target_kinds
        if self.targeting == self.Targeting.CHOSEN:
            return any(org.pk == organization.pk for org in self.target_organizations.all())
        return True

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.CHOICE and len(self.option_list) < 2:
            errors["options"] = CHOICES_NEEDED
        if self.length_guide is not None and self.kind != self.Kind.TEXT:
            errors["length_guide"] = LENGTH_GUIDE_ONLY_FOR_TEXT
        if self.targeting == self.Targeting.KINDS and not self.target_kinds:
            errors["target_kinds"] = KINDS_NEEDED
        if self.section_id and self.questionnaire_id and self.section.questionnaire_id != self.questionnaire_id:
            errors["section"] = _("Avsnittet hör till ett annat formulär.")
        if errors:
            raise ValidationError(errors)
