"""The e-mail outbox: every message Uppsikt sends is first a row here, rendered when it
was queued, so that a failed send is retried rather than lost and anyone with the right
can see what went out, what is waiting and what failed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Municipality


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades")
        # The sender stopped while the mail server had the message: whether it arrived
        # is not known, so a person checks with the recipient before sending it again.
        UNKNOWN = "unknown", _("Oklart om det kom fram")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kommun")
    )
    recipient = models.EmailField(_("mottagare"))
    subject = models.CharField(_("ämne"), max_length=250)
    body = models.TextField(_("text"))
    template = models.CharField(_("mall"), max_length=200)
    # What the message is about, e.g. "audit:12:request:34"; a sender that must not send
    # the same thing twice looks it up here.
    topic = models.CharField(_("ämnesnyckel"), max_length=200, blank=True, db_index=True)
    # Set by outbox_enqueue_once: the database then holds at most one such message per
    # topic and recipient, however many workers enqueue it at the same moment.
    once = models.BooleanField(_("skickas en gång"), default=False, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("påbörjat"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "recipient"], condition=models.Q(once=True), name="outbox_once_per_topic_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"
