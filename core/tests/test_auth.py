import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.db import connection
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


def _variants(email):
    return [email.upper(), f" {email}", f"{email}  ", email.title(), f" {email.upper()} "]


def test_a_lock_out_holds_whatever_the_case_or_spaces_of_the_address(client, respondent):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, respondent.email, "fel-losenord")
    for variant in _variants(respondent.email):
        response = _login(client, variant, PASSWORD)
        assert response.status_code == 429, variant
        assert "_auth_user_id" not in client.session


def test_guesses_spread_over_spellings_of_the_address_lock_the_account(client, respondent):
    variants = _variants(respondent.email)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, variants[attempt % len(variants)], "fel-losenord")
    response = _login(client, respondent.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_account_is_stored_and_found_under_its_trimmed_lower_case_address(town):
    from core.models import User

    user = User.objects.create_user(email="  Ny.Person@Boras.EXAMPLE ", password=PASSWORD, full_name="Ny Person")
    assert user.email == "ny.person@boras.example"
    assert User.objects.get_by_natural_key(" NY.person@boras.example") == user


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


def test_the_reset_link_starts_with_the_site_url_whatever_host_was_asked(client, respondent, settings):
    settings.SITE_URL = "https://uppsikt.sjostad.example"
    client.post(reverse("password_reset"), {"email": respondent.email}, HTTP_HOST="testserver")
    assert "https://uppsikt.sjostad.example/konto/aterstall/" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body


def test_password_reset_finds_the_account_whatever_the_case_or_spaces_of_the_address(client, respondent):
    client.post(reverse("password_reset"), {"email": f"  {respondent.email.upper()} "})
    assert [message.to for message in mail.outbox] == [[respondent.email]]


class TransactionNotingBackend(MemoryBackend):
    """Keeps the mail as the test backend does and notes whether a transaction was open."""

    in_transaction = []

    def send_messages(self, messages):
        self.in_transaction.append(connection.in_atomic_block)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_the_reset_link_is_mailed_with_no_transaction_open(client, settings):
    from core.tests.factories import UserFactory

    user = UserFactory(email="eva@sjostad.example")
    settings.EMAIL_BACKEND = "core.tests.test_auth.TransactionNotingBackend"
    TransactionNotingBackend.in_transaction = []

    client.post(reverse("password_reset"), {"email": user.email})

    assert TransactionNotingBackend.in_transaction == [False]
    assert mail.outbox[0].to == [user.email]


def test_passwords_are_hashed_with_argon2_in_production():
    from uppsikt import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_idle_session_expires(client, respondent):
    client.force_login(respondent)
    client.get(reverse("core:dashboard"))
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 8 * 3600


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_moves_the_idle_deadline_on_at_most_once_a_minute(client, respondent, monkeypatch):
    import core.middleware

    clock = [1_000_000.0]
    monkeypatch.setattr(core.middleware.time, "time", lambda: clock[0])
    client.force_login(respondent)
    client.get(reverse("core:dashboard"))
    first = _expiry(client)

    clock[0] += settings.SESSION_REFRESH_SECONDS - 1
    client.get(reverse("core:dashboard"))
    assert _expiry(client) == first  # not written again within the minute

    clock[0] += 1
    client.get(reverse("core:dashboard"))
    assert _expiry(client) > first


def test_an_anonymous_visit_creates_no_session(client, db):
    from django.contrib.sessions.models import Session

    client.get(reverse("login"))
    assert not Session.objects.exists()


def test_logout_is_a_post_and_ends_the_session(client, respondent):
    client.force_login(respondent)
    client.post(reverse("logout"))
    assert client.get(reverse("core:dashboard")).status_code == 302
