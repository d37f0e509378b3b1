"""The token page: a token is shown once on creation and never again, revoking one of
one's own works, and the documentation page runs no inline script."""

from api.models import ApiToken
from api.services import NAME_REQUIRED, api_token_create


def test_a_new_token_is_shown_once(client, town):
    client.force_login(town.users["respondent"])
    created = client.post("/konto/api-nycklar/", {"name": "Power BI"})
    token = ApiToken.objects.get()
    secret = created.context["created"].secret
    assert secret in created.content.decode()
    assert secret not in client.get("/konto/api-nycklar/").content.decode()
    assert token.prefix in client.get("/konto/api-nycklar/").content.decode()


def test_a_token_without_a_name_is_refused_with_a_message(client, town):
    client.force_login(town.users["respondent"])
    response = client.post("/konto/api-nycklar/", {"name": ""})
    assert str(NAME_REQUIRED) in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token(client, town):
    token = api_token_create(user=town.users["respondent"], name="Power BI").token
    client.force_login(town.users["respondent"])
    response = client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_else_revokes_a_token(client, town):
    token = api_token_create(user=town.users["respondent"], name="Power BI").token
    client.force_login(town.users["admin"])
    assert client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_documentation_page_loads_only_its_own_files(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/static/api/docs.js" in html
    assert "<script>" not in html and "style=" not in html and "cdn" not in html.lower()
