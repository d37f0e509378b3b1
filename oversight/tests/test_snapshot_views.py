"""The snapshot pages: KS freezes, a second freeze in the year needs a confirmation, the
frozen page and the comparison of years; another municipality's records are not found."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations.models import Membership
from oversight.models import Snapshot
from oversight.snapshot_forms import CONFIRM_REQUIRED
from oversight.snapshots import snapshot_freeze
from steering.tests.factories import AreaFactory, ProgramFactory

Role = Membership.Role
FREEZE = reverse("oversight:snapshot_freeze")
COMPARE = reverse("oversight:snapshot_compare")
QUESTION = f"Det finns redan en självgranskning för {timezone.localdate().year}. Frys en ny version?"


@pytest.fixture
def program(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.executive)
    AreaFactory(program=program, name="Arbete")
    return program


def _ks(client, town):
    client.force_login(town.users[Role.KS_OFFICIAL])


def test_ks_freezes_the_page_and_lands_on_the_frozen_version(client, town, program):
    _ks(client, town)
    response = client.post(FREEZE, {"program": program.pk})
    snapshot = Snapshot.objects.get()
    assert response.url == reverse("oversight:snapshot_detail", args=[snapshot.pk])
    page = client.get(response.url).content.decode()
    assert f"Självgranskningen är fryst som Självgranskning {snapshot.year}, version 1." in page
    assert "0 av 1 områden har en ansvarig organisation" in page
    assert snapshot.results_sha256 in page and "Stämmer med innehållet" in page


def test_the_page_offers_ks_the_freeze_button_and_others_only_the_comparison(client, town, program):
    year = timezone.localdate().year
    _ks(client, town)
    page = client.get(reverse("oversight:page")).content.decode()
    assert f"Frys som Självgranskning {year}" in page and COMPARE in page
    client.force_login(town.users[Role.AUDITOR])
    page = client.get(reverse("oversight:page")).content.decode()
    assert "Frys som" not in page and COMPARE in page


def test_a_second_freeze_asks_and_changes_nothing_until_confirmed(client, town, program):
    _ks(client, town)
    client.post(FREEZE, {"program": program.pk})
    response = client.post(FREEZE, {"program": program.pk})
    assert response.status_code == 200
    assert QUESTION in response.content.decode()
    assert Snapshot.objects.count() == 1

    response = client.post(FREEZE, {"program": program.pk, "confirm_step": "1"})
    assert str(CONFIRM_REQUIRED) in response.content.decode()
    assert Snapshot.objects.count() == 1

    response = client.post(FREEZE, {"program": program.pk, "confirm_step": "1", "confirm": "on"})
    assert response.status_code == 302
    assert sorted(Snapshot.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.AUDITOR, Role.POLITICIAN, Role.ADMIN])
def test_only_ks_freezes(client, town, program, role):
    client.force_login(town.users[role])
    assert client.post(FREEZE, {"program": program.pk}).status_code == 403
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "²", "99999999", "-1"])
def test_freezing_an_unknown_program_is_not_found(client, town, program, value):
    _ks(client, town)
    assert client.post(FREEZE, {"program": value}).status_code == 404
    assert not Snapshot.objects.exists()


def test_freezing_another_municipalitys_program_is_not_found(client, town):
    _ks(client, town)
    assert client.post(FREEZE, {"program": ProgramFactory().pk}).status_code == 404
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("name", ["oversight:snapshot_detail", "oversight:snapshot_pdf", "oversight:snapshot_docx"])
def test_another_municipalitys_snapshot_is_not_found(client, town, name):
    other = snapshot_freeze(program=ProgramFactory(), by=None)
    _ks(client, town)
    assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert client.get(reverse(name, args=[other.pk + 1000])).status_code == 404


def test_the_files_download_with_their_names(client, town, program):
    snapshot = snapshot_freeze(program=program, by=None, today=datetime.date(2025, 12, 15))
    client.force_login(town.users[Role.POLITICIAN])
    response = client.get(reverse("oversight:snapshot_docx", args=[snapshot.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="sjalvgranskning-2025-version-1.docx"'
    assert response.content[:2] == b"PK"


@pytest.mark.parametrize("versions", [1, 12])
def test_the_snapshot_page_runs_a_fixed_number_of_queries(client, town, program, django_assert_max_num_queries,
                                                          versions):
    for number in range(versions):
        snapshot = snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], confirmed=True)
    client.force_login(town.users[Role.AUDITOR])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("oversight:snapshot_detail", args=[snapshot.pk]))
    # The other versions, besides the page itself in the breadcrumbs and its two files.
    assert response.content.decode().count('href="/uppsikt/sjalvgranskningar/') == versions - 1 + 3


def _freeze(program, year, number_of_versions=1):
    snapshots = [snapshot_freeze(program=program, by=None, today=datetime.date(year, 12, 15), confirmed=True)
                 for _n in range(number_of_versions)]
    return snapshots[-1]


def test_compare_shows_the_latest_version_of_each_of_the_last_two_years(client, town, program):
    _freeze(program, 2023)
    _freeze(program, 2024)
    AreaFactory(program=program, name="Boende")
    latest = _freeze(program, 2025, number_of_versions=2)
    client.force_login(town.users[Role.AUDITOR])
    response = client.get(COMPARE, {"program": program.pk})
    assert [label for label in response.context["columns"]] == [
        "Självgranskning 2024, version 1", "Självgranskning 2025, version 2"]
    assert response.context["second"] == latest.pk
    page = response.content.decode()
    assert "0 av 1 områden har en ansvarig" in page and "0 av 2 områden har en ansvarig" in page
    assert "2023: " in page


def test_compare_with_one_frozen_year_sets_it_beside_today(client, town, program):
    _freeze(program, 2025)
    client.force_login(town.users[Role.POLITICIAN])
    response = client.get(COMPARE)
    assert response.context["columns"] == ["Självgranskning 2025, version 1", "I dag (inte fryst)"]


def test_compare_of_chosen_versions(client, town, program):
    first = _freeze(program, 2024)
    second = _freeze(program, 2025)
    client.force_login(town.users[Role.COORDINATOR])
    response = client.get(COMPARE, {"a": second.pk, "b": first.pk})
    assert response.context["columns"] == ["Självgranskning 2025, version 1", "Självgranskning 2024, version 1"]


def test_compare_without_snapshots_says_so(client, town, program):
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert "Inga självgranskningar är frysta ännu." in client.get(COMPARE).content.decode()


@pytest.mark.parametrize("value", ["abc", "²", "99999999"])
def test_compare_of_an_unknown_version_is_not_found(client, town, program, value):
    _freeze(program, 2025)
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert client.get(COMPARE, {"a": value}).status_code == 404


def test_compare_of_another_municipalitys_version_is_not_found(client, town, program):
    other = snapshot_freeze(program=ProgramFactory(), by=None)
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert client.get(COMPARE, {"a": other.pk}).status_code == 404
    assert client.get(COMPARE, {"program": other.program_id}).status_code == 404


@pytest.mark.parametrize("years", [2, 12])
def test_compare_runs_a_fixed_number_of_queries(client, town, program, django_assert_max_num_queries, years):
    for year in range(2026 - years, 2026):
        _freeze(program, year)
    client.force_login(town.users[Role.AUDITOR])
    with django_assert_max_num_queries(12):
        response = client.get(COMPARE)
    assert len(response.context["years"]) == years
