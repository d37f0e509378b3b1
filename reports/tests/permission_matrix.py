"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

from reports.tests.permission_matrix_building import ROWS as BUILDING_ROWS

ROWS = {**BUILDING_ROWS}
