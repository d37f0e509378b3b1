"""Writes for personal API tokens: create (the token is returned once) and revoke."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken, token_digest
from core.history import records_by

NAME_REQUIRED = _("Ge nyckeln ett namn som säger vad den används till.")
ALREADY_REVOKED = _("Nyckeln är redan återkallad.")
NOT_YOUR_TOKEN = _("Du kan bara återkalla dina egna nycklar.")


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    # The only time the token exists outside its owner's hands: it is shown once.
    secret: str


def api_token_create(*, user, name: str, days: int | None = None) -> CreatedToken:
    """Create a personal token for `user`, valid for `days` (API_TOKEN_DAYS by default);
    only its SHA-256 is stored, the token itself is returned to be shown once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": NAME_REQUIRED})
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, digest=token_digest(secret), prefix=secret[:8],
        expires_at=timezone.now() + timedelta(days=days or settings.API_TOKEN_DAYS),
    )
    token.full_clean()
    token.save()
    return CreatedToken(token=token, secret=secret)


@records_by
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke one of `by`'s own tokens; from then on every request with it is refused."""
    if token.user_id != by.pk:
        raise PermissionDenied(NOT_YOUR_TOKEN)
    if token.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token
