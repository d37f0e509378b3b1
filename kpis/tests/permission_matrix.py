"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, LOGGED_IN, Row
from kpis.tests.factories import ComparisonGroupFactory, KpiFactory, LocalKpiFactory


def _kolada_kpi(town) -> dict:
    return {"kpi_id": KpiFactory(id="N00973").pk}


def _local_kpi(town) -> dict:
    return {"kpi_id": LocalKpiFactory(owner=town.municipality).pk}


def _group(town) -> dict:
    return {"pk": ComparisonGroupFactory(owner=town.municipality).pk}


ROWS = {
    "kpis:kpi_list": Row(LOGGED_IN),
    "kpis:kpi_create": Row(COORDINATOR_AND_ADMIN),
    "kpis:kpi_detail": Row(LOGGED_IN, _kolada_kpi),
    "kpis:kpi_export": Row(LOGGED_IN, lambda town: {**_kolada_kpi(town), "fmt": "csv"}),
    "kpis:kpi_values_upload": Row(COORDINATOR_AND_ADMIN, _local_kpi),
    "kpis:kpi_upload_template": Row(COORDINATOR_AND_ADMIN, lambda town: {**_local_kpi(town), "fmt": "xlsx"}),
    "kpis:comparison_group_list": Row(LOGGED_IN),
    "kpis:comparison_group_create": Row(COORDINATOR_AND_ADMIN),
    "kpis:comparison_group_edit": Row(COORDINATOR_AND_ADMIN, _group),
    "kpis:comparison_group_history": Row(LOGGED_IN, _group),
}
