import datetime
import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from audits import importer, services
from audits.importer import CORRUPT_PDF, ENCRYPTED_PDF, IMAGE_ONLY_PDF, NO_STRUCTURE_FOUND
from audits.models import Audit, AuditResponse, ImportDraft, Measure
from audits.models.draft import DRAFT_LIFETIME
from audits.services import IS_A_RESPONSE
from audits.tests.factories import (
    AuditFactory,
    AuditResponseFactory,
    ImportDraftFactory,
    MeasureFactory,
    RecommendationFactory,
)
from audits.tests.samples import pdf_bytes, seed
from audits.views.audits import SESSION_KEY
from core.tests.factories import UserFactory
from core.tests.files import ELF, docx_bytes
from core.uploads import OFFICE_BROKEN, PDF_BROKEN
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory, OrganizationFactory

Role = Membership.Role


@pytest.fixture
def auditor_client(client, town):
    client.force_login(town.users[Role.AUDITOR])
    return client


def _upload(client, name, content):
    # The reading is queued on commit; the test's transaction never commits, so run it here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("audits:audit_import"), {"report": SimpleUploadedFile(name, content)})


def _review_post(page_context, **changes) -> dict:
    """The review form posted back as the browser would send it, unchanged unless told."""
    data = {}
    for key in ("form", "questions", "overall", "recommendations"):
        form_or_set = page_context[key]
        forms = [form_or_set] if key == "form" else [form_or_set.management_form, *form_or_set.forms]
        for form in forms:
            for field in form:
                value = field.value()
                if isinstance(value, list):
                    data[field.html_name] = [str(v) for v in value]
                elif value is not None and value is not False:
                    data[field.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    data.update(changes)
    return data


def test_an_auditor_uploads_a_seed_report_corrects_the_draft_and_saves_it(auditor_client, town):
    town.executive.name = "Kommunstyrelsen"
    response = _upload(auditor_client, "rapport.txt", seed("000").encode())
    assert response.status_code == 302 and response.url == reverse("audits:audit_review")
    assert not Audit.objects.exists()

    page = auditor_client.get(response.url)
    content = page.content.decode()
    assert "Integration och etablering i Borås Stad" in content
    assert "Texten i rapporten" in content
    # Sjöstad is not Borås: the reviewer is warned.
    assert "Rapporten verkar gälla Borås" in content
    recommendations = page.context["recommendations"]
    assert recommendations.initial_form_count() == 7
    assert [f.initial["organization"] for f in recommendations.initial_forms].count(town.board) == 1

    data = _review_post(page.context, title="Integration och etablering (rättad)", response_by="2021-05-31")
    data["fragor-0-assessment"] = "partly"
    data["rekommendationer-6-DELETE"] = "on"
    saved = auditor_client.post(reverse("audits:audit_review"), data)

    audit = Audit.objects.get()
    assert saved.url == audit.get_absolute_url()
    assert audit.title == "Integration och etablering (rättad)"
    assert audit.date == datetime.date(2021, 1, 18) and audit.response_by == datetime.date(2021, 5, 31)
    assert audit.questions.count() == 7 and audit.questions.get(number=1).assessment == "partly"
    assert audit.recommendations.count() == 6
    assert audit.recommendations.filter(organization=town.board).count() == 1
    assert SESSION_KEY not in auditor_client.session and not ImportDraft.objects.exists()


def test_the_trollhattan_report_gives_four_recommendations_to_the_executive_board(auditor_client, town):
    _upload(auditor_client, "rapport.txt", seed("004").encode())
    page = auditor_client.get(reverse("audits:audit_review"))

    organizations = [f.initial["organization"] for f in page.context["recommendations"].initial_forms]
    assert len(organizations) >= 4 and organizations[:4] == [town.executive] * 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("krypterad.pdf", pdf_bytes("Granskning", password="hemligt"), ENCRYPTED_PDF),
        ("trasig.pdf", b"%PDF-1.4\nnot really a pdf", CORRUPT_PDF),
        ("skannad.pdf", pdf_bytes(None), IMAGE_ONLY_PDF),
    ],
)
def test_an_unreadable_pdf_is_explained_and_nothing_is_kept(auditor_client, name, content, message):
    response = _upload(auditor_client, name, content)

    assert response.status_code == 200
    assert str(message) in response.content.decode()
    assert SESSION_KEY not in auditor_client.session and not Audit.objects.exists()


def test_a_file_over_the_limit_is_refused(auditor_client, monkeypatch):
    monkeypatch.setattr("audits.forms.MAX_IMPORT_BYTES", 1024 * 1024)
    response = _upload(auditor_client, "stor.txt", b"a" * (1024 * 1024 + 1))

    assert "Filen är för stor. Den får vara högst 1 MB." in response.content.decode()
    assert SESSION_KEY not in auditor_client.session and not Audit.objects.exists()


def test_a_text_without_audit_structure_gives_an_empty_draft_with_a_message(auditor_client):
    _upload(auditor_client, "lista.txt", "Inköpslista\nMjölk\nBröd\n".encode())
    page = auditor_client.get(reverse("audits:audit_review"))

    assert NO_STRUCTURE_FOUND in page.content.decode()
    assert page.context["questions"].initial_form_count() == 0
    assert page.context["recommendations"].initial_form_count() == 0
    assert "Inga revisionsfrågor hittades." in page.content.decode()
    response = auditor_client.post(reverse("audits:audit_review"), _review_post(page.context, title="Något"))
    assert "Granskningen behöver minst en revisionsfråga" in response.content.decode()
    assert not Audit.objects.exists()


def test_a_boards_answer_uploaded_as_an_audit_is_recognised(auditor_client):
    _upload(auditor_client, "svar.txt", seed("001").encode())
    response = auditor_client.get(reverse("audits:audit_review"), follow=True)

    assert IS_A_RESPONSE in response.content.decode()
    assert SESSION_KEY not in auditor_client.session
    assert not ImportDraft.objects.exists() and not Audit.objects.exists()


def test_the_secretary_records_the_boards_answer(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.SECRETARY])
    url = reverse("audits:response_create", args=[recommendation.audit_id, town.board.pk])

    response = client.post(url, {
        "decision": "endorses", "meeting_date": "2021-03-24", "paragraph": "§ 39",
        "registry_number": "FN 2021-00019", f"answer_{recommendation.pk}": "Nämnden tillstyrker.",
    })

    assert response.status_code == 302
    saved = AuditResponse.objects.get()
    assert (saved.paragraph, saved.answers.get().text) == ("§ 39", "Nämnden tillstyrker.")


def test_a_response_for_an_organisation_not_addressed_shows_why_and_saves_nothing(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.COORDINATOR])
    url = reverse("audits:response_create", args=[recommendation.audit_id, town.other_board.pk])

    response = client.post(url, {"decision": "endorses", "meeting_date": "2021-03-24", "paragraph": "§ 1"})

    assert "Förskolenämnden har inte fått någon rekommendation" in response.content.decode()
    assert not AuditResponse.objects.exists()


def test_another_municipalitys_audit_is_not_found(auditor_client):
    other = AuditFactory()
    assert auditor_client.get(reverse("audits:audit_detail", args=[other.pk])).status_code == 404


def test_the_auditor_verifies_a_done_measure(auditor_client, town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, status="done",
                             evidence_note="Rutin antagen")

    response = auditor_client.post(reverse("audits:measure_verify", args=[measure.pk]), follow=True)

    assert "Åtgärden är verifierad och stängd." in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.VERIFIED


def test_marking_a_measure_done_without_evidence_is_refused_on_the_form(client, town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, owner=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse("audits:measure_edit", args=[measure.pk]), {
        "description": measure.description, "owner": town.board.pk, "due_date": "2030-12-31",
        "status": "done", "evidence_note": "", "seen_version": measure.version,
    })

    assert "En åtgärd kan inte stängas utan underlag" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED


def test_a_measures_due_date_is_a_date_field_and_text_is_refused(client, town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, owner=town.board,
                             due_date=datetime.date(2030, 12, 31))
    client.force_login(town.users[Role.RESPONDENT])
    url = reverse("audits:measure_edit", args=[measure.pk])
    page = client.get(url).content.decode()
    assert 'type="date" name="due_date" value="2030-12-31"' in page

    response = client.post(url, {
        "description": "Ändrad", "owner": town.board.pk, "due_date": "i höst",
        "status": "planned", "evidence_note": "", "seen_version": measure.version,
    })

    assert "Fyll i ett giltigt datum." in response.content.decode()
    measure.refresh_from_db()
    assert measure.due_date == datetime.date(2030, 12, 31) and measure.description != "Ändrad"


def test_a_respondent_cannot_verify(client, town):
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, status="done",
                             evidence_note="x")
    client.force_login(town.users[Role.RESPONDENT])

    assert client.post(reverse("audits:measure_verify", args=[measure.pk])).status_code == 403
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DONE


def test_the_request_button_queues_the_requests(auditor_client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)

    response = auditor_client.post(reverse("audits:audit_request_responses", args=[recommendation.audit_id]),
                                   follow=True)

    assert "1 begäran om svar har lagts i utskickskön." in response.content.decode()


def test_requests_to_several_organisations_are_counted_in_the_plural(auditor_client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    RecommendationFactory(audit=recommendation.audit, organization=town.other_board)

    response = auditor_client.post(reverse("audits:audit_request_responses", args=[recommendation.audit_id]),
                                   follow=True)

    assert "2 begäranden om svar har lagts i utskickskön." in response.content.decode()


def test_list_overview_and_audit_pages_run_a_fixed_number_of_queries(auditor_client, town, django_assert_max_num_queries):
    boards = [OrganizationFactory(municipality=town.municipality, parent=town.council) for _ in range(8)]
    for n in range(6):
        audit = AuditFactory(municipality=town.municipality, response_by=datetime.date(2020, 1, 1))
        for board in boards:
            recommendation = RecommendationFactory(audit=audit, organization=board)
            AuditResponseFactory(audit=audit, organization=board)
            MeasureFactory(recommendation=recommendation, due_date=datetime.date(2020, 1, 1))
    audit = Audit.objects.first()
    for url, limit in [
        (reverse("audits:audit_list"), 10),
        (reverse("audits:followup_overview"), 12),
        (reverse("audits:audit_detail", args=[audit.pk]), 17),
    ]:
        with django_assert_max_num_queries(limit):
            assert auditor_client.get(url).status_code == 200


def test_the_overview_counts_recommendations_by_status(auditor_client, town):
    audit = AuditFactory(municipality=town.municipality, response_by=datetime.date(2020, 1, 1))
    answered = RecommendationFactory(audit=audit, organization=town.board)
    RecommendationFactory(audit=audit, organization=town.other_board)
    AuditResponseFactory(audit=audit, organization=town.board)
    MeasureFactory(recommendation=answered, status=Measure.Status.DONE, evidence_note="Klart")

    overview = auditor_client.get(reverse("audits:followup_overview")).context["overview"]

    rows = {row.organization.name: row for row in overview.per_organization}
    assert rows["Arbetslivsnämnden"].counts == {"done": 1}
    assert rows["Förskolenämnden"].counts == {"no_answer": 1} and rows["Förskolenämnden"].overdue_response
    assert not rows["Arbetslivsnämnden"].overdue_response


def test_the_secretary_reads_the_minutes_into_the_form_and_nothing_is_saved_until_confirmed(client, town):
    audit = AuditFactory(municipality=town.municipality)
    audit.response_from.set([town.other_board])
    texts = [
        "Tydliggöra vad Arbetslivsnämndens roll som samordnande nämnd för integrationsarbetet innebär",
        "Utveckla uppföljningsprocessen av Program för ett integrerat samhälle",
    ]
    recommendations = [RecommendationFactory(audit=audit, organization=town.executive, text=t) for t in texts]
    secretary = town.users[Role.SECRETARY]
    Membership.objects.create(user=secretary, organization=town.other_board, role=Role.SECRETARY)
    client.force_login(secretary)
    url = reverse("audits:response_create", args=[audit.pk, town.other_board.pk])

    page = client.post(url, {"las_in": "1", "protokoll-minutes": SimpleUploadedFile("utdrag.txt", seed("001").encode())})

    form = page.context["form"]
    assert not form.is_bound
    assert (form.initial["decision"], form.initial["paragraph"], form.initial["registry_number"]) == (
        "endorses", "§ 39", "FN 2021-00019")
    assert "tydliggérande av" in form.initial[f"answer_{recommendations[0].pk}"]
    assert "uppfoljningsprocessen" in form.initial[f"answer_{recommendations[1].pk}"]
    assert not AuditResponse.objects.exists()


def test_minutes_that_cannot_be_read_are_explained(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.SECRETARY])
    url = reverse("audits:response_create", args=[recommendation.audit_id, town.board.pk])

    page = client.post(url, {"las_in": "1", "protokoll-minutes": SimpleUploadedFile("utdrag.pdf", pdf_bytes(None))})

    assert str(IMAGE_ONLY_PDF) in page.content.decode()
    assert not AuditResponse.objects.exists()


def test_a_measure_is_planned_from_the_audit_page(client, town):
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    response = client.post(reverse("audits:measure_create", args=[recommendation.pk]), {
        "description": "Ta fram en rutin", "owner": town.board.pk, "due_date": "2030-06-30", "evidence_note": "",
    })

    measure = Measure.objects.get()
    assert response.url == measure.get_absolute_url()
    assert (measure.status, measure.owner) == (Measure.Status.PLANNED, town.board)
    history = client.get(reverse("audits:measure_history", args=[measure.pk])).content.decode()
    assert "Ta fram en rutin" in history


def test_the_auditor_corrects_a_saved_audit_and_a_stale_edit_is_refused(auditor_client, town):
    audit = AuditFactory(municipality=town.municipality)
    url = reverse("audits:audit_edit", args=[audit.pk])
    data = {"title": "Rättad titel", "auditor": "PwC", "commissioned_by": "Stadsrevisionen", "date": "2021-01-18",
            "scope": "", "response_from": [town.board.pk], "response_by": "2021-06-30", "seen_version": 1}

    assert auditor_client.post(url, data).status_code == 302
    stale = auditor_client.post(url, {**data, "title": "Äldre ändring"})

    assert "Någon annan har sparat posten" in stale.content.decode()
    audit.refresh_from_db()
    assert (audit.title, audit.version, list(audit.response_from.all())) == ("Rättad titel", 2, [town.board])


def test_an_attached_file_is_served_only_within_the_municipality(auditor_client, town, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality)
    measure.evidence_file.save("underlag.txt", ContentFile(b"Rutinen antagen"), save=True)
    other = MeasureFactory()
    other.evidence_file.save("annat.txt", ContentFile(b"Annat"), save=True)

    response = auditor_client.get(reverse("audits:file_download", args=["underlag", measure.pk]))

    assert b"".join(response.streaming_content) == b"Rutinen antagen"
    assert auditor_client.get(reverse("audits:file_download", args=["underlag", other.pk])).status_code == 404
    assert auditor_client.get(reverse("audits:file_download", args=["protokoll", measure.pk])).status_code == 404


def test_the_whole_municipality_is_not_reported_as_an_unknown_organisation(client, town):
    from audits.views.audits import _review_initial

    draft = {"title": None, "auditor": None, "commissioned_by": None, "date": None,
             "overall_assessments": [{"body": "Sjöstad Stad", "assessment": "partly", "text": "Delvis."},
                                     {"body": "Sjöstads Hamn AB", "assessment": "no", "text": "Nej."}],
             "questions": [], "recommendations": [], "response_requested": {"from": [], "by": None}}

    initial = _review_initial(draft, list(town.municipality.organizations.all()), municipality="Sjöstad")

    assert [item["organization"] for item in initial["overall"]] == [None, None]
    assert initial["unmatched"] == ["Sjöstads Hamn AB"]


def test_the_reviewer_adds_a_recommendation_the_reading_missed(auditor_client, town):
    _upload(auditor_client, "rapport.txt", seed("004").encode())
    page = auditor_client.get(reverse("audits:audit_review"))
    extra = page.context["recommendations"].initial_form_count()

    data = _review_post(page.context, **{
        f"rekommendationer-{extra}-organization": str(town.other_board.pk),
        f"rekommendationer-{extra}-text": "Följ upp förskolans språkutvecklande arbete.",
    })
    auditor_client.post(reverse("audits:audit_review"), data)

    audit = Audit.objects.get()
    assert audit.recommendations.count() == extra + 1
    assert audit.recommendations.get(number=extra + 1).organization == town.other_board


# Attachments: one upload check for every file field (core.uploads).

NOT_PDF_OR_DOCX = "Filen måste vara en PDF eller ett Word-dokument (DOCX), och filnamnet ska sluta på .docx, .pdf."


def _audit_data(**changes):
    return {"title": "Granskning av integrationsarbetet", "auditor": "PwC", "commissioned_by": "", "date": "2021-01-18",
            "scope": "", "response_from": [], "response_by": "", "seen_version": 1, **changes}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", b"%PDF-1.7\n" + ELF, str(PDF_BROKEN)),
        ("rapport", ELF, NOT_PDF_OR_DOCX),
        ("rapport.html", b"<html><script>alert(1)</script></html>", NOT_PDF_OR_DOCX),
    ],
)
def test_an_audit_report_that_is_not_a_pdf_or_docx_is_refused_and_nothing_is_stored(
    auditor_client, town, settings, tmp_path, name, content, message,
):
    settings.MEDIA_ROOT = tmp_path
    audit = AuditFactory(municipality=town.municipality, title="Före")

    page = auditor_client.post(reverse("audits:audit_edit", args=[audit.pk]),
                               _audit_data(title="Efter", report_file=SimpleUploadedFile(name, content)))

    assert page.status_code == 200 and escape(message) in page.content.decode()
    audit.refresh_from_db()
    assert (audit.title, audit.version, audit.report_file.name) == ("Före", 1, "")
    assert not list(tmp_path.rglob("*"))


def test_an_audit_report_is_stored_and_the_replaced_one_deleted(auditor_client, town, settings, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    audit = AuditFactory(municipality=town.municipality)
    url = reverse("audits:audit_edit", args=[audit.pk])
    with django_capture_on_commit_callbacks(execute=True):
        report = SimpleUploadedFile("rapport.pdf", pdf_bytes("Granskningsrapport"))
        auditor_client.post(url, _audit_data(report_file=report))
        auditor_client.post(url, _audit_data(report_file=SimpleUploadedFile("rapport-2.docx", docx_bytes()),
                                             seen_version=2))

    audit.refresh_from_db()
    assert audit.version == 3 and audit.report_file.name.endswith(".docx")
    assert [p.name for p in tmp_path.rglob("*.*")] == [audit.report_file.name.rsplit("/", 1)[1]]


def test_minutes_of_html_are_refused_and_no_answer_is_recorded(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.SECRETARY])

    page = client.post(reverse("audits:response_create", args=[recommendation.audit_id, town.board.pk]), {
        "decision": "endorses", "meeting_date": "2021-03-24", "paragraph": "§ 39", "registry_number": "",
        "minutes_file": SimpleUploadedFile("utdrag.docx", b"<html><body>Protokoll</body></html>"),
    })

    assert escape(str(OFFICE_BROKEN % {"kind": "DOCX"})) in page.content.decode()
    assert not AuditResponse.objects.exists() and not list(tmp_path.rglob("*"))


def test_evidence_over_the_size_limit_is_refused_and_the_measure_unchanged(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, owner=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    page = client.post(reverse("audits:measure_edit", args=[measure.pk]), {
        "description": measure.description, "owner": town.board.pk, "due_date": "2030-12-31", "status": "done",
        "evidence_note": "", "seen_version": measure.version,
        "evidence_file": SimpleUploadedFile("underlag.txt", b"a" * (1024 * 1024 + 1)),
    })

    assert "Filen är för stor: högst 1 MB." in page.content.decode()
    measure.refresh_from_db()
    assert (measure.status, measure.version, measure.evidence_file.name) == (Measure.Status.PLANNED, 1, "")
    assert not list(tmp_path.rglob("*"))


def test_a_program_named_as_a_report_to_import_is_refused(auditor_client):
    response = _upload(auditor_client, "rapport.pdf", b"%PDF-1.7\n" + ELF + b"\n%%EOF\n")

    assert str(PDF_BROKEN) in response.content.decode()
    assert SESSION_KEY not in auditor_client.session and not Audit.objects.exists()


@pytest.mark.parametrize("value", ["9" * 25, "²", "abc"])
def test_a_malformed_audit_in_the_overview_address_is_not_found(auditor_client, value):
    response = auditor_client.get(reverse("audits:followup_overview"), {"granskning": value})

    assert response.status_code == 404


def test_the_draft_is_kept_in_its_own_row_and_the_session_holds_only_its_id(auditor_client, town):
    _upload(auditor_client, "rapport.txt", seed("000").encode())

    draft = ImportDraft.objects.get()
    assert auditor_client.session[SESSION_KEY] == draft.pk
    assert draft.created_by == town.users[Role.AUDITOR] and draft.status == ImportDraft.Status.READY
    assert draft.result["draft"]["title"] == "Integration och etablering i Borås Stad"
    assert draft.source_text == ""  # read: the draft keeps the passages it used
    stored = auditor_client.session.load()
    assert "Integration och etablering" not in str(stored)


@pytest.mark.django_db(transaction=True)
def test_the_report_is_read_outside_any_transaction(auditor_client, monkeypatch):
    """On SQLite a transaction holds the write lock: every other user waited on the reading."""
    seen = []
    parse_audit = importer.parse_audit

    def watched(**kwargs):
        seen.append(connection.in_atomic_block)
        return parse_audit(**kwargs)

    monkeypatch.setattr(importer, "parse_audit", watched)
    response = auditor_client.post(reverse("audits:audit_import"), {"report": SimpleUploadedFile("r.txt", seed("000").encode())})

    assert response.status_code == 302 and seen == [False]
    assert ImportDraft.objects.get().status == ImportDraft.Status.READY


def test_a_text_over_the_limit_is_refused_before_reading_and_nothing_is_kept(auditor_client, monkeypatch):
    monkeypatch.setattr("audits.importer.text.MAX_TEXT_CHARS", 1000)
    read = []
    monkeypatch.setattr("audits.importer.parse_audit", lambda **kwargs: read.append(kwargs))

    response = _upload(auditor_client, "lang.txt", ("Revisionsfråga 1: Har nämnden en plan? " * 50).encode())

    assert response.status_code == 200
    assert "Texten i filen är för lång: högst 1\u00a0000 tecken kan läsas in." in response.content.decode()
    assert read == [] and not ImportDraft.objects.exists()
    assert SESSION_KEY not in auditor_client.session and not Audit.objects.exists()


def test_the_page_waits_for_the_reading_and_polls_until_the_draft_is_ready(auditor_client, town):
    auditor_client.post(reverse("audits:audit_import"), {"report": SimpleUploadedFile("r.txt", seed("000").encode())})
    url = reverse("audits:audit_review")

    waiting = auditor_client.get(url).content.decode()
    assert "Rapporten läses in" in waiting and 'hx-trigger="every 1s"' in waiting
    fragment = auditor_client.get(url, HTTP_HX_REQUEST="true")
    assert 'id="inlasning"' in fragment.content.decode() and "<html" not in fragment.content.decode()

    services.import_draft_read(draft_id=ImportDraft.objects.get().pk)

    assert auditor_client.get(url, HTTP_HX_REQUEST="true")["HX-Redirect"] == url
    assert "Integration och etablering i Borås Stad" in auditor_client.get(url).content.decode()


def test_another_users_or_an_expired_draft_is_not_shown(auditor_client, client, town):
    _upload(auditor_client, "rapport.txt", seed("000").encode())
    draft = ImportDraft.objects.get()
    colleague = UserFactory()
    MembershipFactory(user=colleague, organization=town.council, role=Role.AUDITOR)
    client.force_login(colleague)
    session = client.session
    session[SESSION_KEY] = draft.pk
    session.save()
    assert client.get(reverse("audits:audit_review")).url == reverse("audits:audit_import")

    ImportDraft.objects.update(created_at=draft.created_at - DRAFT_LIFETIME)
    polled = auditor_client.get(reverse("audits:audit_review"), HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"] == reverse("audits:audit_import")
    assert SESSION_KEY not in auditor_client.session


def test_a_new_upload_replaces_the_users_draft_and_drops_expired_ones(auditor_client, town):
    old = ImportDraftFactory(municipality=town.municipality, created_by=town.users[Role.KS_OFFICIAL])
    ImportDraft.objects.filter(pk=old.pk).update(created_at=old.created_at - DRAFT_LIFETIME)
    _upload(auditor_client, "a.txt", seed("000").encode())
    _upload(auditor_client, "b.txt", seed("004").encode())

    assert list(ImportDraft.objects.values_list("filename", flat=True)) == ["b.txt"]


def test_minutes_over_the_limit_are_refused_and_nothing_is_read(client, town, monkeypatch):
    monkeypatch.setattr("audits.views.responses.MAX_MINUTES_CHARS", 1000)
    read = []
    monkeypatch.setattr("audits.importer.parse_response", lambda **kwargs: read.append(kwargs))
    recommendation = RecommendationFactory(audit__municipality=town.municipality, organization=town.board)
    client.force_login(town.users[Role.SECRETARY])
    url = reverse("audits:response_create", args=[recommendation.audit_id, town.board.pk])

    page = client.post(url, {"las_in": "1", "protokoll-minutes": SimpleUploadedFile("utdrag.txt", ("Beslut " * 500).encode())})

    assert "Texten är för lång för ett protokollsutdrag: högst 1\u00a0000 tecken kan läsas in." in page.content.decode()
    assert read == [] and not AuditResponse.objects.exists()


def test_minutes_for_another_audit_are_refused_on_the_page_and_fill_in_nothing(client, town):
    recommendation = RecommendationFactory(
        audit__municipality=town.municipality, audit__title="Granskning av intern kontroll i upphandling",
        organization=town.board, text="Säkerställ att avtal följs upp årligen",
    )
    client.force_login(town.users[Role.SECRETARY])
    url = reverse("audits:response_create", args=[recommendation.audit_id, town.board.pk])
    minutes = ("Protokollsutdrag\nArbetslivsnämnden\n§ 12 Dnr 2024-00031\n"
               "Yttrande över revisionsrapport Granskning av kommunens arbete med integration och etablering\n"
               "Beslut\nNämnden tillstyrker rekommendationerna.\n")
    page = client.post(url, {"las_in": "1", "protokoll-minutes": SimpleUploadedFile("utdrag.txt", minutes.encode())})
    html = page.content.decode()
    assert page.status_code == 200 and "integration och etablering" in html
    assert not page.context["form"].initial
    assert not AuditResponse.objects.exists()


def _disk_full(self, name, content):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_evidence_on_a_full_disk_shows_a_swedish_page_and_leaves_the_measure_unchanged(client, town, settings,
                                                                                      tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(FileSystemStorage, "_save", _disk_full)
    measure = MeasureFactory(recommendation__audit__municipality=town.municipality, owner=town.board)
    client.force_login(town.users[Role.RESPONDENT])

    page = client.post(reverse("audits:measure_edit", args=[measure.pk]), {
        "description": measure.description, "owner": town.board.pk, "due_date": "2030-12-31", "status": "done",
        "evidence_note": "", "seen_version": measure.version,
        "evidence_file": SimpleUploadedFile("underlag.txt", b"Protokoll fr\xc3\xa5n m\xc3\xb6tet."),
    })

    assert page.status_code == 507
    assert "Lagringsutrymmet för filer är fullt, så varken filen eller något annat du skickade har sparats." in (
        page.content.decode())
    measure.refresh_from_db()
    assert (measure.status, measure.version, measure.evidence_file.name) == (Measure.Status.PLANNED, 1, "")
    assert measure.history.count() == 1
