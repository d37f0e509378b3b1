import datetime

from django.urls import reverse

from followup import services
from followup.completeness import cycle_completeness
from followup.models import Answer, CycleOrganization, Question
from notifications.models import OutboxMessage
from organizations.models import Membership, Organization
from followup.tests.factories import QuestionFactory
from organizations.tests.factories import OrganizationFactory
from steering.tests.factories import AreaFactory

Kind = Question.Kind
AFTER_DEADLINE = datetime.date(2026, 4, 10)


def test_completeness_counts_answers_per_area_days_overdue_and_reminders(setup, town):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    services.answer_save(response=setup.response, question=setup.questions[Kind.NUMBER], value="", seen_version=None)
    OutboxMessage.objects.create(recipient="a@b.example", subject="s", body="b", template="t",
                                 topic=f"followup:{setup.cycle.pk}:reminder-after-1:{town.board.pk}:2026-03-31")
    result = cycle_completeness(cycle=setup.cycle, today=AFTER_DEADLINE)
    rows = {row.response.organization_id: row for row in result.rows}
    board = rows[town.board.pk]
    assert (board.cells[0].answered, board.cells[0].asked) == (1, len(Kind.values))
    assert board.days_overdue == 10 and board.reminders_sent == 1
    assert rows[town.company.pk].reminders_sent == 0


def test_questions_put_to_some_kinds_or_chosen_organisations_count_only_where_asked(setup, town):
    section = setup.questions[Kind.TEXT].section
    QuestionFactory(questionnaire=setup.questionnaire, section=section, key="bara-bolag", kind=Kind.TEXT,
                    targeting=Question.Targeting.KINDS, target_kinds=[Organization.Kind.COMPANY])
    chosen = QuestionFactory(questionnaire=setup.questionnaire, section=section, key="bara-namnden",
                             kind=Kind.TEXT, targeting=Question.Targeting.CHOSEN)
    chosen.target_organizations.set([town.board])
    rows = {row.response.organization_id: row for row in cycle_completeness(cycle=setup.cycle,
                                                                          today=AFTER_DEADLINE).rows}
    everyone = len(Kind.values)
    assert rows[town.board.pk].cells[0].asked == everyone + 1
    assert rows[town.company.pk].cells[0].asked == everyone + 1


def test_submitted_organisations_are_not_overdue_and_filters_apply(setup, town):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    services.response_submit(response=setup.response)
    result = cycle_completeness(cycle=setup.cycle, today=AFTER_DEADLINE, overdue_only=True)
    assert [row.response.organization_id for row in result.rows] == [town.company.pk]
    result = cycle_completeness(cycle=setup.cycle, today=AFTER_DEADLINE, kind=Organization.Kind.BOARD)
    assert [row.response.organization_id for row in result.rows] == [town.board.pk]


def test_the_dashboard_runs_a_fixed_number_of_queries_at_300_organisations(
    client, setup, town, django_assert_max_num_queries
):
    organizations = OrganizationFactory.create_batch(298, municipality=town.municipality)
    CycleOrganization.objects.bulk_create(
        [CycleOrganization(cycle=setup.cycle, organization=org) for org in organizations]
    )
    assert setup.cycle.organizations_asked.count() == 300
    client.force_login(town.users[Membership.Role.COORDINATOR])
    with django_assert_max_num_queries(16):
        page = client.get(reverse("followup:cycle_detail", kwargs={"pk": setup.cycle.pk}))
    assert len(page.context["completeness"].rows) == 300
    with django_assert_max_num_queries(16):
        data = client.get(reverse("followup:cycle_json", kwargs={"pk": setup.cycle.pk})).json()
    assert len(data["organizations"]) == 300


def test_the_excel_export_has_a_row_per_organisation(client, setup, town):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(town.users[Membership.Role.COORDINATOR])
    download = client.get(reverse("followup:cycle_export", kwargs={"pk": setup.cycle.pk}))
    sheet = load_workbook(BytesIO(download.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("Organisation", "Status")
    assert {row[0] for row in rows[1:]} == {"Arbetslivsnämnden", "AB Bostäder"}


def test_an_area_the_questionnaire_asks_nothing_about_has_a_column_saying_so(client, setup, town):
    AreaFactory(program=setup.program, name="Trygghet", position=99)
    result = cycle_completeness(cycle=setup.cycle, today=AFTER_DEADLINE)
    assert [area.name for area in result.areas][-1] == "Trygghet"
    assert [area.name for area in result.areas_without_questions] == ["Trygghet"]
    board = next(row for row in result.rows if row.response.organization_id == town.board.pk)
    assert board.cells[-1].no_question and not board.cells[0].no_question
    client.force_login(town.users[Membership.Role.COORDINATOR])
    page = client.get(reverse("followup:cycle_detail", kwargs={"pk": setup.cycle.pk})).content.decode()
    assert "Ingen fråga ställd" in page and "ställer ingen fråga om ett av programmets områden" in page
    data = client.get(reverse("followup:cycle_json", kwargs={"pk": setup.cycle.pk})).json()
    assert data["areas_without_questions"] == ["Trygghet"]


def test_last_years_answers_copied_in_do_not_count_until_given_again(setup, town):
    answer = services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="Språkcafé",
                                  seen_version=None)
    Answer.objects.filter(pk=answer.pk).update(copied_from_previous=True)
    board = lambda: next(r for r in cycle_completeness(cycle=setup.cycle, today=AFTER_DEADLINE).rows  # noqa: E731
                         if r.response.organization_id == town.board.pk)
    assert board().cells[0].answered == 0
    Answer.objects.filter(pk=answer.pk).update(copied_from_previous=False)
    assert board().cells[0].answered == 1


def test_names_that_look_like_formulas_are_text_in_the_excel_export(client, setup, town):
    from io import BytesIO

    from openpyxl import load_workbook

    Organization.objects.filter(pk=town.board.pk).update(name="=1+1…")
    area = setup.questions[Kind.TEXT].section.area
    area.name = '@HYPERLINK("http://x.example")'
    area.save()
    respondent = town.users[Membership.Role.RESPONDENT]
    respondent.full_name = "-Eva\tSvensson"
    respondent.save()

    client.force_login(town.users[Membership.Role.COORDINATOR])
    download = client.get(reverse("followup:cycle_export", kwargs={"pk": setup.cycle.pk}))
    sheet = load_workbook(BytesIO(download.content)).active

    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert cells['@HYPERLINK("http://x.example")'] == "s" and cells["=1+1…"] == "s"
    assert [kind for text, kind in cells.items() if text.startswith("-Eva")] == ["s"]
