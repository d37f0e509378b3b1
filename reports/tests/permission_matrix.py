"""This app's rows in the permission matrix (tests/test_permission_matrix.py): everyone in
the municipality reads reports; the coordinator and a municipal administrator write them;
the coordinating board's secretary may record the approval too."""

from core.tests.permission_matrix import (
    COORDINATOR_AND_ADMIN, DENIED, DONE, LOGGED_IN, POST_ONLY, Row, expect, posted,
)
from reports.models import ReportVersion
from reports.services import report_create, version_approve, version_submit
from reports.tests.factories import DevelopmentAreaFactory, answered_cycle, report_scenario
from reports.tests.permission_matrix_building import ROWS as BUILDING_ROWS
from reports.tests.permission_matrix_dispatch import ROWS as DISPATCH_ROWS
from steering.tests.factories import ProgramFactory

WRITERS = expect(DENIED, coordinator=DONE, admin=DONE)
APPROVERS = expect(DENIED, coordinator=DONE, admin=DONE, secretary=DONE)


def _report(town):
    # The test users' own board coordinates the program, so its secretary records approvals.
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    cycle = answered_cycle(municipality=town.municipality, organizations=[town.board], program=program)
    return report_create(cycle=cycle)


def _version_kwargs(town):
    return {"pk": _report(town).versions.get().pk}


def _submitted_kwargs(town):
    return {"pk": version_submit(version=_report(town).versions.get()).pk}


def _approved_report_kwargs(town):
    report = _report(town)
    version_approve(version=version_submit(version=report.versions.get()))
    return {"pk": report.pk}


def _development_area_kwargs(town):
    return {"pk": DevelopmentAreaFactory(report=_report(town), owner=town.board).pk}


def _area_kwargs(town):
    version = _report(town).versions.get()
    return {"pk": version.pk, "area_pk": version.analyses.first().area_id}


def _missed_kwargs(town):
    scenario = report_scenario(town)
    return {"pk": report_create(cycle=scenario["cycle"]).versions.get().pk, "indicator_pk": scenario["missed"].pk}


def _development_area_data(town, kwargs):
    return {"title": "Gemensam introduktion", "owner": town.board.pk, "actions": "En rutin för alla nämnder.",
            "due_date": "2027-06-30", "seen_version": 1}


def _status(town, kwargs):
    return ReportVersion.objects.filter(pk=kwargs["pk"]).values_list("status", flat=True).first()


ROWS = {
    "reports:report_list": Row(LOGGED_IN),
    "reports:report_create": Row(POST_ONLY, lambda town: {"cycle_pk": answered_cycle(
        municipality=town.municipality, organizations=[town.board]).pk}, WRITERS),
    "reports:report_detail": Row(LOGGED_IN, lambda town: {"pk": _report(town).pk}),
    "reports:version_new": Row(POST_ONLY, _approved_report_kwargs, WRITERS),
    "reports:development_area_create": Row(
        COORDINATOR_AND_ADMIN, lambda town: {"pk": _report(town).pk}, posted(COORDINATOR_AND_ADMIN),
        _development_area_data,
    ),
    "reports:development_area_edit": Row(
        COORDINATOR_AND_ADMIN, _development_area_kwargs, posted(COORDINATOR_AND_ADMIN), _development_area_data,
    ),
    "reports:development_area_done": Row(
        COORDINATOR_AND_ADMIN, _development_area_kwargs, posted(COORDINATOR_AND_ADMIN),
        lambda town, kwargs: {"done_on": "2027-05-01", "outcome": "Rutinen är antagen.", "seen_version": 1},
    ),
    "reports:version_detail": Row(LOGGED_IN, _version_kwargs),
    "reports:version_assessment_save": Row(
        POST_ONLY, _version_kwargs, WRITERS,
        lambda town, kwargs: {"bedomning-overall_assessment": "Arbetet går framåt.", "bedomning-seen_version": 1},
    ),
    "reports:version_analysis_save": Row(
        POST_ONLY, _area_kwargs, WRITERS,
        lambda town, kwargs: {f"analys-{kwargs['area_pk']}-text": "Fler i arbete.",
                              f"analys-{kwargs['area_pk']}-seen_version": 1},
    ),
    "reports:version_missed_target_save": Row(
        POST_ONLY, _missed_kwargs, WRITERS,
        lambda town, kwargs: {f"missat-{kwargs['indicator_pk']}-cause": "Färre platser.",
                              f"missat-{kwargs['indicator_pk']}-action": "Fler platser.",
                              f"missat-{kwargs['indicator_pk']}-owner": town.board.pk},
    ),
    "reports:version_submit": Row(POST_ONLY, _version_kwargs, WRITERS, state=_status),
    "reports:version_approve": Row(POST_ONLY, _submitted_kwargs, APPROVERS, state=_status),
}
# Decisions, dispatch, publication and building keep their rows beside.
ROWS.update(DISPATCH_ROWS)
ROWS.update(BUILDING_ROWS)
