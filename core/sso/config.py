"""Where the identity provider's endpoints are: read from its discovery document
(`<issuer>/.well-known/openid-configuration`), with any endpoint set explicitly in the
settings taking precedence, so that a provider without discovery works too."""

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.shortcuts import resolve_url

# A provider's endpoints rarely move; reading them once an hour keeps a login from waiting
# on discovery while still following a change without a restart.
DISCOVERY_SECONDS = 3600

# The settings that name each endpoint explicitly, and the discovery document's key for it.
ENDPOINTS = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_LOGOUT_ENDPOINT",
}
REQUIRED = ("authorization_endpoint", "token_endpoint")


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not describe it."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


def sso_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


_discovered: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


def _request_options() -> dict:
    return {
        "timeout": settings.OIDC_TIMEOUT,
        "verify": settings.OIDC_VERIFY_SSL,
        "proxies": settings.OIDC_PROXY,
    }


def _discover(issuer: str) -> dict:
    with _lock:
        cached = _discovered.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, **_request_options())
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    # OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was read from,
    # or its keys could be another provider's.
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ProviderUnavailable(f"{url} names another issuer: {document.get('issuer')!r}")
    with _lock:
        _discovered[issuer] = (time.monotonic(), document)
    return document


def provider() -> Provider:
    """The provider's endpoints: explicit settings first, then its discovery document."""
    explicit = {name: getattr(settings, setting, "") for name, setting in ENDPOINTS.items()}
    issuer = settings.OIDC_ISSUER
    needs_discovery = issuer and not all(explicit[name] for name in ENDPOINTS)
    document = _discover(issuer) if needs_discovery else {}
    values = {name: explicit[name] or str(document.get(name) or "") for name in ENDPOINTS}
    missing = [ENDPOINTS[name] for name in REQUIRED if not values[name]]
    if missing:
        raise ProviderUnavailable(f"no {', '.join(missing)} and no OIDC_ISSUER to discover it from")
    return Provider(issuer=issuer, **values)


def end_session_url(request, *, id_token: str) -> str:
    """Where the browser ends its session at the provider (RP-Initiated Logout 1.0), coming
    back to Uppsikt's start page; empty if the provider offers no such endpoint."""
    try:
        endpoint = provider().end_session_endpoint
    except ProviderUnavailable:
        return ""
    if not endpoint:
        return ""
    query = urlencode({
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
    })
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def forget_discovery() -> None:
    """Read every provider's document afresh on next use (tests start providers of their own)."""
    with _lock:
        _discovered.clear()

