import pytest
import requests
from django.test import RequestFactory
from django.urls import reverse

from core.sso import config
from core.sso.config import ProviderUnavailable, end_session_url, provider
from core.tests.sso import configure, running_provider

EXPLICIT = {
    "OIDC_RP_CLIENT_ID": "uppsikt",
    "OIDC_RP_CLIENT_SECRET": "hemlig",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.kommun.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.kommun.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.kommun.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.kommun.example/jwks",
    "OIDC_OP_LOGOUT_ENDPOINT": "https://idp.kommun.example/logout?tenant=1",
}


@pytest.fixture(autouse=True)
def fresh_discovery():
    config.forget_discovery()
    yield
    config.forget_discovery()


def test_single_sign_on_is_off_by_default_and_its_pages_do_not_exist(client, db):
    assert "kommunens konto" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_login")).status_code == 404
    assert client.get(reverse("sso_callback") + "?code=x&state=y").status_code == 404


def test_explicit_endpoints_need_no_discovery(settings, monkeypatch):
    for name, value in EXPLICIT.items():
        setattr(settings, name, value)
    monkeypatch.setattr(requests, "get", lambda *args, **kwargs: pytest.fail("discovery was asked"))
    endpoints = provider()
    assert endpoints.token_endpoint == "https://idp.kommun.example/token"
    assert endpoints.end_session_endpoint == "https://idp.kommun.example/logout?tenant=1"


def test_the_issuer_s_discovery_document_gives_the_endpoints_not_set(settings):
    with running_provider() as issuer:
        configure(settings, issuer)
        settings.OIDC_OP_TOKEN_ENDPOINT = "https://proxy.kommun.example/token"
        endpoints = provider()
    assert endpoints.authorization_endpoint == f"{issuer}/oauth2/authorize"
    assert endpoints.jwks_uri == f"{issuer}/jwks"
    assert endpoints.end_session_endpoint == f"{issuer}/oauth2/end_session"
    assert endpoints.token_endpoint == "https://proxy.kommun.example/token"


def test_a_discovery_document_naming_another_issuer_is_refused(settings, monkeypatch):
    settings.OIDC_RP_CLIENT_ID = "uppsikt"
    settings.OIDC_ISSUER = "https://idp.kommun.example"

    class Answer:
        def raise_for_status(self):
            pass

        def json(self):
            return {"issuer": "https://annan.example", "authorization_endpoint": "https://annan.example/a"}

    monkeypatch.setattr(requests, "get", lambda *args, **kwargs: Answer())
    with pytest.raises(ProviderUnavailable, match="another issuer"):
        provider()


def test_an_unreachable_issuer_is_unavailable(settings):
    settings.OIDC_RP_CLIENT_ID = "uppsikt"
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    with pytest.raises(ProviderUnavailable):
        provider()


def test_the_provider_logout_address_carries_the_token_and_the_way_back(settings):
    for name, value in EXPLICIT.items():
        setattr(settings, name, value)
    url = end_session_url(RequestFactory().get("/"), id_token="abc")
    assert url == (
        "https://idp.kommun.example/logout?tenant=1&id_token_hint=abc&client_id=uppsikt"
        "&post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F"
    )


def test_no_provider_logout_address_when_the_provider_offers_none(settings):
    for name, value in EXPLICIT.items():
        setattr(settings, name, value)
    settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    assert end_session_url(RequestFactory().get("/"), id_token="abc") == ""
