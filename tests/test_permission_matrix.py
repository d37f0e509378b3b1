"""Every URL in the URLconf, with every role and an anonymous visitor, against one table.

The table is the union of each app's `tests/permission_matrix.py` ROWS. A URL without a
row fails `test_every_url_has_a_row`, so a new view cannot ship without saying who may
open it."""

import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.tests.permission_matrix import ANONYMOUS, LOGIN, ROLES


def _url_names(patterns=None, namespace=None) -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _matrix() -> dict:
    rows = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.permission_matrix")
        except ModuleNotFoundError:
            continue
        rows.update(module.ROWS)
    return rows


MATRIX = _matrix()


def test_every_url_has_a_row():
    missing = sorted(_url_names() - MATRIX.keys())
    assert missing == [], f"URLs without a row in a permission_matrix.py: {missing}"


def test_every_row_names_a_real_url():
    assert sorted(MATRIX.keys() - _url_names()) == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission(client, town, url_name, role):
    row = MATRIX[url_name]
    if role != ANONYMOUS:
        client.force_login(town.users[role])
    url = reverse(url_name, kwargs=row.kwargs(town))
    response = client.get(url)
    expected = row.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login")), (
            f"{role} on {url}: expected the login page, got {response.status_code}"
        )
    else:
        assert response.status_code == expected, f"{role} on {url}: expected {expected}, got {response.status_code}"
