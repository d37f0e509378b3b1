"""Lists read as plain rows (api.rows) answer exactly what the serializers answer for the
same records: each row equals the record's own page (read through its serializer), and
the pages without one equal their serializer's representation."""

import pytest
from django.utils import timezone

from api.serializers.followup import CycleOrganizationSerializer
from api.serializers.steering import ActivitySerializer
from api.tests.factories import api_records, bearer, token_for
from audits.models import Measure
from followup.models import CycleOrganization
from steering.models import Activity

DETAILED = ["organizations", "goals", "indicators", "action-plans", "kpis", "measures"]


@pytest.fixture
def auth(town):
    records = api_records(town, rows=3)
    # A verified measure with its evidence: a time and a file name to represent.
    Measure.objects.filter(pk=records.measure.pk).update(
        status=Measure.Status.VERIFIED, verified_at=timezone.now(), evidence_file="bevis/protokoll.pdf"
    )
    return bearer(token_for(town.users["coordinator"]))


@pytest.mark.parametrize("name", DETAILED)
def test_a_lists_rows_are_the_records_own_pages(client, auth, name):
    rows = client.get(f"/api/v1/{name}/", **auth).json()["results"]
    assert rows
    for row in rows:
        assert row == client.get(f"/api/v1/{name}/{row['id']}/", **auth).json()


def test_a_verified_measure_shows_its_time_and_file_as_its_page_does(client, town, auth):
    measure = api_records(town).measure
    row = next(r for r in client.get("/api/v1/measures/", **auth).json()["results"] if r["id"] == measure.pk)
    assert row["evidence_file"] == "bevis/protokoll.pdf" and row["verified_at"]


def test_a_plans_activities_are_as_the_serializer_shows_them(client, town, auth):
    plan = api_records(town).action_plan
    rows = client.get(f"/api/v1/action-plans/{plan.pk}/activities/", **auth).json()["results"]
    expected = ActivitySerializer(Activity.objects.filter(action_plan=plan).order_by("pk"), many=True).data
    assert rows == [dict(row) for row in expected] and rows[0]["contributors"] == [town.company.pk]


def test_a_cycles_organisations_are_as_the_serializer_shows_them(client, town, auth):
    cycle = api_records(town).cycle
    rows = client.get(f"/api/v1/cycles/{cycle.pk}/organizations/", **auth).json()["results"]
    expected = CycleOrganizationSerializer(CycleOrganization.objects.filter(cycle=cycle).order_by("pk"), many=True)
    assert rows == [dict(row) for row in expected.data]


def test_a_listed_plan_links_to_its_activities_as_its_page_does(client, town, auth):
    plan = api_records(town).action_plan
    detail = client.get(f"/api/v1/action-plans/{plan.pk}/", **auth).json()
    # Absolute, like a page's next and previous.
    assert detail["activities_url"] == f"http://testserver/api/v1/action-plans/{plan.pk}/activities/"


def test_a_listed_audit_is_its_pages_own_fields_and_links_to_it(client, town, auth):
    rows = client.get("/api/v1/audits/", **auth).json()["results"]
    assert rows
    for row in rows:
        page = client.get(row["url"], **auth).json()
        assert row["url"] == f"http://testserver/api/v1/audits/{row['id']}/"
        assert {name: value for name, value in row.items() if name != "url"} == {
            name: page[name] for name in row if name != "url"
        }
        assert page["recommendations"][0]["answers"] and page["recommendations"][0]["measures"]
