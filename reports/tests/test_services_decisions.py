import datetime

import pytest
from django.core.exceptions import ValidationError

from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from reports.models import Decision, ReportVersion
from reports.services.decisions import (
    DRAFT_NOT_DECIDABLE, FILING_BEFORE_APPROVAL, PARAGRAPH_USED, approval_decision, decision_record, filing_decision,
    paragraph_normalize,
)
from reports.tests.factories_dispatch import ApprovedVersionFactory, ReportVersionFactory
from steering.tests.factories import ProgramFactory

MEETING = datetime.date(2026, 4, 20)


@pytest.fixture
def version(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    return ApprovedVersionFactory(report__cycle__questionnaire__program=program)


def _record(version, organization, **extra):
    data = {"meeting_date": MEETING, "paragraph": "§ 87", "wording": Decision.Wording.APPROVES,
            "registry_number": "AN 2026-00012"}
    data.update(extra)
    return decision_record(version=version, organization=organization, by=None, **data)


def test_the_chain_is_approval_by_the_coordinating_board_then_filing_by_ks(town, version):
    approval = _record(version, town.board)
    filing = _record(version, town.executive, wording=Decision.Wording.FILES, paragraph="12")
    assert approval_decision(version) == approval
    assert filing_decision(version) == filing
    assert filing.paragraph == "§ 12"


def test_a_paragraph_used_in_the_same_meeting_is_refused(town, version):
    _record(version, town.board)
    with pytest.raises(ValidationError) as error:
        _record(version, town.board, paragraph="§87", wording=Decision.Wording.NOTES)
    assert error.value.message_dict["paragraph"] == [PARAGRAPH_USED % {
        "paragraph": "§ 87", "organization": town.board.name, "date": "2026-04-20"}]
    assert Decision.objects.count() == 1


def test_the_same_paragraph_in_another_meeting_or_organisation_is_accepted(town, version):
    _record(version, town.board)
    _record(version, town.board, meeting_date=MEETING + datetime.timedelta(days=30))
    _record(version, town.other_board)
    assert Decision.objects.count() == 3


def test_a_draft_cannot_be_decided(town):
    draft = ReportVersionFactory(report__cycle__questionnaire__program=ProgramFactory(
        municipality=town.municipality, owner=town.board))
    with pytest.raises(ValidationError) as error:
        _record(draft, town.board)
    assert error.value.messages == [str(DRAFT_NOT_DECIDABLE)]
    assert not Decision.objects.exists()


def test_ks_cannot_file_a_version_not_yet_approved(town):
    submitted = ReportVersionFactory(status=ReportVersion.Status.SUBMITTED,
                                     report__cycle__questionnaire__program=ProgramFactory(
                                         municipality=town.municipality, owner=town.board))
    with pytest.raises(ValidationError) as error:
        _record(submitted, town.executive, wording=Decision.Wording.FILES)
    assert error.value.messages == [str(FILING_BEFORE_APPROVAL)]
    assert not Decision.objects.exists()


def test_an_organisation_of_another_municipality_is_refused(town, version):
    stranger = OrganizationFactory(kind=Organization.Kind.BOARD)
    with pytest.raises(ValidationError):
        _record(version, stranger)
    assert not Decision.objects.exists()


def test_the_coordinating_boards_approval_of_a_submitted_version_calls_the_versions_service(town, monkeypatch):
    import sys
    import types

    calls = []
    fake = types.ModuleType("reports.services.versions")
    fake.version_approve = lambda **kwargs: calls.append(kwargs)
    monkeypatch.setitem(sys.modules, "reports.services.versions", fake)
    submitted = ReportVersionFactory(status=ReportVersion.Status.SUBMITTED,
                                     report__cycle__questionnaire__program=ProgramFactory(
                                         municipality=town.municipality, owner=town.board))
    decision = _record(submitted, town.board)
    _record(submitted, town.other_board, paragraph="§ 3")
    assert calls == [{"version": submitted, "by": None, "decision": decision}]


@pytest.mark.parametrize("written", ["§87", "87", " §  87 ", "§ 87"])
def test_a_paragraph_is_stored_in_one_form(written):
    assert paragraph_normalize(written) == "§ 87"
