"""The version page's parts come from the cache; every change to what compiling reads
shows on the next load, and nothing else is compiled again."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from followup.models import ActivityRow, Answer, CycleOrganization
from organizations.models import Membership
from reports.models import ReportVersion
from reports.services import analysis_save, report_create
from reports.tests.factories import report_scenario
from reports.version_page import source_fingerprint, version_page
from steering.models import IndicatorValue

Role = Membership.Role


@pytest.fixture
def reader(client, town):
    client.force_login(town.users[Role.POLITICIAN])
    return client


def _draft(town):
    scenario = report_scenario(town)
    return scenario, report_create(cycle=scenario["cycle"]).versions.get()


def _page(client, version) -> str:
    return client.get(version.get_absolute_url()).content.decode()


def test_a_changed_answer_shows_on_the_next_load(reader, town):
    _scenario, version = _draft(town)
    assert "Bostadsbolaget har erbjudit lägenheter." in _page(reader, version)
    answer = Answer.objects.get(text="Bostadsbolaget har erbjudit lägenheter.")
    answer.text = "Bostadsbolaget har byggt nytt."
    answer.save()
    page = _page(reader, version)
    assert "Bostadsbolaget har byggt nytt." in page and "Bostadsbolaget har erbjudit lägenheter." not in page


def test_a_changed_indicator_value_shows_on_the_next_load(reader, town):
    scenario, version = _draft(town)
    assert "Ej uppfyllt" in _page(reader, version)
    value = IndicatorValue.objects.get(indicator=scenario["missed"], year=2025)
    value.value = 65
    value.save()
    page = _page(reader, version)
    assert "2025: 65,0" in page and "Ej uppfyllt" not in page


def test_a_saved_analysis_shows_on_the_next_load(reader, town):
    scenario, version = _draft(town)
    assert "Arbetet går framåt." not in _page(reader, version)
    analysis_save(version=version, area=scenario["work"], text="Arbetet går framåt.")
    assert "Arbetet går framåt." in _page(reader, version)


def test_rows_made_without_history_show_on_the_next_load(reader, town):
    """bulk_create writes no history row: the highest id still moves the fingerprint."""
    _scenario, version = _draft(town)
    _page(reader, version)
    answer = Answer.objects.filter(response__organization=town.board, activity_rows__isnull=False).first()
    ActivityRow.objects.bulk_create([ActivityRow(answer=answer, name="Läxhjälp i biblioteket")])
    assert "Läxhjälp i biblioteket" in _page(reader, version)


def test_an_organisation_that_submits_shows_on_the_next_load(reader, town):
    _scenario, version = _draft(town)
    assert "Har inte svarat" in _page(reader, version)
    response = CycleOrganization.objects.get(organization=town.other_board)
    response.status = CycleOrganization.Status.SUBMITTED
    response.submitted_at = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    response.save()
    assert "Har inte svarat" not in _page(reader, version)


def test_the_fingerprint_stays_while_nothing_changes_and_moves_when_something_does(town):
    scenario, _version = _draft(town)
    before = source_fingerprint()
    assert source_fingerprint() == before
    IndicatorValue.objects.filter(indicator=scenario["met"]).first().delete()
    assert source_fingerprint() != before


def test_the_parts_are_built_once_while_nothing_changes(town, django_assert_num_queries):
    _scenario, version = _draft(town)
    version = ReportVersion.objects.get(pk=version.pk)
    first = version_page(version=version, previous=None)
    with django_assert_num_queries(1):  # the fingerprint
        again = version_page(version=version, previous=None)
    assert again["parts"] == first["parts"]


def test_each_language_gets_its_own_parts(town):
    _scenario, version = _draft(town)
    version = ReportVersion.objects.get(pk=version.pk)
    with translation.override("sv"):
        swedish = version_page(version=version, previous=None)
    with translation.override("en"):
        english = version_page(version=version, previous=None)
    assert "Organisation" in swedish["parts"]["responses"] and swedish["parts"] != english["parts"]


def test_an_approved_version_with_no_draft_before_it_needs_no_fingerprint(town, django_assert_num_queries):
    from reports.services import missed_target_save, version_approve, version_submit

    scenario, version = _draft(town)
    missed_target_save(version=version, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    version_approve(version=version_submit(version=version))
    version = ReportVersion.objects.get(pk=version.pk)
    cache.clear()
    version_page(version=version, previous=None)
    with django_assert_num_queries(0):
        version_page(version=version, previous=None)


def test_the_writers_cached_page_carries_the_requests_csrf_token(town):
    """The forms' HTML is kept with a placeholder for the token: a post from the page
    found in the cache passes Django's CSRF check."""
    import re

    from django.test import Client
    from django.urls import reverse

    from reports.version_page import CSRF_PLACEHOLDER

    scenario, version = _draft(town)
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.users[Role.COORDINATOR])
    _page(client, version)
    page = _page(client, version)
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    prefix = f"analys-{scenario['work'].pk}"
    analysis = version.analyses.get(area=scenario["work"])
    response = client.post(reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk]),
                           {f"{prefix}-text": "Arbetet går framåt.", f"{prefix}-seen_version": analysis.version,
                            "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Arbetet går framåt." in _page(client, version)


def test_readers_and_writers_get_their_own_html(reader, town):
    """The coordinator's page with its forms is kept apart from the reader's without."""
    from django.test import Client

    _scenario, version = _draft(town)
    writer = Client()
    writer.force_login(town.users[Role.COORDINATOR])
    assert "hx-post" in _page(writer, version)
    assert "hx-post" not in _page(reader, version)
    assert "hx-post" in _page(writer, version)


def test_a_development_area_marked_done_shows_on_the_approved_versions_next_load(town):
    """An approved version's HTML is kept with no fingerprint; its development areas' links
    follow the records on every request."""
    from django.test import Client

    from reports.services import missed_target_save, version_approve, version_submit
    from reports.tests.factories import DevelopmentAreaFactory

    scenario, version = _draft(town)
    item = DevelopmentAreaFactory(report=version.report, owner=town.board, title="Fler praktikplatser")
    missed_target_save(version=version, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    version_approve(version=version_submit(version=version))
    client = Client()
    client.force_login(town.users[Role.COORDINATOR])
    assert "Markera som klart" in _page(client, version)
    item.status, item.done_on = item.Status.DONE, datetime.date(2026, 5, 1)
    item.save()
    assert "Markera som klart" not in _page(client, version)


def test_a_key_figures_import_shows_on_the_next_load(reader, town):
    """The import writes an ImportRun with the values and their county and national means:
    that row moves the fingerprint for them all."""
    from kpis.kolada import KoladaValue
    from kpis.models import ImportRun
    from kpis.services import values_import

    _scenario, version = _draft(town)
    assert "39,5" not in _page(reader, version)
    values_import(values=[KoladaValue(kpi="N00945", municipality=town.municipality.code, period=2025, gender="T",
                                      value=39.5, status="", count=1, is_deleted=False)],
                  source=ImportRun.Source.FILE)
    assert "39,5" in _page(reader, version)


def test_the_kept_body_is_spliced_into_the_page_once_in_its_place(reader, town):
    from reports.views.reports import BODY_PLACEHOLDER

    _scenario, version = _draft(town)
    _page(reader, version)
    page = _page(reader, version)
    assert BODY_PLACEHOLDER not in page and page.count('<div class="page-heading">') == 1
    main = page.split('<main id="innehall"')[1].split("</main>")[0]
    assert '<nav class="ds-breadcrumbs"' in main and "Bostadsbolaget har erbjudit lägenheter." in main
    assert '<footer class="site-footer">' in page.split("</main>")[1]
