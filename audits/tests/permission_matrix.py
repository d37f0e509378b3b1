"""This app's rows in the permission matrix: every audit URL, who may open it and who may
post to it."""

from audits.models import Measure
from audits.tests.factories import AuditFactory, MeasureFactory, RecommendationFactory
from django.core.files.base import ContentFile

from core.tests.permission_matrix import (
    DENIED, DONE, FORM_ERROR, LOGGED_IN, LOGIN, OK, POST_ONLY, Row, expect, posted,
)

RECORDERS = expect(DENIED, auditor=OK, coordinator=OK, admin=OK)
# The test recommendation is the board's: its own administrator keeps its measures too.
BOARD_STAFF = expect(DENIED, secretary=OK, respondent=OK, coordinator=OK, admin=OK, board_admin=OK)
# Without a draft in the session the review page sends the user to upload one.
REVIEWERS = expect(DENIED, auditor=302, coordinator=302, admin=302)


def _audit(town):
    return AuditFactory(municipality=town.municipality)


def _recommendation(town):
    return RecommendationFactory(audit=_audit(town), organization=town.board)


def _measure(town, **extra):
    return MeasureFactory(recommendation=_recommendation(town), **extra)


def _measure_with_evidence(town):
    measure = _measure(town)
    measure.evidence_file.save("underlag.txt", ContentFile(b"Protokoll"), save=True)
    return measure


def _audit_data(town, kwargs):
    return {"title": "Rättad titel", "auditor": "PwC", "response_from": [town.board.pk], "seen_version": 1}


def _measure_data(town, kwargs):
    return {"description": "Ta fram en rutin", "owner": town.board.pk, "due_date": "2030-06-30", "status": "planned",
            "seen_version": 1}


def _response_kwargs(town):
    recommendation = _recommendation(town)
    recommendation.audit.response_from.add(town.board)
    return {"pk": recommendation.audit_id, "organization_pk": town.board.pk}


def _response_data(town, kwargs):
    return {"decision": "endorses", "meeting_date": "2021-05-04", "paragraph": "§ 45", "registry_number": "2021/12"}


def _measure_status(town, kwargs):
    return Measure.objects.get(pk=kwargs["pk"]).status


ROWS = {
    "audits:audit_list": Row(LOGGED_IN),
    "audits:audit_detail": Row(LOGGED_IN, lambda town: {"pk": _audit(town).pk}),
    "audits:audit_edit": Row(RECORDERS, lambda town: {"pk": _audit(town).pk}, posted(RECORDERS), _audit_data),
    "audits:audit_history": Row(LOGGED_IN, lambda town: {"pk": _audit(town).pk}),
    # Posting no file is refused on the form.
    "audits:audit_import": Row(RECORDERS, post=posted(RECORDERS, FORM_ERROR)),
    "audits:audit_review": Row(REVIEWERS, post=REVIEWERS, writes=False),
    "audits:audit_request_responses": Row(
        POST_ONLY, lambda town: {"pk": _recommendation(town).audit_id},
        expect(DENIED, auditor=DONE, coordinator=DONE, admin=DONE),
    ),
    "audits:response_create": Row(
        expect(DENIED, secretary=OK, coordinator=OK, admin=OK), _response_kwargs,
        expect(DENIED, secretary=DONE, coordinator=DONE, admin=DONE), _response_data,
    ),
    "audits:measure_create": Row(
        BOARD_STAFF, lambda town: {"recommendation_pk": _recommendation(town).pk}, posted(BOARD_STAFF), _measure_data
    ),
    "audits:measure_detail": Row(LOGGED_IN, lambda town: {"pk": _measure(town).pk}),
    "audits:measure_history": Row(LOGGED_IN, lambda town: {"pk": _measure(town).pk}),
    "audits:measure_edit": Row(
        BOARD_STAFF, lambda town: {"pk": _measure(town).pk}, posted(BOARD_STAFF), _measure_data, _measure_status
    ),
    "audits:measure_verify": Row(
        POST_ONLY, lambda town: {"pk": _measure(town, status="done", evidence_note="Rutin antagen").pk},
        expect(DENIED, auditor=DONE, coordinator=DONE), state=_measure_status,
    ),
    "audits:followup_overview": Row(LOGGED_IN),
    "audits:file_download": Row(
        expect(OK, anonymous=LOGIN), lambda town: {"kind": "underlag", "pk": _measure_with_evidence(town).pk}
    ),
}
