import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.ratelimit import forwarded_client_ip
from organizations.models import Membership

LIMITED = "Du har gjort för många försök på kort tid."


def _allowed(rate: str) -> int:
    return int(rate.split("/")[0])


@pytest.fixture
def respondent(town):
    return town.users[Membership.Role.RESPONDENT]


def test_reset_requests_for_one_account_are_limited_whatever_the_spelling_of_its_address(client, respondent):
    spellings = [respondent.email, respondent.email.upper(), f" {respondent.email} "]
    allowed = _allowed(settings.RATELIMIT_PASSWORD_RESET_PER_EMAIL)
    for attempt in range(allowed):
        assert client.post(reverse("password_reset"), {"email": spellings[attempt % 3]}).status_code == 302

    response = client.post(reverse("password_reset"), {"email": respondent.email.title()})

    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    assert len(mail.outbox) == allowed


def test_reset_requests_from_one_client_address_are_limited(client, town):
    for attempt in range(_allowed(settings.RATELIMIT_PASSWORD_RESET_PER_IP)):
        client.post(reverse("password_reset"), {"email": f"okand{attempt}@kommun.example"})

    response = client.post(reverse("password_reset"), {"email": "annan@kommun.example"})
    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    other_client = client.post(reverse("password_reset"), {"email": "annan@kommun.example"}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 302


def test_guessing_the_token_of_one_account_is_limited(client, respondent):
    uid = urlsafe_base64_encode(force_bytes(respondent.pk))
    for attempt in range(_allowed(settings.RATELIMIT_TOKEN_LINK_PER_ACCOUNT)):
        url = reverse("password_reset_confirm", args=[uid, f"gissning-{attempt}"])
        assert client.get(url, REMOTE_ADDR=f"10.0.{attempt}.1").status_code == 200

    url = reverse("password_reset_confirm", args=[uid, "gissning-sista"])
    response = client.post(url, {"new_password1": "x", "new_password2": "x"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    old_password = respondent.password
    respondent.refresh_from_db()
    assert respondent.password == old_password


def test_token_links_tried_from_one_client_address_are_limited(client, town):
    for attempt in range(_allowed(settings.RATELIMIT_TOKEN_LINK_PER_IP)):
        client.get(reverse("password_reset_confirm", args=[f"uid{attempt}", "gissning"]))

    response = client.get(reverse("password_reset_confirm", args=["uid-sista", "gissning"]))
    assert response.status_code == 429
    assert LIMITED in response.content.decode()


def test_behind_the_proxy_the_client_is_the_address_the_proxy_added_last():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7", REMOTE_ADDR="127.0.0.1")
    assert forwarded_client_ip(request) == "192.0.2.7"
    assert forwarded_client_ip(RequestFactory().get("/", REMOTE_ADDR="192.0.2.8")) == "192.0.2.8"
