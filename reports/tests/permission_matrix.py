"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

ROWS = {}

# --- rep-dispatch: decisions, dispatch and publication ---------------------------------
from reports.tests.permission_matrix_dispatch import ROWS as DISPATCH_ROWS  # noqa: E402

ROWS.update(DISPATCH_ROWS)
# --- end rep-dispatch ---------------------------------------------------------------------
