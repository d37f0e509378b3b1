"""`manage.py import_audit FILE --json` on every seed, with the values read from the documents."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from audits.models import Audit
from audits.tests.samples import SEEDS, seed

KS, ALN = "Kommunstyrelsen", "Arbetslivsnämnden"


def _json(prefix: str) -> dict:
    seed(prefix)  # skips when the seed is missing
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    out = io.StringIO()
    call_command("import_audit", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_boras_summary_gives_seven_questions_and_the_recommendations_to_ks_and_the_labour_board():
    data = _json("000")

    assert set(data) == {"title", "municipality", "auditor", "commissioned_by", "date", "audited_bodies",
                         "overall_assessments", "questions", "recommendations", "response_requested",
                         "not_found", "guessed"}
    assert (data["title"], data["municipality"], data["auditor"], data["commissioned_by"], data["date"]) == (
        "Integration och etablering i Borås Stad", "Borås", "PwC", "Stadsrevisionen", "2021-01-18")
    assert [q["number"] for q in data["questions"]] == [1, 2, 3, 4, 5, 6, 7]
    assert data["questions"][0]["text"].startswith("Finns en organisation kring integrationsarbetet")
    assert data["questions"][6]["text"].startswith("Har Kommunstyrelsen säkerställt")
    # The summary's table states no yes/partly/no: each is read from the comment's verdict
    # sentence, and stays null where the prose gives none.
    assert [q["assessment"] for q in data["questions"]] == ["partly", "no", None, "partly", "yes", None, "partly"]
    assert data["overall_assessments"] == [{
        "body": "Borås Stad", "assessment": "partly",
        "text": data["overall_assessments"][0]["text"],
    }]
    assert [r["addressee"] for r in data["recommendations"]] == [KS, KS, KS, KS, KS, ALN, KS]
    assert data["recommendations"][1]["text"].startswith("Tydliggöra vad Arbetslivsnämndens roll")
    assert data["recommendations"][5]["text"].startswith("Fullgöra sitt uppdrag att årligen följa upp")
    assert data["response_requested"] == {"from": [], "by": None}
    assert not Audit.objects.exists()


@pytest.mark.django_db
def test_the_full_boras_report_gives_the_same_questions_and_recommendations():
    data = _json("002")

    assert (data["municipality"], data["auditor"], data["commissioned_by"]) == ("Borås", "PwC", "Stadsrevisionen")
    assert len(data["questions"]) == 7
    assert [r["addressee"] for r in data["recommendations"]] == [KS, KS, KS, KS, KS, ALN, KS]
    assert data["overall_assessments"][0]["assessment"] == "partly"


@pytest.mark.django_db
def test_trollhattan_gives_four_recommendations_to_the_executive_board():
    data = _json("004")

    assert (data["municipality"], data["auditor"], data["commissioned_by"]) == ("Trollhättan", "EY", "Kommunrevisionen")
    assert data["title"] == "Granskning av styrning och uppföljning av integrationsarbetet"
    assert [r["addressee"] for r in data["recommendations"]] == [KS] * 4
    assert data["recommendations"][0]["text"].startswith("Överväga att besluta om mätbara mål")
    assert data["overall_assessments"][0]["body"] == KS and data["overall_assessments"][0]["assessment"] == "partly"


@pytest.mark.django_db
def test_the_preschool_boards_answer_is_recognised_as_a_response_with_its_decision_and_paragraph():
    data = _json("001")

    assert data["kind"] == "response"
    assert (data["organization"], data["decision"], data["paragraph"], data["registry_number"]) == (
        "Förskolenämnden", "endorses", "39", "FN 2021-00019")


def test_a_missing_file_is_a_command_error():
    with pytest.raises(CommandError):
        call_command("import_audit", "/finns/inte.pdf", "--json")
