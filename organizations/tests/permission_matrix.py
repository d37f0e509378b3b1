"""This app's rows in the permission matrix (tests/test_permission_matrix.py): for each
URL name, how to build its arguments, what each role gets on GET and on POST. The test
town's administrator administers the whole municipality; a board's own administrator is
tested in test_rules.py, and as the matrix's board_admin."""

from core.tests.permission_matrix import ADMIN_ONLY, LOGGED_IN, OK, Row, posted
from organizations.models import Organization

# The board's own administrator administers the test records too: the board is theirs.
BOARD_ADMINS = ADMIN_ONLY | {"board_admin": OK}
ADMIN_SAVES = posted(ADMIN_ONLY)
BOARD_ADMINS_SAVE = posted(BOARD_ADMINS)


def _edit_data(town, kwargs) -> dict:
    return {"name": "Arbetslivsnämnden", "short_name": "ALN", "kind": "board", "parent": town.council.pk,
            "seen_version": 1}


def _board_version(town, kwargs) -> tuple:
    return Organization.objects.filter(pk=town.board.pk).values_list("version", "active_to").get()


def _membership_kwargs(town) -> dict:
    membership = town.board.memberships.get(user=town.users["respondent"])
    return {"pk": town.board.pk, "membership_pk": membership.pk}


ROWS = {
    "organizations:organization_list": Row(LOGGED_IN),
    "organizations:organization_create": Row(
        BOARD_ADMINS, post=BOARD_ADMINS_SAVE,
        data=lambda town, kwargs: {"name": "Enheten för språk", "kind": "unit", "parent": town.administration.pk},
    ),
    "organizations:organization_detail": Row(LOGGED_IN, lambda town: {"pk": town.board.pk}),
    "organizations:organization_history": Row(LOGGED_IN, lambda town: {"pk": town.board.pk}),
    "organizations:organization_edit": Row(
        BOARD_ADMINS, lambda town: {"pk": town.board.pk}, BOARD_ADMINS_SAVE, _edit_data, _board_version
    ),
    # The board has people in it, so deleting it deactivates it: a write all the same.
    "organizations:organization_delete": Row(
        ADMIN_ONLY, lambda town: {"pk": town.board.pk}, ADMIN_SAVES, state=_board_version
    ),
    "organizations:membership_create": Row(
        BOARD_ADMINS, lambda town: {"pk": town.board.pk}, BOARD_ADMINS_SAVE,
        lambda town, kwargs: {"email": "ny@sjostad.example", "full_name": "Ny Person", "role": "respondent"},
    ),
    "organizations:membership_delete": Row(BOARD_ADMINS, _membership_kwargs, BOARD_ADMINS_SAVE),
}
