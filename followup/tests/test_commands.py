import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from followup.models import CycleOrganization


def test_followup_status_prints_every_organisation_asked_as_json(setup, town, capsys):
    CycleOrganization.objects.filter(pk=setup.company_response.pk).update(status=CycleOrganization.Status.APPROVED)
    call_command("followup_status", "--year", "2026", "--json")
    [cycle] = json.loads(capsys.readouterr().out)
    by_name = {row["name"]: row for row in cycle["organizations"]}
    assert by_name["Arbetslivsnämnden"]["respondent"] == town.users["respondent"].email
    assert by_name["Arbetslivsnämnden"]["status"] == "not_started"
    assert by_name["AB Bostäder"]["status"] == "approved" and by_name["AB Bostäder"]["days_overdue"] == 0
    assert by_name["Arbetslivsnämnden"]["days_overdue"] == setup.cycle.days_overdue(timezone.localdate())


def test_followup_status_as_a_table(setup, capsys):
    call_command("followup_status", "--year", "2026")
    assert "Arbetslivsnämnden" in capsys.readouterr().out


def test_followup_status_for_a_year_without_a_cycle(db):
    with pytest.raises(CommandError, match="No follow-up cycle for 1999"):
        call_command("followup_status", "--year", "1999")
