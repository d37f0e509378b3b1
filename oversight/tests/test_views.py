import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audits.tests.factories import AuditFactory, AuditQuestionFactory
from organizations.models import Membership
from oversight.models import AuditQuestionCheck
from oversight.tests.factories import AuditQuestionCheckFactory
from oversight.tests.scenario import fill
from steering.tests.factories import AreaFactory, ProgramFactory, ResponsibilityFactory

Role = Membership.Role
URL = reverse("oversight:page")


# The page's queries: session and user, the programs, the fingerprint of the records the
# checks read (and the cache, on a database cache); the first load also the program's
# records and last year's (oversight.selectors) and the linked audit questions. The same
# whatever the size.
QUERIES_FIRST = 30
QUERIES = 7


@pytest.mark.parametrize("size", [1, 12])
def test_page_runs_a_fixed_number_of_queries(client, town, size):
    fill(town, size=size)
    client.force_login(town.users[Role.KS_OFFICIAL])
    for expected in (QUERIES_FIRST, QUERIES):
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL)
        page = response.content.decode()
        assert f"{size} av {size} områden har en ansvarig organisation" in page
        assert f"Rapporten {timezone.localdate().year - 1} är godkänd." in page
        assert len(context) == expected, "\n".join(q["sql"][:150] for q in context.captured_queries)


def test_page_shows_verdict_rule_and_gap_links(client, town):
    program = ProgramFactory(municipality=town.municipality, owner=town.executive)
    area = AreaFactory(program=program, name="Arbete")
    client.force_login(town.users[Role.AUDITOR])
    page = client.get(URL).content.decode()
    assert "0 av 1 områden har en ansvarig organisation" in page
    assert "Bedömning: Nej" in page
    assert "Ja när minst 90 % uppfyller kravet" in page
    assert reverse("steering:area_detail", kwargs={"pk": area.pk}) in page


def test_naming_a_responsible_board_changes_the_verdict(client, town):
    program = ProgramFactory(municipality=town.municipality, owner=town.executive)
    area = AreaFactory(program=program)
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert "0 av 1 områden har en ansvarig" in client.get(URL).content.decode()
    ResponsibilityFactory(area=area, organization=town.board, mandate="Samordnar arbetet.")
    assert "1 av 1 områden har en ansvarig" in client.get(URL).content.decode()


def test_program_without_areas_or_cycle_says_so(client, town):
    ProgramFactory(municipality=town.municipality)
    client.force_login(town.users[Role.KS_OFFICIAL])
    page = client.get(URL).content.decode()
    assert "Programmet har inga områden ännu." in page
    assert f"Ingen uppföljning har genomförts för {timezone.localdate().year}." in page
    assert "0 av 0" not in page


def test_no_program_says_so(client, town):
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert "Det finns inget program att granska ännu." in client.get(URL).content.decode()


def test_program_select_shows_the_chosen_program(client, town):
    ProgramFactory(municipality=town.municipality, name="Första programmet")
    second = ProgramFactory(municipality=town.municipality, name="Andra programmet")
    client.force_login(town.users[Role.KS_OFFICIAL])
    page = client.get(URL, {"program": second.pk}).content.decode()
    assert f'<option value="{second.pk}" selected>' in page


@pytest.mark.parametrize("value", ["abc", "²", "99999999"])
def test_unknown_program_is_not_found(client, town, value):
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert client.get(URL, {"program": value}).status_code == 404


def test_another_municipalitys_program_is_not_found(client, town):
    other = ProgramFactory()
    client.force_login(town.users[Role.KS_OFFICIAL])
    assert client.get(URL, {"program": other.pk}).status_code == 404


def test_linked_question_shows_the_auditors_assessment_and_todays_verdict(client, town):
    ProgramFactory(municipality=town.municipality, owner=town.executive)
    question = AuditQuestionFactory(
        audit=AuditFactory(municipality=town.municipality, date=datetime.date(2021, 1, 18)),
        text="Finns en tydlig ansvarsfördelning?", assessment="partly",
    )
    AuditQuestionCheckFactory(audit_question=question, check_key="roles")
    client.force_login(town.users[Role.POLITICIAN])
    page = client.get(URL).content.decode()
    assert "Revisorerna frågade 2021: Finns en tydlig ansvarsfördelning? — bedömning: Delvis" in page
    assert "Programmet har inga områden ännu." in page


def test_coordinator_links_a_question(client, town):
    question = AuditQuestionFactory(audit=AuditFactory(municipality=town.municipality))
    client.force_login(town.users[Role.COORDINATOR])
    response = client.post(reverse("oversight:question_link"), {"question": question.pk, "check_key": "goals"})
    assert response.status_code == 302
    assert AuditQuestionCheck.objects.get(audit_question=question).check_key == "goals"
    client.post(reverse("oversight:question_link"), {"question": question.pk, "check_key": ""})
    assert not AuditQuestionCheck.objects.filter(audit_question=question).exists()


def test_linking_another_municipalitys_question_is_refused(client, town):
    question = AuditQuestionFactory()
    client.force_login(town.users[Role.KS_OFFICIAL])
    response = client.post(reverse("oversight:question_link"), {"question": question.pk, "check_key": "goals"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not AuditQuestionCheck.objects.exists()


def test_an_unknown_check_is_refused(client, town):
    question = AuditQuestionFactory(audit=AuditFactory(municipality=town.municipality))
    AuditQuestionCheckFactory(audit_question=question, check_key="roles")
    client.force_login(town.users[Role.KS_OFFICIAL])
    response = client.post(reverse("oversight:question_link"), {"question": question.pk, "check_key": "okänd"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert AuditQuestionCheck.objects.get(audit_question=question).check_key == "roles"


def test_page_shows_each_part_and_the_trend_in_words(client, town):
    fill(town, size=2)
    client.force_login(town.users[Role.AUDITOR])
    page = client.get(URL).content.decode()
    year = timezone.localdate().year
    assert f"Kommunstyrelsen har lagt rapporten {year - 1} till handlingarna." in page
    assert "1 av 2 organisationer har kvitterat rapporten." in page
    assert '<span aria-hidden="true">→</span> Sedan förra året: Oförändrad sedan' in page
    assert "Sedan förra året: Ingen jämförelse: kontrollen bygger på dagens register" in page
    assert "Den svagaste delen avgör" in page
