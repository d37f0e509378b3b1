"""Answers to audits: decisions, meeting dates and answers per recommendation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audits.importer import (
    ImportFileError,
    classify_decision,
    detect_document_kind,
    parse_audit,
    parse_response,
)


RESPONSE_STYLE = """PROTOKOLLSUTDRAG
Socialnämnden
Sammanträdesdatum 2021-05-20
§ 112 Dnr SN 2021/045
Yttrande över revisionsrapport Granskning av
ekonomiskt bistånd
Förslag till beslut
Socialnämnden beslutar att delvis tillstyrka revisorernas rekommendationer och anta yttrandet.
Ärendet
Rekommendation 1: Nämnden instämmer och har påbörjat arbetet.
Rekommendation 2: Nämnden avstyrker rekommendationen eftersom rutinen redan finns.
"""


def test_response_with_partial_decision_meeting_date_and_registry_number():
    assert detect_document_kind(text=RESPONSE_STYLE) == "response"
    data = parse_response(text=RESPONSE_STYLE).to_json_dict()

    assert data["organization"] == "Socialnämnden"
    assert data["decision"] == "partly"
    assert data["meeting_date"] == "2021-05-20"
    assert data["paragraph"] == "112"
    assert data["registry_number"] == "SN 2021/045"
    assert data["audit_title"] == "Granskning av ekonomiskt bistånd"
    assert [(a["number"], a["decision"]) for a in data["answers"]] == [(1, "endorses"), (2, "rejects")]


@pytest.mark.parametrize(
    ("wording", "decision"),
    [
        ("Att tillstyrka revisionens rekommendationer", "endorses"),
        ("Nämnden ställer sig bakom rekommendationerna", "endorses"),
        ("Styrelsen instämmer i revisorernas bedömning", "endorses"),
        ("Nämnden avstyrker rekommendationen", "rejects"),
        ("Nämnden tillstyrker delvis rekommendationerna", "partly"),
        ("Att tillstyrka rekommendation 1 och avstyrka rekommendation 2", "partly"),
        ("Att godkänna förvaltningens tjänsteskrivelse", None),
    ],
)
def test_decision_wording_is_classified(wording, decision):
    assert classify_decision(wording) == decision


def test_flattened_table_with_the_assessment_column_after_the_comment():
    text = (
        "Sammanfattande bedömning\nRevisionsfråga Kommentar Bedömning\n"
        "1. Har nämnden en ändamålsenlig styrning av\nverksamheten?\nNämnden har mål men\nuppföljningen brister.\nDelvis\n"
        "2. Är den interna kontrollen tillräcklig?\nKontrollen är god.\nJa\n"
    )

    questions = parse_audit(text=text).questions

    assert [(q.number, q.text, q.assessment, q.comment) for q in questions] == [
        (1, "Har nämnden en ändamålsenlig styrning av verksamheten?", "partly", "Nämnden har mål men uppföljningen brister."),
        (2, "Är den interna kontrollen tillräcklig?", "yes", "Kontrollen är god."),
    ]


# --- the corpus's answers: a tjänsteutlåtande and a minutes extract -----------------

RESPONSES = Path(__file__).resolve().parent / "corpus" / "responses"


@pytest.mark.parametrize("name", sorted(path.stem for path in RESPONSES.glob("*.txt")))
def test_each_answer_in_the_corpus_gives_decision_paragraph_dnr_and_one_answer_per_quoted_recommendation(name):
    expected = json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))

    data = parse_response(text=(RESPONSES / f"{name}.txt").read_text(encoding="utf-8")).to_json_dict()

    assert {key: data[key] for key in expected if key != "answers"} == {k: v for k, v in expected.items() if k != "answers"}
    assert [{"number": a["number"], "decision": a["decision"]} for a in data["answers"]] == expected["answers"]


def test_minutes_for_another_audit_are_refused_with_a_message():
    text = (RESPONSES / "protokollsutdrag_kommunstyrelsen.txt").read_text(encoding="utf-8")

    with pytest.raises(ImportFileError) as raised:
        parse_response(text=text, audit_title="Granskning av hemtjänstens kvalitet",
                       recommendations=["Säkerställ att biståndsbesluten följs upp"])

    assert str(raised.value.message).startswith("Protokollet gäller en annan granskning (”Granskning av lokalförsörjningen”)")


def test_minutes_for_a_retitled_audit_that_quote_its_recommendations_are_read():
    text = (RESPONSES / "protokollsutdrag_kommunstyrelsen.txt").read_text(encoding="utf-8")

    draft = parse_response(text=text, audit_title="Lokaler 2021",
                           recommendations=["Uppdatera lokalförsörjningsplanen årligen"])

    assert draft.paragraph == "112"
