"""Every URL in the URLconf, with every role and an anonymous visitor, against one table.

The table is the union of each app's `tests/permission_matrix.py` ROWS. A URL without a
row fails `test_every_url_has_a_row`, and one that accepts POST without a post table fails
`test_every_url_that_accepts_post_has_a_post_table`, so a new view cannot ship without
saying who may open it and who may post to it. Every POST is made as every role on fresh
records; a refused one must leave every table as it was."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.tests.permission_matrix import ANONYMOUS, BOARD_ADMIN, DONE, FORM_ERROR, LOGIN, NOT_ALLOWED, REFUSED, ROLES
from organizations.models import Membership


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


def _log_in(client, request, town, role) -> None:
    if role == BOARD_ADMIN:
        client.force_login(request.getfixturevalue("board_admin"))
    elif role != ANONYMOUS:
        client.force_login(town.users[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission(client, request, town, url_name, role):
    row = MATRIX[url_name]
    _log_in(client, request, town, role)
    url = reverse(url_name, kwargs=row.kwargs(town))
    with override_settings(**row.settings):
        response = client.get(url)
    expected = row.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login")), (
            f"{role} on {url}: expected the login page, got {response.status_code}"
        )
    else:
        assert response.status_code == expected, f"{role} on {url}: expected {expected}, got {response.status_code}"


POST_ROWS = {name: row for name, row in MATRIX.items() if row.post is not None}


def _accepts_post(client, town, url) -> bool:
    """Whether the view takes POST at all: the method check comes before the login check
    in some views and after it in others, so ask both as a visitor and as a user."""
    client.logout()
    as_visitor = client.post(url).status_code
    client.force_login(town.users[Membership.Role.COORDINATOR])
    as_user = client.post(url).status_code
    client.logout()
    return NOT_ALLOWED not in (as_visitor, as_user)


def test_every_url_that_accepts_post_has_a_post_table(client, town):
    missing, needless = [], []
    for name, row in sorted(MATRIX.items()):
        with override_settings(**row.settings):
            accepts = _accepts_post(client, town, reverse(name, kwargs=row.kwargs(town)))
        if accepts and row.post is None:
            missing.append(name)
        if not accepts and row.post is not None:
            needless.append(name)
    assert missing == [], f"URLs that accept POST without a post table in a permission_matrix.py: {missing}"
    assert needless == [], f"Post tables for URLs that refuse POST: {needless}"


# A session row is written on every login: it is the visit, not a change to the data.
UNWATCHED_TABLES = {"django_session"}


def _row_counts() -> dict[str, int]:
    """Rows in every table: a refused write adds none, and an in-place change to a tracked
    record adds a history row, so this catches both. One query."""
    tables = sorted(set(connection.introspection.table_names()) - UNWATCHED_TABLES)
    counts = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM \"{table}\"" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(counts)
        return dict(cursor.fetchall())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(POST_ROWS))
def test_post_permission(client, request, town, url_name, role):
    row = POST_ROWS[url_name]
    _log_in(client, request, town, role)
    kwargs = row.kwargs(town)
    url = reverse(url_name, kwargs=kwargs)
    data = row.data(town, kwargs)
    expected = row.post[role]
    before = (_row_counts(), row.state(town, kwargs) if row.state else None)

    with override_settings(**row.settings):
        response = client.post(url, data)

    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login")), (
            f"{role} posting to {url}: expected the login page, got {response.status_code}"
        )
    elif expected == FORM_ERROR:
        assert response.status_code == 200, (
            f"{role} posting to {url}: expected the form again, got {response.status_code}"
        )
    else:
        assert response.status_code == expected, (
            f"{role} posting to {url}: expected {expected}, got {response.status_code}"
        )
    after = (_row_counts(), row.state(town, kwargs) if row.state else None)
    if expected in REFUSED:
        assert after == before, f"{role} posting to {url} was refused ({expected}) but changed the data"
    elif expected == DONE and row.writes:
        assert after != before, f"{role} posting to {url} was redirected but nothing was saved"
