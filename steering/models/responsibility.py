"""Who answers for an area or a goal: responsible (ansvarig), coordinating (samordnande)
or contributing (medverkande), with the mandate written down."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from organizations.models import Organization
from steering.models.common import OTHER_MUNICIPALITY
from steering.models.program import Area, Goal

ONE_SUBJECT = _("Ange antingen ett område eller ett mål, inte båda.")
ONE_RESPONSIBLE = _("Det finns redan en ansvarig organisation.")
ALREADY_ASSIGNED = _("Organisationen har redan en roll här.")


class ResponsibilityAssignment(VersionedModel):
    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("Ansvarig")
        COORDINATING = "coordinating", _("Samordnande")
        CONTRIBUTING = "contributing", _("Medverkande")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("organisation")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="responsibilities",
        verbose_name=_("område"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="responsibilities", verbose_name=_("mål")
    )
    mandate = models.TextField(
        _("uppdrag"), blank=True, max_length=2000, help_text=_("Vad rollen innebär, så att ansvaret är nedskrivet.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansvarsfördelning")
        verbose_name_plural = _("ansvarsfördelningar")
        ordering = ["role", "organization__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__isnull=True, goal__isnull=False)
                | models.Q(area__isnull=False, goal__isnull=True),
                name="responsibility_one_subject",
                violation_error_message=ONE_SUBJECT,
            ),
            models.UniqueConstraint(
                fields=["area"], condition=models.Q(role="responsible", area__isnull=False),
                name="area_one_responsible", violation_error_message=ONE_RESPONSIBLE,
            ),
            models.UniqueConstraint(
                fields=["goal"], condition=models.Q(role="responsible", goal__isnull=False),
                name="goal_one_responsible", violation_error_message=ONE_RESPONSIBLE,
            ),
            models.UniqueConstraint(
                fields=["organization", "area"], condition=models.Q(area__isnull=False),
                name="area_one_role_per_organization", violation_error_message=ALREADY_ASSIGNED,
            ),
            models.UniqueConstraint(
                fields=["organization", "goal"], condition=models.Q(goal__isnull=False),
                name="goal_one_role_per_organization", violation_error_message=ALREADY_ASSIGNED,
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_role_display()}: {self.area or self.goal}"

    @property
    def subject(self):
        return self.area or self.goal

    def get_absolute_url(self):
        return self.subject.get_absolute_url()

    def clean(self):
        super().clean()
        if bool(self.area_id) == bool(self.goal_id):
            raise ValidationError(ONE_SUBJECT)
        municipality_id = self.area.program.municipality_id if self.area_id else self.goal.municipality_id
        if self.organization_id and self.organization.municipality_id != municipality_id:
            raise ValidationError({"organization": OTHER_MUNICIPALITY})
