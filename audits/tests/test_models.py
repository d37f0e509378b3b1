import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from audits.models import Measure
from audits.models.response import VERIFIED_NEEDS_EVIDENCE
from audits.tests.factories import AuditResponseFactory, MeasureFactory


def test_a_done_measure_without_evidence_is_invalid(town):
    measure = MeasureFactory.build(
        recommendation=MeasureFactory(recommendation__audit__municipality=town.municipality).recommendation,
        owner=town.board, status=Measure.Status.DONE,
    )

    with pytest.raises(ValidationError) as raised:
        measure.full_clean()

    assert raised.value.message_dict["evidence_note"] == [str(VERIFIED_NEEDS_EVIDENCE)]


def test_the_database_refuses_a_verified_measure_without_a_time(town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality)

    with pytest.raises(IntegrityError):
        Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.VERIFIED)


def test_the_database_refuses_two_responses_from_one_board(town):
    response = AuditResponseFactory(audit__municipality=town.municipality, organization=town.board)

    with pytest.raises(IntegrityError):
        AuditResponseFactory(audit=response.audit, organization=town.board)
