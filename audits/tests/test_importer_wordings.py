"""Each wording the genre uses for a field, read in a short text of its own."""

import pytest

from audits.importer import parse_audit
from audits.importer.draft import NO_RECOMMENDATIONS_STATED, RECOMMENDATIONS_CUT_OFF, YEAR_GUESSED
from audits.importer.names import find_org_names, ocr_fold

SUMMARY = "Sammanfattande bedömning\nVår sammanfattande bedömning är att socialnämnden delvis har en tillräcklig styrning.\n"


@pytest.mark.parametrize(("sentence", "firm"), [
    ("KPMG har på uppdrag av kommunens revisorer granskat socialnämndens styrning.", "KPMG"),
    ("Revisorerna har med stöd av EY granskat socialnämndens styrning.", "EY"),
    ("Revisorerna har uppdragit Deloitte AB att granska socialnämndens styrning.", "Deloitte"),
    ("Rapporten finns på www.pwc.se och hos kommunen.", "PwC"),
    ("Granskningen är gjord av Komrev inom PricewaterhouseCoopers.", "PwC"),
    ("Stadsrevisionen har granskat socialnämndens styrning.", "Stadsrevisionen"),
    ("Revisionskontoret har granskat socialnämndens styrning.", "Revisionskontoret"),
])
def test_the_firm_is_read_from_each_wording(sentence, firm):
    assert parse_audit(text=f"{sentence}\n\n{SUMMARY}").auditor == firm


def test_no_firm_named_is_reported_as_not_found_not_guessed():
    draft = parse_audit(text=SUMMARY)

    assert draft.auditor is None
    assert draft.not_found[0]["field"] == "auditor"


@pytest.mark.parametrize("text", [
    "Rekommendationer\nSocialnämnden bör ta fram rutiner för uppföljning.\nSocialnämnden bör utbilda handläggarna.",
    "Vi rekommenderar socialnämnden att:\n• ta fram rutiner för uppföljning\n• utbilda handläggarna",
    "Vi rekommenderar socialnämnden att:\n- ta fram rutiner för uppföljning\n- utbilda handläggarna",
    "Vi rekommenderar socialnämnden att:\n❖ ta fram rutiner för uppföljning\n❖ utbilda handläggarna",
    "Vi rekommenderar socialnämnden att:\ne ta fram rutiner för uppföljning\ne utbilda handläggarna",
    "Vi rekommenderar socialnämnden att:\nO ta fram rutiner för uppföljning\nO utbilda handläggarna",
    "Utifrån granskningen bör följande rekommendationer prioriteras:\n"
    "• socialnämnden bör ta fram rutiner för uppföljning\n• socialnämnden bör utbilda handläggarna",
    "Förslag till fortsatt hantering\n• Socialnämnden bör ta fram rutiner för uppföljning\n• Socialnämnden bör utbilda handläggarna",
])
def test_recommendations_are_read_from_each_wording(text):
    draft = parse_audit(text=f"{SUMMARY}\n{text}\n")

    assert [(item.addressee, item.text) for item in draft.recommendations] == [
        ("Socialnämnden", "Ta fram rutiner för uppföljning"),
        ("Socialnämnden", "Utbilda handläggarna"),
    ]


def test_rekommenderar_vi_colon_att_reads_the_body_that_opens_the_clause():
    draft = parse_audit(text=f"{SUMMARY}\nUtifrån granskningen rekommenderar vi: Att socialnämnden ser över rutinerna.\n")

    assert [(item.addressee, item.text) for item in draft.recommendations] == [
        ("Socialnämnden", "Socialnämnden ser över rutinerna"),
    ]


@pytest.mark.parametrize(("sentence", "bodies", "by"), [
    ("Vi önskar svar från kommunstyrelsen och socialnämnden senast den 30 september 2022.",
     ["Kommunstyrelsen", "Socialnämnden"], "2022-09-30"),
    ("Revisorerna önskar att kommunstyrelsen lämnar synpunkter på rapporten senast den 30 juni 2021.",
     ["Kommunstyrelsen"], "2021-06-30"),
    ("Rapporten överlämnas till socialnämnden för yttrande senast 2016-06-30.", ["Socialnämnden"], "2016-06-30"),
    ("Vi önskar svar från socialnämnden senast den 19januari 2022.", ["Socialnämnden"], "2022-01-19"),
])
def test_the_requested_answer_is_read_from_each_wording(sentence, bodies, by):
    draft = parse_audit(text=f"{SUMMARY}\n{sentence}\n")

    assert (draft.response_from, draft.response_by) == (bodies, by)
    assert draft.raw["response_requested"] == sentence


def test_a_deadline_without_a_year_is_the_next_such_day_after_the_report_and_said_to_be_guessed():
    sentence = "Revisorerna önskar att socialnämnden lämnar ett yttrande senast den 19 januari."
    draft = parse_audit(text=f"Granskning av styrningen\n2023-11-20\n\n{SUMMARY}\n{sentence}\n")

    assert draft.response_by == "2024-01-19"
    assert {"field": "response_by", "note": YEAR_GUESSED, "sentence": sentence} in draft.guessed


def test_the_cover_letter_last_gives_the_requested_answer_after_the_report():
    text = (f"{SUMMARY}\nVi rekommenderar socialnämnden att:\n• utbilda handläggarna\n\nMissiv\nTill socialnämnden\n"
            "Revisorerna önskar svar från socialnämnden senast 2021-05-31.\n")

    draft = parse_audit(text=text)

    assert (draft.response_from, draft.response_by, len(draft.recommendations)) == (["Socialnämnden"], "2021-05-31", 1)


def test_a_cut_off_list_of_recommendations_is_reported_and_none_invented():
    draft = parse_audit(text=f"{SUMMARY}\nVi rekommenderar kommunstyrelsen att:\n")

    assert draft.recommendations == []
    assert {"field": "recommendations", "note": RECOMMENDATIONS_CUT_OFF,
            "sentence": "Vi rekommenderar kommunstyrelsen att:"} in draft.not_found


def test_a_report_without_recommendations_is_an_empty_list_and_says_so():
    draft = parse_audit(text=f"{SUMMARY}\nGranskningen föranleder inga rekommendationer.\n")

    assert draft.recommendations == []
    assert NO_RECOMMENDATIONS_STATED in draft.messages
    assert "recommendations" not in [item["field"] for item in draft.not_found]


def test_audited_bodies_are_read_from_the_scope_sentence_with_companies():
    draft = parse_audit(text=f"Granskningen har omfattat kommunstyrelsen, socialnämnden och Kommunens Bostäder AB.\n{SUMMARY}")

    assert draft.audited_bodies == ["Kommunstyrelsen", "Socialnämnden", "Kommunens Bostäder AB"]


@pytest.mark.parametrize(("ocr", "clean"), [
    ("Var samlade bedomning ar att socialnamnden inte har sakerstallt uppfoljningen.",
     "Vår samlade bedömning är att socialnämnden inte har säkerställt uppföljningen."),
    ("Var samlade bed6mning ar att socialndmnden inte har sakerstallt uppf6ljningen.",
     "Vår samlade bedömning är att socialnämnden inte har säkerställt uppföljningen."),
    ("Vår samlade bedömning är att socialnémnden inte har säkerstéllt uppföljningen.",
     "Vår samlade bedömning är att socialnämnden inte har säkerställt uppföljningen."),
    ("Vår samlade bedömning är att kornmunstyrelsen inte har säkerställt upp-\nföljningen.",
     "Vår samlade bedömning är att kommunstyrelsen inte har säkerställt uppföljningen."),
])
def test_ocr_damage_reads_as_the_clean_text_and_keeps_its_own_words(ocr, clean):
    damaged, intact = parse_audit(text=ocr), parse_audit(text=clean)

    assert [(item.body, item.assessment) for item in damaged.overall_assessments] == [
        (item.body, item.assessment) for item in intact.overall_assessments
    ]
    assert damaged.overall_assessments[0].raw == ocr.replace("-\n", "")


def test_the_folded_form_is_as_long_as_the_text_so_matches_cut_the_original_wording():
    text = "Socialn6mnden, kultur- och fritidsnémnden och kornmunstyrelsen"

    assert len(ocr_fold(text)) == len(text)
    assert find_org_names(text=text) == ["Socialnämnden", "Kultur- och fritidsnämnden", "Kommunstyrelsen"]


def test_bodies_are_matched_to_the_municipalitys_own_organisations_through_ocr_damage():
    text = "Vår samlade bedömning är att omsorgs- och socialnémnden inte har säkerställt uppf6ljningen.\n"

    draft = parse_audit(text=text, extra_names=["Omsorgs- och socialnämnden", "AB Hemmabostäder"])

    assert [(item.body, item.assessment) for item in draft.overall_assessments] == [("Omsorgs- och socialnämnden", "no")]


def test_a_decomposed_letter_keeps_the_folded_form_as_long_as_the_text():
    text = "Socialna\u0308mnden 한국"

    assert len(ocr_fold(text)) == len(text)
