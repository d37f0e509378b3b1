import pytest
from django.urls import reverse

from core.tests.factories import UserFactory
from core.tests.sso import authorize, configure, running_provider

pytestmark = pytest.mark.django_db


def _form_action(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("form-action"))


def test_a_single_sign_on_session_may_post_its_logout_on_to_the_provider(client, settings):
    UserFactory(email="kollega@kommun.example")
    with running_provider() as issuer:
        configure(settings, issuer)
        client.get(authorize(client, email="kollega@kommun.example"))
        assert _form_action(client.get(reverse("core:dashboard"))) == f"form-action 'self' {issuer}"


def test_a_password_session_posts_only_to_uppsikt(client, settings):
    configure(settings, "http://127.0.0.1:9")
    client.force_login(UserFactory(email="kollega@kommun.example"))
    assert _form_action(client.get(reverse("core:dashboard"))) == "form-action 'self'"
