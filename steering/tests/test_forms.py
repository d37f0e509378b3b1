"""Owner choices in the steering forms: a board's people are offered their board and what
lies under it, and a forged post naming another board is refused on the form, unsaved."""

import pytest
from django.urls import reverse

from organizations.forms import NOT_YOUR_ORGANIZATION
from organizations.models import Membership
from steering.models import Activity, Forum, Goal, Project, Routine
from steering.tests.permission_matrix import activity_data, forum_data, goal_data, project_data, routine_data
from steering.tests.factories import ActivityFactory, ActionPlanFactory, AreaFactory, ProgramFactory

Role = Membership.Role

# URL, the owner field, the model, and the data that saves one for the user's own board.
FORMS = [
    ("steering:goal_create", "organization", Goal, goal_data),
    ("steering:project_create", "owner", Project, project_data),
    ("steering:forum_create", "convener", Forum, forum_data),
    ("steering:routine_create", "organization", Routine, routine_data),
]


def _activity_create(town):
    plan = ActionPlanFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    return reverse("steering:activity_create", args=[plan.pk])


@pytest.mark.parametrize("url_name, field, model, data", FORMS)
def test_a_respondent_is_offered_their_board_and_what_lies_below(client, town, url_name, field, model, data):
    client.force_login(town.users[Role.RESPONDENT])
    offered = client.get(reverse(url_name)).context["form"].fields[field].queryset
    assert {str(org) for org in offered} == {"Arbetslivsnämnden", "Arbetslivsförvaltningen"}


@pytest.mark.parametrize("url_name, field, model, data", FORMS)
def test_a_respondent_cannot_file_a_record_under_another_board(client, town, url_name, field, model, data):
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse(url_name), {**data(town, {}), field: town.other_board.pk})

    assert response.context["form"].errors[field] == [str(NOT_YOUR_ORGANIZATION)]
    assert not model.objects.exists()


@pytest.mark.parametrize("url_name, field, model, data", FORMS)
def test_a_respondent_files_a_record_under_their_administration(client, town, url_name, field, model, data):
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse(url_name), {**data(town, {}), field: town.administration.pk})

    assert response.status_code == 302
    assert getattr(model.objects.get(), f"{field}_id") == town.administration.pk


def test_a_respondent_cannot_hand_an_activity_to_another_board(client, town):
    client.force_login(town.users[Role.RESPONDENT])

    data = {**activity_data(town, {}), "responsible": town.other_board.pk}
    response = client.post(_activity_create(town), data)

    assert response.context["form"].errors["responsible"] == [str(NOT_YOUR_ORGANIZATION)]
    assert not Activity.objects.exists()


def test_a_respondent_cannot_move_their_boards_activity_to_another_board(client, town):
    plan = ActionPlanFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    activity = ActivityFactory(action_plan=plan, responsible=town.board, title="Språkcafé")
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse("steering:activity_edit", args=[activity.pk]), {
        **activity_data(town, {}), "title": "Bortflyttad", "responsible": town.other_board.pk,
    })

    assert response.context["form"].errors["responsible"] == [str(NOT_YOUR_ORGANIZATION)]
    activity.refresh_from_db()
    assert (activity.title, activity.responsible, activity.version) == ("Språkcafé", town.board, 1)
