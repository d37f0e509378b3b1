"""A report being read into a draft audit. The draft lives in its own row, not in the
session: a session row is rewritten on every request, and a report's draft can be large.
The session keeps only the row's id."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Municipality

# A draft nobody has reviewed within a day is dropped; its report can be uploaded again.
DRAFT_LIFETIME = timedelta(days=1)


class ImportDraft(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Läses in")
        READY = "ready", _("Klar att granska")
        FAILED = "failed", _("Kunde inte läsas")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("kommun")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("inläst av")
    )
    created_at = models.DateTimeField(_("inläst"), default=timezone.now, db_index=True)
    filename = models.CharField(_("filnamn"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # The report's text until it is read; emptied then, as the draft keeps the passages it used.
    source_text = models.TextField(_("rapportens text"), blank=True)
    result = models.JSONField(_("förslag"), null=True, blank=True)
    error = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("inläsning av granskningsrapport")
        verbose_name_plural = _("inläsningar av granskningsrapporter")

    def __str__(self) -> str:
        return self.filename

    @property
    def expired(self) -> bool:
        return self.created_at < timezone.now() - DRAFT_LIFETIME
