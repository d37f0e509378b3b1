"""Writing a measure's status and evidence through the API: the same permission,
history, optimistic locking and refusal of a verified measure as the measure's page."""

import pytest
from django.utils import timezone

from api.exceptions import NOT_ALLOWED
from api.tests.factories import api_records, bearer, token_for
from audits.models import Measure
from audits.services import ALREADY_VERIFIED
from audits.tests.factories import MeasureFactory, RecommendationFactory
from core.versioning import STALE_EDIT


def _patch(client, measure, user, data):
    return client.patch(f"/api/v1/measures/{measure.pk}/", data, content_type="application/json",
                        **bearer(token_for(user)))


def _state(measure):
    return Measure.objects.values().get(pk=measure.pk), Measure.history.filter(id=measure.pk).count()


def test_a_respondent_marks_their_boards_measure_done_with_evidence(client, town):
    measure = api_records(town).measure
    respondent = town.users["respondent"]
    response = _patch(client, measure, respondent,
                      {"status": "done", "evidence_note": "Protokoll § 12", "version": measure.version})
    assert response.status_code == 200, response.json()
    measure.refresh_from_db()
    assert (measure.status, measure.evidence_note, measure.version) == ("done", "Protokoll § 12", 2)
    assert measure.history.first().history_user == respondent


def test_a_respondents_token_is_refused_on_another_organisations_measure(client, town):
    api_records(town)
    other = MeasureFactory(recommendation=RecommendationFactory(audit__municipality=town.municipality,
                                                                organization=town.other_board))
    before = _state(other)
    response = _patch(client, other, town.users["respondent"], {"status": "in_progress", "version": other.version})
    assert response.status_code == 403
    assert response.json()["detail"] == str(NOT_ALLOWED)
    assert _state(other) == before


def test_a_verified_measure_is_refused_with_409_and_stays_as_it_was(client, town):
    measure = api_records(town).measure
    Measure.objects.filter(pk=measure.pk).update(status="verified", verified_at=timezone.now(),
                                                 evidence_note="Protokoll")
    before = _state(measure)
    response = _patch(client, measure, town.users["coordinator"], {"status": "in_progress", "version": 1})
    assert response.status_code == 409
    assert response.json()["detail"] == str(ALREADY_VERIFIED)
    assert _state(measure) == before


def test_an_edit_against_an_older_version_is_refused_with_409(client, town):
    measure = api_records(town).measure
    _patch(client, measure, town.users["coordinator"], {"evidence_note": "Första", "version": 1})
    before = _state(measure)
    response = _patch(client, measure, town.users["respondent"], {"evidence_note": "Andra", "version": 1})
    assert response.status_code == 409
    assert response.json()["detail"] == str(STALE_EDIT)
    assert _state(measure) == before


@pytest.mark.parametrize("status", ["verified", "klar"])
def test_verification_and_unknown_statuses_are_not_writable(client, town, status):
    measure = api_records(town).measure
    before = _state(measure)
    response = _patch(client, measure, town.users["coordinator"], {"status": status, "version": 1})
    assert response.status_code == 400 and "status" in response.json()
    assert _state(measure) == before


def test_a_measure_of_another_municipality_is_not_found(client, town):
    api_records(town)
    elsewhere = MeasureFactory()
    response = client.get(f"/api/v1/measures/{elsewhere.pk}/", **bearer(token_for(town.users["coordinator"])))
    assert response.status_code == 404
