"""The seed reports: Borås (PwC), Trollhättan (EY) and the preschool board's answer."""

from __future__ import annotations

import pytest

from audits.importer import (
    detect_document_kind,
    parse_audit,
    parse_response,
)
from audits.tests.samples import seed


BORAS_QUESTIONS = [
    "Finns en organisation kring integrationsarbetet med en tydlig roll- och ansvarsfördelning inom Borås Stad?",
    "Finns en analys av utmaningar och möjligheter avseende integration och etablering?",
    "Finns en strategi med konkreta och samordnade insatser för Stadens arbete inom området? "
    "Baseras strategin på ovanstående omnämnda analys?",
    "Har berörda nämnder upprättat relevanta mål och handlingsplaner med bäring på området?",
    "Finns en samverkan med relevanta samverkansparter, såväl internt som externt?",
    "Hur sker uppföljning, utvärdering och analys av resultat i förhållande till de områden - arbete, boende, "
    "utbildning, delaktighet, trygghet, folkhälsa och kultur - som anges i programmet för ett integrerat samhälle?",
    "Har Kommunstyrelsen säkerställt en tillräcklig styrning och uppsikt över det arbete som bedrivs i "
    "Borås Stads verksamheter inom området?",
]
BORAS_RECOMMENDATIONS = [
    ("Kommunstyrelsen", "Vid en revidering eller uppdatering av Program för ett integrerat samhälle se över"),
    ("Kommunstyrelsen", "Tydliggöra vad Arbetslivsnämndens roll som samordnande nämnd"),
    ("Kommunstyrelsen", "Utveckla uppföljningsprocessen av Program för ett integrerat samhälle"),
    ("Kommunstyrelsen", "Utveckla spridningen av uppföljningen"),
    ("Kommunstyrelsen", "Utveckla den stadsövergripande analysen av integrationsarbetet"),
    ("Arbetslivsnämnden", "Fullgöra sitt uppdrag att årligen följa upp bolagens och nämndernas insatser"),
    ("Kommunstyrelsen", "Säkerställa att Arbetslivsnämnden fullföljer detta"),
]


def test_seven_audit_questions_are_read_in_order_from_boras_summary():
    draft = parse_audit(text=seed("000"))

    assert [question.number for question in draft.questions] == [1, 2, 3, 4, 5, 6, 7]
    assert [question.text for question in draft.questions] == BORAS_QUESTIONS


def test_boras_questions_carry_the_auditors_comment_and_only_a_verdict_the_prose_states():
    # The Borås table has only "Revisionsfråga | Kommentar": the assessment is read from the
    # comment's verdict sentence (test_importer_verdict.py), and left empty where it is unclear.
    draft = parse_audit(text=seed("000"))

    first = draft.questions[0]
    assert first.comment.startswith("Organisationen kring integrationsarbetet är delvis tydliggjord")
    assert first.comment.endswith("förefaller inte ha någon styrande inverkan.")
    assert draft.questions[6].comment.endswith("tillräcklig styrning och uppsikt över integrationsarbetet.")
    assert [question.assessment for question in draft.questions][2] is None


def test_front_matter_is_read_from_boras_summary():
    draft = parse_audit(text=seed("000"))

    data = draft.to_json_dict()
    assert data["title"] == "Integration och etablering i Borås Stad"
    assert data["municipality"] == "Borås"
    assert data["auditor"] == "PwC"
    assert data["commissioned_by"] == "Stadsrevisionen"
    assert data["date"] == "2021-01-18"
    assert draft.raw["date"] == "2021-01-18"


def test_overall_assessment_of_boras_is_partly():
    draft = parse_audit(text=seed("000"))

    assert [(item.body, item.assessment) for item in draft.overall_assessments] == [("Borås Stad", "partly")]
    assert "delvis bedriver integrationsarbetet" in draft.overall_assessments[0].text


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_recommendations_to_kommunstyrelsen_and_arbetslivsnamnden_are_read_from_boras_report(prefix):
    draft = parse_audit(text=seed(prefix))

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert len(found) == len(BORAS_RECOMMENDATIONS)
    for (addressee, text), (expected_addressee, expected_start) in zip(found, BORAS_RECOMMENDATIONS):
        assert addressee == expected_addressee
        assert text.startswith(expected_start)


def test_recommendation_keeps_the_introducing_sentence_as_raw_text():
    draft = parse_audit(text=seed("002"))

    assert draft.recommendations[1].raw.startswith("Kommunstyrelsen bör i detta avseende:")


def test_full_boras_report_gives_questions_with_comments_from_the_assessment_table():
    draft = parse_audit(text=seed("002"))

    assert [question.text for question in draft.questions] == BORAS_QUESTIONS
    assert draft.questions[5].comment.startswith("Enligt Program för ett integrerat samhälle ansvarar")
    assert all(question.comment for question in draft.questions)


def test_full_boras_report_has_no_title_or_date_and_says_so_with_none():
    # The text starts at "Sammanfattning": its cover page is not in it.
    data = parse_audit(text=seed("002")).to_json_dict()

    assert data["title"] is None
    assert data["date"] is None
    assert data["municipality"] == "Borås"
    assert data["auditor"] == "PwC"
    assert data["commissioned_by"] == "Stadsrevisionen"
    assert data["response_requested"] == {"from": [], "by": None}


# --- the seeds: Trollhättan (EY) and the preschool board's answer --------------------

def test_recommendations_to_kommunstyrelsen_are_read_from_trollhattan_report():
    draft = parse_audit(text=seed("004"))

    assert [item.addressee for item in draft.recommendations] == ["Kommunstyrelsen"] * 4
    assert [item.text.split()[0] for item in draft.recommendations] == ["Överväga", "Se", "Utreda", "Tillse"]


def test_trollhattan_findings_list_is_not_taken_for_recommendations():
    draft = parse_audit(text=seed("004"))

    assert not any("Hierarkin" in item.text or "bedömningen" in item.text for item in draft.recommendations)


def test_trollhattan_front_matter_and_mixed_overall_assessment():
    draft = parse_audit(text=seed("004"))

    data = draft.to_json_dict()
    assert data["title"] == "Granskning av styrning och uppföljning av integrationsarbetet"
    assert data["municipality"] == "Trollhättan"
    assert data["auditor"] == "EY"
    assert data["commissioned_by"] == "Kommunrevisionen"
    assert data["date"] is None
    assert data["questions"] == []
    assert [(item["body"], item["assessment"]) for item in data["overall_assessments"]] == [("Kommunstyrelsen", "partly")]


@pytest.mark.parametrize(("prefix", "kind"), [("000", "audit"), ("002", "audit"), ("004", "audit"), ("001", "response")])
def test_document_kind_is_detected_for_each_seed(prefix, kind):
    assert detect_document_kind(text=seed(prefix)) == kind


def test_preschool_boards_answer_is_read_as_an_endorsement_with_its_paragraph():
    draft = parse_response(text=seed("001"))

    data = draft.to_json_dict()
    assert data["organization"] == "Förskolenämnden"
    assert data["decision"] == "endorses"
    assert data["paragraph"] == "39"
    assert data["registry_number"] == "FN 2021-00019"
    assert data["audit_title"] == "Granskning av integration och etablering i Boras Stad"
    # "Sammanträdesdatum" is there, its date is not (lost in OCR).
    assert data["meeting_date"] is None


def test_preschool_boards_answer_per_recommendation_is_read_by_ordinal():
    draft = parse_response(text=seed("001"))

    answers = draft.answers
    assert [answer.number for answer in answers] == [1, 2, 3, 4]
    assert answers[0].recommendation.startswith("tydligg")
    assert answers[3].recommendation.startswith("utveckla den stadsovergripande analysen")
    assert answers[0].text.startswith("Nir det giller forsta punkten")
    assert answers[1].text.endswith("Forskolenimndens systematiska kvalitetsarbete.")
    assert answers[3].text.endswith("som inte ar framgangsrikt.")
    assert [answer.decision for answer in answers] == [None, None, "endorses", "endorses"]
