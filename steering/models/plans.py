"""Action plans per area and their activities (insatser): who does what, when, for whom."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from core.validators import cost_not_negative, cost_not_negative_constraint, plausible_date, plausible_date_constraint
from organizations.models import Organization
from steering.models.common import END_BEFORE_START, OTHER_MUNICIPALITY, dates_ordered
from steering.models.program import Area, Goal

GOAL_OF_OTHER_AREA = _("Målet hör till ett annat område än handlingsplanen.")


class ActionPlan(VersionedModel):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("område"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.area.get_absolute_url()


class Activity(VersionedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Genomförd")
        CANCELLED = "cancelled", _("Avbruten")

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("handlingsplan")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="activities",
        verbose_name=_("bidrar till målet"),
    )
    title = models.CharField(_("aktivitet"), max_length=300)
    responsible = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="responsible_activities",
        verbose_name=_("ansvarig organisation"),
    )
    contributors = models.ManyToManyField(
        Organization, blank=True, related_name="contributed_activities", verbose_name=_("medverkande organisationer")
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True, validators=[plausible_date])
    end_date = models.DateField(_("slutdatum"), null=True, blank=True, validators=[plausible_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=14, decimal_places=0, null=True, blank=True,
        validators=[cost_not_negative],
    )
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    result = models.TextField(_("resultat"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["start_date", "title"]
        constraints = [
            dates_ordered("start_date", "end_date", "activity_dates_ordered"),
            plausible_date_constraint("start_date", "activity_start_date_plausible"),
            plausible_date_constraint("end_date", "activity_end_date_plausible"),
            cost_not_negative_constraint("cost", "activity_cost_not_negative"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        area = self.action_plan.area
        return (reverse("steering:program_detail", kwargs={"pk": area.program_id})
                + f"?omrade={area.pk}#aktivitet-{self.pk}")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": END_BEFORE_START})
        municipality_id = self.action_plan.area.program.municipality_id if self.action_plan_id else None
        if self.responsible_id and self.responsible.municipality_id != municipality_id:
            raise ValidationError({"responsible": OTHER_MUNICIPALITY})
        if self.goal_id and self.action_plan_id and self.goal.area_id != self.action_plan.area_id:
            raise ValidationError({"goal": GOAL_OF_OTHER_AREA})
