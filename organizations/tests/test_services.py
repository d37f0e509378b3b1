from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations import services
from organizations.models import Membership, Organization


def test_an_organization_with_records_is_not_deleted(town):
    with pytest.raises(ValidationError) as refused:
        services.organization_delete(organization=town.board)
    assert refused.value.messages == [str(services.HAS_RECORDS)]
    assert Organization.objects.filter(pk=town.board.pk).exists()


def test_delete_or_deactivate_deactivates_an_organization_with_records(town):
    deleted = services.organization_delete_or_deactivate(organization=town.board)
    town.board.refresh_from_db()
    assert not deleted
    assert town.board.active_to == timezone.localdate() - timedelta(days=1)
    assert not town.board.is_active
    assert town.board.version == 2


def test_an_organization_without_records_is_deleted(town):
    empty = Organization.objects.create(
        municipality=town.municipality, name="Tillfällig nämnd", kind=Organization.Kind.BOARD, parent=town.council
    )
    assert services.organization_delete_or_deactivate(organization=empty)
    assert not Organization.objects.filter(pk=empty.pk).exists()


def test_create_refuses_a_duplicate_name_with_a_swedish_message(town):
    before = Organization.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.organization_create(
            municipality=town.municipality,
            data={"name": "ARBETSLIVSNÄMNDEN", "kind": Organization.Kind.BOARD, "parent": town.council},
        )
    assert "Det finns redan en organisation med det namnet i kommunen." in refused.value.messages
    assert Organization.objects.count() == before


def test_a_new_person_gets_an_account_and_an_invitation(town, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://uppsikt.sjostad.example"
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_add(
            organization=town.other_board, email="Ny.Person@Sjostad.example", full_name="Ny Person",
            role=Membership.Role.RESPONDENT,
        )
    assert membership.user.email == "ny.person@sjostad.example"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.person@sjostad.example"]
    assert "https://uppsikt.sjostad.example/konto/aterstall/" in mail.outbox[0].body


def test_a_known_person_gets_the_role_without_an_invitation(town, django_capture_on_commit_callbacks):
    respondent = town.users[Membership.Role.RESPONDENT]
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_add(
            organization=town.other_board, email=respondent.email, full_name="x", role=Membership.Role.RESPONDENT
        )
    assert mail.outbox == []
    assert respondent.memberships.count() == 2


def test_the_same_role_twice_is_refused(town):
    respondent = town.users[Membership.Role.RESPONDENT]
    with pytest.raises(ValidationError) as refused:
        services.membership_add(
            organization=town.board, email=respondent.email, full_name="x", role=Membership.Role.RESPONDENT
        )
    assert "Personen har redan den rollen i organisationen." in refused.value.messages
