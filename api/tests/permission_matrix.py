"""This app's rows in the permission matrix: every API URL, the documentation and the
token page, who may open them and who may post to them. The API answers a caller
without a session or token with 401 (and a WWW-Authenticate header), not the login page;
a respondent sees only the follow-up cycles they answer in."""

from api.models import ApiToken
from api.services import api_token_create
from api.tests.factories import api_records
from core.tests.permission_matrix import (
    DENIED, DONE, FORM_ERROR, LOGGED_IN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, PUBLIC, Row, expect, posted,
)

UNAUTHENTICATED = 401
CREATED = 201
API_READ = expect(OK, anonymous=UNAUTHENTICATED)
# The cycle's organisations are the board (whose respondent answers) and another board.
CYCLE_READERS = expect(NOT_FOUND, anonymous=UNAUTHENTICATED, coordinator=OK, admin=OK, ks_official=OK,
                       respondent=OK)
POST_ONLY_API = expect(NOT_ALLOWED, anonymous=UNAUTHENTICATED)
# The indicator's goal is the board's: its respondents, secretary and administrator enter values.
VALUE_WRITERS = expect(DENIED, anonymous=UNAUTHENTICATED, coordinator=CREATED, admin=CREATED, respondent=CREATED,
                       secretary=CREATED, board_admin=CREATED)


def _pk(attribute):
    return lambda town: {"pk": getattr(api_records(town), attribute).pk}


def _value_data(town, kwargs):
    return {"year": 2024, "gender": "T", "value": "47.5"}


def _respondents_token(town):
    token = api_token_create(user=town.users["respondent"], name="Power BI").token
    return {"pk": token.pk}


def _token_state(town, kwargs):
    return ApiToken.objects.get(pk=kwargs["pk"]).revoked_at


def _kpi(town):
    return {"pk": api_records(town).kpi.pk}


ROWS = {
    "api:organization-list": Row(API_READ),
    "api:organization-detail": Row(API_READ, lambda town: {"pk": town.board.pk}),
    "api:program-list": Row(API_READ),
    "api:program-detail": Row(API_READ, _pk("program")),
    "api:goal-list": Row(API_READ),
    "api:goal-detail": Row(API_READ, _pk("goal")),
    "api:indicator-list": Row(API_READ),
    "api:indicator-detail": Row(API_READ, _pk("indicator")),
    "api:indicator-values": Row(POST_ONLY_API, _pk("indicator"), post=VALUE_WRITERS, data=_value_data),
    "api:action-plan-list": Row(API_READ),
    "api:action-plan-detail": Row(API_READ, _pk("action_plan")),
    "api:action-plan-activities": Row(API_READ, _pk("action_plan")),
    "api:cycle-list": Row(API_READ),
    "api:cycle-detail": Row(CYCLE_READERS, _pk("cycle")),
    "api:cycle-organizations": Row(CYCLE_READERS, _pk("cycle")),
    "api:kpi-list": Row(API_READ),
    "api:kpi-detail": Row(API_READ, _kpi),
    "api:kpi-comparison": Row(API_READ, _kpi),
    "api:kpi-value-list": Row(API_READ, lambda town: {"kpi_id": api_records(town).kpi.pk}),
    "api:audit-list": Row(API_READ),
    "api:audit-detail": Row(API_READ, _pk("audit")),
    "api:measure-list": Row(API_READ),
    "api:measure-detail": Row(API_READ, _pk("measure")),
    "api:schema": Row(PUBLIC),
    "api:docs": Row(PUBLIC),
    "api:token_list": Row(LOGGED_IN, post=posted(LOGGED_IN, FORM_ERROR)),
    "api:token_revoke": Row(
        expect(NOT_ALLOWED, anonymous=NOT_ALLOWED), _respondents_token,
        post=expect(NOT_FOUND, respondent=DONE, anonymous=LOGIN), state=_token_state,
    ),
}
