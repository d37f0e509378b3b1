"""ETags: asking again with the ETag of the last answer gets 304 Not Modified, and a
changed record a new answer; and every list is the caller's municipality's."""

from api.tests.factories import api_records, bearer, token_for
from audits.tests.factories import AuditFactory
from organizations.tests.factories import OrganizationFactory


def test_an_unchanged_list_is_answered_304(client, town):
    auth = bearer(token_for(town.users["politician"]))
    first = client.get("/api/v1/organizations/", **auth)
    again = client.get("/api/v1/organizations/", HTTP_IF_NONE_MATCH=first["ETag"], **auth)
    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304 and again.content == b""


def test_an_answer_is_kept_by_no_shared_cache(client, town):
    response = client.get("/api/v1/organizations/", **bearer(token_for(town.users["politician"])))
    assert "private" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]


def test_a_changed_list_gets_a_new_etag(client, town):
    auth = bearer(token_for(town.users["politician"]))
    first = client.get("/api/v1/organizations/", **auth)
    OrganizationFactory(municipality=town.municipality, name="Kulturnämnden")
    again = client.get("/api/v1/organizations/", HTTP_IF_NONE_MATCH=first["ETag"], **auth)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_no_list_shows_another_municipalitys_records(client, town):
    api_records(town)
    elsewhere = AuditFactory(title="Annan kommuns granskning")
    OrganizationFactory(municipality=elsewhere.municipality, name="Annan nämnd")
    auth = bearer(token_for(town.users["admin"]))
    for url in ["/api/v1/organizations/", "/api/v1/audits/", "/api/v1/measures/", "/api/v1/programs/",
                "/api/v1/indicators/", "/api/v1/cycles/", "/api/v1/action-plans/", "/api/v1/goals/"]:
        body = client.get(url, **auth).content.decode()
        assert "Annan" not in body, url
