import pytest
from django.urls import reverse

from organizations.models import Membership, Organization
from organizations.tests.factories import OrganizationFactory

Role = Membership.Role


def _edit_data(organization, **changes):
    data = {
        "name": organization.name,
        "short_name": organization.short_name,
        "kind": organization.kind,
        "parent": organization.parent_id or "",
        "registry_email": organization.registry_email,
        "org_number": organization.org_number,
        "description": organization.description,
        "active_from": "",
        "active_to": "",
        "seen_version": organization.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, town):
    client.force_login(town.users[Role.ADMIN])
    return client


def test_the_tree_page_lists_every_organization_in_swedish(client, town):
    client.force_login(town.users[Role.RESPONDENT])
    page = client.get(reverse("organizations:organization_list")).content.decode()
    for name in ["Kommunfullmäktige", "Arbetslivsförvaltningen", "AB Bostäder", "Arbetsförmedlingen"]:
        assert name in page
    assert "Förvaltning" in page and "Extern part" in page


def test_the_tree_page_runs_as_many_queries_for_150_more_organisations(client, town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(town.users[Role.RESPONDENT])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("organizations:organization_list")).status_code == 200
        return len(queries)

    few = count()
    for n in range(150):
        OrganizationFactory(municipality=town.municipality, name=f"Enhet {n}", kind=Organization.Kind.UNIT,
                            parent=town.administration)
    assert count() == few <= 10
    assert "Enhet 149" in client.get(reverse("organizations:organization_list")).content.decode()


def test_the_tree_links_each_organisation_and_marks_the_deactivated(client, town):
    import datetime

    town.other_board.active_to = datetime.date(2020, 1, 1)
    town.other_board.name = "Förskolenämnden <gamla>"
    town.other_board.save()
    client.force_login(town.users[Role.RESPONDENT])
    page = client.get(reverse("organizations:organization_list") + "?visa=alla").content.decode()
    item = page[page.index(f'href="{town.other_board.get_absolute_url()}"'):]
    item = item[:item.index("</li>")]
    assert "Förskolenämnden &lt;gamla&gt;" in item and "Avaktiverad" in item and "Nämnd" in item
    assert page.count("<ul") == page.count("</ul>")


def test_the_detail_page_runs_a_fixed_number_of_queries(admin_client, town, django_assert_max_num_queries):
    from organizations.tests.factories import MembershipFactory

    for _ in range(40):
        MembershipFactory(organization=town.board)
    with django_assert_max_num_queries(14):
        response = admin_client.get(town.board.get_absolute_url())
    assert response.status_code == 200


def test_an_admin_edits_an_organization_and_the_history_shows_the_change(admin_client, town):
    url = reverse("organizations:organization_edit", args=[town.board.pk])
    response = admin_client.post(url, _edit_data(town.board, name="Arbetsmarknadsnämnden"))
    assert response.status_code == 302
    history = admin_client.get(reverse("organizations:organization_history", args=[town.board.pk])).content.decode()
    assert "Arbetslivsnämnden" in history and "Arbetsmarknadsnämnden" in history
    assert "Test Administratör" in history


def test_a_stale_edit_is_refused_and_shows_what_changed(admin_client, town):
    url = reverse("organizations:organization_edit", args=[town.board.pk])
    seen = _edit_data(town.board)
    admin_client.post(url, {**seen, "registry_email": "ny@sjostad.example"})
    response = admin_client.post(url, {**seen, "name": "Ett annat namn"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat posten medan du redigerade den" in page
    assert "ny@sjostad.example" in page
    town.board.refresh_from_db()
    assert town.board.name == "Arbetslivsnämnden"
    assert town.board.registry_email == "ny@sjostad.example"


def test_an_organization_cannot_be_made_its_own_ancestor_through_the_form(admin_client, town):
    url = reverse("organizations:organization_edit", args=[town.board.pk])
    response = admin_client.post(url, _edit_data(town.board, parent=town.administration.pk))
    assert "En organisation kan inte ligga under sig själv" in response.content.decode()
    town.board.refresh_from_db()
    assert town.board.parent == town.council


def test_a_duplicate_name_is_refused_through_the_form(admin_client, town):
    before = Organization.objects.count()
    response = admin_client.post(
        reverse("organizations:organization_create"),
        {"name": "förskolenämnden", "kind": "board", "parent": town.council.pk},
    )
    assert "Det finns redan en organisation med det namnet i kommunen." in response.content.decode()
    assert Organization.objects.count() == before


def test_an_over_long_name_is_refused_through_the_form(admin_client, town):
    url = reverse("organizations:organization_edit", args=[town.board.pk])
    response = admin_client.post(url, _edit_data(town.board, name="N" * 200))
    assert "har som mest 150 tecken" in response.content.decode()
    town.board.refresh_from_db()
    assert town.board.name == "Arbetslivsnämnden"


def test_a_board_admin_cannot_edit_another_board(client, town, board_admin):
    client.force_login(board_admin)
    url = reverse("organizations:organization_edit", args=[town.other_board.pk])
    response = client.post(url, _edit_data(town.other_board, name="Kapad"))
    assert response.status_code == 403
    town.other_board.refresh_from_db()
    assert town.other_board.name == "Förskolenämnden"


def test_a_board_admin_cannot_place_a_new_unit_under_another_board(client, town, board_admin):
    client.force_login(board_admin)
    before = Organization.objects.count()
    response = client.post(
        reverse("organizations:organization_create"),
        {"name": "Smygenheten", "kind": "unit", "parent": town.other_administration.pk},
    )
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert Organization.objects.count() == before


def test_a_board_admin_cannot_give_roles_in_another_board(client, town, board_admin):
    client.force_login(board_admin)
    url = reverse("organizations:membership_create", args=[town.other_board.pk])
    response = client.post(url, {"email": "x@sjostad.example", "full_name": "X", "role": "respondent"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user__email="x@sjostad.example").exists()


def test_another_municipalitys_organization_does_not_exist_for_the_user(admin_client):
    foreign = OrganizationFactory()
    assert admin_client.get(foreign.get_absolute_url()).status_code == 404
    assert admin_client.post(reverse("organizations:organization_edit", args=[foreign.pk]), {}).status_code == 404


def test_deleting_an_organization_with_records_deactivates_it(admin_client, town):
    response = admin_client.post(reverse("organizations:organization_delete", args=[town.board.pk]), follow=True)
    assert "kan inte tas bort" in response.content.decode()
    town.board.refresh_from_db()
    assert not town.board.is_active


def test_an_admin_gives_a_person_a_role_with_a_written_mandate(admin_client, town):
    url = reverse("organizations:membership_create", args=[town.other_board.pk])
    response = admin_client.post(
        url,
        {"email": "ny@sjostad.example", "full_name": "Ny Person", "role": "respondent",
         "mandate": "Svarar för nämnden i den årliga uppföljningen.", "review_due": "2020-01-31"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ny@sjostad.example", organization=town.other_board)
    assert membership.mandate == "Svarar för nämnden i den årliga uppföljningen."
    page = admin_client.get(town.other_board.get_absolute_url()).content.decode()
    assert "Svarar för nämnden" in page and "Försenad" in page


def test_a_malformed_email_for_a_new_role_is_refused(admin_client, town):
    url = reverse("organizations:membership_create", args=[town.other_board.pk])
    response = admin_client.post(url, {"email": "inte en adress", "full_name": "X", "role": "respondent"})
    assert "Fyll i en giltig e-postadress." in response.content.decode()
    assert not Membership.objects.filter(organization=town.other_board).exists()


def test_a_board_admin_cannot_add_an_organization_at_the_top(client, town, board_admin):
    client.force_login(board_admin)
    before = Organization.objects.count()
    response = client.post(reverse("organizations:organization_create"), {"name": "Egen part", "kind": "external"})
    assert "Välj vilken organisation den nya ska ligga under." in response.content.decode()
    assert Organization.objects.count() == before
