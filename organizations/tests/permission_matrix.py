"""This app's rows in the permission matrix (tests/test_permission_matrix.py): for each
URL name, how to build its arguments and what each role gets on GET."""

from core.tests.permission_matrix import ADMIN_ONLY, LOGGED_IN, Row

ROWS = {
    "organizations:organization_list": Row(LOGGED_IN),
    "organizations:organization_create": Row(ADMIN_ONLY),
    "organizations:organization_detail": Row(LOGGED_IN, lambda town: {"pk": town.board.pk}),
    "organizations:organization_history": Row(LOGGED_IN, lambda town: {"pk": town.board.pk}),
    "organizations:organization_edit": Row(ADMIN_ONLY, lambda town: {"pk": town.board.pk}),
    "organizations:organization_delete": Row(ADMIN_ONLY, lambda town: {"pk": town.board.pk}),
    "organizations:membership_create": Row(ADMIN_ONLY, lambda town: {"pk": town.board.pk}),
    "organizations:membership_delete": Row(
        ADMIN_ONLY,
        lambda town: {"pk": town.board.pk, "membership_pk": town.board.memberships.first().pk},
    ),
}
