"""The review page tells the auditor what the reading did not find or only guessed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from audits.models import Audit
from organizations.models import Membership

CUT_OFF_REPORT = """Översiktlig granskning av delårsrapporten
Vi av fullmäktige utsedda revisorer har granskat delårsrapporten per den 31 augusti.
Vår samlade bedömning är att kommunstyrelsen inte har redovisat målen så att de kan bedömas.
Vi rekommenderar kommunstyrelsen att:
"""


@pytest.fixture
def auditor_client(client, town):
    client.force_login(town.users[Membership.Role.AUDITOR])
    return client


def test_an_auditor_importing_a_cut_off_report_sees_what_to_check(auditor_client, town):
    with TestCase.captureOnCommitCallbacks(execute=True):
        auditor_client.post(reverse("audits:audit_import"), {"report": SimpleUploadedFile("r.txt", CUT_OFF_REPORT.encode())})

    page = auditor_client.get(reverse("audits:audit_review"))

    content = page.content.decode()
    assert 'id="import-gaps"' in content
    assert "Listan med rekommendationer är avskuren i texten" in content
    assert "<q>Vi rekommenderar kommunstyrelsen att:</q>" in content
    assert "Ingen revisionsbyrå eller revisionskontor nämns" in content
    assert page.context["recommendations"].initial_form_count() == 0
    assert not Audit.objects.exists()
