"""Who keeps an audit's measures: the rules follow the organisation the measure is for."""

import pytest
from django.urls import reverse

from audits.models import Measure
from audits.tests.factories import MeasureFactory, RecommendationFactory
from organizations.models import Membership

Role = Membership.Role


@pytest.fixture
def other_boards_measure(town):
    return MeasureFactory(
        recommendation__audit__municipality=town.municipality,
        recommendation__organization=town.other_board,
        description="Förskolans åtgärd",
    )


def test_a_board_admin_keeps_their_own_boards_measures_and_those_below(town, board_admin):
    assert board_admin.has_perm("audits.manage_measure", town.board)
    assert board_admin.has_perm("audits.manage_measure", town.administration)


def test_a_board_admin_does_not_keep_another_boards_measures(town, board_admin):
    assert not board_admin.has_perm("audits.manage_measure", town.other_board)
    assert not board_admin.has_perm("audits.manage_measure", town.other_administration)
    assert not board_admin.has_perm("audits.manage_measure", None)


def test_a_municipal_admin_and_the_coordinator_keep_every_boards_measures(town):
    for role in (Role.ADMIN, Role.COORDINATOR):
        assert town.users[role].has_perm("audits.manage_measure", town.other_board)


def test_a_board_admin_cannot_plan_a_measure_for_another_board(client, town, board_admin):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.other_board)
    client.force_login(board_admin)
    url = reverse("audits:measure_create", args=[recommendation.pk])

    assert client.get(url).status_code == 403
    response = client.post(url, {"description": "Ny", "owner": town.other_board.pk, "due_date": "2030-06-30"})

    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_a_board_admin_cannot_edit_another_boards_measure(client, town, board_admin, other_boards_measure):
    client.force_login(board_admin)
    url = reverse("audits:measure_edit", args=[other_boards_measure.pk])

    assert client.get(url).status_code == 403
    response = client.post(url, {
        "description": "Kapad", "owner": town.board.pk, "due_date": "2030-12-31", "status": "planned",
        "seen_version": other_boards_measure.version,
    })

    assert response.status_code == 403
    other_boards_measure.refresh_from_db()
    assert (other_boards_measure.description, other_boards_measure.owner, other_boards_measure.version) == (
        "Förskolans åtgärd", town.other_board, 1
    )
    assert other_boards_measure.history.count() == 1


def test_a_board_admin_plans_their_own_boards_measure(client, town, board_admin):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(board_admin)

    response = client.post(reverse("audits:measure_create", args=[recommendation.pk]), {
        "description": "Ta fram en rutin", "owner": town.administration.pk, "due_date": "2030-06-30",
    })

    assert response.status_code == 302
    assert Measure.objects.get().owner == town.administration


def test_the_measure_page_offers_editing_only_to_the_owning_boards_admin(client, town, board_admin,
                                                                        other_boards_measure):
    client.force_login(board_admin)
    page = client.get(other_boards_measure.get_absolute_url()).content.decode()

    assert reverse("audits:measure_edit", args=[other_boards_measure.pk]) not in page
