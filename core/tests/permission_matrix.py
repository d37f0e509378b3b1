"""The vocabulary of the permission matrix, and the core app's rows.

Each app lists its URLs in `<app>/tests/permission_matrix.py` as ROWS: URL name → Row.
A Row says what every role (and an anonymous visitor) gets on GET: OK (200), LOGIN
(redirect to the login page), DENIED (403), or another status code. The matrix test walks
the URLconf and fails for any URL without a row, so a new view cannot go unchecked."""

from dataclasses import dataclass, field
from typing import Callable

from organizations.models import Membership

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Membership.Role.values]
OK, LOGIN, DENIED, NOT_ALLOWED = 200, "login", 403, 405


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


@dataclass
class Row:
    expected: dict
    kwargs: Callable = field(default=lambda town: {})


ROWS = {
    "core:home": Row(PUBLIC),
    "core:dashboard": Row(LOGGED_IN),
    "login": Row(expect(OK, anonymous=OK, **{role: 302 for role in Membership.Role.values})),
    "logout": Row(POST_ONLY),
    "set_language": Row(expect(302, anonymous=302)),
    "password_change": Row(LOGGED_IN),
    "password_change_done": Row(LOGGED_IN),
    "password_reset": Row(PUBLIC),
    "password_reset_done": Row(PUBLIC),
    "password_reset_confirm": Row(PUBLIC, lambda town: {"uidb64": "MQ", "token": "ogiltig-token"}),
    "password_reset_complete": Row(PUBLIC),
}
