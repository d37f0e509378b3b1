import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.tests.samples import pdf_bytes
from reports.models import Decision
from reports.services.decisions import PARAGRAPH_USED
from reports.tests.factories_dispatch import ApprovedVersionFactory, DecisionFactory
from steering.tests.factories import ProgramFactory


@pytest.fixture
def version(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    return ApprovedVersionFactory(report__cycle__questionnaire__program=program)


def _url(version):
    return reverse("reports:decision_create", kwargs={"pk": version.pk})


def _data(town, **extra):
    data = {"organization": town.board.pk, "meeting_date": "2026-04-20", "paragraph": "§ 87",
            "registry_number": "AN 2026-12", "wording": Decision.Wording.APPROVES, "text": "Nämnden godkänner."}
    data.update(extra)
    return data


def test_a_secretary_chooses_only_their_own_organisation(client, town, version):
    client.force_login(town.users["secretary"])
    form = client.get(_url(version)).context["form"]
    assert list(form.fields["organization"].queryset) == [town.board]
    response = client.post(_url(version), _data(town, organization=town.other_board.pk))
    assert response.status_code == 200 and not Decision.objects.exists()


def test_the_secretary_records_the_boards_decision_with_its_minutes(client, town, version):
    client.force_login(town.users["secretary"])
    minutes = SimpleUploadedFile("utdrag.pdf", pdf_bytes("Protokollsutdrag § 87"), content_type="application/pdf")
    response = client.post(_url(version), _data(town, minutes_extract=minutes))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    decision = Decision.objects.get()
    assert decision.recorded_by == town.users["secretary"] and decision.report_version == version


def test_a_paragraph_used_in_the_meeting_is_shown_on_the_form_and_nothing_is_saved(client, town, version):
    DecisionFactory(report_version=version, organization=town.board, paragraph="§ 87",
                    meeting_date="2026-04-20")
    client.force_login(town.users["coordinator"])
    response = client.post(_url(version), _data(town, paragraph="87"))
    assert response.status_code == 200
    assert response.context["form"].errors["paragraph"] == [PARAGRAPH_USED % {
        "paragraph": "§ 87", "organization": town.board.name, "date": "2026-04-20"}]
    assert Decision.objects.count() == 1


def test_a_minutes_extract_that_is_not_pdf_or_docx_is_refused(client, town, version):
    client.force_login(town.users["secretary"])
    bad = SimpleUploadedFile("utdrag.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(_url(version), _data(town, minutes_extract=bad))
    assert response.status_code == 200 and response.context["form"].errors["minutes_extract"]
    assert not Decision.objects.exists()
