"""The two steps of a login at the provider: sending the browser there, and taking its answer.
Every refusal comes back to the login page with a Swedish message and no one logged in."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.sso.backend import TOKEN_INVALID, UNAVAILABLE
from core.sso.config import ProviderUnavailable, provider, sso_enabled

STATE_UNKNOWN = _(
    "Inloggningen kunde inte slutföras: den startades inte i den här webbläsaren, eller svaret "
    "har redan använts. Försök igen."
)
CANCELLED = _("Inloggningen med kommunens konto avbröts. Försök igen, eller logga in med e-postadress och lösenord.")


class SsoLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with a fresh state, nonce and PKCE challenge kept
    in the session to check its answer against."""

    def __init__(self, **kwargs):
        # The base class reads the endpoint here; it is read per request (see get).
        View.__init__(self, **kwargs)

    def get(self, request):
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except ProviderUnavailable:
            messages.error(request, UNAVAILABLE)
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


# Outside a transaction: the view waits on the provider twice (token, keys), which must not
# hold a database transaction (on SQLite, the write lock) meanwhile.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Takes the provider's answer: logs in the matching account, or says on the login page
    why not. A state this browser did not start is refused before the provider is asked."""

    def get(self, request):
        if not sso_enabled():
            raise Http404
        # Tells django-axes (axes_whitelisted below) that this is no password guess.
        request.sso_callback = True
        state = request.GET.get("state")
        if request.GET.get("error"):
            # The state is spent either way, so that the answer cannot be replayed.
            if state in (request.session.get("oidc_states") or {}):
                del request.session["oidc_states"][state]
                request.session.modified = True
            return self._refused(CANCELLED)
        if not request.GET.get("code") or state not in (request.session.get("oidc_states") or {}):
            return self._refused(STATE_UNKNOWN)
        return super().get(request)

    def login_failure(self):
        return self._refused(getattr(self.request, "sso_refusal", TOKEN_INVALID))

    def _refused(self, message):
        messages.error(self.request, message)
        return redirect("login")


def axes_whitelisted(request, credentials) -> bool:
    """Whether django-axes should neither count nor lock this login (AXES_WHITELIST_CALLABLE):
    the provider's answer, which no one can guess at (its code is single-use and bound to this
    browser's state), and whose failures counted under the municipality's few shared addresses
    would lock every colleague out. Password logins are counted as before."""
    return getattr(request, "sso_callback", False)
