"""Answers to audits: decisions, meeting dates and answers per recommendation."""

from __future__ import annotations

import pytest

from audits.importer import (
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
