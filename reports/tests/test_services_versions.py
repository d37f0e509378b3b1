import pytest
from django.core.exceptions import ValidationError

from core.versioning import StaleEditError
from followup.models import CycleOrganization
from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from reports.content import content_sha256
from reports.models import AreaAnalysis, MissedTarget, Report, ReportVersion
from reports.services import (
    analysis_save, assessment_save, missed_target_save, report_create, version_approve, version_new, version_submit,
)
from reports.services.versions import (
    INDICATOR_NOT_MISSED, NO_ANSWERS, NOT_SUBMITTED, REPORT_EXISTS, UNEXPLAINED, VERSION_FROZEN, VERSION_SUBMITTED,
)
from reports.tests.factories import report_scenario


def _draft(town):
    scenario = report_scenario(town)
    report = report_create(cycle=scenario["cycle"], by=town.users["coordinator"])
    return scenario, report.versions.get()


def _explain(scenario, version, town):
    return missed_target_save(version=version, indicator=scenario["missed"], cause="Lågkonjunktur",
                              action="Fler praktikplatser", owner=town.board)


def _approved(town):
    scenario, version = _draft(town)
    _explain(scenario, version, town)
    version_submit(version=version)
    return scenario, version_approve(version=version, by=town.users["secretary"])


def test_creating_a_report_makes_a_draft_with_an_analysis_per_area(town):
    scenario, version = _draft(town)
    assert (version.number, version.status) == (1, ReportVersion.Status.DRAFT)
    assert set(version.analyses.values_list("area__name", flat=True)) == {"Arbete", "Boende"}
    assert version.report.created_by == town.users["coordinator"]


def test_a_cycle_without_submitted_answers_gets_no_report(town):
    cycle = CycleFactory(questionnaire__program__municipality=town.municipality)
    CycleOrganizationFactory(cycle=cycle, organization=town.board, status=CycleOrganization.Status.DRAFT)
    with pytest.raises(ValidationError) as refused:
        report_create(cycle=cycle)
    assert refused.value.messages == [str(NO_ANSWERS)]
    assert not Report.objects.exists() and not ReportVersion.objects.exists()


def test_a_cycle_gets_one_report(town):
    scenario, _version = _draft(town)
    with pytest.raises(ValidationError) as refused:
        report_create(cycle=scenario["cycle"])
    assert refused.value.messages == [str(REPORT_EXISTS)]
    assert Report.objects.count() == 1 and ReportVersion.objects.count() == 1


def test_analysis_is_saved_with_optimistic_locking(town):
    scenario, version = _draft(town)
    analysis = version.analyses.get(area=scenario["work"])
    analysis_save(version=version, area=scenario["work"], text="Första", seen_version=analysis.version)
    with pytest.raises(StaleEditError):
        analysis_save(version=version, area=scenario["work"], text="Andra", seen_version=analysis.version)
    assert version.analyses.get(area=scenario["work"]).text == "Första"


def test_submitting_is_refused_while_a_missed_target_is_unexplained(town):
    scenario, version = _draft(town)
    missed_target_save(version=version, indicator=scenario["missed"], cause="Lågkonjunktur", action="", owner=None)
    with pytest.raises(ValidationError) as refused:
        version_submit(version=version)
    assert refused.value.messages == [str(UNEXPLAINED % {"indicators": "Andel i arbete"})]
    version.refresh_from_db()
    assert (version.status, version.submitted_at) == (ReportVersion.Status.DRAFT, None)
    assert MissedTarget.objects.get().action == ""


def test_a_target_that_was_met_needs_no_explanation(town):
    scenario, version = _draft(town)
    with pytest.raises(ValidationError) as refused:
        missed_target_save(version=version, indicator=scenario["met"], cause="x", action="y", owner=town.board)
    assert refused.value.messages == [str(INDICATOR_NOT_MISSED)]
    assert not MissedTarget.objects.exists()


def test_an_explained_draft_is_submitted_and_approval_freezes_its_content(town):
    _scenario, version = _approved(town)
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.APPROVED
    assert version.approved_at is not None and version.submitted_at is not None
    assert version.content["areas"][0]["missed_targets"][0]["cause"] == "Lågkonjunktur"
    assert version.content_sha256 == content_sha256(version.content)


def test_approving_links_the_decision_when_given(town):
    from reports.models import Decision

    scenario, version = _draft(town)
    _explain(scenario, version, town)
    version_submit(version=version)
    decision = Decision.objects.create(organization=town.board, meeting_date="2026-05-20", paragraph="§ 87",
                                       wording=Decision.Wording.APPROVES)
    version_approve(version=version, by=town.users["secretary"], decision=decision)
    decision.refresh_from_db()
    assert decision.report_version_id == version.pk


def test_only_a_submitted_version_is_approved(town):
    _scenario, version = _draft(town)
    with pytest.raises(ValidationError) as refused:
        version_approve(version=version)
    assert refused.value.messages == [str(NOT_SUBMITTED)]
    version.refresh_from_db()
    assert (version.status, version.content, version.content_sha256) == (ReportVersion.Status.DRAFT, None, "")


@pytest.mark.parametrize("edit", ["analysis", "assessment", "missed_target"])
@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_version_that_is_not_a_draft_refuses_every_edit(town, edit, state):
    scenario, version = _draft(town)
    _explain(scenario, version, town)
    version_submit(version=version)
    if state == "approved":
        version_approve(version=version)
    version = ReportVersion.objects.get(pk=version.pk)
    before = (version.overall_assessment, list(AreaAnalysis.objects.values_list("text", flat=True)),
              list(MissedTarget.objects.values_list("cause", "action", "owner")), version.version)
    with pytest.raises(ValidationError) as refused:
        if edit == "analysis":
            analysis_save(version=version, area=scenario["work"], text="Ändrad")
        elif edit == "assessment":
            assessment_save(version=version, text="Ändrad")
        else:
            missed_target_save(version=version, indicator=scenario["missed"], cause="Ny", action="Ny", owner=None)
    assert refused.value.messages == [str(VERSION_FROZEN if state == "approved" else VERSION_SUBMITTED)]
    version = ReportVersion.objects.get(pk=version.pk)
    assert before == (version.overall_assessment, list(AreaAnalysis.objects.values_list("text", flat=True)),
                      list(MissedTarget.objects.values_list("cause", "action", "owner")), version.version)


def test_a_new_version_is_a_draft_copying_the_texts(town):
    scenario, version = _draft(town)
    analysis_save(version=version, area=scenario["work"], text="Arbetet går framåt.")
    assessment_save(version=version, text="Samlat sett bra.")
    _explain(scenario, version, town)
    version_submit(version=version)
    version_approve(version=version)
    new = version_new(report=version.report, by=town.users["coordinator"])
    assert (new.number, new.status, new.overall_assessment) == (2, ReportVersion.Status.DRAFT, "Samlat sett bra.")
    assert new.analyses.get(area=scenario["work"]).text == "Arbetet går framåt."
    assert new.missed_targets.get().is_explained
    assert new.analyses.get(area=scenario["work"]).history.count() == 1


def test_a_new_version_is_refused_while_a_draft_exists(town):
    from reports.services.versions import DRAFT_EXISTS

    _scenario, version = _draft(town)
    with pytest.raises(ValidationError) as refused:
        version_new(report=version.report)
    assert refused.value.messages == [str(DRAFT_EXISTS)]
    assert ReportVersion.objects.count() == 1


def test_the_database_refuses_an_approved_version_without_frozen_content(town):
    from django.db import IntegrityError, transaction

    _scenario, version = _draft(town)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersion.objects.filter(pk=version.pk).update(status=ReportVersion.Status.APPROVED)
