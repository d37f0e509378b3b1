import datetime

import pytest
from django.core.exceptions import ValidationError

from audits import services
from audits.models import Audit, AuditResponse, ImportDraft, Measure
from audits.models.response import VERIFIED_NEEDS_EVIDENCE
from audits.tests.factories import (
    AuditFactory,
    AuditResponseFactory,
    ImportDraftFactory,
    MeasureFactory,
    RecommendationFactory,
)
from audits.tests.samples import seed
from notifications.models import OutboxMessage
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory

Role = Membership.Role


def _create(town, **overrides):
    arguments = {
        "municipality": town.municipality,
        "data": {"title": "Integration och etablering", "auditor": "PwC", "commissioned_by": "Stadsrevisionen",
                 "date": datetime.date(2021, 1, 18), "scope": "", "response_by": datetime.date(2021, 5, 31)},
        "questions": [{"number": 1, "text": "Finns en strategi?", "assessment": "partly", "comment": "Delvis."}],
        "overall_assessments": [{"organization": None, "assessment": "partly", "text": "Delvis ändamålsenligt."}],
        "recommendations": [
            {"organization": town.executive, "text": "Tydliggör rollerna.", "area": ""},
            {"organization": town.board, "text": "Följ upp årligen.", "area": "Arbete"},
        ],
        "response_from": [town.executive, town.board],
    }
    arguments.update(overrides)
    return services.audit_create(**arguments)


def test_an_audit_is_saved_with_its_questions_assessments_and_numbered_recommendations(town):
    audit = _create(town)

    assert audit.questions.get().assessment == "partly"
    assert audit.overall_assessments.get().organization is None
    assert [(r.number, r.organization) for r in audit.recommendations.all()] == [(1, town.executive), (2, town.board)]
    assert set(audit.response_from.all()) == {town.executive, town.board}


def test_an_audit_with_nothing_in_it_is_refused_and_nothing_is_saved(town):
    with pytest.raises(ValidationError) as raised:
        _create(town, questions=[], overall_assessments=[], recommendations=[])

    assert raised.value.messages == [str(services.EMPTY_AUDIT)]
    assert not Audit.objects.exists()


def test_a_bad_row_saves_none_of_the_audit(town):
    with pytest.raises(ValidationError):
        _create(town, questions=[{"number": 1, "text": "A?", "assessment": "partly", "comment": ""},
                                 {"number": 1, "text": "B?", "assessment": "no", "comment": ""}])

    assert not Audit.objects.exists()


def test_response_requests_go_to_the_secretaries_or_the_registry_once(town, django_capture_on_commit_callbacks):
    audit = _create(town)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.audit_request_responses(audit=audit)
        again = services.audit_request_responses(audit=audit)

    messages = OutboxMessage.objects.order_by("recipient")
    # The board has a secretary; the executive board has none, so its registry is asked.
    assert sorted(m.recipient for m in messages) == sorted(
        [town.users[Role.SECRETARY].email, town.executive.registry_email]
    )
    assert (queued, again) == (2, 0)
    request = messages.get(recipient=town.users[Role.SECRETARY].email)
    assert "Integration och etablering" in request.subject
    assert "31 maj 2021" in request.body and "Arbetslivsnämnden" in request.body
    assert request.status == OutboxMessage.Status.SENT


def test_a_moved_deadline_sends_a_new_request(town):
    audit = _create(town)
    services.audit_request_responses(audit=audit)
    audit.response_by = datetime.date(2021, 6, 30)
    audit.save()

    assert services.audit_request_responses(audit=audit) == 2


def test_a_secretary_records_the_boards_answer_per_recommendation(town):
    audit = _create(town)
    recommendation = audit.recommendations.get(organization=town.board)

    response = services.audit_response_record(
        audit=audit, organization=town.board,
        data={"decision": "endorses", "meeting_date": datetime.date(2021, 3, 24), "paragraph": "§ 39",
              "registry_number": "FN 2021-00019", "minutes_file": None},
        answers={recommendation.pk: "Nämnden tillstyrker."}, by=town.users[Role.SECRETARY],
    )

    assert response.answers.get().text == "Nämnden tillstyrker."
    assert response.recorded_by == town.users[Role.SECRETARY]


def test_a_response_from_an_organisation_that_was_not_addressed_is_refused(town):
    audit = _create(town)

    with pytest.raises(ValidationError) as raised:
        services.audit_response_record(
            audit=audit, organization=town.other_board,
            data={"decision": "endorses", "meeting_date": datetime.date(2021, 3, 24), "paragraph": "§ 1",
                  "registry_number": "", "minutes_file": None},
            answers={},
        )

    assert raised.value.messages == [str(services.NOT_ADDRESSED % {"organization": "Förskolenämnden"})]
    assert not AuditResponse.objects.exists()


def test_a_second_response_from_the_same_board_is_refused(town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    AuditResponseFactory(audit=recommendation.audit, organization=town.board)

    with pytest.raises(ValidationError, match="redan svarat"):
        services.audit_response_record(
            audit=recommendation.audit, organization=town.board,
            data={"decision": "rejects", "meeting_date": datetime.date(2021, 3, 24), "paragraph": "§ 2",
                  "registry_number": "", "minutes_file": None},
            answers={},
        )
    assert AuditResponse.objects.get().decision == "endorses"


def test_a_measure_goes_from_planned_to_done_with_evidence_to_verified(town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    measure = services.measure_create(
        recommendation=recommendation,
        data={"description": "Ta fram en rutin.", "owner": town.board, "due_date": datetime.date(2030, 6, 1),
              "evidence_note": "", "evidence_file": None},
    )
    services.measure_update(measure=measure, data={"status": "done", "evidence_note": "Rutinen antogs § 12."},
                            seen_version=measure.version)
    services.measure_verify(measure=measure, by=town.users[Role.AUDITOR])

    measure.refresh_from_db()
    assert measure.status == Measure.Status.VERIFIED
    assert measure.verified_by == town.users[Role.AUDITOR] and measure.verified_at


def test_a_measure_cannot_be_marked_done_without_evidence(town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality)

    with pytest.raises(ValidationError) as raised:
        services.measure_update(measure=measure, data={"status": "done"}, seen_version=measure.version)

    assert raised.value.message_dict == {"evidence_note": [str(VERIFIED_NEEDS_EVIDENCE)]}
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED and measure.version == 1


def test_closing_a_measure_without_evidence_is_refused(town):
    # A measure marked done before evidence was required in the model, e.g. through the admin.
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality)
    Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.DONE)
    measure.refresh_from_db()

    with pytest.raises(ValidationError) as raised:
        services.measure_verify(measure=measure, by=town.users[Role.COORDINATOR])

    assert raised.value.messages == [str(VERIFIED_NEEDS_EVIDENCE)]
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DONE and measure.verified_at is None


def test_only_a_done_measure_can_be_verified(town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, evidence_note="Underlag")

    with pytest.raises(ValidationError) as raised:
        services.measure_verify(measure=measure, by=town.users[Role.COORDINATOR])

    assert raised.value.messages == [str(services.NOT_DONE)]
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED


def test_a_verified_measure_cannot_be_edited(town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, evidence_note="Underlag",
                             status=Measure.Status.DONE)
    services.measure_verify(measure=measure, by=town.users[Role.COORDINATOR])

    with pytest.raises(ValidationError) as raised:
        services.measure_update(measure=measure, data={"description": "Annat"}, seen_version=measure.version)

    assert raised.value.messages == [str(services.ALREADY_VERIFIED)]
    measure.refresh_from_db()
    assert measure.description != "Annat"


def test_no_secretary_and_no_registry_is_a_clear_error(town):
    town.executive.registry_email = ""
    town.executive.save()
    audit = AuditFactory(municipality=town.municipality)
    audit.response_from.set([town.executive])

    with pytest.raises(ValidationError) as raised:
        services.audit_request_responses(audit=audit)

    assert raised.value.messages == [str(services.NO_RECIPIENTS)]
    assert not OutboxMessage.objects.exists()


def test_another_board_secretary_is_not_asked(town):
    other_secretary = MembershipFactory(organization=town.other_board, role=Role.SECRETARY).user
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)

    services.audit_request_responses(audit=recommendation.audit)

    assert not OutboxMessage.objects.filter(recipient=other_secretary.email).exists()


def test_a_pending_draft_is_read_once_and_its_text_dropped(town):
    draft = ImportDraftFactory(municipality=town.municipality, source_text=seed("004"))

    read = services.import_draft_read(draft_id=draft.pk)

    assert read.status == ImportDraft.Status.READY and read.source_text == ""
    assert len(read.result["draft"]["recommendations"]) >= 4 and read.result["messages"] == []
    assert services.import_draft_read(draft_id=draft.pk) is None  # no longer pending


def test_a_boards_answer_read_as_a_report_fails_with_the_reason(town):
    draft = ImportDraftFactory(municipality=town.municipality, source_text=seed("001"))

    read = services.import_draft_read(draft_id=draft.pk)

    assert read.status == ImportDraft.Status.FAILED and read.error == services.IS_A_RESPONSE
    assert read.result is None and read.source_text == ""


def test_a_reading_that_breaks_fails_the_draft_instead_of_leaving_it_pending(town, monkeypatch):
    draft = ImportDraftFactory(municipality=town.municipality)
    monkeypatch.setattr("audits.importer.parse_audit", lambda **kwargs: 1 / 0)

    read = services.import_draft_read(draft_id=draft.pk)

    assert read.status == ImportDraft.Status.FAILED and read.error == services.READING_FAILED


def test_a_text_over_the_limit_is_refused_and_no_draft_kept(town, monkeypatch):
    monkeypatch.setattr("audits.importer.text.MAX_TEXT_CHARS", 10)

    with pytest.raises(ValidationError) as refused:
        services.import_draft_start(municipality=town.municipality, text="x" * 11, filename="a.txt",
                                    by=town.users[Role.AUDITOR])

    assert refused.value.messages == ["Texten i filen är för lång: högst 10 tecken kan läsas in. "
                                      "Ladda upp den del av rapporten som innehåller granskningen."]
    assert not ImportDraft.objects.exists()
