"""A year's follow-up: the cycle, each organisation asked and its named respondents, and
the answers, with activities as structured rows."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from core.validators import (
    cost_not_negative, cost_not_negative_constraint, plausible_date, plausible_date_constraint,
)
from followup.models.questionnaire import Question, Questionnaire
from organizations.models import Membership, Organization
from steering.models import Activity, Area, Program
from steering.models.common import dates_ordered

DEADLINE_BEFORE_OPENING = _("Sista svarsdag kan inte vara före öppningsdagen.")
QUESTIONNAIRE_OF_OTHER_PROGRAM = _("Formuläret hör till ett annat program än uppföljningen.")
BACKUP_IS_RESPONDENT = _("Ersättaren måste vara en annan person än uppgiftslämnaren.")
ORGANIZATION_OF_OTHER_MUNICIPALITY = _("Organisationen hör till en annan kommun.")
# Auditors examine the follow-up and politicians decide on it: neither answers it.
NOT_RESPONDENT_ROLES = frozenset({Membership.Role.AUDITOR, Membership.Role.POLITICIAN})
YEAR_OUT_OF_RANGE = _("Ange ett år mellan 2000 och 2100.")

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _day_list_validator(value: str) -> None:
    # isascii(): "²" is a digit to isdigit() but not to int(), which the reminders call.
    if value and not all(part.strip().isascii() and part.strip().isdigit() for part in value.split(",")):
        raise ValidationError(_("Ange antal dagar som heltal åtskilda med kommatecken, till exempel 14, 3."))


class FollowUpCycle(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Stängd")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("program"))
    year = models.PositiveSmallIntegerField(_("år"), validators=[
        MinValueValidator(FIRST_YEAR, message=YEAR_OUT_OF_RANGE),
        MaxValueValidator(LAST_YEAR, message=YEAR_OUT_OF_RANGE),
    ])
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("formulärversion")
    )
    opens_on = models.DateField(_("öppnar"), validators=[plausible_date])
    deadline = models.DateField(_("sista svarsdag"), validators=[plausible_date])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reminder_days_before = models.CharField(
        _("påminnelser före sista dagen (dagar)"), max_length=50, default="14, 3", blank=True,
        validators=[_day_list_validator],
    )
    reminder_days_after = models.CharField(
        _("påminnelser efter sista dagen (dagar)"), max_length=50, default="1, 7", blank=True,
        validators=[_day_list_validator],
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("eskalera efter antal dagar försenat"), default=14,
        help_text=_("Efter så många dagar får organisationens chef och KS veta att svaret saknas."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["-year", "program__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"],
                name="cycle_unique_per_program_year",
                violation_error_message=_("Programmet har redan en uppföljning det året."),
            ),
            dates_ordered("opens_on", "deadline", "cycle_deadline_after_opening", DEADLINE_BEFORE_OPENING),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="cycle_year_plausible",
                violation_error_message=YEAR_OUT_OF_RANGE,
            ),
            plausible_date_constraint("opens_on", "cycle_opens_on_plausible"),
            plausible_date_constraint("deadline", "cycle_deadline_plausible"),
        ]

    def __str__(self):
        return _("Uppföljning %(year)s, %(program)s") % {"year": self.year, "program": self.program}

    def get_absolute_url(self):
        return reverse("followup:cycle_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_opened(self) -> bool:
        return self.opens_on <= timezone.localdate()

    @property
    def accepts_answers(self) -> bool:
        """Open, and its opening day has come: only then are answers given and submitted."""
        return self.is_open and self.has_opened

    def days_overdue(self, today: date) -> int:
        return max((today - self.deadline).days, 0)

    def clean(self):
        super().clean()
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError({"deadline": DEADLINE_BEFORE_OPENING})
        if self.questionnaire_id and self.program_id and self.questionnaire.program_id != self.program_id:
            raise ValidationError({"questionnaire": QUESTIONNAIRE_OF_OTHER_PROGRAM})


class CycleOrganization(VersionedModel):
    """One organisation asked in a cycle: its named respondent, the backup, and where its
    answers stand."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")
        RETURNED = "returned", _("Återlämnad för komplettering")
        APPROVED = "approved", _("Godkänd")

    EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)

    cycle = models.ForeignKey(
        FollowUpCycle, on_delete=models.CASCADE, related_name="organizations_asked", verbose_name=_("uppföljning")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="followups", verbose_name=_("organisation")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("uppgiftslämnare"),
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ersättare"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    return_comment = models.TextField(_("kommentar vid återlämning"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tillfrågad organisation")
        verbose_name_plural = _("tillfrågade organisationer")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organization"],
                name="cycle_organization_unique",
                violation_error_message=_("Organisationen är redan tillfrågad i den här uppföljningen."),
            ),
            models.CheckConstraint(
                condition=models.Q(backup__isnull=True) | ~models.Q(backup=models.F("respondent")),
                name="cycle_organization_backup_not_respondent",
                violation_error_message=BACKUP_IS_RESPONDENT,
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.cycle}"

    def get_absolute_url(self):
        return reverse("followup:response_edit", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def clean(self):
        super().clean()
        if self.backup_id and self.backup_id == self.respondent_id:
            raise ValidationError({"backup": BACKUP_IS_RESPONDENT})
        if self.organization_id and self.cycle_id and (
            self.organization.municipality_id != self.cycle.program.municipality_id
        ):
            raise ValidationError({"organization": ORGANIZATION_OF_OTHER_MUNICIPALITY})


class Answer(VersionedModel):
    """One question answered by one organisation; the field used depends on the question's
    kind (yes/no/partly and choices share `choice`)."""

    class YesNoPartly(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")
        PARTLY = "partly", _("Delvis")

    response = models.ForeignKey(
        CycleOrganization, on_delete=models.CASCADE, related_name="answers", verbose_name=_("svar")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("fråga"))
    text = models.TextField(_("text"), blank=True, max_length=10000)
    choice = models.CharField(_("val"), max_length=200, blank=True)
    number = models.DecimalField(_("tal"), max_digits=16, decimal_places=2, null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("skattning"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    copied_from_previous = models.BooleanField(_("från förra årets svar"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        ordering = ["question__section__position", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="answer_unique_per_question",
                violation_error_message=_("Frågan är redan besvarad för organisationen."),
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="answer_rating_in_range",
                violation_error_message=_("Skattningen ska vara mellan 1 och 5."),
            ),
        ]

    def __str__(self):
        return f"{self.question} – {self.response.organization}"

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.choice or self.number is not None or self.rating is not None)


class ActivityRow(VersionedModel):
    """One activity reported in answer to an activities question."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="activity_rows", verbose_name=_("svar"))
    name = models.CharField(_("aktivitet"), max_length=300)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("områden"))
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    period_start = models.DateField(_("från"), null=True, blank=True, validators=[plausible_date])
    period_end = models.DateField(_("till"), null=True, blank=True, validators=[plausible_date])
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=14, decimal_places=0, null=True, blank=True,
        validators=[cost_not_negative],
    )
    result = models.TextField(_("resultat"), blank=True, max_length=4000)
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="followup_rows",
        verbose_name=_("aktivitet i handlingsplanen"),
    )
    # The one-time key of the form that added the row: a repeated post of that form
    # finds this row instead of adding another.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("aktivitetsrad")
        verbose_name_plural = _("aktivitetsrader")
        ordering = ["pk"]
        constraints = [
            dates_ordered("period_start", "period_end", "activity_row_period_ordered"),
            plausible_date_constraint("period_start", "activity_row_period_start_plausible"),
            plausible_date_constraint("period_end", "activity_row_period_end_plausible"),
            cost_not_negative_constraint("cost", "activity_row_cost_not_negative"),
        ]

    def __str__(self):
        return self.name
