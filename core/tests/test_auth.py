import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from organizations.models import Membership

PASSWORD = "ett-langt-testlosenord"


@pytest.fixture
def respondent(town):
    return town.users[Membership.Role.RESPONDENT]


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_a_user_logs_in_with_email_and_password(client, respondent):
    response = _login(client, respondent.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")


def test_a_wrong_password_gets_a_swedish_message_and_no_session(client, respondent):
    response = _login(client, respondent.email, "fel-losenord")
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_failed_login_is_summarised_as_a_failed_login_not_a_failed_save(client, respondent):
    page = _login(client, respondent.email, "fel-losenord").content.decode()
    assert "Inloggningen misslyckades" in page and "Det gick inte att spara" not in page
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(client, respondent):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, respondent.email, "fel-losenord")
    response = _login(client, respondent.email, PASSWORD)
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(town):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.users[Membership.Role.ADMIN])
    url = reverse("organizations:organization_delete", args=[town.external.pk])
    response = client.post(url)
    assert response.status_code == 403
    assert "Säkerhetskontrollen (CSRF) för formuläret stämde inte" in response.content.decode()
    town.external.refresh_from_db()
    assert town.external.is_active


def test_password_reset_sends_a_link_in_swedish(client, respondent):
    response = client.post(reverse("password_reset"), {"email": respondent.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Återställ ditt lösenord i Uppsikt"
    assert "/konto/aterstall/" in mail.outbox[0].body


def test_passwords_are_hashed_with_argon2_in_production():
    from uppsikt import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_idle_session_expires(client, respondent):
    client.force_login(respondent)
    client.get(reverse("core:dashboard"))
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_logout_is_a_post_and_ends_the_session(client, respondent):
    client.force_login(respondent)
    client.post(reverse("logout"))
    assert client.get(reverse("core:dashboard")).status_code == 302
