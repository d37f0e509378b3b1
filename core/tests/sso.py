"""A real OpenID provider for the single sign-on tests (oidc-provider-mock, in a thread),
and the browser's part of a login at it, done with the test client and requests."""

import os
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from core.sso.config import forget_discovery

CLIENT_ID = "uppsikt-test"
SSO_BACKEND = "core.sso.backend.SsoBackend"


@contextmanager
def running_provider(**options):
    """The provider at http://localhost:<port>, which is also its issuer. It accepts any
    client id and secret and lets in whoever is named, with that name as e-mail address."""
    previous = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http, on this machine only
    try:
        with run_server_in_thread(require_nonce=True, **options) as server:
            yield f"http://localhost:{server.server_port}"
    finally:
        if previous is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)


def sso_settings(issuer: str) -> dict:
    """The settings of a deployment with single sign-on at `issuer`."""
    return {
        "OIDC_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": "test-secret",
        "AUTHENTICATION_BACKENDS": [*settings.AUTHENTICATION_BACKENDS, SSO_BACKEND],
    }


def configure(settings_fixture, issuer: str) -> None:
    forget_discovery()
    for name, value in sso_settings(issuer).items():
        setattr(settings_fixture, name, value)


def authorize(client, *, email: str | None, next_url: str = "") -> str:
    """Starts a login in `client` and answers as the provider would for `email` (None: the
    person declines); returns the callback address the provider sends the browser back to."""
    start = reverse("sso_login") + (f"?next={next_url}" if next_url else "")
    to_provider = client.get(start)
    assert to_provider.status_code == 302, to_provider
    form = {"action": "deny"} if email is None else {"sub": email}
    answer = requests.post(to_provider.url, data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    return f"{back.path}?{back.query}"
