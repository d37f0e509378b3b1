from django.urls import reverse

from core.reversing import choice_labels, pk_url
from organizations.models import Organization


def test_a_link_formatted_from_one_reverse_is_the_link_reverse_gives():
    url = pk_url("organizations:organization_detail")
    for pk in (1, 42, 987654321, 2**40):
        assert url(pk) == reverse("organizations:organization_detail", kwargs={"pk": pk})


def test_choice_labels_are_the_translated_labels():
    assert choice_labels(Organization.Kind)[Organization.Kind.BOARD] == "Nämnd"


def test_a_link_of_another_kind_too():
    url = pk_url("audits:measure_detail")
    assert url(7) == reverse("audits:measure_detail", kwargs={"pk": 7})
