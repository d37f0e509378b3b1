import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportFile, ReportVersion
from reports.services.publication import NOT_APPROVED
from reports.tests.factories_dispatch import ApprovedVersionFactory, DecisionFactory, ReportVersionFactory

PUBLIC_URLS = ["public:report_detail", "public:report_pdf"]


@pytest.fixture
def published(town):
    version = ApprovedVersionFactory(published_at=timezone.now(),
                                     report__cycle__questionnaire__program__municipality=town.municipality)
    DecisionFactory(report_version=version, organization=town.board, paragraph="§ 41", registry_number="AN 2026-7")
    return version


def test_anyone_reads_the_published_report_with_its_decisions(client, published):
    listing = client.get(reverse("public:report_list"))
    assert listing.status_code == 200 and str(published.report) in listing.content.decode()
    page = client.get(reverse("public:report_detail", kwargs={"pk": published.pk})).content.decode()
    assert "Andel i arbete efter 90 dagar" in page and "§ 41" in page and "AN 2026-7" in page
    assert "Rapporten som PDF/A" not in page


def test_the_pdf_is_offered_when_built(client, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ReportFile.objects.create(version=published, format=ReportFile.Format.PDF, sha256="0" * 64, size=8,
                              file=ContentFile(b"%PDF-1.7", name="rapport.pdf"))
    page = client.get(reverse("public:report_detail", kwargs={"pk": published.pk})).content.decode()
    assert "Rapporten som PDF/A" in page
    response = client.get(reverse("public:report_pdf", kwargs={"pk": published.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7"


def test_earlier_years_published_reports_are_linked(client, published):
    earlier = ApprovedVersionFactory(published_at=timezone.now(),
                                     report__cycle__questionnaire=published.report.cycle.questionnaire,
                                     report__cycle__year=published.report.cycle.year - 1)
    page = client.get(reverse("public:report_detail", kwargs={"pk": published.pk})).content.decode()
    assert reverse("public:report_detail", kwargs={"pk": earlier.pk}) in page


@pytest.mark.parametrize("status", [ReportVersion.Status.DRAFT, ReportVersion.Status.SUBMITTED, "approved"])
def test_the_public_never_reaches_a_version_not_published(client, town, status, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if status == "approved":
        hidden = ApprovedVersionFactory()
    else:
        hidden = ReportVersionFactory(status=status)
    ReportFile.objects.create(version=hidden, format=ReportFile.Format.PDF, sha256="0" * 64, size=8,
                              file=ContentFile(b"%PDF-1.7", name="utkast.pdf"))
    for name in PUBLIC_URLS:
        assert client.get(reverse(name, kwargs={"pk": hidden.pk})).status_code == 404
    assert str(hidden.report) not in client.get(reverse("public:report_list")).content.decode()


def test_publishing_a_version_not_approved_is_refused_with_the_message(client, town):
    draft = ReportVersionFactory(report__cycle__questionnaire__program__municipality=town.municipality)
    client.force_login(town.users["coordinator"])
    response = client.post(reverse("reports:version_publish", kwargs={"pk": draft.pk}), follow=True)
    assert str(NOT_APPROVED) in response.content.decode()
    draft.refresh_from_db()
    assert draft.published_at is None


def test_the_coordinator_publishes_an_approved_version(client, town):
    version = ApprovedVersionFactory(report__cycle__questionnaire__program__municipality=town.municipality)
    client.force_login(town.users["coordinator"])
    client.post(reverse("reports:version_publish", kwargs={"pk": version.pk}))
    version.refresh_from_db()
    assert version.published_at is not None
    assert client.get(reverse("public:report_detail", kwargs={"pk": version.pk})).status_code == 200


def test_the_public_list_runs_a_fixed_number_of_queries(client, town, django_assert_max_num_queries):
    for _ in range(20):
        ApprovedVersionFactory(published_at=timezone.now())
    with django_assert_max_num_queries(6):
        response = client.get(reverse("public:report_list"))
    assert response.content.decode().count('href="/publicerat/') == 20
