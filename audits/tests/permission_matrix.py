"""This app's rows in the permission matrix: every audit URL and who may open it."""

from audits.tests.factories import AuditFactory, MeasureFactory, RecommendationFactory
from django.core.files.base import ContentFile

from core.tests.permission_matrix import DENIED, LOGGED_IN, LOGIN, OK, POST_ONLY, Row, expect

RECORDERS = expect(DENIED, auditor=OK, coordinator=OK, admin=OK)
BOARD_STAFF = expect(DENIED, secretary=OK, respondent=OK, coordinator=OK, admin=OK)


def _audit(town):
    return AuditFactory(municipality=town.municipality)


def _recommendation(town):
    return RecommendationFactory(audit=_audit(town), organization=town.board)


def _measure(town):
    return MeasureFactory(recommendation=_recommendation(town))


def _measure_with_evidence(town):
    measure = _measure(town)
    measure.evidence_file.save("underlag.txt", ContentFile(b"Protokoll"), save=True)
    return measure


ROWS = {
    "audits:audit_list": Row(LOGGED_IN),
    "audits:audit_detail": Row(LOGGED_IN, lambda town: {"pk": _audit(town).pk}),
    "audits:audit_edit": Row(RECORDERS, lambda town: {"pk": _audit(town).pk}),
    "audits:audit_history": Row(LOGGED_IN, lambda town: {"pk": _audit(town).pk}),
    "audits:audit_import": Row(RECORDERS),
    # Without a draft in the session the review page sends the user to upload one.
    "audits:audit_review": Row(expect(DENIED, auditor=302, coordinator=302, admin=302)),
    "audits:audit_request_responses": Row(POST_ONLY, lambda town: {"pk": _audit(town).pk}),
    "audits:response_create": Row(
        expect(DENIED, secretary=OK, coordinator=OK, admin=OK),
        lambda town: {"pk": _recommendation(town).audit_id, "organization_pk": town.board.pk},
    ),
    "audits:measure_create": Row(BOARD_STAFF, lambda town: {"recommendation_pk": _recommendation(town).pk}),
    "audits:measure_detail": Row(LOGGED_IN, lambda town: {"pk": _measure(town).pk}),
    "audits:measure_history": Row(LOGGED_IN, lambda town: {"pk": _measure(town).pk}),
    "audits:measure_edit": Row(BOARD_STAFF, lambda town: {"pk": _measure(town).pk}),
    "audits:measure_verify": Row(POST_ONLY, lambda town: {"pk": _measure(town).pk}),
    "audits:followup_overview": Row(LOGGED_IN),
    "audits:file_download": Row(
        expect(OK, anonymous=LOGIN), lambda town: {"kind": "underlag", "pk": _measure_with_evidence(town).pk}
    ),
}
