from django.urls import reverse

from organizations.models import Membership
from organizations.tests.factories import MembershipFactory, OrganizationFactory


def test_the_public_start_page_is_swedish_and_open_to_all(client, town):
    page = client.get(reverse("core:home")).content.decode()
    assert '<html lang="sv"' in page
    assert "Hoppa till innehållet" in page
    assert "Sjöstad" in page


def test_the_dashboard_shows_the_organisation_and_the_users_roles(client, town):
    client.force_login(town.users[Membership.Role.COORDINATOR])
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Kommunens organisation" in page
    assert "Samordnare, <a" in page and "Arbetslivsnämnden" in page


def test_the_roles_are_listed_by_organisation_each_linked_and_escaped(client, town):
    user = town.users[Membership.Role.SECRETARY]
    MembershipFactory(user=user, role=Membership.Role.SECRETARY,
                      organization=OrganizationFactory(municipality=town.municipality, name="A & <b>B</b>-nämnden"))
    client.force_login(user)
    roles = client.get(reverse("core:dashboard")).content.decode().split('id="roller-rubrik"')[1].split("</ul>")[0]
    link = reverse("organizations:organization_detail", kwargs={"pk": town.board.pk})
    assert roles.index("A &amp; &lt;b&gt;B&lt;/b&gt;-nämnden") < roles.index(
        f'<li>Nämndsekreterare, <a class="ds-link" href="{link}">{town.board.name}</a></li>')


def test_the_menu_follows_the_role(client, town):
    client.force_login(town.users[Membership.Role.RESPONDENT])
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'aria-label="Huvudmeny"' in page
    assert "Organisationer" in page


def test_the_language_switch_turns_the_page_english(client, town):
    client.force_login(town.users[Membership.Role.RESPONDENT])
    client.post(reverse("set_language"), {"language": "en", "next": "/oversikt/"})
    page = client.get(reverse("core:dashboard")).content.decode()
    assert '<html lang="en"' in page
    assert "Overview" in page


def test_an_english_browser_still_gets_swedish_until_the_user_switches(client, town):
    page = client.get(reverse("core:home"), headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="sv"' in page


def test_a_forbidden_page_explains_in_swedish(client, town):
    client.force_login(town.users[Membership.Role.RESPONDENT])
    response = client.get(reverse("organizations:organization_create"))
    assert response.status_code == 403
    assert "Du saknar behörighet" in response.content.decode()


def test_only_the_most_specific_menu_entry_is_current(rf, town):
    from core.context_processors import navigation

    request = rf.get("/organisationer/5/")
    request.user = town.users[Membership.Role.COORDINATOR]
    current = [item["label"] for item in navigation(request)["navigation"] if item["current"]]
    assert current == ["Organisationer"]


def test_a_workflow_step_shows_its_refusal_or_its_success(rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.core.exceptions import ValidationError

    from core.views import run_step

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    def refused():
        raise ValidationError("Bara ett utkast kan skickas in.")

    assert run_step(request, refused, done="Klart.") == (False, None)
    assert run_step(request, lambda: 3, done="Klart.") == (True, 3)
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "Bara ett utkast kan skickas in."), ("success", "Klart.")
    ]


def test_the_cached_menu_is_what_each_rule_decides_for_every_role(rf, town):
    """The menu is computed once per combination of roles (core.navigation.menu_signature);
    this fails if an entry's rule comes to depend on anything else."""
    from core.context_processors import navigation
    from core.navigation import MAIN_MENU
    from organizations.tests.factories import MembershipFactory, UserFactory

    admin_of_board = UserFactory()
    MembershipFactory(user=admin_of_board, organization=town.board, role=Membership.Role.ADMIN)
    two_roles = UserFactory()
    MembershipFactory(user=two_roles, organization=town.board, role=Membership.Role.RESPONDENT)
    MembershipFactory(user=two_roles, organization=town.council, role=Membership.Role.AUDITOR)
    for user in [*town.users.values(), admin_of_board, two_roles, UserFactory()]:
        for _ in range(2):  # computed, then read from the cache
            request = rf.get("/")
            request.user = type(user).objects.get(pk=user.pk)
            shown = [item["label"] for item in navigation(request)["navigation"]]
            assert shown == [item.label for item in MAIN_MENU
                             if not item.permission or request.user.has_perm(item.permission)], user


def test_a_new_role_shows_in_the_menu_on_the_next_request(client, town):
    from organizations.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    client.force_login(user)
    assert "Självgranskning" not in client.get(reverse("core:dashboard")).content.decode()
    MembershipFactory(user=user, organization=town.council, role=Membership.Role.AUDITOR)
    assert "Självgranskning" in client.get(reverse("core:dashboard")).content.decode()
