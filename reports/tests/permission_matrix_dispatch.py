"""The permission matrix rows for decisions, dispatch, acknowledgement and the public
pages (merged into reports/tests/permission_matrix.py's ROWS)."""

from django.utils import timezone

from core.tests.permission_matrix import (
    DENIED, FORM_ERROR, NOT_FOUND, OK, POST_ONLY, PUBLIC, Row, expect, posted,
)
from followup.tests.factories import CycleOrganizationFactory
from reports.models import Decision
from reports.tests.factories_dispatch import ApprovedVersionFactory, DecisionFactory, DispatchFactory
from steering.tests.factories import ProgramFactory

DECISION_RECORDERS = expect(DENIED, secretary=OK, coordinator=OK, admin=OK)
DISPATCH_READERS = expect(DENIED, coordinator=OK, ks_official=OK, admin=OK)
COORDINATOR_POSTS = expect(DENIED, coordinator=302, admin=302)
ACKNOWLEDGERS = expect(DENIED, secretary=OK, respondent=OK)


def _version(town, **extra):
    program = ProgramFactory(municipality=town.municipality, owner=town.board)
    return ApprovedVersionFactory(report__cycle__questionnaire__program=program, **extra)


def _version_kwargs(town):
    return {"pk": _version(town).pk}


def _filed_version_kwargs(town):
    version = _version(town)
    CycleOrganizationFactory(cycle=version.report.cycle, organization=town.other_board)
    DecisionFactory(report_version=version, organization=town.board)
    DecisionFactory(report_version=version, organization=town.executive, wording=Decision.Wording.FILES)
    return {"pk": version.pk}


def _decision_data(town, kwargs):
    return {"organization": town.board.pk, "meeting_date": "2026-05-04", "paragraph": "§ 55",
            "wording": Decision.Wording.NOTES, "registry_number": "", "text": ""}


def _dispatch_kwargs(town):
    return {"pk": DispatchFactory(version=_version(town), organization=town.board).pk}


def _published_kwargs(town):
    return {"pk": _version(town, published_at=timezone.now()).pk}


ROWS = {
    "reports:decision_create": Row(DECISION_RECORDERS, _version_kwargs, post=posted(DECISION_RECORDERS),
                                   data=_decision_data),
    "reports:dispatch_status": Row(DISPATCH_READERS, _version_kwargs),
    "reports:dispatch_send": Row(POST_ONLY, _filed_version_kwargs, post=COORDINATOR_POSTS),
    # The done page is shown in place (the person may have no page to go on to).
    "reports:dispatch_acknowledge": Row(ACKNOWLEDGERS, _dispatch_kwargs, post=ACKNOWLEDGERS,
                                        data=lambda town, kwargs: {"other": "Tas upp i nämnden."}),
    # A link that does not work gets a page saying so, whoever opens or posts to it.
    "reports:acknowledge_link": Row(PUBLIC, lambda town: {"token": "ogiltig"}, post=posted(PUBLIC, FORM_ERROR),
                                    data=lambda town, kwargs: {"name": "Eva", "other": "x"}),
    "reports:version_publish": Row(POST_ONLY, _version_kwargs, post=COORDINATOR_POSTS),
    "public:report_list": Row(PUBLIC),
    "public:report_detail": Row(PUBLIC, _published_kwargs),
    # No PDF has been built for it.
    "public:report_pdf": Row(expect(NOT_FOUND, anonymous=NOT_FOUND), _published_kwargs),
}
