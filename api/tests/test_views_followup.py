"""Follow-up cycles through the API: the coordinator sees every organisation asked, a
respondent only the cycles they answer in and only their own organisation."""

from api.tests.factories import api_records, bearer, token_for


def _organizations(client, user, url):
    return client.get(url, **bearer(token_for(user))).json()


def test_the_coordinator_sees_every_organisations_status(client, town):
    cycle = api_records(town).cycle
    data = _organizations(client, town.users["coordinator"], f"/api/v1/cycles/{cycle.pk}/")
    assert {row["organization"] for row in data["organizations"]} == {town.board.pk, town.other_board.pk}
    assert data["organizations"][0]["status"] == "not_started"


def test_a_respondent_sees_only_their_own_organisation(client, town):
    cycle = api_records(town).cycle
    user = town.users["respondent"]
    detail = _organizations(client, user, f"/api/v1/cycles/{cycle.pk}/")
    listed = _organizations(client, user, "/api/v1/cycles/")["results"]
    assert [row["organization"] for row in detail["organizations"]] == [town.board.pk]
    assert [[o["organization"] for o in c["organizations"]] for c in listed] == [[town.board.pk]]


def test_an_auditor_sees_no_cycle(client, town):
    api_records(town)
    assert _organizations(client, town.users["auditor"], "/api/v1/cycles/")["results"] == []
