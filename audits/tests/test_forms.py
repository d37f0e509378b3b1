"""The measure form offers as owner only the organisations the user may act for, and a
forged post naming another is refused on the form with nothing saved."""

from django.urls import reverse

from audits.models import Measure
from audits.tests.factories import MeasureFactory, RecommendationFactory
from organizations.forms import NOT_YOUR_ORGANIZATION
from organizations.models import Membership

Role = Membership.Role


def _choices(response) -> set[str]:
    return {str(org) for org in response.context["form"].fields["owner"].queryset}


def test_a_respondent_is_offered_only_their_own_board_and_what_lies_below(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    response = client.get(reverse("audits:measure_create", args=[recommendation.pk]))

    assert _choices(response) == {"Arbetslivsnämnden", "Arbetslivsförvaltningen"}


def test_the_coordinator_is_offered_every_organisation(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.COORDINATOR])

    response = client.get(reverse("audits:measure_create", args=[recommendation.pk]))

    assert {"Förskolenämnden", "AB Bostäder", "Kommunstyrelsen"} <= _choices(response)


def test_a_respondent_cannot_hand_a_new_measure_to_another_board(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse("audits:measure_create", args=[recommendation.pk]), {
        "description": "Någon annans", "owner": town.other_board.pk, "due_date": "2030-06-30",
    })

    assert response.status_code == 200
    assert response.context["form"].errors["owner"] == [str(NOT_YOUR_ORGANIZATION)]
    assert not Measure.objects.exists()


def test_a_respondent_cannot_hand_their_boards_measure_to_another_board(client, town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality,
                             recommendation__organization=town.board, description="Vår åtgärd")
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse("audits:measure_edit", args=[measure.pk]), {
        "description": "Bortlämnad", "owner": town.other_board.pk, "due_date": "2030-12-31",
        "status": "planned", "seen_version": measure.version,
    })

    assert "Du kan bara välja en organisation som du företräder." in response.content.decode()
    measure.refresh_from_db()
    assert (measure.description, measure.owner, measure.version) == ("Vår åtgärd", town.board, 1)
    assert measure.history.count() == 1
