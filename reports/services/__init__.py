"""The report's write services; reports.services.decisions, dispatch and publication sit beside."""

from reports.services.development_areas import (
    development_area_create,
    development_area_done,
    development_area_edit,
)
from reports.services.versions import (
    analysis_save,
    assessment_save,
    check_draft,
    missed_target_indicators,
    missed_target_save,
    report_create,
    unexplained_missed_targets,
    version_approve,
    version_new,
    version_submit,
)

__all__ = [
    "analysis_save",
    "assessment_save",
    "check_draft",
    "development_area_create",
    "development_area_done",
    "development_area_edit",
    "missed_target_indicators",
    "missed_target_save",
    "report_create",
    "unexplained_missed_targets",
    "version_approve",
    "version_new",
    "version_submit",
]
