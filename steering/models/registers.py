"""Registers beside the goal hierarchy: projects with their required evaluation,
collaboration forums (samverkansforum) and documented routines (rutiner)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, VersionedModel
from organizations.models import Organization
from steering.models.common import END_BEFORE_START, OTHER_MUNICIPALITY, dates_ordered
from steering.models.documents import SteeringDocument
from steering.models.program import Goal

EVALUATED_BEFORE_START = _("Utvärderingen kan inte vara gjord före projektets start.")


class Project(VersionedModel):
    class Fulfilment(models.TextChoices):
        MET = "met", _("Uppfyllt")
        PARTLY = "partly", _("Delvis uppfyllt")
        NOT_MET = "not_met", _("Inte uppfyllt")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="projects", verbose_name=_("kommun")
    )
    name = models.CharField(_("namn"), max_length=200)
    purpose = models.TextField(_("syfte"), max_length=4000)
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="projects",
        verbose_name=_("bidrar till målet"),
    )
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="projects", verbose_name=_("projektägare")
    )
    budget = models.DecimalField(_("budget (kr)"), max_digits=14, decimal_places=0, null=True, blank=True)
    funding_source = models.CharField(_("finansiering"), max_length=200, blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"))
    evaluated_on = models.DateField(_("utvärderat den"), null=True, blank=True)
    results = models.TextField(_("resultat"), blank=True, max_length=4000)
    goal_fulfilment = models.CharField(_("måluppfyllelse"), max_length=10, choices=Fulfilment.choices, blank=True)
    lessons = models.TextField(_("lärdomar"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["-start_date", "name"]
        constraints = [
            dates_ordered("start_date", "end_date", "project_dates_ordered"),
            dates_ordered(
                "start_date", "evaluated_on", "project_evaluated_after_start", message=EVALUATED_BEFORE_START
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("steering:project_detail", kwargs={"pk": self.pk})

    @property
    def lacks_evaluation(self) -> bool:
        return self.evaluated_on is None and self.end_date < timezone.localdate()

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": END_BEFORE_START})
        if self.start_date and self.evaluated_on and self.evaluated_on < self.start_date:
            raise ValidationError({"evaluated_on": EVALUATED_BEFORE_START})
        if self.owner_id and self.owner.municipality_id != self.municipality_id:
            raise ValidationError({"owner": OTHER_MUNICIPALITY})
        if self.goal_id and self.goal.municipality_id != self.municipality_id:
            raise ValidationError({"goal": OTHER_MUNICIPALITY})


class Forum(VersionedModel):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internt")
        EXTERNAL = "external", _("Externt")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktivt")
        DORMANT = "dormant", _("Vilande")
        CLOSED = "closed", _("Avslutat")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="forums", verbose_name=_("kommun")
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    convener = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="convened_forums", verbose_name=_("sammankallande")
    )
    members = models.ManyToManyField(
        Organization, blank=True, related_name="forums", verbose_name=_("medlemmar"),
        help_text=_("Kommunens organisationer och externa parter."),
    )
    purpose = models.TextField(_("syfte"), max_length=4000)
    meeting_frequency = models.CharField(_("mötesfrekvens"), max_length=100, help_text=_("Till exempel fyra gånger per år."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    last_evaluated_on = models.DateField(_("senast utvärderat"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkansforum")
        verbose_name_plural = _("samverkansforum")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("steering:forum_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.convener_id and self.convener.municipality_id != self.municipality_id:
            raise ValidationError({"convener": OTHER_MUNICIPALITY})


class Routine(VersionedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="routines", verbose_name=_("kommun")
    )
    title = models.CharField(_("rutin"), max_length=200)
    description = models.TextField(_("vad rutinen beskriver"), max_length=4000)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="routines", verbose_name=_("organisation")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="routines",
        verbose_name=_("ägare"),
    )
    document = models.ForeignKey(
        SteeringDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="routines",
        verbose_name=_("dokument"),
    )
    review_due = models.DateField(_("ska ses över senast"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rutin")
        verbose_name_plural = _("rutiner")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:routine_detail", kwargs={"pk": self.pk})

    @property
    def review_overdue(self) -> bool:
        return self.review_due is not None and self.review_due < timezone.localdate()

    def clean(self):
        super().clean()
        if self.organization_id and self.organization.municipality_id != self.municipality_id:
            raise ValidationError({"organization": OTHER_MUNICIPALITY})
