"""A respondent without an account: an external partner or a small company answers one
organisation's questionnaire in one cycle through a link e-mailed to them. Only the
hash of the link's token is stored; the token itself is only ever in the e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import plausible_date, plausible_date_constraint
from followup.models.cycle import CycleOrganization


class RespondentLink(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Gäller")
        EXPIRED = "expired", _("Har gått ut")
        REVOKED = "revoked", _("Återkallad")

    response = models.ForeignKey(
        CycleOrganization, on_delete=models.CASCADE, related_name="links", verbose_name=_("svar")
    )
    name = models.CharField(_("namn"), max_length=80)
    email = models.EmailField(_("e-postadress"), max_length=254)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The last day the link works; never after the cycle's deadline (checked by the service).
    expires_on = models.DateField(_("gäller till och med"), validators=[plausible_date])
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("skapad av"),
    )
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("återkallad av"),
    )
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("engångslänk")
        verbose_name_plural = _("engångslänkar")
        ordering = ["-created_at", "-pk"]
        constraints = [
            plausible_date_constraint("expires_on", "respondent_link_expires_on_plausible"),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gte=models.F("created_at")),
                name="respondent_link_revoked_after_created",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def history_label(self) -> str:
        """Who the answers saved through the link are recorded as (core.history.acting)."""
        return str(self)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_on < timezone.localdate():
            return self.Status.EXPIRED
        return self.Status.ACTIVE

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
