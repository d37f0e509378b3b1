import pytest

from audits.selectors import FollowUpStatus, organization_for_name, recommendation_status
from audits.tests.factories import AuditResponseFactory, MeasureFactory, RecommendationFactory
from organizations.models import Organization


@pytest.mark.parametrize(
    ("measure_statuses", "expected"),
    [
        ([], FollowUpStatus.ANSWERED),
        (["planned", "done"], FollowUpStatus.PLANNED),
        (["in_progress"], FollowUpStatus.PLANNED),
        (["done", "verified"], FollowUpStatus.DONE),
        (["verified", "verified"], FollowUpStatus.VERIFIED),
    ],
)
def test_an_answered_recommendation_takes_its_status_from_its_measures(town, measure_statuses, expected):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    AuditResponseFactory(audit=recommendation.audit, organization=town.board)
    for status in measure_statuses:
        MeasureFactory(recommendation=recommendation, status=status, evidence_note="x",
                       verified_at="2026-01-01T00:00Z" if status == "verified" else None)
    answered = {(recommendation.audit_id, town.board.pk)}

    assert recommendation_status(recommendation=recommendation, answered=answered) == expected


def test_without_the_boards_answer_a_recommendation_has_no_answer_whatever_its_measures(town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    MeasureFactory(recommendation=recommendation)

    assert recommendation_status(recommendation=recommendation, answered=set()) == FollowUpStatus.NO_ANSWER


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Arbetslivsnämnden", "Arbetslivsnämnden"), ("arbetslivsnämnden", "Arbetslivsnämnden"),
     ("Arbetslivsndmnden", "Arbetslivsnämnden"), ("Förskolenämnden", "Förskolenämnden"),
     ("Socialnämnden", None), (None, None)],
)
def test_a_name_from_a_report_is_matched_to_the_municipalitys_organisation(town, written, expected):
    organizations = list(Organization.objects.filter(municipality=town.municipality))

    found = organization_for_name(name=written, organizations=organizations)

    assert (found.name if found else None) == expected
