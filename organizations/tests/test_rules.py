"""An administrator's reach is their organisation and what lies under it; the roles that
reach the whole municipality are given only by a municipal administrator."""

from django.urls import reverse

from organizations.forms import KIND_NOT_CHOOSABLE, ROLE_NOT_GRANTABLE
from organizations.models import Membership, Organization
from organizations.rules import (
    MUNICIPAL_ROLES,
    administers,
    administers_some_organization,
    choosable_kinds,
    grantable_roles,
)
from organizations.tests.factories import MembershipFactory

Role = Membership.Role


def test_a_board_admin_administers_the_board_and_below_but_no_other(town, board_admin):
    assert administers(board_admin, town.board) and administers(board_admin, town.administration)
    assert not administers(board_admin, town.other_board)
    assert not administers(board_admin, town.executive)


def test_without_an_organisation_only_a_municipal_admin_administers(town, board_admin):
    assert not administers(board_admin, None)
    assert administers(town.users[Role.ADMIN], None)
    # The create page opens for them: its form offers only what they administer.
    assert administers_some_organization(board_admin)
    assert not administers_some_organization(town.users[Role.COORDINATOR])


def test_a_board_admin_may_grant_only_the_boards_own_roles(town, board_admin):
    assert set(grantable_roles(board_admin, town.board)) == {Role.RESPONDENT, Role.SECRETARY, Role.ADMIN}
    assert grantable_roles(board_admin, town.other_board) == []
    assert set(grantable_roles(town.users[Role.ADMIN], town.board)) == set(Role.values)


def test_a_board_admin_cannot_make_someone_coordinator(client, town, board_admin):
    client.force_login(board_admin)
    url = reverse("organizations:membership_create", args=[town.board.pk])
    offered = {value for value, _label in client.get(url).context["form"].fields["role"].choices}
    assert not offered & set(MUNICIPAL_ROLES)

    for role in MUNICIPAL_ROLES:
        response = client.post(url, {"email": "kapare@sjostad.example", "full_name": "Kapare", "role": role})
        assert response.context["form"].errors["role"] == [str(ROLE_NOT_GRANTABLE)]
    assert not Membership.objects.filter(user__email="kapare@sjostad.example").exists()


def test_a_board_admin_gives_a_respondent_role_in_their_board(client, town, board_admin):
    client.force_login(board_admin)
    response = client.post(
        reverse("organizations:membership_create", args=[town.administration.pk]),
        {"email": "ny@sjostad.example", "full_name": "Ny", "role": Role.RESPONDENT},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user__email="ny@sjostad.example", organization=town.administration).exists()


def test_a_board_admin_cannot_take_away_a_municipal_role(client, town, board_admin):
    coordinator = Membership.objects.get(role=Role.COORDINATOR)
    client.force_login(board_admin)
    url = reverse("organizations:membership_delete", args=[town.board.pk, coordinator.pk])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=coordinator.pk).exists()


def test_a_board_admin_takes_away_a_respondent_role_in_their_board(client, town, board_admin):
    membership = MembershipFactory(organization=town.administration, role=Role.RESPONDENT)
    client.force_login(board_admin)
    response = client.post(reverse("organizations:membership_delete", args=[town.administration.pk, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_board_admin_cannot_turn_their_board_into_an_executive_board(client, town, board_admin):
    client.force_login(board_admin)
    url = reverse("organizations:organization_edit", args=[town.board.pk])
    offered = {value for value, _label in client.get(url).context["form"].fields["kind"].choices}
    assert offered.isdisjoint({Organization.Kind.COUNCIL, Organization.Kind.EXECUTIVE_BOARD})

    response = client.post(url, {"name": "Arbetslivsnämnden", "kind": "executive_board", "parent": town.council.pk,
                                 "seen_version": 1})

    assert response.context["form"].errors["kind"] == [str(KIND_NOT_CHOOSABLE)]
    town.board.refresh_from_db()
    assert (town.board.kind, town.board.version) == (Organization.Kind.BOARD, 1)
    assert not board_admin.has_perm("audits.manage_measure", town.other_board)


def test_a_municipal_admin_may_choose_every_kind(town):
    assert set(choosable_kinds(town.users[Role.ADMIN])) == set(Organization.Kind.values)
