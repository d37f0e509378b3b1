"""The genre at large: other firms' styles, OCR noise and texts with no structure."""

from __future__ import annotations

import pytest

from audits.importer import (
    NO_RESPONSE_STRUCTURE_FOUND,
    NO_STRUCTURE_FOUND,
    detect_document_kind,
    parse_audit,
    parse_response,
)
from audits.tests.samples import seed


KPMG_STYLE = """Revisionsrapport
Granskning av kommunens
hemtjänst
Lunds kommun
KPMG AB
2022-03-14

Sammanfattning
Vi har av Lunds kommuns revisorer fått i uppdrag att granska hemtjänsten. Uppdraget ingår
i revisionsplanen för 2022.
Vår sammanfattande bedömning är att vård- och omsorgsnämnden inte helt säkerställt en
ändamålsenlig styrning av hemtjänsten.
Utifrån vår granskning rekommenderar vi vård- och omsorgsnämnden att:
- säkerställa att biståndsbesluten följs upp
enligt gällande rutin
- ta fram mål för kontinuitet
Vi rekommenderar även kommunstyrelsen att se över kommun-
ens riktlinjer för uppsikt.

Syfte och revisionsfrågor
Granskningen ska besvara följande revisionsfrågor:
1. Finns en ändamålsenlig styrning av hemtjänsten?
2. Följs biståndsbesluten upp?
3. Sker en tillräcklig intern kontroll?

Svar på revisionsfrågorna
Revisionsfråga Svar
Finns en ändamålsenlig styrning av hemtjänsten? Delvis. Nämnden har mål men de följs
inte upp systematiskt.
Följs biståndsbesluten upp? Nej
Uppföljning sker endast vid klagomål.
Sker en tillräcklig intern kontroll? Ja. Internkontrollplanen
omfattar hemtjänsten.

Revisorerna önskar svar från vård- och omsorgsnämnden och kommunstyrelsen senast den 15 juni 2022.
"""


def test_kpmg_style_report_gives_questions_with_flattened_table_assessments():
    draft = parse_audit(text=KPMG_STYLE)

    questions = [(question.number, question.assessment) for question in draft.questions]
    assert questions == [(1, "partly"), (2, "no"), (3, "yes")]
    assert draft.questions[0].comment == "Nämnden har mål men de följs inte upp systematiskt."
    assert draft.questions[1].comment == "Uppföljning sker endast vid klagomål."


def test_kpmg_style_vi_rekommenderar_att_gives_addressees_and_hyphen_breaks_are_joined():
    draft = parse_audit(text=KPMG_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Vård- och omsorgsnämnden", "Säkerställa att biståndsbesluten följs upp enligt gällande rutin"),
        ("Vård- och omsorgsnämnden", "Ta fram mål för kontinuitet"),
        ("Kommunstyrelsen", "Se över kommunens riktlinjer för uppsikt"),
    ]


def test_kpmg_style_front_matter_and_requested_answer():
    data = parse_audit(text=KPMG_STYLE).to_json_dict()

    assert data["title"] == "Granskning av kommunens hemtjänst"
    assert data["municipality"] == "Lund"
    assert data["auditor"] == "KPMG"
    assert data["commissioned_by"] == "Revisorer"
    assert data["date"] == "2022-03-14"
    assert data["overall_assessments"][0]["body"] == "Vård- och omsorgsnämnden"
    assert data["overall_assessments"][0]["assessment"] == "partly"
    assert data["response_requested"] == {
        "from": ["Vård- och omsorgsnämnden", "Kommunstyrelsen"],
        "by": "2022-06-15",
    }


DELOITTE_STYLE = """Granskning av kommunens krisberedskap
Revisorerna i Falu kommun
Deloitte
Datum: 3 maj 2021

Samlad bedömning
Vår samlade bedömning är att kommunstyrelsen i allt väsentligt har en ändamålsenlig krisberedskap.

Bedömning per kontrollmål
Kontrollmål 1: Det finns en aktuell risk- och sårbarhetsanalys.
Bedömning: Uppfyllt
Analysen antogs 2020.
Kontrollmål 2: Övningar genomförs regelbundet.
Bedömning: Delvis uppfyllt
Övningar har genomförts men inte dokumenterats.
Kontrollmål 3: Krisledningsnämnden har utbildats.
Ej bedömd
Nämnden har inte sammanträtt under perioden.

Rekommendationer
Kommunstyrelsen:
• Dokumentera genomförda övningar.
• Säkerställa att utvärderingar
genomförs efter varje övning.
Krisledningsnämnden:
• Genomföra en utbildning under året.

Bilaga 1 Granskade dokument
• Risk- och sårbarhetsanalys 2019–2022
Rapporten överlämnas till kommunstyrelsen för yttrande senast 2021-08-31.
"""


def test_deloitte_style_bullet_recommendations_under_addressee_lines():
    draft = parse_audit(text=DELOITTE_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Kommunstyrelsen", "Dokumentera genomförda övningar"),
        ("Kommunstyrelsen", "Säkerställa att utvärderingar genomförs efter varje övning"),
        ("Krisledningsnämnden", "Genomföra en utbildning under året"),
    ]


def test_deloitte_style_control_objectives_with_labelled_assessments():
    draft = parse_audit(text=DELOITTE_STYLE)

    assert [(q.number, q.assessment) for q in draft.questions] == [(1, "yes"), (2, "partly"), (3, "not_assessed")]
    assert draft.questions[0].text == "Det finns en aktuell risk- och sårbarhetsanalys."
    assert draft.questions[2].comment == "Nämnden har inte sammanträtt under perioden."


def test_deloitte_style_front_matter():
    data = parse_audit(text=DELOITTE_STYLE).to_json_dict()

    assert data["title"] == "Granskning av kommunens krisberedskap"
    assert data["municipality"] == "Falun"
    assert data["auditor"] == "Deloitte"
    assert data["date"] == "2021-05-03"
    assert data["overall_assessments"] == [{
        "body": "Kommunstyrelsen", "assessment": "yes",
        "text": "Vår samlade bedömning är att kommunstyrelsen i allt väsentligt har en ändamålsenlig krisberedskap.",
    }]
    assert data["response_requested"] == {"from": ["Kommunstyrelsen"], "by": "2021-08-31"}


OCR_STYLE = """Granskning av ekonomistyrning
Grant Thornton har på uppdrag av de förtroendevalda revisorerna i Mölndals stad genomfört en granskning.

Revisionsfrågor och svar
Revisionsfråga 1: Har socialndmnden en tillräcklig budgetuppf6ljning?
Ej uppfyllt
Socialndmnden saknar rutiner.

Rekommendationer
Vi rekommenderar social-
ndmnden att upprätta rutiner för budgetuppföljning.
Vi rekommenderar nämnden att rapportera månadsvis.
"""


def test_ocr_misread_board_names_resolve_and_bare_namnden_uses_the_only_board():
    draft = parse_audit(text=OCR_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Socialnämnden", "Upprätta rutiner för budgetuppföljning"),
        ("Socialnämnden", "Rapportera månadsvis"),
    ]
    assert draft.questions[0].assessment == "no"
    assert draft.to_json_dict()["commissioned_by"] == "de förtroendevalda revisorerna"
    assert draft.to_json_dict()["auditor"] == "Grant Thornton"
    assert draft.to_json_dict()["municipality"] == "Mölndal"


def test_bare_namnden_stays_unknown_when_several_boards_are_named():
    text = (
        "Rekommendationer\nVi rekommenderar socialnämnden att ta fram rutiner.\n"
        "Vi rekommenderar kulturnämnden att följa upp.\nVi rekommenderar nämnden att rapportera.\n"
    )

    assert [item.addressee for item in parse_audit(text=text).recommendations] == [
        "Socialnämnden", "Kulturnämnden", None,
    ]


def test_recommendation_to_two_boards_becomes_one_per_board():
    text = "Rekommendationer\nVi rekommenderar kommunstyrelsen och barn- och utbildningsnämnden att ta fram en plan.\n"

    found = [(item.addressee, item.text) for item in parse_audit(text=text).recommendations]
    assert found == [("Kommunstyrelsen", "Ta fram en plan"), ("Barn- och utbildningsnämnden", "Ta fram en plan")]


def test_nonsense_addressee_is_kept_as_written_not_forced_onto_a_known_board():
    text = "Rekommendationer\nVi rekommenderar Hamnnämnden att se över taxorna.\n"

    assert parse_audit(text=text).recommendations[0].addressee == "Hamnnämnden"


def test_text_without_audit_structure_gives_an_empty_draft_and_a_message():
    draft = parse_audit(text="Protokoll från föreningens årsmöte.\nKaffe serverades. Mötet avslutades.\n")

    assert draft.is_empty
    assert draft.messages == [NO_STRUCTURE_FOUND]
    data = draft.to_json_dict()
    assert {name: value for name, value in data.items() if name not in ("not_found", "guessed")} == {
        "title": None, "municipality": None, "auditor": None, "commissioned_by": None, "date": None,
        "audited_bodies": [], "overall_assessments": [], "questions": [], "recommendations": [],
        "response_requested": {"from": [], "by": None},
    }
    assert [item["field"] for item in data["not_found"]] == [
        "auditor", "audited_bodies", "overall_assessments", "recommendations", "response_by",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "?" * 500, "Rekommendationer\n", "- \n• \n1.\n"])
def test_degenerate_texts_never_crash(text):
    assert parse_audit(text=text).is_empty
    assert detect_document_kind(text=text) is None
    assert parse_response(text=text).messages == [NO_RESPONSE_STRUCTURE_FOUND]


def test_draft_keeps_the_raw_text_for_the_reviewer():
    text = seed("004")

    assert parse_audit(text=text).source_text == text
