from urllib.parse import urlencode

import pytest
from django import forms
from django.http import Http404, QueryDict

from core.params import MAX_ID, int_param
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

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
