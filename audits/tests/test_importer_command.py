"""manage.py import_audit FILE --json: the draft with what was not found or guessed."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audits.importer.draft import RECOMMENDATIONS_CUT_OFF

CUT_OFF = "Vår samlade bedömning är att socialnämnden delvis har en tillräcklig styrning.\nVi rekommenderar socialnämnden att:\n"


def test_json_lists_what_was_not_found_and_guessed(tmp_path, capsys):
    path = tmp_path / "rapport.txt"
    path.write_text(CUT_OFF, encoding="utf-8")

    call_command("import_audit", str(path), "--json")

    data = json.loads(capsys.readouterr().out)
    assert data["recommendations"] == []
    assert {"field": "recommendations", "note": RECOMMENDATIONS_CUT_OFF,
            "sentence": "Vi rekommenderar socialnämnden att:"} in data["not_found"]
    assert [item["field"] for item in data["guessed"]] == ["audited_bodies"]


def test_plain_output_names_each_field_to_check(tmp_path, capsys):
    path = tmp_path / "rapport.txt"
    path.write_text(CUT_OFF, encoding="utf-8")

    call_command("import_audit", str(path))

    assert "not found recommendations: " + RECOMMENDATIONS_CUT_OFF in capsys.readouterr().out


def test_minutes_for_another_audit_are_refused(tmp_path):
    path = tmp_path / "protokoll.txt"
    source = Path(__file__).resolve().parent / "corpus" / "responses" / "protokollsutdrag_kommunstyrelsen.txt"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(CommandError, match="Protokollet gäller en annan granskning"):
        call_command("import_audit", str(path), "--audit-title", "Granskning av hemtjänstens kvalitet")
