from django.urls import reverse

from organizations.models import Membership


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
