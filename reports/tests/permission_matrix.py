"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, LOGGED_IN, POST_ONLY, Row
from reports.tests.factories import DevelopmentAreaFactory, answered_cycle
from reports.services import report_create


def _report(town):
    cycle = answered_cycle(municipality=town.municipality, organizations=[town.board])
    return report_create(cycle=cycle)


def _version_kwargs(town):
    return {"pk": _report(town).versions.get().pk}


def _development_area_kwargs(town):
    return {"pk": DevelopmentAreaFactory(report=_report(town), owner=town.board).pk}


def _area_kwargs(town):
    version = _report(town).versions.get()
    return {"pk": version.pk, "area_pk": version.analyses.first().area_id}


ROWS = {
    "reports:report_list": Row(LOGGED_IN),
    "reports:report_create": Row(POST_ONLY, lambda town: {"cycle_pk": answered_cycle(
        municipality=town.municipality, organizations=[town.board]).pk}),
    "reports:report_detail": Row(LOGGED_IN, lambda town: {"pk": _report(town).pk}),
    "reports:version_new": Row(POST_ONLY, lambda town: {"pk": _report(town).pk}),
    "reports:development_area_create": Row(COORDINATOR_AND_ADMIN, lambda town: {"pk": _report(town).pk}),
    "reports:development_area_edit": Row(COORDINATOR_AND_ADMIN, _development_area_kwargs),
    "reports:development_area_done": Row(COORDINATOR_AND_ADMIN, _development_area_kwargs),
    "reports:version_detail": Row(LOGGED_IN, _version_kwargs),
    "reports:version_assessment_save": Row(POST_ONLY, _version_kwargs),
    "reports:version_analysis_save": Row(POST_ONLY, _area_kwargs),
    "reports:version_missed_target_save": Row(POST_ONLY, lambda town: {"pk": 1, "indicator_pk": 1}),
    "reports:version_submit": Row(POST_ONLY, _version_kwargs),
    "reports:version_approve": Row(POST_ONLY, _version_kwargs),
}
