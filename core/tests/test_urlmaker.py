from django.urls import reverse

from core.urlmaker import url_for_pk


def test_gives_what_reverse_gives_for_every_id():
    url = url_for_pk("audits:measure_detail")
    for pk in (1, 7, 987654, 2**40):
        assert url(pk) == reverse("audits:measure_detail", kwargs={"pk": pk})
