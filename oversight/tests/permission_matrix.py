"""This app's rows in the permission matrix (tests/test_permission_matrix.py).

KS officials, auditors, politicians, the coordinator and a municipal administrator read
the self-assessment; only the coordinator and KS link the auditors' questions to checks."""

from audits.tests.factories import AuditFactory, AuditQuestionFactory
from core.tests.permission_matrix import DENIED, NOT_ALLOWED, OK, Row, expect

READERS = expect(DENIED, coordinator=OK, ks_official=OK, auditor=OK, politician=OK, admin=OK)
LINK_POST = expect(DENIED, coordinator=302, ks_official=302)


def _link_data(town, kwargs):
    question = AuditQuestionFactory(audit=AuditFactory(municipality=town.municipality))
    return {"question": question.pk, "check_key": "roles"}


ROWS = {
    "oversight:page": Row(READERS),
    "oversight:question_link": Row(expect(NOT_ALLOWED, anonymous=NOT_ALLOWED), post=LINK_POST, data=_link_data),
}
