"""This app's rows in the permission matrix (tests/test_permission_matrix.py).

KS officials, auditors, politicians, the coordinator and a municipal administrator read
the self-assessment and its frozen versions; only the coordinator and KS link the auditors'
questions to checks, and only KS freezes the page."""

from audits.tests.factories import AuditFactory, AuditQuestionFactory
from core.tests.permission_matrix import DENIED, DONE, NOT_ALLOWED, OK, Row, expect
from oversight.snapshots import snapshot_freeze
from steering.tests.factories import ProgramFactory

READERS = expect(DENIED, coordinator=OK, ks_official=OK, auditor=OK, politician=OK, admin=OK)
LINK_POST = expect(DENIED, coordinator=302, ks_official=302)
FREEZE_POST = expect(DENIED, ks_official=DONE)


def _link_data(town, kwargs):
    question = AuditQuestionFactory(audit=AuditFactory(municipality=town.municipality))
    return {"question": question.pk, "check_key": "roles"}


def _freeze_data(town, kwargs):
    return {"program": ProgramFactory(municipality=town.municipality).pk}


def _snapshot_kwargs(town):
    return {"pk": snapshot_freeze(program=ProgramFactory(municipality=town.municipality), by=None).pk}


ROWS = {
    "oversight:page": Row(READERS),
    "oversight:question_link": Row(expect(NOT_ALLOWED, anonymous=NOT_ALLOWED), post=LINK_POST, data=_link_data),
    "oversight:snapshot_freeze": Row(expect(NOT_ALLOWED, anonymous=NOT_ALLOWED), post=FREEZE_POST,
                                     data=_freeze_data),
    "oversight:snapshot_compare": Row(READERS),
    "oversight:snapshot_detail": Row(READERS, _snapshot_kwargs),
    "oversight:snapshot_pdf": Row(READERS, _snapshot_kwargs),
    "oversight:snapshot_docx": Row(READERS, _snapshot_kwargs),
}
