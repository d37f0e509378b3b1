"""A personal API token: accepted while valid, refused with a Swedish message once revoked
or expired, and refused without changing anything."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api import authentication
from api.models import ApiToken, token_digest
from api.services import api_token_create, api_token_revoke
from api.tests.factories import bearer

URL = "/api/v1/organizations/"


@pytest.fixture
def created(town):
    return api_token_create(user=town.users["respondent"], name="Power BI")


def test_a_valid_token_reads_and_records_when_it_was_used(client, created):
    response = client.get(URL, **bearer(created.secret))
    assert response.status_code == 200
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None


def test_only_the_tokens_hash_is_stored(created):
    stored = ApiToken.objects.get(pk=created.token.pk)
    assert stored.digest == token_digest(created.secret) and created.secret not in (stored.digest, stored.prefix)


def test_a_revoked_token_is_refused_with_a_message_and_changes_nothing(client, town, created):
    api_token_revoke(token=created.token, by=town.users["respondent"])
    before = ApiToken.objects.values().get(pk=created.token.pk)
    response = client.get(URL, **bearer(created.secret))
    assert response.status_code == 401
    assert response.json()["detail"] == str(authentication.TOKEN_REVOKED)
    assert ApiToken.objects.values().get(pk=created.token.pk) == before


def test_an_expired_token_is_refused_with_a_message_and_changes_nothing(client, created):
    ApiToken.objects.filter(pk=created.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    before = ApiToken.objects.values().get(pk=created.token.pk)
    response = client.get(URL, **bearer(created.secret))
    assert response.status_code == 401
    assert response.json()["detail"] == str(authentication.TOKEN_EXPIRED)
    assert ApiToken.objects.values().get(pk=created.token.pk) == before


def test_an_unknown_token_is_refused(client, created):
    response = client.get(URL, **bearer(created.secret + "x"))
    assert response.status_code == 401
    assert response.json()["detail"] == str(authentication.TOKEN_UNKNOWN)
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_token_of_a_deactivated_account_is_refused(client, town, created):
    user = town.users["respondent"]
    user.is_active = False
    user.save()
    response = client.get(URL, **bearer(created.secret))
    assert response.status_code == 401
    assert response.json()["detail"] == str(authentication.USER_INACTIVE)


def test_a_header_with_spaces_in_the_token_is_refused(client, created):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {created.secret} extra")
    assert response.status_code == 401
    assert response.json()["detail"] == str(authentication.TOKEN_MALFORMED)


def test_without_a_token_or_session_the_api_asks_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 401


def test_the_last_used_time_is_written_at_most_once_a_minute(client, created):
    client.get(URL, **bearer(created.secret))
    first = ApiToken.objects.get(pk=created.token.pk).last_used_at
    client.get(URL, **bearer(created.secret))
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == first
