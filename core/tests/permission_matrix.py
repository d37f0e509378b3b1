"""The vocabulary of the permission matrix, and the core app's rows.

Each app lists its URLs in `<app>/tests/permission_matrix.py` as ROWS: URL name → Row.
A Row says what every role (and an anonymous visitor) gets on GET: OK (200), LOGIN
(redirect to the login page), DENIED (403), or another status code. A URL that accepts
POST says in `post` what every role gets on POST with `data(town, kwargs)`: DONE (302 after
the write), FORM_ERROR (200, the form again with its errors), DENIED, LOGIN or another
status. The matrix test walks the URLconf and fails for any URL without a row, or that
accepts POST without a post table, so a new view cannot go unchecked. A refused POST must
change nothing: the test compares the row counts of every table, and `state(town, kwargs)`
for what a refused write could change in place without a history row; a DONE post must
have changed one of them, unless the row says it does not write."""

from dataclasses import dataclass, field
from typing import Callable

from organizations.models import Membership

ANONYMOUS = "anonymous"
# The test town's administrator sits in the executive board and so administers the whole
# municipality; BOARD_ADMIN administers one board only (the `board_admin` fixture), so that
# every page also shows that an administrator's reach ends where their board's does.
BOARD_ADMIN = "board_admin"
ROLES = [ANONYMOUS, *Membership.Role.values, BOARD_ADMIN]
OK, LOGIN, DENIED, NOT_ALLOWED, NOT_FOUND = 200, "login", 403, 405, 404
DONE = 302
FORM_ERROR = "form error"
# What a refused POST gets: each of these must leave the database as it was.
REFUSED = {LOGIN, DENIED, NOT_ALLOWED, NOT_FOUND, FORM_ERROR}


def expect(default, **per_role) -> dict:
    """Every role gets `default` except those named; an anonymous visitor is sent to log in
    unless named too."""
    table = {role: default for role in ROLES}
    table[ANONYMOUS] = LOGIN
    table.update(per_role)
    return table


PUBLIC = expect(OK, anonymous=OK)
LOGGED_IN = expect(OK)
ADMIN_ONLY = expect(DENIED, admin=OK)
COORDINATOR_AND_ADMIN = expect(DENIED, coordinator=OK, admin=OK)
POST_ONLY = {role: NOT_ALLOWED for role in ROLES}


def posted(get_table: dict, ok=DONE, **per_role) -> dict:
    """The POST table that follows from a GET table: whoever opens the form (OK) gets `ok`
    on posting it, everyone else what they got on GET, except those named."""
    table = {role: ok if status == OK else status for role, status in get_table.items()}
    table.update(per_role)
    return table


def _no_data(town, kwargs) -> dict:
    return {}


@dataclass
class Row:
    expected: dict
    kwargs: Callable = field(default=lambda town: {})
    post: dict | None = None
    data: Callable = _no_data
    state: Callable | None = None
    # Whether a DONE post writes: the test then checks that it did, so that a redirect after
    # a refusal shown as a message does not pass for a success.
    writes: bool = True
    # Settings the URL is checked under, for a feature a deployment turns on (single sign-on).
    settings: dict = field(default_factory=dict)


SSO_CONFIGURED = {
    "OIDC_RP_CLIENT_ID": "uppsikt-matrix",
    "OIDC_RP_CLIENT_SECRET": "matrix-secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "http://127.0.0.1:9/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "http://127.0.0.1:9/token",
    "OIDC_OP_JWKS_ENDPOINT": "http://127.0.0.1:9/jwks",
}

# A logged-in user posting to the login page is sent on to the start page.
LOGIN_POST = {role: DONE for role in ROLES} | {ANONYMOUS: FORM_ERROR}

ROWS = {
    "core:home": Row(PUBLIC),
    "core:dashboard": Row(LOGGED_IN),
    "login": Row(expect(302, anonymous=OK), post=LOGIN_POST, writes=False),
    "logout": Row(POST_ONLY, post={role: DONE for role in ROLES}, writes=False),
    "set_language": Row(
        expect(302, anonymous=302), post={role: DONE for role in ROLES}, data=lambda town, kwargs: {"language": "sv"},
        writes=False,
    ),
    "password_change": Row(LOGGED_IN, post=posted(LOGGED_IN, FORM_ERROR)),
    "password_change_done": Row(LOGGED_IN),
    "password_reset": Row(PUBLIC, post=posted(PUBLIC, FORM_ERROR)),
    "password_reset_done": Row(PUBLIC),
    # An invalid link shows a page saying so, to every role, whatever is posted.
    "password_reset_confirm": Row(
        PUBLIC, lambda town: {"uidb64": "MQ", "token": "ogiltig-token"}, post=posted(PUBLIC, FORM_ERROR)
    ),
    "password_reset_complete": Row(PUBLIC),
    # Single sign-on, configured with a provider that is never reached: starting a login only
    # sends the browser to the provider, whoever asks.
    "sso_login": Row(expect(302, anonymous=302), settings=SSO_CONFIGURED),
    # An answer from the provider that this browser's session did not ask for (here: none at
    # all) is refused before the provider is asked, back on the login page.
    "sso_callback": Row(expect(LOGIN), settings=SSO_CONFIGURED),
}
