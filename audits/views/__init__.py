from audits.views.audits import (
    audit_detail,
    audit_edit,
    audit_history,
    audit_import,
    audit_list,
    audit_request_responses,
    audit_review,
    followup_overview,
)
from audits.views.responses import (
    file_download,
    measure_create,
    measure_detail,
    measure_edit,
    measure_history,
    measure_verify,
    response_create,
)

__all__ = [
    "audit_detail",
    "audit_edit",
    "audit_history",
    "audit_import",
    "audit_list",
    "audit_request_responses",
    "audit_review",
    "file_download",
    "followup_overview",
    "measure_create",
    "measure_detail",
    "measure_edit",
    "measure_history",
    "measure_verify",
    "response_create",
]
