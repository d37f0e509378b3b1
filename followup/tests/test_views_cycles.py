import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from core.tests.factories import UserFactory
from core.validators import CONTROL_CHARACTERS, DATE_OUT_OF_RANGE
from core.versioning import versioned_save
from followup import services
from followup.forms.cycles import (
    NO_ROLE_IN_ORGANIZATION, NOT_A_RESPONDENT, OTHER_PEOPLE, OWN_PEOPLE, PEOPLE_HELP, UNKNOWN_ORGANIZATION, UNKNOWN_PERSON,
)
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question
from followup.models.cycle import BACKUP_IS_RESPONDENT, DEADLINE_BEFORE_OPENING, YEAR_OUT_OF_RANGE
from notifications.models import OutboxMessage
from organizations.models import Membership, Organization
from organizations.tests.factories import MembershipFactory, OrganizationFactory

Kind = Question.Kind
Role = Membership.Role
OPEN_URL = reverse("followup:cycle_open")


@pytest.fixture
def coordinator_client(client, town):
    client.force_login(town.users[Role.COORDINATOR])
    return client


def _post(setup, town, **changes):
    data = {
        "program": setup.program.pk, "year": "2027", "questionnaire": setup.questionnaire.pk,
        "opens_on": "2027-02-01", "deadline": "2027-03-31", "reminder_days_before": "14, 3",
        "reminder_days_after": "1, 7", "escalate_after_days": "14",
        "ask": [str(town.board.pk), str(town.company.pk)],
        f"respondent-{town.board.pk}": str(town.users[Role.RESPONDENT].pk), f"backup-{town.board.pk}": "",
        # 2027 is after the program's period and the 2026 cycle is still open: confirmed.
        "bekraftat": f"{setup.program.pk}:2027",
    }
    data.update(changes)
    return data


def _nothing_created():
    return FollowUpCycle.objects.filter(year=2027).count() == 0 and not OutboxMessage.objects.filter(
        topic__startswith="followup:", template="followup/email/invitation", body__contains="2027"
    ).exists()


def test_the_page_proposes_next_year_the_latest_version_and_last_cycles_respondents(coordinator_client, setup, town):
    page = coordinator_client.get(OPEN_URL)
    form, table = page.context["form"], page.context["table"]
    assert form["year"].value() == 2027
    assert form["questionnaire"].value() == setup.questionnaire.pk
    rows = {row.organization: row for row in table.rows}
    assert rows[town.board].asked and rows[town.board].respondent_id == town.users[Role.RESPONDENT].pk
    assert rows[town.company].asked
    # Other kinds are offered but not asked by default.
    assert not rows[town.administration].asked and not rows[town.external].asked
    html = page.content.decode()
    assert "Uppgiftslämnare för Arbetslivsnämnden" in html and "Öppna uppföljningen" in html


def test_without_an_earlier_cycle_the_organisations_respondents_are_proposed(coordinator_client, town):
    from steering.tests.factories import ProgramFactory

    ProgramFactory(municipality=town.municipality)
    backup = UserFactory(full_name="Ersättaren")
    MembershipFactory(user=backup, organization=town.board, role=Role.RESPONDENT)
    page = coordinator_client.get(OPEN_URL)
    row = next(row for row in page.context["table"].rows if row.organization == town.board)
    assert (row.respondent_id, row.backup_id) == (town.users[Role.RESPONDENT].pk, backup.pk)
    assert page.context["form"]["year"].value() == datetime.date.today().year


def test_opening_a_cycle_asks_the_organisations_invites_and_shows_its_completeness(coordinator_client, setup, town):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="Språkcafé",
                         seen_version=None)
    today = datetime.date.today()
    page = coordinator_client.post(OPEN_URL, _post(setup, town, opens_on=str(today),
                                                   deadline=str(today + datetime.timedelta(weeks=6))), follow=True)
    cycle = FollowUpCycle.objects.get(year=2027)
    assert page.redirect_chain[-1][0] == cycle.get_absolute_url()
    assert "Uppföljningen 2027 är öppnad" in page.content.decode()
    asked = {response.organization: response for response in cycle.organizations_asked.all()}
    assert set(asked) == {town.board, town.company}
    assert asked[town.board].respondent == town.users[Role.RESPONDENT]
    assert Answer.objects.get(response=asked[town.board]).copied_from_previous
    assert OutboxMessage.objects.filter(template="followup/email/invitation", body__contains="2027").count() == 1


@pytest.mark.parametrize("changes, message", [
    ({"deadline": "2027-01-15"}, DEADLINE_BEFORE_OPENING),
    ({"year": "2026"}, "Programmet har redan en uppföljning det året."),
    ({"ask": []}, services.NO_ORGANIZATION_ASKED),
    ({"year": "99999"}, YEAR_OUT_OF_RANGE),
    ({"year": "1999"}, YEAR_OUT_OF_RANGE),
    ({"opens_on": "0001-01-01"}, DATE_OUT_OF_RANGE),
    ({"deadline": "9999-12-31"}, DATE_OUT_OF_RANGE),
    ({"reminder_days_before": "14\x00"}, CONTROL_CHARACTERS),
    ({"reminder_days_after": "1, ²"}, "Ange antal dagar som heltal"),
])
def test_bad_settings_are_refused_with_a_message_and_nothing_created(coordinator_client, setup, town, changes,
                                                                       message):
    page = coordinator_client.post(OPEN_URL, _post(setup, town, **changes))
    assert page.status_code == 200
    assert str(message) in page.content.decode()
    assert _nothing_created() and FollowUpCycle.objects.count() == 1


def test_a_questionnaire_of_another_program_is_refused(coordinator_client, setup, town):
    from followup.tests.factories import QuestionnaireFactory
    from steering.tests.factories import ProgramFactory

    other = QuestionnaireFactory(program=ProgramFactory(municipality=town.municipality, name="Folkhälsoprogrammet"))
    page = coordinator_client.post(OPEN_URL, _post(setup, town, questionnaire=str(other.pk)))
    assert "Formuläret hör till ett annat program än uppföljningen." in page.content.decode()
    assert _nothing_created()


def test_a_backup_who_is_the_respondent_is_refused(coordinator_client, setup, town):
    respondent = str(town.users[Role.RESPONDENT].pk)
    page = coordinator_client.post(OPEN_URL, _post(setup, town, **{f"backup-{town.board.pk}": respondent}))
    assert str(BACKUP_IS_RESPONDENT) in page.content.decode()
    assert _nothing_created()


def test_a_forged_respondent_of_another_municipality_is_refused(coordinator_client, setup, town):
    stranger = MembershipFactory(role=Role.RESPONDENT).user
    page = coordinator_client.post(OPEN_URL, _post(setup, town, **{f"respondent-{town.board.pk}": str(stranger.pk)}))
    assert str(UNKNOWN_PERSON) in page.content.decode()
    assert _nothing_created()


def test_a_forged_id_that_is_a_digit_but_not_a_number_is_refused(coordinator_client, setup, town):
    page = coordinator_client.post(OPEN_URL, _post(setup, town, ask=[str(town.board.pk), "²"],
                                                   **{f"respondent-{town.board.pk}": "³"}))
    html = page.content.decode()
    assert page.status_code == 200 and str(UNKNOWN_ORGANIZATION) in html and str(UNKNOWN_PERSON) in html
    assert _nothing_created()


def test_a_forged_organisation_of_another_municipality_is_refused(coordinator_client, setup, town):
    foreign = OrganizationFactory(kind=Organization.Kind.BOARD)
    page = coordinator_client.post(OPEN_URL, _post(setup, town, ask=[str(town.board.pk), str(foreign.pk)]))
    assert str(UNKNOWN_ORGANIZATION) in page.content.decode()
    assert _nothing_created()
    assert not CycleOrganization.objects.filter(organization=foreign).exists()


def test_the_page_runs_the_same_number_of_queries_for_many_organisations(coordinator_client, setup, town):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(OPEN_URL).status_code == 200
        return len(queries)

    few = count()
    for index in range(30):
        organization = OrganizationFactory(municipality=town.municipality, parent=town.council,
                                           name=f"Nämnd {index}")
        MembershipFactory(organization=organization, role=Role.RESPONDENT)
    assert count() == few <= 20


def test_the_respondent_cannot_open_a_cycle(client, setup, town):
    client.force_login(town.users[Role.RESPONDENT])
    assert client.post(OPEN_URL, _post(setup, town)).status_code == 403
    assert _nothing_created()


def test_the_coordinator_names_another_respondent_who_is_invited(coordinator_client, setup, town):
    people_url = reverse("followup:response_people_edit", kwargs={"pk": setup.response.pk})
    review = coordinator_client.get(reverse("followup:response_edit", kwargs={"pk": setup.response.pk}))
    assert people_url in review.content.decode()
    other = UserFactory(full_name="Ny Uppgiftslämnare")
    MembershipFactory(user=other, organization=town.board, role=Role.RESPONDENT)
    url = reverse("followup:response_people_edit", kwargs={"pk": setup.response.pk})
    page = coordinator_client.post(url, {"respondent": other.pk, "backup": town.users[Role.RESPONDENT].pk,
                                         "seen_version": setup.response.version})
    assert page.status_code == 302
    response = CycleOrganization.objects.get(pk=setup.response.pk)
    assert (response.respondent, response.backup) == (other, town.users[Role.RESPONDENT])
    assert OutboxMessage.objects.filter(template="followup/email/invitation", recipient=other.email).exists()


def test_a_stale_change_of_respondent_is_refused(coordinator_client, setup, town):
    url = reverse("followup:response_people_edit", kwargs={"pk": setup.response.pk})
    seen = setup.response.version
    services.response_people_update(response=setup.response, respondent=None, backup=None, seen_version=seen)
    page = coordinator_client.post(url, {"respondent": town.users[Role.COORDINATOR].pk, "backup": "",
                                         "seen_version": seen})
    assert "Någon annan har sparat" in page.content.decode()
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent is None


def test_a_respondent_of_another_municipality_cannot_be_named(coordinator_client, setup, town):
    stranger = MembershipFactory(role=Role.RESPONDENT).user
    url = reverse("followup:response_people_edit", kwargs={"pk": setup.response.pk})
    page = coordinator_client.post(url, {"respondent": stranger.pk, "backup": "",
                                         "seen_version": setup.response.version})
    assert str(UNKNOWN_PERSON) in page.content.decode()
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent == town.users[Role.RESPONDENT]


def test_closing_a_cycle_asks_for_confirmation_then_locks_it(coordinator_client, setup):
    url = reverse("followup:cycle_close", kwargs={"pk": setup.cycle.pk})
    page = coordinator_client.get(url)
    assert "Stäng uppföljningen" in page.content.decode()
    assert FollowUpCycle.objects.get(pk=setup.cycle.pk).is_open
    page = coordinator_client.post(url, {"seen_version": setup.cycle.version}, follow=True)
    assert "Uppföljningen är stängd." in page.content.decode()
    assert not FollowUpCycle.objects.get(pk=setup.cycle.pk).is_open


def test_closing_a_cycle_changed_since_it_was_shown_is_refused(coordinator_client, setup):
    url = reverse("followup:cycle_close", kwargs={"pk": setup.cycle.pk})
    seen = setup.cycle.version
    setup.cycle.deadline = datetime.date(2026, 4, 30)
    versioned_save(instance=setup.cycle, seen_version=seen)
    page = coordinator_client.post(url, {"seen_version": seen})
    assert "Någon annan har sparat" in page.content.decode()
    assert "Någon annan har sparat" in page.content.decode()
    assert FollowUpCycle.objects.get(pk=setup.cycle.pk).is_open


def test_the_cycle_list_links_to_opening_a_cycle_and_the_questionnaires(coordinator_client, client, setup, town):
    html = coordinator_client.get(reverse("followup:cycle_list")).content.decode()
    assert OPEN_URL in html and reverse("followup:questionnaire_list") in html
    client.force_login(town.users[Role.KS_OFFICIAL])
    html = client.get(reverse("followup:cycle_list")).content.decode()
    assert OPEN_URL not in html and reverse("followup:questionnaire_list") in html


# The respondent picker ------------------------------------------------------------------

def _groups(html, select_id):
    """The picker's option groups: [(label, [option text, ...]), ...]."""
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [(label, [unescape(text) for text in re.findall(r"<option[^>]*>([^<]*)</option>", options)])
            for label, options in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)]


def _people_url(setup):
    return reverse("followup:response_people_edit", kwargs={"pk": setup.response.pk})


def test_the_picker_offers_the_organisations_people_first_and_no_auditor_or_politician(
    coordinator_client, setup, town,
):
    html = coordinator_client.get(_people_url(setup)).content.decode()
    groups = _groups(html, "id_respondent")
    assert [label for label, _options in groups] == [str(OWN_PEOPLE), str(OTHER_PEOPLE)]
    own, others = groups[0][1], groups[1][1]
    assert own[0] == "Test Uppgiftslämnare – Arbetslivsnämnden – respondent@sjostad.example"
    assert len(own) == 3 and len(others) == 2
    assert "Test KS-tjänsteperson – Kommunstyrelsen – ks_official@sjostad.example" in others
    assert "auditor@sjostad.example" not in html and "politician@sjostad.example" not in html
    assert str(PEOPLE_HELP) in html


def test_the_open_page_groups_each_organisations_people_first(coordinator_client, setup, town):
    html = coordinator_client.get(OPEN_URL).content.decode()
    board = _groups(html, f"respondent-{town.board.pk}")
    assert [label for label, _options in board] == [str(OWN_PEOPLE), str(OTHER_PEOPLE)]
    assert board[0][1][0].startswith("Test Uppgiftslämnare – Arbetslivsnämnden")
    # Nobody holds a role in the company: everyone offered is among the others.
    assert [label for label, _options in _groups(html, f"backup-{town.company.pk}")] == [str(OTHER_PEOPLE)]
    assert "auditor@sjostad.example" not in html and "politician@sjostad.example" not in html


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.POLITICIAN])
def test_a_forged_auditor_or_politician_is_refused_and_nothing_changes(coordinator_client, setup, town, role):
    forged = str(town.users[role].pk)
    page = coordinator_client.post(_people_url(setup), {"respondent": forged, "backup": "",
                                                        "seen_version": setup.response.version})
    assert str(NOT_A_RESPONDENT) in page.content.decode()
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent == town.users[Role.RESPONDENT]
    page = coordinator_client.post(OPEN_URL, _post(setup, town, **{f"backup-{town.board.pk}": forged}))
    assert str(NOT_A_RESPONDENT) in page.content.decode()
    assert _nothing_created()
    assert not OutboxMessage.objects.filter(recipient=town.users[role].email).exists()


def test_naming_someone_without_a_role_in_the_organisation_saves_with_a_warning(coordinator_client, setup, town):
    official = town.users[Role.KS_OFFICIAL]
    page = coordinator_client.post(_people_url(setup), {"respondent": official.pk, "backup": "",
                                                        "seen_version": setup.response.version}, follow=True)
    warning = str(NO_ROLE_IN_ORGANIZATION % {"person": official, "organization": town.board})
    assert warning in unescape(page.content.decode())
    assert CycleOrganization.objects.get(pk=setup.response.pk).respondent == official
    page = coordinator_client.post(OPEN_URL, _post(setup, town, **{f"respondent-{town.company.pk}": official.pk}),
                                   follow=True)
    html = unescape(page.content.decode())
    assert "Uppföljningen 2027 öppnar" in html
    assert str(NO_ROLE_IN_ORGANIZATION % {"person": official, "organization": town.company}) in html
    # The board's own respondent gives no warning.
    assert str(NO_ROLE_IN_ORGANIZATION % {"person": town.users[Role.RESPONDENT], "organization": town.board}) \
        not in html


def test_the_picker_runs_a_fixed_number_of_queries_however_many_people(
    coordinator_client, setup, town, django_assert_max_num_queries,
):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(_people_url(setup)).status_code == 200
        return len(queries)

    few = count()
    for index in range(30):
        MembershipFactory(organization=town.board if index % 2 else town.company,
                          role=Role.SECRETARY if index % 3 else Role.RESPONDENT)
    with django_assert_max_num_queries(few):
        html = coordinator_client.get(_people_url(setup)).content.decode()
    assert len(sum((options for _label, options in _groups(html, "id_respondent")), [])) == 35


def test_opening_later_says_when_the_invitations_go_and_sends_none_now(coordinator_client, setup, town):
    opens_on = datetime.date.today() + datetime.timedelta(days=20)
    page = coordinator_client.post(OPEN_URL, _post(setup, town, opens_on=str(opens_on),
                                                   deadline=str(opens_on + datetime.timedelta(weeks=6))), follow=True)
    assert FollowUpCycle.objects.filter(year=2027).exists()
    assert "Uppföljningen 2027 öppnar" in page.content.decode()
    assert not OutboxMessage.objects.filter(template="followup/email/invitation", body__contains="2027").exists()


def test_opening_outside_the_period_with_last_year_open_warns_first_and_opens_when_confirmed(
        coordinator_client, setup, town):
    data = _post(setup, town)
    del data["bekraftat"]
    page = coordinator_client.post(OPEN_URL, data)
    html = page.content.decode()
    assert "Programmet gäller 2022–2026, så en uppföljning för 2027 ligger utanför dess period." in html
    assert "Uppföljningen 2026 är fortfarande öppen." in html and "Öppna uppföljningen ändå" in html
    assert _nothing_created()
    # A confirmation of another year does not confirm this one.
    page = coordinator_client.post(OPEN_URL, {**data, "bekraftat": f"{setup.program.pk}:2028"})
    assert "Öppna uppföljningen ändå" in page.content.decode() and _nothing_created()
    coordinator_client.post(OPEN_URL, {**data, "bekraftat": page.context["confirmation"]})
    assert FollowUpCycle.objects.filter(year=2027).exists()


def test_a_year_within_the_period_with_no_cycle_open_opens_without_a_warning(coordinator_client, setup, town):
    services.cycle_close(cycle=setup.cycle)
    setup.program.end_year = 2030
    setup.program.save()
    data = _post(setup, town)
    del data["bekraftat"]
    coordinator_client.post(OPEN_URL, data)
    assert FollowUpCycle.objects.filter(year=2027).exists()


def test_the_cycle_list_shows_the_latest_year_first_as_its_caption_says(coordinator_client, setup, town):
    for year in (2024, 2025):
        services.cycle_open(
            program=setup.program, year=year, questionnaire=setup.questionnaire,
            opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31),
            respondents={town.board: (None, None)},
        )
    page = coordinator_client.get(reverse("followup:cycle_list"))
    assert "den senaste först" in page.content.decode()
    assert [cycle.year for cycle in page.context["cycles"]] == [2026, 2025, 2024]


def test_the_coordinators_breadcrumb_on_a_boards_response_leads_back_to_the_cycle(coordinator_client, client, setup,
                                                                                   town):
    url = reverse("followup:response_edit", kwargs={"pk": setup.response.pk})
    html = coordinator_client.get(url).content.decode()
    breadcrumbs = html.split('class="ds-breadcrumbs"')[1].split("</nav>")[0]
    assert setup.cycle.get_absolute_url() in breadcrumbs and "Min uppföljning" not in breadcrumbs
    client.force_login(town.users[Role.RESPONDENT])
    breadcrumbs = client.get(url).content.decode().split('class="ds-breadcrumbs"')[1].split("</nav>")[0]
    assert "Min uppföljning" in breadcrumbs and setup.cycle.get_absolute_url() not in breadcrumbs
