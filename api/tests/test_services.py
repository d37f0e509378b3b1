from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from api import services
from api.models import ApiToken


def test_a_token_lasts_the_configured_days(town, settings):
    settings.API_TOKEN_DAYS = 30
    created = services.api_token_create(user=town.users["respondent"], name="Ärendesystemet")
    expected = timezone.now() + timedelta(days=30)
    assert abs(created.token.expires_at - expected) < timedelta(minutes=1)
    assert created.token.prefix == created.secret[:8]


def test_a_token_needs_a_name_and_none_is_made_without(town):
    with pytest.raises(ValidationError) as error:
        services.api_token_create(user=town.users["respondent"], name="  ")
    assert error.value.message_dict == {"name": [str(services.NAME_REQUIRED)]}
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(town):
    token = services.api_token_create(user=town.users["respondent"], name="Power BI").token
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, by=town.users["coordinator"])
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_revoked_token_is_not_revoked_again(town):
    token = services.api_token_create(user=town.users["respondent"], name="Power BI").token
    services.api_token_revoke(token=token, by=town.users["respondent"])
    revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at
    with pytest.raises(ValidationError) as error:
        services.api_token_revoke(token=token, by=town.users["respondent"])
    assert error.value.messages == [str(services.ALREADY_REVOKED)]
    assert ApiToken.objects.get(pk=token.pk).revoked_at == revoked_at
