"""Follow-up cycles through the API: the coordinator sees every organisation asked, a
respondent only the cycles they answer in and only their own organisation; a cycle in a
list links to its organisations' page."""

from api.tests.factories import api_records, bearer, token_for


def _organizations(client, user, url):
    return client.get(url, **bearer(token_for(user))).json()


def test_the_coordinator_sees_every_organisations_status(client, town):
    cycle = api_records(town).cycle
    data = _organizations(client, town.users["coordinator"], f"/api/v1/cycles/{cycle.pk}/")
    assert {row["organization"] for row in data["organizations"]} == {town.board.pk, town.other_board.pk}
    assert data["organizations"][0]["status"] == "not_started"


def test_a_cycle_in_the_list_links_to_every_organisations_status(client, town):
    cycle = api_records(town).cycle
    auth = bearer(token_for(town.users["coordinator"]))
    listed = client.get("/api/v1/cycles/", **auth).json()["results"]
    assert [c["organizations_url"] for c in listed] == [f"http://testserver/api/v1/cycles/{cycle.pk}/organizations/"]
    page = client.get(listed[0]["organizations_url"], **auth).json()
    assert page["results"] == [
        {"organization": town.board.pk, "organization_name": town.board.name, "status": "not_started"},
        {"organization": town.other_board.pk, "organization_name": town.other_board.name, "status": "not_started"},
    ]


def test_a_respondent_sees_only_their_own_organisation(client, town):
    cycle = api_records(town).cycle
    user = town.users["respondent"]
    detail = _organizations(client, user, f"/api/v1/cycles/{cycle.pk}/")
    listed = _organizations(client, user, "/api/v1/cycles/")["results"]
    page = _organizations(client, user, f"/api/v1/cycles/{cycle.pk}/organizations/")["results"]
    assert [row["organization"] for row in detail["organizations"]] == [town.board.pk]
    assert [c["id"] for c in listed] == [cycle.pk]
    assert [row["organization"] for row in page] == [town.board.pk]


def test_an_auditor_sees_no_cycle(client, town):
    cycle = api_records(town).cycle
    auditor = town.users["auditor"]
    assert _organizations(client, auditor, "/api/v1/cycles/")["results"] == []
    response = client.get(f"/api/v1/cycles/{cycle.pk}/organizations/", **bearer(token_for(auditor)))
    assert response.status_code == 404
