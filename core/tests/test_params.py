import re
from urllib.parse import urlencode

import pytest
from django import forms
from django.http import Http404, QueryDict
from django.urls import URLResolver, get_resolver

from core.params import MAX_ID, int_param
from organizations.models import Membership, Organization
from organizations.tests.factories import OrganizationFactory

Role = Membership.Role
TOO_LARGE = "9" * 25


@pytest.mark.parametrize(("query", "expected"), [("id=42", 42), ("id=", None), ("", None), ("id=%2042%20", 42),
                                                   (f"id={MAX_ID}", MAX_ID)])
def test_a_whole_number_or_nothing_is_read(query, expected):
    assert int_param(QueryDict(query), "id") == expected


@pytest.mark.parametrize("value", [TOO_LARGE, str(MAX_ID + 1), "0", "-1", "abc", "4.2", "²", "١٢", "1e3", "9" * 5000])
def test_a_malformed_or_impossible_id_is_not_found(value):
    with pytest.raises(Http404):
        int_param(QueryDict(urlencode({"id": value})), "id")


def test_the_range_is_the_callers():
    assert int_param(QueryDict("v=0"), "v", min_value=0) == 0
    with pytest.raises(Http404):
        int_param(QueryDict("v=11"), "v", max_value=10)


@pytest.mark.parametrize("value", [TOO_LARGE, str(MAX_ID + 1)])
def test_a_posted_id_no_column_holds_is_a_form_error_in_a_multiple_choice(db, value):
    organization = OrganizationFactory()
    field = forms.ModelMultipleChoiceField(Organization.objects.all())

    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(organization.pk), value])

    assert refused.value.code == "invalid_choice"
    assert list(field.clean([str(organization.pk)])) == [organization]


def _int_routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _int_routes(pattern, prefix + str(pattern.pattern))
        elif "<int:" in str(pattern.pattern):
            yield prefix + str(pattern.pattern)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.AUDITOR])
def test_an_id_no_column_holds_in_any_address_is_never_a_server_error(client, town, role):
    client.force_login(town.users[role])
    client.raise_request_exception = False
    failed = []
    for route in _int_routes(get_resolver()):
        path = "/" + re.sub(r"<str:\w+>", "x", re.sub(r"<int:\w+>", TOO_LARGE, route))
        for method in (client.get, client.post):
            if method(path).status_code >= 500:
                failed.append((method.__name__, path))

    assert failed == []
