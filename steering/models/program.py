"""A program and its goal hierarchy: program → area → goal → sub-goal per organisation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, VersionedModel
from organizations.models import Organization
from steering.models.common import END_YEAR_BEFORE_START, OTHER_MUNICIPALITY, chain_contains

GOAL_OWN_ANCESTOR = _("Ett mål kan inte vara delmål till sig självt eller till något av sina egna delmål.")
SUBGOAL_OTHER_MUNICIPALITY = _("Ett delmål kan bara kopplas till ett mål i samma kommun.")
PROGRAM_GOAL_NEEDS_AREA = _("Ett programmål måste höra till ett område.")
AREA_OTHER_PROGRAM = _("Delmålet hör till ett annat område än målet det kopplas till.")


class Program(VersionedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="programs", verbose_name=_("kommun")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    document = models.OneToOneField(
        "steering.SteeringDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="program",
        verbose_name=_("styrdokument"), help_text=_("Det antagna dokument som programmet bygger på."),
    )
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="owned_programs",
        verbose_name=_("samordnande nämnd"),
    )
    start_year = models.PositiveSmallIntegerField(_("första år"))
    end_year = models.PositiveSmallIntegerField(_("sista år"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="program_years_ordered",
                violation_error_message=END_YEAR_BEFORE_START,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("steering:program_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": END_YEAR_BEFORE_START})
        if self.owner_id and self.owner.municipality_id != self.municipality_id:
            raise ValidationError({"owner": OTHER_MUNICIPALITY})
        if self.document_id and self.document.municipality_id != self.municipality_id:
            raise ValidationError({"document": OTHER_MUNICIPALITY})


class Area(VersionedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="areas", verbose_name=_("program"))
    name = models.CharField(_("namn"), max_length=100)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"],
                name="area_name_unique_in_program",
                violation_error_message=_("Programmet har redan ett område med det namnet."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The program page opens one area's tree at a time: this one.
        return reverse("steering:program_detail", kwargs={"pk": self.program_id}) + f"?omrade={self.pk}#omrade-{self.pk}"


class Goal(VersionedModel):
    """A program goal (no organisation, under an area) or an organisation's own goal: a
    sub-goal when linked to a parent goal, else a goal not derived from the program."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="goals", verbose_name=_("kommun")
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="goals", verbose_name=_("område")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subgoals",
        verbose_name=_("bidrar till målet"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="goals",
        verbose_name=_("organisationens eget mål"),
        help_text=_("Lämna tomt för ett programmål; ange nämnd eller bolag för ett delmål."),
    )
    title = models.CharField(_("mål"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="goal_not_own_parent",
                violation_error_message=GOAL_OWN_ANCESTOR,
            ),
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(area__isnull=False),
                name="program_goal_has_area",
                violation_error_message=PROGRAM_GOAL_NEEDS_AREA,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:goal_detail", kwargs={"pk": self.pk})

    @property
    def is_program_goal(self) -> bool:
        return self.organization_id is None

    @property
    def program(self) -> Program | None:
        return self.area.program if self.area_id else None

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent.municipality_id != self.municipality_id:
                raise ValidationError({"parent": SUBGOAL_OTHER_MUNICIPALITY})
            if self.pk and chain_contains(self.parent, self.pk):
                raise ValidationError({"parent": GOAL_OWN_ANCESTOR})
            # A sub-goal belongs to the area of the goal it contributes to.
            if self.area_id and self.area_id != self.parent.area_id:
                raise ValidationError({"area": AREA_OTHER_PROGRAM})
            self.area_id = self.parent.area_id
        if self.organization_id and self.organization.municipality_id != self.municipality_id:
            raise ValidationError({"organization": OTHER_MUNICIPALITY})
        if self.area_id and self.area.program.municipality_id != self.municipality_id:
            raise ValidationError({"area": OTHER_MUNICIPALITY})
        if self.organization_id is None and self.area_id is None:
            raise ValidationError({"area": PROGRAM_GOAL_NEEDS_AREA})
