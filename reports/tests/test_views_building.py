"""The build page: starting a build, the status fragment that polls while it runs and
stops when it is done, and downloading a file."""

import pytest
from django.urls import reverse

from followup.tests.factories import CycleFactory
from reports.models import BuildJob, ReportFile
from reports.services.building import NO_ANSWERS, NO_FORMATS
from reports.tests.content_samples import frozen_version, sample_content
from steering.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(town):
    return frozen_version(cycle=CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality)))


@pytest.fixture
def coordinator(client, town):
    client.force_login(town.users["coordinator"])
    return client


def _url(version):
    return reverse("reports:version_build", kwargs={"pk": version.pk})


def test_posting_builds_the_files_and_the_page_links_them(coordinator, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(_url(version), {"format": ["html", "xlsx"]})
    assert response.status_code == 302
    page = coordinator.get(_url(version)).content.decode()
    assert "Filerna är byggda." in page
    link = reverse("reports:version_file", kwargs={"pk": version.pk, "format": "html"})
    assert f'href="{link}"' in page
    download = coordinator.get(link)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"<!DOCTYPE html>")
    assert ReportFile.objects.get(version=version, format="html").sha256 in page


def test_the_fragment_polls_while_the_build_runs(coordinator, version):
    BuildJob.objects.create(version=version, formats=["pdf", "docx"], status=BuildJob.Status.RUNNING,
                            current="docx", done=1)
    response = coordinator.get(_url(version), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="bygge"')
    assert 'hx-trigger="every 1s"' in html and "Bygger DOCX: 1 av 2 format klara." in html
    assert '<progress max="2" value="1"' in html and "<form" not in html


def test_the_fragment_stops_polling_when_the_build_is_done(coordinator, version):
    BuildJob.objects.create(version=version, formats=["pdf"], status=BuildJob.Status.DONE, done=1)
    html = coordinator.get(_url(version), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html and "Filerna är byggda." in html


def test_a_failed_build_shows_its_message(coordinator, version):
    BuildJob.objects.create(version=version, formats=["pdf"], status=BuildJob.Status.FAILED,
                            error="Omgången har inga svar än, så det finns ingen rapport att bygga. Bygg rapporten "
                                  "när nämnderna och bolagen har svarat.")
    assert "Omgången har inga svar än" in coordinator.get(_url(version)).content.decode()


def test_posting_no_format_shows_the_message_and_queues_nothing(coordinator, version):
    response = coordinator.post(_url(version), {}, follow=True)
    assert str(NO_FORMATS) in response.content.decode()
    assert not BuildJob.objects.exists()


def test_the_page_has_no_inline_script_or_style(coordinator, version):
    html = coordinator.get(_url(version)).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_another_municipalitys_version_is_not_found(client, town, version):
    other = frozen_version()
    client.force_login(town.users["coordinator"])
    assert client.get(_url(other)).status_code == 404
    assert client.post(_url(other), {"format": ["html"]}).status_code == 404
    assert not BuildJob.objects.exists()
    assert client.get(reverse("reports:version_file", kwargs={"pk": other.pk, "format": "html"})).status_code == 404


def test_a_file_not_built_is_not_found(coordinator, version):
    assert coordinator.get(reverse("reports:version_file", kwargs={"pk": version.pk, "format": "pdf"})).status_code == 404


def test_posting_for_a_report_without_answers_shows_the_message_and_queues_nothing(coordinator, town):
    content = sample_content()
    for response in content["responses"]:
        response["answered"] = False
    version = frozen_version(content=content,
                             cycle=CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality)))
    response = coordinator.post(_url(version), {"format": ["pdf"]}, follow=True)
    assert str(NO_ANSWERS) in response.content.decode()
    assert not BuildJob.objects.exists() and not ReportFile.objects.exists()
