"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, FORM_ERROR, LOGGED_IN, Row, posted
from kpis.tests.factories import ComparisonGroupFactory, KoladaMunicipalityFactory, KpiFactory, LocalKpiFactory

MANAGERS_SAVE = posted(COORDINATOR_AND_ADMIN)


def _kolada_kpi(town) -> dict:
    return {"kpi_id": KpiFactory(id="N00973").pk}


def _local_kpi(town) -> dict:
    return {"kpi_id": LocalKpiFactory(owner=town.municipality).pk}


def _group(town) -> dict:
    return {"pk": ComparisonGroupFactory(owner=town.municipality).pk}


def _kpi_data(town, kwargs) -> dict:
    return {"title": "Deltagare i språkcafé", "description": "", "unit": "antal"}


def _group_data(town, kwargs) -> dict:
    return {"title": "Grannkommuner", "members": [KoladaMunicipalityFactory(id=code).pk for code in ("1490", "1487")]}


ROWS = {
    "kpis:kpi_list": Row(LOGGED_IN),
    "kpis:kpi_create": Row(COORDINATOR_AND_ADMIN, post=MANAGERS_SAVE, data=_kpi_data),
    "kpis:kpi_detail": Row(LOGGED_IN, _kolada_kpi),
    "kpis:kpi_export": Row(LOGGED_IN, lambda town: {**_kolada_kpi(town), "fmt": "csv"}),
    # Posting no file is refused on the form.
    "kpis:kpi_values_upload": Row(COORDINATOR_AND_ADMIN, _local_kpi, posted(COORDINATOR_AND_ADMIN, FORM_ERROR)),
    "kpis:kpi_upload_template": Row(COORDINATOR_AND_ADMIN, lambda town: {**_local_kpi(town), "fmt": "xlsx"}),
    "kpis:comparison_group_list": Row(LOGGED_IN),
    "kpis:comparison_group_create": Row(COORDINATOR_AND_ADMIN, post=MANAGERS_SAVE, data=_group_data),
    "kpis:comparison_group_edit": Row(COORDINATOR_AND_ADMIN, _group, MANAGERS_SAVE, _group_data),
    "kpis:comparison_group_history": Row(LOGGED_IN, _group),
}
