from django.urls import reverse

from core.reversing import choice_labels, pk_url, text_key_url
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


def test_a_link_by_another_key_among_fixed_ones_is_the_link_reverse_gives():
    url = pk_url("followup:answer_save", key="question_pk", pk=12)
    for pk in (1, 42, 987654321):
        assert url(pk) == reverse("followup:answer_save", kwargs={"pk": 12, "question_pk": pk})


def test_a_link_by_a_text_key_is_the_link_reverse_gives_quoted_alike():
    url = text_key_url("kpis:kpi_detail", "kpi_id")
    for key in ("N00001", "L-bo_1", "å ä?#%", "a:b@c~d"):
        assert url(key) == reverse("kpis:kpi_detail", kwargs={"kpi_id": key})
