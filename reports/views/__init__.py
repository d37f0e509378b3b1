"""The report's pages; reports.views.decisions, dispatch and publication sit beside."""

from reports.views.reports import (
    development_area_create,
    development_area_done,
    development_area_edit,
    report_create,
    report_detail,
    report_list,
    version_analysis_save,
    version_approve,
    version_assessment_save,
    version_detail,
    version_missed_target_save,
    version_new,
    version_submit,
)

__all__ = [
    "development_area_create",
    "development_area_done",
    "development_area_edit",
    "report_create",
    "report_detail",
    "report_list",
    "version_analysis_save",
    "version_approve",
    "version_assessment_save",
    "version_detail",
    "version_missed_target_save",
    "version_new",
    "version_submit",
]
