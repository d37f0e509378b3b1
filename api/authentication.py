"""`Authorization: Bearer <token>` with a personal API token (api.models.ApiToken)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api.models import ApiToken, token_digest

TOKEN_UNKNOWN = _("API-nyckeln är okänd. Skapa en ny nyckel på sidan API-nycklar.")
TOKEN_REVOKED = _("API-nyckeln är återkallad. Skapa en ny nyckel på sidan API-nycklar.")
TOKEN_EXPIRED = _("API-nyckeln har gått ut. Skapa en ny nyckel på sidan API-nycklar.")
TOKEN_MALFORMED = _("Ange nyckeln som ”Authorization: Bearer <nyckel>”.")
USER_INACTIVE = _("Kontot som nyckeln hör till är avstängt.")

# Writing the last-used time on every request would make every read a write; once a
# minute tells the owner as much.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(TOKEN_MALFORMED)
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(TOKEN_MALFORMED) from None
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_UNKNOWN)
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(TOKEN_REVOKED)
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(USER_INACTIVE)
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
