import re
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse

from followup.models import Answer, CycleOrganization, Question
from followup.services import answering
from followup.tests.conftest import setup  # noqa: F401 - an open cycle asking the town's board
from organizations.models import Membership

ROOT = Path(__file__).resolve().parents[2]
# What a self-only Content-Security-Policy refuses in a page: inline scripts, event
# handler attributes, style attributes and <style> blocks.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return {name: value for name, value in directives}


def test_every_page_forbids_inline_and_foreign_scripts_styles_and_framing(client, town):
    client.force_login(town.users[Membership.Role.COORDINATOR])

    policy = _policy(client.get(reverse("core:dashboard")))

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["object-src"] == "'none'"


def test_an_anonymous_page_denies_camera_microphone_geolocation_payment_and_usb(client, db):
    response = client.get(reverse("login"))

    assert "Content-Security-Policy" in response.headers
    features = response.headers["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in features


def test_no_template_has_inline_script_or_style_the_policy_would_refuse():
    folders = [path for path in ROOT.iterdir() if path.is_dir() and path.name not in {".venv", "node_modules", "var"}]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for folder in folders
        for path in folder.glob("**/templates/**/*.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_inline_indicator_style(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ends a PostgreSQL server process")
@pytest.mark.django_db(transaction=True)
def test_a_database_restart_during_a_request_shows_a_swedish_page_saves_nothing_and_the_next_request_works(
    client, town, setup, monkeypatch  # noqa: F811
):
    """The server process serving the request ends half-way through its writes, as when
    PostgreSQL restarts: the answer already inserted must not survive."""
    question = setup.questions[Question.Kind.TEXT]
    set_status = answering._set_status

    def restart_then_continue(response, status, **fields):
        backend = connection.connection.info.backend_pid
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
        other.close()
        return set_status(response, status, **fields)

    monkeypatch.setattr(answering, "_set_status", restart_then_continue)
    client.force_login(town.users[Membership.Role.RESPONDENT])
    edit = reverse("followup:response_edit", kwargs={"pk": setup.response.pk})

    page = client.post(edit, {f"q-{question.pk}": "Halvt skrivet", f"v-{question.pk}": ""})

    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "Uppsikt kommer inte åt sin databas just nu, så ingenting av det du skickade har sparats." in (
        page.content.decode())
    assert not Answer.objects.exists() and not Answer.history.exists()
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == CycleOrganization.Status.NOT_STARTED
    monkeypatch.setattr(answering, "_set_status", set_status)
    assert client.get(edit).status_code == 200

