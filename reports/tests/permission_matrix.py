"""This app's rows in the permission matrix (tests/test_permission_matrix.py)."""

ROWS = {}
