"""The authentication backend for the provider's answer: it checks the ID token and lets in
only the active account that already has the token's e-mail address."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from core.models import email_identity
from core.sso.config import ProviderUnavailable, provider, sso_enabled

logger = logging.getLogger(__name__)

UNKNOWN_EMAIL = _(
    "Det finns inget aktivt konto i Uppsikt med e-postadressen %(email)s. Konton skapas bara "
    "genom en inbjudan: be kommunens samordnare eller administratör om en."
)
NO_EMAIL = _(
    "Kommunens inloggningstjänst skickade ingen e-postadress, så ditt konto kunde inte kännas "
    "igen. Kontakta din administratör."
)
UNVERIFIED_EMAIL = _(
    "Kommunens inloggningstjänst har inte bekräftat din e-postadress, så den kan inte användas "
    "för att logga in. Kontakta din administratör."
)
TOKEN_INVALID = _(
    "Inloggningen med kommunens konto kunde inte bekräftas: svaret från inloggningstjänsten var "
    "inte giltigt. Försök igen."
)
TOKEN_EXPIRED = _("Inloggningen med kommunens konto hade hunnit gå ut innan den kom fram. Försök igen.")
NONCE_MISMATCH = _(
    "Inloggningen kunde inte slutföras: svaret från inloggningstjänsten hörde till en annan "
    "inloggning. Försök igen."
)
UNAVAILABLE = _(
    "Kommunens inloggningstjänst svarar inte just nu. Försök igen om en stund, eller logga in "
    "med e-postadress och lösenord."
)

# Clocks of the provider and Uppsikt may differ a little.
CLOCK_SKEW_SECONDS = 60


class SsoRefused(Exception):
    """Why the provider's answer does not let anyone in, as the Swedish message to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class SsoBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with its endpoints from `provider()`, the token's
    audience, issuer and expiry checked, and accounts matched by `email_identity` only.

    Its `authenticate` takes only the callback's arguments, so a password login never reaches
    it; a refusal is left on `request.sso_refusal` for the callback view to show, and raised
    as PermissionDenied so that no later backend is asked."""

    def __init__(self, *args, **kwargs):
        # The base class reads the endpoints here; they are read at login instead, so that an
        # unreachable provider refuses a login rather than every use of authentication.
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None):
        # Only the callback's request carries the provider's code; anything else is not ours.
        if request is None or not sso_enabled() or not request.GET.get("code"):
            return None
        try:
            self._configure()
            user = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except SsoRefused as refusal:
            request.sso_refusal = refusal.message
        except requests.HTTPError as error:
            # The provider refused the code (used already, or issued to another client).
            logger.warning("SSO: the provider refused the code: %s", error)
            request.sso_refusal = TOKEN_INVALID
        except (ProviderUnavailable, requests.RequestException, ValueError) as error:
            logger.warning("SSO: the provider could not be reached: %s", error)
            request.sso_refusal = UNAVAILABLE
        else:
            if user is not None:
                request.session["oidc_id_token"] = self._id_token
                return user
            request.sso_refusal = TOKEN_INVALID
        raise PermissionDenied(str(request.sso_refusal))

    def _configure(self) -> None:
        endpoints = provider()
        self.issuer = endpoints.issuer
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = settings.OIDC_RP_IDP_SIGN_KEY or None

    def verify_token(self, token, **kwargs):
        """The ID token's claims, once its signature, audience (this client), issuer, expiry
        and nonce are checked; anything else refuses the login."""
        try:
            if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
                key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
            else:
                key = self.OIDC_RP_CLIENT_SECRET
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer or None,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise SsoRefused(TOKEN_EXPIRED) from error
        except (jwt.PyJWTError, SuspiciousOperation, KeyError) as error:
            logger.warning("SSO: an ID token was refused: %s", error)
            raise SsoRefused(TOKEN_INVALID) from error
        if "nonce" in kwargs and payload.get("nonce") != kwargs["nonce"]:
            raise SsoRefused(NONCE_MISMATCH)
        return payload

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for `token`: the one its header names (kid) or, for a
        provider with a single key that names none, that key; of the token's algorithm."""
        header = jwt.get_unverified_header(token)
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            timeout=settings.OIDC_TIMEOUT,
            verify=settings.OIDC_VERIFY_SSL,
            proxies=settings.OIDC_PROXY,
        )
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig" and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if "kid" in header:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SsoRefused(TOKEN_INVALID)
        return jwt.PyJWK(keys[0])

    def store_tokens(self, access_token, id_token):
        # Kept for the session only once the login succeeds (see authenticate), for logging
        # out at the provider too.
        self._id_token = id_token

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when the e-mail claim
        is not among them (as with some providers' minimal ID tokens)."""
        claims = dict(payload)
        if settings.OIDC_EMAIL_CLAIM not in claims and self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core §5.3.2: a userinfo answer about someone else is refused.
            if userinfo.get("sub") != payload.get("sub"):
                raise SsoRefused(TOKEN_INVALID)
            claims.update(userinfo)
        return claims

    def verify_claims(self, claims):
        return True  # the e-mail claim is checked where the account is looked up

    def filter_users_by_claims(self, claims):
        email = email_identity(str(claims.get(settings.OIDC_EMAIL_CLAIM) or ""))
        if not email:
            raise SsoRefused(NO_EMAIL)
        if claims.get("email_verified") is False and settings.OIDC_EMAIL_CLAIM == "email":
            raise SsoRefused(UNVERIFIED_EMAIL)
        users = self.UserModel.objects.filter(email=email, is_active=True)
        if not users:
            raise SsoRefused(UNKNOWN_EMAIL % {"email": email})
        return users

    def create_user(self, claims):
        # Never: an account, and every role, is given in Uppsikt by an invitation.
        raise SsoRefused(UNKNOWN_EMAIL % {"email": email_identity(str(claims.get(settings.OIDC_EMAIL_CLAIM) or ""))})

    def get_user(self, user_id):
        # As a password login's session: an account deactivated since is logged out.
        return ModelBackend.get_user(self, user_id)

    # Permissions come from the organisation-based rules alone (see core.auth_backends).
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
