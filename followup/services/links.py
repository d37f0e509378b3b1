"""One-time links: the coordinator invites someone without an account to answer one
organisation's questionnaire in one cycle, and may revoke the link. The link holder then
answers through the same services as a logged-in respondent, with the link as `by=`, so
the history names the link's person.

A link's token is random and signed for this purpose (core.tokens); only its hash is
stored and the token itself is only in the e-mail. A link works until the end of its last
day, never after the cycle's deadline, and until it is revoked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.links import absolute_url
from core.tokens import token_hash_signed, token_new
from followup.models import CycleOrganization, RespondentLink
from notifications.services import outbox_enqueue

LINK_SALT = "followup.respondent_link"

LINK_INVALID = _("Länken är inte giltig. Kontrollera att hela länken från e-postmeddelandet kom med.")
LINK_EXPIRED = _("Länken har gått ut. Be samordnaren om en ny länk.")
LINK_REVOKED = _("Länken är återkallad. Be samordnaren om en ny länk om du ska svara.")
LINK_OTHER_RESPONSE = _("Länken gäller bara en organisations svar i en uppföljning, så inget sparades.")
LINK_OTHER_QUESTION = _("Frågan hör inte till de svar som länken gäller, så inget sparades.")
LINK_CYCLE_CLOSED = _("Uppföljningen är stängd, så ingen länk kan skickas.")
LINK_AFTER_DEADLINE = _("Länken kan gälla längst till sista svarsdagen, %(date)s.")
LINK_DATE_PASSED = _("Välj ett datum från och med i dag.")
LINK_ALREADY_REVOKED = _("Länken är redan återkallad.")


def _link_url(token: str) -> str:
    return absolute_url(reverse("followup:link_answer", kwargs={"token": token}))


@records_by
def respondent_link_create(
    *, response: CycleOrganization, name: str, email: str, expires_on: datetime.date | None = None,
    by,
) -> RespondentLink:
    """Invite `name` at `email` to answer `response` without an account: a new link,
    e-mailed only to them, that works through `expires_on` (the cycle's deadline when
    not given, never after it). Refused, with nothing sent, once the cycle is closed."""
    cycle = response.cycle
    if not cycle.is_open:
        raise ValidationError(LINK_CYCLE_CLOSED, code="closed")
    expires_on = expires_on or cycle.deadline
    if expires_on > cycle.deadline:
        raise ValidationError(
            {"expires_on": LINK_AFTER_DEADLINE % {"date": formats.date_format(cycle.deadline, "Y-m-d")}}
        )
    if expires_on < timezone.localdate():
        raise ValidationError({"expires_on": LINK_DATE_PASSED})
    token, digest = token_new(salt=LINK_SALT)
    link = RespondentLink(response=response, name=name.strip(), email=email.strip(), token_hash=digest,
                          expires_on=expires_on, created_by=by)
    link.full_clean()
    with transaction.atomic():
        link.save()
        outbox_enqueue(
            to=link.email, template="followup/email/link",
            context={"link": link, "response": response, "url": _link_url(token)},
            topic=f"followup:{cycle.pk}:link:{link.pk}", municipality=cycle.program.municipality,
        )
    return link


@records_by
def respondent_link_revoke(*, link: RespondentLink, by) -> RespondentLink:
    """Stop `link` from working at once; who revoked it and when is kept."""
    updated = RespondentLink.objects.filter(pk=link.pk, revoked_at__isnull=True).first()
    if updated is None:
        raise ValidationError(LINK_ALREADY_REVOKED, code="revoked")
    updated.revoked_at = timezone.now()
    updated.revoked_by = by
    updated.save(update_fields=["revoked_at", "revoked_by"])
    return updated


def respondent_link_for_token(*, token: str) -> RespondentLink:
    """The link a token opens, with its response, or a ValidationError saying why it does
    not: forged or mistyped (code "invalid"), revoked, or expired."""
    digest = token_hash_signed(token, salt=LINK_SALT)
    link = None if digest is None else (
        RespondentLink.objects.select_related(
            "response__cycle__program__municipality", "response__cycle__questionnaire", "response__organization",
            "response__respondent",
        ).filter(token_hash=digest).first()
    )
    if link is None:
        raise ValidationError(LINK_INVALID, code="invalid")
    if link.status == RespondentLink.Status.REVOKED:
        raise ValidationError(LINK_REVOKED, code="revoked")
    if link.status == RespondentLink.Status.EXPIRED:
        raise ValidationError(LINK_EXPIRED, code="expired")
    return link


def link_response(
    *, link: RespondentLink, response_id: int | None, question_ids=(), allowed_ids=(),
) -> CycleOrganization:
    """The response a post through `link` is for: the link's own, and only questions put
    to it. A post naming another organisation's answers, another cycle's or a question not
    asked (forged ids) is refused before anything is saved."""
    if response_id != link.response_id:
        raise ValidationError(LINK_OTHER_RESPONSE, code="other_response")
    if set(question_ids) - set(allowed_ids):
        raise ValidationError(LINK_OTHER_QUESTION, code="other_question")
    return link.response
