"""The municipality's organisations (council, boards, administrations, companies, units,
external partners) and who works in which of them, in which role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, VersionedModel

OWN_ANCESTOR = _("En organisation kan inte ligga under sig själv eller under någon av sina underorganisationer.")
OTHER_MUNICIPALITY_PARENT = _("Överordnad organisation måste höra till samma kommun.")
WRONG_PARENT_KIND = _("En %(kind)s kan inte ligga under en %(parent_kind)s.")
NEEDS_NO_PARENT = _("En %(kind)s ligger inte under någon annan organisation.")
ACTIVE_TO_BEFORE_FROM = _("Slutdatum kan inte vara före startdatum.")
ORG_NUMBER_CHECK_DIGIT = _("Organisationsnumret har fel kontrollsiffra.")


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            number -= 9 if number > 9 else 0
        total += number
    return total % 10 == 0


def validate_org_number(value: str) -> None:
    if not luhn_is_valid(value.replace("-", "")):
        raise ValidationError(ORG_NUMBER_CHECK_DIGIT, code="check_digit")


org_number_validators = [
    RegexValidator(r"^\d{6}-\d{4}$", _("Ange organisationsnumret som sex siffror, bindestreck och fyra siffror.")),
    validate_org_number,
]


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Fullmäktige")
        EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelse")
        BOARD = "board", _("Nämnd")
        ADMINISTRATION = "administration", _("Förvaltning")
        COMPANY = "company", _("Bolag")
        UNIT = "unit", _("Enhet")
        EXTERNAL = "external", _("Extern part")

    # Which kinds each kind may sit under; an empty tuple means it stands at the top.
    ALLOWED_PARENT_KINDS = {
        Kind.COUNCIL: (),
        Kind.EXECUTIVE_BOARD: (Kind.COUNCIL,),
        Kind.BOARD: (Kind.COUNCIL,),
        Kind.ADMINISTRATION: (Kind.BOARD, Kind.EXECUTIVE_BOARD),
        Kind.UNIT: (Kind.ADMINISTRATION, Kind.UNIT),
        Kind.COMPANY: (Kind.EXECUTIVE_BOARD, Kind.COMPANY, Kind.COUNCIL),
        Kind.EXTERNAL: (),
    }

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("kommun")
    )
    name = models.CharField(_("namn"), max_length=150)
    # The name folded to lower case in Python: SQLite's LOWER() leaves å, ä and ö alone,
    # so uniqueness regardless of case is kept on this column on every database.
    name_key = models.CharField(max_length=150, editable=False)
    short_name = models.CharField(_("kortnamn"), max_length=30, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("ligger under"),
    )
    registry_email = models.EmailField(
        _("registratorns e-post"),
        blank=True,
        help_text=_("Den funktionsbrevlåda dit formella utskick och beslut skickas."),
    )
    head_email = models.EmailField(
        _("chefens e-post"),
        blank=True,
        help_text=_(
            "Förvaltningschef eller vd. Får veta när organisationen inte har svarat på en uppföljning i tid; "
            "utan den går beskedet till registratorn."
        ),
    )
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=org_number_validators,
        help_text=_("Till exempel 212000-1561. Lämna tomt för organisationer utan eget nummer."),
    )
    description = models.TextField(_("beskrivning"), blank=True, max_length=2000)
    active_from = models.DateField(_("aktiv från"), null=True, blank=True)
    active_to = models.DateField(_("aktiv till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name_key"],
                name="organization_name_unique_in_municipality",
                violation_error_message=_("Det finns redan en organisation med det namnet i kommunen."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="organization_not_own_parent",
                violation_error_message=OWN_ANCESTOR,
            ),
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="organization_active_period_ordered",
                violation_error_message=ACTIVE_TO_BEFORE_FROM,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:organization_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        return (self.active_from is None or self.active_from <= today) and (
            self.active_to is None or self.active_to >= today
        )

    @property
    def escalation_email(self) -> str:
        """Where word goes that the organisation is late: its head, else its registry."""
        return self.head_email or self.registry_email

    def ancestors(self) -> list["Organization"]:
        """Parents from the nearest up; stops at a cycle rather than looping."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def save(self, *args, **kwargs):
        self.name_key = self.name.casefold()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.name_key = self.name.casefold()
        errors = {}
        if self.parent_id:
            parent = self.parent
            if parent.municipality_id != self.municipality_id:
                errors["parent"] = OTHER_MUNICIPALITY_PARENT
            elif self.pk and (parent.pk == self.pk or self.pk in {a.pk for a in parent.ancestors()}):
                errors["parent"] = OWN_ANCESTOR
            elif self.kind and parent.kind not in self.ALLOWED_PARENT_KINDS[self.kind]:
                if not self.ALLOWED_PARENT_KINDS[self.kind]:
                    errors["parent"] = NEEDS_NO_PARENT % {"kind": self.get_kind_display().lower()}
                else:
                    errors["parent"] = WRONG_PARENT_KIND % {
                        "kind": self.get_kind_display().lower(),
                        "parent_kind": parent.get_kind_display().lower(),
                    }
        if self.active_from and self.active_to and self.active_to < self.active_from:
            errors["active_to"] = ACTIVE_TO_BEFORE_FROM
        if errors:
            raise ValidationError(errors)


class Membership(VersionedModel):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Samordnare")
        RESPONDENT = "respondent", _("Uppgiftslämnare")
        SECRETARY = "secretary", _("Nämndsekreterare")
        KS_OFFICIAL = "ks_official", _("KS-tjänsteperson")
        AUDITOR = "auditor", _("Revisor")
        POLITICIAN = "politician", _("Förtroendevald")
        ADMIN = "admin", _("Administratör")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    mandate = models.TextField(
        _("uppdrag"),
        blank=True,
        max_length=2000,
        help_text=_("Vad rollen innebär här, så att ansvaret är nedskrivet."),
    )
    review_due = models.DateField(_("ses över senast"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll i organisation")
        verbose_name_plural = _("roller i organisationer")
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                name="membership_unique_role",
                violation_error_message=_("Personen har redan den rollen i organisationen."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organization}"
