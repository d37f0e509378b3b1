"""Single sign-on end to end, against a real OpenID provider started in the test: every
refusal shows its Swedish message on the login page and leaves no one logged in."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from core.models import User
from core.sso import backend as sso_backend
from core.sso import views as sso_views
from core.tests.factories import UserFactory
from core.tests.sso import authorize, configure, running_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def issuer():
    with running_provider() as url:
        yield url


@pytest.fixture
def sso(settings, issuer):
    configure(settings, issuer)
    return issuer


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _refused_on_login_page(client, callback) -> list[str]:
    response = client.get(callback, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert SESSION_KEY not in client.session
    return _messages(response)


def test_the_login_page_offers_the_municipality_account_when_configured(client, sso):
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med kommunens konto" in page
    assert 'href="/konto/sso/"' in page


def test_an_invited_person_signs_in_the_first_time_by_their_address(client, sso):
    invited = UserFactory(email="ny.kollega@kommun.example", password=None)
    assert invited.last_login is None
    users_before = User.objects.count()

    response = client.get(authorize(client, email=" Ny.Kollega@Kommun.EXAMPLE "))

    assert response.status_code == 302 and response.url == reverse("core:dashboard")
    assert client.session[SESSION_KEY] == str(invited.pk)
    assert client.session["_auth_user_backend"] == "core.sso.backend.SsoBackend"
    assert User.objects.count() == users_before
    invited.refresh_from_db()
    assert invited.last_login is not None
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_login_goes_on_to_the_page_asked_for(client, sso):
    UserFactory(email="kollega@kommun.example")
    response = client.get(authorize(client, email="kollega@kommun.example", next_url="/uppfoljning/"))
    assert response.url == "/uppfoljning/"


def test_an_unknown_address_is_refused_and_no_account_is_made(client, sso):
    users_before = User.objects.count()
    messages = _refused_on_login_page(client, authorize(client, email="okand@kommun.example"))
    assert messages == [
        "Det finns inget aktivt konto i Uppsikt med e-postadressen okand@kommun.example. Konton skapas "
        "bara genom en inbjudan: be kommunens samordnare eller administratör om en."
    ]
    assert User.objects.count() == users_before
    assert "oidc_id_token" not in client.session


def test_a_deactivated_account_is_refused(client, sso):
    UserFactory(email="slutat@kommun.example", is_active=False)
    messages = _refused_on_login_page(client, authorize(client, email="slutat@kommun.example"))
    assert messages == [str(sso_backend.UNKNOWN_EMAIL % {"email": "slutat@kommun.example"})]


def test_a_person_who_declines_at_the_provider_is_told_so(client, sso):
    assert _refused_on_login_page(client, authorize(client, email=None)) == [str(sso_views.CANCELLED)]


def test_a_tampered_token_is_refused(client, sso, monkeypatch):
    UserFactory(email="kollega@kommun.example")
    UserFactory(email="samordnare@kommun.example")
    real_get_token = sso_backend.SsoBackend.get_token

    def get_token_claiming_another_person(self, payload):
        tokens = real_get_token(self, payload)
        header, body, signature = tokens["id_token"].split(".")
        claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
        forged = jwt.utils.base64url_encode(
            jwt.api_jws.json.dumps(claims | {"email": "samordnare@kommun.example"}).encode()
        ).decode()
        return tokens | {"id_token": f"{header}.{forged}.{signature}"}

    monkeypatch.setattr(sso_backend.SsoBackend, "get_token", get_token_claiming_another_person)
    messages = _refused_on_login_page(client, authorize(client, email="kollega@kommun.example"))
    assert messages == [str(sso_backend.TOKEN_INVALID)]


def test_an_expired_token_is_refused(client, settings):
    UserFactory(email="kollega@kommun.example")
    with running_provider(access_token_max_age=timedelta(hours=-1)) as stale_issuer:
        configure(settings, stale_issuer)
        messages = _refused_on_login_page(client, authorize(client, email="kollega@kommun.example"))
    assert messages == [str(sso_backend.TOKEN_EXPIRED)]


def test_an_answer_to_a_login_this_browser_did_not_start_is_refused(client, sso):
    UserFactory(email="kollega@kommun.example")
    other_browser = type(client)()
    callback = authorize(other_browser, email="kollega@kommun.example")
    client.get(reverse("sso_login"))  # a login of its own, with another state
    assert _refused_on_login_page(client, callback) == [str(sso_views.STATE_UNKNOWN)]


def test_an_answer_is_accepted_once(client, sso):
    UserFactory(email="kollega@kommun.example")
    callback = authorize(client, email="kollega@kommun.example")
    client.get(callback)
    client.logout()
    assert _refused_on_login_page(client, callback) == [str(sso_views.STATE_UNKNOWN)]


def test_a_code_returned_with_another_logins_state_is_refused_by_its_nonce(client, sso):
    UserFactory(email="kollega@kommun.example")
    first = authorize(client, email="kollega@kommun.example")
    second = authorize(client, email="kollega@kommun.example")
    code_of_first = parse_qs(urlsplit(first).query)["code"][0]
    state_of_second = parse_qs(urlsplit(second).query)["state"][0]
    callback = f"{reverse('sso_callback')}?code={code_of_first}&state={state_of_second}"
    assert _refused_on_login_page(client, callback) == [str(sso_backend.NONCE_MISMATCH)]


def test_refused_logins_are_not_counted_by_axes(client, sso):
    from axes.models import AccessAttempt, AccessFailureLog

    for _attempt in range(6):
        _refused_on_login_page(client, authorize(client, email="okand@kommun.example"))
    assert AccessAttempt.objects.count() == 0 and AccessFailureLog.objects.count() == 0
    UserFactory(email="kollega@kommun.example")
    client.get(authorize(client, email="kollega@kommun.example"))
    assert SESSION_KEY in client.session


def test_an_unreachable_provider_is_refused_with_a_message(client, settings):
    configure(settings, "http://127.0.0.1:9")
    response = client.get(reverse("sso_login"), follow=True)
    assert _messages(response) == [str(sso_backend.UNAVAILABLE)]
    assert SESSION_KEY not in client.session


def test_logout_ends_the_session_here_and_at_the_provider(client, sso):
    UserFactory(email="kollega@kommun.example")
    client.get(authorize(client, email="kollega@kommun.example"))
    id_token = client.session["oidc_id_token"]

    response = client.post(reverse("logout"))

    assert SESSION_KEY not in client.session
    assert response.status_code == 302 and response.url.startswith(f"{sso}/oauth2/end_session?")
    query = parse_qs(urlsplit(response.url).query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert requests.get(response.url, timeout=10).status_code == 200


def test_logout_of_a_password_session_stays_in_uppsikt(client, sso):
    client.force_login(UserFactory(email="kollega@kommun.example"))
    response = client.post(reverse("logout"))
    assert response.url == reverse("core:home")
    assert SESSION_KEY not in client.session


def test_a_password_login_still_works_beside_single_sign_on(client, sso):
    UserFactory(email="kollega@kommun.example")
    response = client.post(reverse("login"), {"username": "kollega@kommun.example", "password": "ett-langt-testlosenord"})
    assert response.status_code == 302 and client.session[SESSION_KEY]
    assert client.session["_auth_user_backend"] == "core.auth_backends.EmailBackend"


def test_a_password_login_with_a_code_in_its_address_never_reaches_the_provider(client, sso, monkeypatch):
    monkeypatch.setattr(sso_backend.SsoBackend, "get_token", lambda self, payload: pytest.fail("asked"))
    UserFactory(email="kollega@kommun.example")
    url = reverse("login") + "?code=x&state=y"
    client.post(url, {"username": "kollega@kommun.example", "password": "ett-langt-testlosenord"})
    assert client.session[SESSION_KEY]


def test_a_request_without_the_provider_s_code_is_left_to_the_other_backends(rf, sso):
    request = rf.get("/konto/logga-in/")
    assert sso_backend.SsoBackend().authenticate(request) is None
    assert not hasattr(request, "sso_refusal")
