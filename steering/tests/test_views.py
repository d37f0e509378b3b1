import datetime
import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.factories import MunicipalityFactory
from core.tests.files import ELF, docx_bytes, pdf_bytes
from core.uploads import PDF_BROKEN
from organizations.models import Membership
from steering.models import Activity, Project, SteeringDocument
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    DocumentFactory,
    ForumFactory,
    GoalFactory,
    IndicatorFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
    RoutineFactory,
    TargetFactory,
)

PDF = pdf_bytes()
Role = Membership.Role


@pytest.fixture
def program(town):
    return ProgramFactory(municipality=town.municipality, name="Program för ett integrerat samhälle")


def _login(client, town, role):
    client.force_login(town.users[role])
    return client


def _fill_program(town, program, n):
    for i in range(n):
        area = AreaFactory(program=program, name=f"Område {i}")
        goal = GoalFactory(area=area)
        sub = GoalFactory(area=area, parent=goal, organization=town.board)
        TargetFactory(indicator=IndicatorFactory(goal=sub))
        ResponsibilityFactory(area=area, organization=town.board)
        activity = ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.other_board)
        activity.contributors.add(town.company, town.external)


def test_the_program_page_shows_each_area_with_counts_and_opens_one_areas_tree(client, town, program):
    _fill_program(town, program, 2)
    area = program.areas.get(name="Område 0")
    GoalFactory(area=area, title="Mål utan mätning")
    _login(client, town, Role.POLITICIAN)
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Område 0" in page and "Område 1" in page and "Plan och ansvar finns" in page
    assert "Mål utan mätning" not in page
    assert f'href="{program.get_absolute_url()}?omrade={area.pk}#omrade-{area.pk}"' in page
    opened = client.get(program.get_absolute_url(), {"omrade": area.pk}).content.decode()
    assert "Mål utan mätning" in opened and "Saknar indikator" in opened and "Mätbart" in opened
    assert opened.count('class="goal-tree"') == 1


def test_the_program_page_names_indicators_without_a_current_value_with_their_area(client, town, program):
    from steering.models import IndicatorValue

    area = AreaFactory(program=program, name="Arbete")
    stale = IndicatorFactory(goal=GoalFactory(area=area), name="Andel i arbete <20-64>")
    current = IndicatorFactory(goal=GoalFactory(area=area), name="Andel i utbildning")
    IndicatorValue.objects.create(indicator=current, year=datetime.date.today().year, value=1)
    page = _login(client, town, Role.POLITICIAN).get(program.get_absolute_url()).content.decode()
    item = page[page.index(f'href="{reverse("steering:indicator_detail", args=[stale.pk])}"'):]
    item = item[:item.index("</li>")]
    assert "Andel i arbete &lt;20-64&gt;</a> (Arbete): Saknar värde" in item
    assert "Andel i utbildning" not in page


def test_an_areas_tree_loads_alone_for_htmx(client, town, program):
    _fill_program(town, program, 2)
    area = program.areas.get(name="Område 1")
    fragment = _login(client, town, Role.POLITICIAN).get(
        program.get_absolute_url(), {"omrade": area.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment and 'class="goal-tree"' in fragment and "Område 0" not in fragment


def test_the_program_page_and_its_fragment_are_cached_apart(client, town, program):
    response = _login(client, town, Role.POLITICIAN).get(program.get_absolute_url())
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("value", ["abc", "9" * 25])
def test_a_malformed_area_in_the_program_address_is_not_found(client, town, program, value):
    response = _login(client, town, Role.POLITICIAN).get(program.get_absolute_url(), {"omrade": value})
    assert response.status_code == 404


def test_another_programs_area_is_not_opened_in_this_program(client, town, program):
    other = AreaFactory(program=ProgramFactory(municipality=town.municipality))
    response = _login(client, town, Role.POLITICIAN).get(program.get_absolute_url(), {"omrade": other.pk})
    assert response.status_code == 404


def test_the_program_page_with_an_open_area_runs_a_fixed_number_of_queries(
    client, town, program, django_assert_max_num_queries
):
    _fill_program(town, program, 3)
    area = program.areas.get(name="Område 0")
    for _ in range(20):
        goal = GoalFactory(area=area)
        TargetFactory(indicator=IndicatorFactory(goal=goal))
        ActivityFactory(action_plan=ActionPlanFactory(area=area), responsible=town.board).contributors.add(town.company)
    _login(client, town, Role.RESPONDENT)
    with django_assert_max_num_queries(25):
        response = client.get(program.get_absolute_url(), {"omrade": area.pk})
    assert response.status_code == 200


@pytest.mark.parametrize("url_name, per_row", [
    ("steering:program_detail", _fill_program),
    ("steering:program_matrix", _fill_program),
])
def test_program_pages_run_a_fixed_number_of_queries(client, town, program, url_name, per_row,
                                                     django_assert_max_num_queries):
    per_row(town, program, 25)
    _login(client, town, Role.COORDINATOR)
    # The program page's list of indicators without a current value adds three queries.
    with django_assert_max_num_queries(23):
        response = client.get(reverse(url_name, args=[program.pk]))
    assert response.status_code == 200 and "Område 24" in response.content.decode()


def test_the_gap_page_runs_as_many_queries_for_25_times_the_records(client, town, program):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, town, Role.KS_OFFICIAL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("steering:gap_list")).status_code == 200
        return len(queries)

    few = count()
    past = datetime.date(2020, 1, 1)
    for i in range(25):
        area = AreaFactory(program=program, name=f"Område {i}")
        IndicatorFactory(goal=GoalFactory(area=area))
        GoalFactory(area=None, municipality=town.municipality, organization=town.company, title=f"Bolagsmål {i}")
        DocumentFactory(municipality=town.municipality, review_due=past)
        RoutineFactory(municipality=town.municipality, organization=town.board, review_due=past)
        ProjectFactory(municipality=town.municipality, owner=town.board, end_date=past, start_date=past)
        ForumFactory(municipality=town.municipality, convener=town.board, status="dormant")
    assert count() == few <= 17
    page = client.get(reverse("steering:gap_list")).content.decode()
    assert "Bolagsmål 24" in page and "Vilande samverkansforum" in page


@pytest.mark.parametrize("url_name, make, text", [
    ("steering:document_list", lambda t, i: DocumentFactory(
        municipality=t.municipality, title=f"Dokument {i}", adopted_by=t.council, responsible=t.board,
        parent=DocumentFactory(municipality=t.municipality)), "Dokument 29"),
    ("steering:document_tree", lambda t, i: DocumentFactory(
        municipality=t.municipality, title=f"Dokument {i}", parent=DocumentFactory(municipality=t.municipality)),
     "Dokument 29"),
    ("steering:document_overlap", lambda t, i: DocumentFactory(
        municipality=t.municipality, title=f"Dokument {i}").areas.add(AreaFactory(program__municipality=t.municipality)),
     "Inga överlapp"),
    ("steering:project_list", lambda t, i: ProjectFactory(
        municipality=t.municipality, name=f"Projekt {i}", owner=t.board,
        goal=GoalFactory(area__program__municipality=t.municipality)), "Projekt 29"),
    ("steering:forum_list", lambda t, i: ForumFactory(
        municipality=t.municipality, name=f"Forum {i}", convener=t.board).members.add(t.external, t.company),
     "Forum 29"),
    ("steering:routine_list", lambda t, i: RoutineFactory(
        municipality=t.municipality, title=f"Rutin {i}", organization=t.board, owner=t.users[Role.COORDINATOR],
        document=DocumentFactory(municipality=t.municipality)), "Rutin 29"),
    ("steering:program_list", lambda t, i: ProgramFactory(
        municipality=t.municipality, name=f"Program {i}", owner=t.board), "Program 29"),
])
def test_list_pages_run_a_fixed_number_of_queries(client, town, url_name, make, text, django_assert_max_num_queries):
    for i in range(30):
        make(town, i)
    _login(client, town, Role.RESPONDENT)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(url_name))
    assert response.status_code == 200 and text in response.content.decode()


def test_the_document_list_filters_by_overdue_review(client, town):
    DocumentFactory(municipality=town.municipality, title="Gammal plan", review_due=datetime.date(2020, 1, 1))
    DocumentFactory(municipality=town.municipality, title="Ny plan", review_due=datetime.date(2099, 1, 1))
    page = _login(client, town, Role.AUDITOR).get(reverse("steering:document_list") + "?oversyn=forsenad")
    assert "Gammal plan" in page.content.decode() and "Ny plan" not in page.content.decode()


def test_another_municipalitys_program_is_not_found(client, town):
    elsewhere = ProgramFactory(municipality=MunicipalityFactory())
    assert _login(client, town, Role.COORDINATOR).get(elsewhere.get_absolute_url()).status_code == 404


def _activity_data(activity, **changes):
    data = {"title": activity.title, "responsible": activity.responsible_id, "status": activity.status,
            "seen_version": activity.version}
    data.update(changes)
    return data


def test_a_board_cannot_edit_another_boards_activity_through_the_page(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)),
                               responsible=town.other_board, title="Språkcafé")
    response = _login(client, town, Role.RESPONDENT).post(
        reverse("steering:activity_edit", args=[activity.pk]), _activity_data(activity, title="Ändrad")
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Språkcafé" and activity.version == 1


def test_a_board_edits_its_own_activity_and_the_history_shows_it(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)),
                               responsible=town.board, title="Språkcafé")
    _login(client, town, Role.RESPONDENT)
    response = client.post(reverse("steering:activity_edit", args=[activity.pk]),
                           _activity_data(activity, title="Språkcafé på biblioteket", status="ongoing"))
    assert response.status_code == 302
    history = client.get(reverse("steering:activity_history", args=[activity.pk])).content.decode()
    assert "Språkcafé på biblioteket" in history and "Test Uppgiftslämnare" in history


def test_an_end_date_before_the_start_is_shown_on_the_form_and_nothing_changes(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)), responsible=town.board)
    response = _login(client, town, Role.RESPONDENT).post(
        reverse("steering:activity_edit", args=[activity.pk]),
        _activity_data(activity, start_date="2025-05-01", end_date="2025-04-01"),
    )
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    activity.refresh_from_db()
    assert activity.end_date is None and activity.version == 1


def test_a_target_outside_the_period_is_shown_on_the_form(client, town, program):
    indicator = IndicatorFactory(goal=GoalFactory(area=AreaFactory(program=program)))
    response = _login(client, town, Role.COORDINATOR).post(
        reverse("steering:target_create", args=[indicator.pk]), {"year": 2035, "value": "50"}
    )
    assert "Målvärdet gäller år 2035, men programmet gäller 2022–2026." in response.content.decode()
    assert not indicator.targets.exists()


def _document_data(**changes):
    return {"title": "Integrationsprogram", "kind": "program", "nature": "activating", **changes}


def test_a_coordinator_uploads_a_pdf_steering_document(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("program.pdf", PDF, content_type="application/pdf")
    response = _login(client, town, Role.COORDINATOR).post(
        reverse("steering:document_create"), _document_data(file=upload)
    )
    assert response.status_code == 302
    assert SteeringDocument.objects.get().file.name.endswith(".pdf")


def test_an_upload_that_is_not_a_pdf_or_docx_is_refused_and_nothing_is_saved(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("program.pdf", b"%PDF-1.7\n" + ELF, content_type="application/pdf")
    response = _login(client, town, Role.COORDINATOR).post(
        reverse("steering:document_create"), _document_data(file=upload)
    )
    assert str(PDF_BROKEN) in response.content.decode()
    assert not SteeringDocument.objects.exists() and not list(tmp_path.iterdir())


def test_a_replaced_document_file_is_deleted_from_storage(client, town, settings, tmp_path,
                                                          django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    _login(client, town, Role.COORDINATOR).post(
        reverse("steering:document_create"), _document_data(file=SimpleUploadedFile("program.pdf", PDF))
    )
    document = SteeringDocument.objects.get()
    first = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("steering:document_edit", args=[document.pk]), _document_data(
            file=SimpleUploadedFile("program-2.docx", docx_bytes()), seen_version=document.version))

    assert response.status_code == 302
    document.refresh_from_db()
    assert [p.name for p in tmp_path.rglob("*.*")] == [document.file.name.rsplit("/", 1)[1]]
    assert first.endswith(".pdf") and document.file.name.endswith(".docx")


def test_a_respondent_registers_a_project_only_for_their_own_board(client, town):
    _login(client, town, Role.RESPONDENT)
    data = {"name": "Jobbspår", "purpose": "Arbete", "owner": town.other_board.pk,
            "start_date": "2024-01-01", "end_date": "2024-12-31"}
    response = client.post(reverse("steering:project_create"), data)
    assert "Du kan bara välja en organisation som du företräder." in response.content.decode()
    assert not Project.objects.exists()
    response = client.post(reverse("steering:project_create"), {**data, "owner": town.board.pk})
    assert response.status_code == 302


def test_a_respondent_is_offered_to_edit_only_their_own_boards_activities(client, town, program):
    plan = ActionPlanFactory(area=AreaFactory(program=program))
    own = ActivityFactory(action_plan=plan, responsible=town.board, title="Egen aktivitet")
    other = ActivityFactory(action_plan=plan, responsible=town.other_board, title="Annans aktivitet")
    page = _login(client, town, Role.RESPONDENT).get(plan.area.get_absolute_url()).content.decode()
    assert reverse("steering:activity_edit", args=[own.pk]) in page
    assert reverse("steering:activity_edit", args=[other.pk]) not in page


def test_an_activity_is_edited_inline_in_the_tree_with_htmx(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)),
                               responsible=town.board, title="Språkcafé")
    url = reverse("steering:activity_edit", args=[activity.pk])
    _login(client, town, Role.RESPONDENT)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith(f'<tr id="aktivitet-{activity.pk}">') and "<html" not in fragment
    row = client.post(url, _activity_data(activity, title="Språkcafé varje tisdag"),
                      headers={"HX-Request": "true"}).content.decode()
    assert "Språkcafé varje tisdag" in row and "<form" not in row
    activity.refresh_from_db()
    assert activity.version == 2


def test_an_inline_edit_with_bad_input_shows_the_form_again_and_changes_nothing(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)), responsible=town.board)
    response = _login(client, town, Role.RESPONDENT).post(
        reverse("steering:activity_edit", args=[activity.pk]),
        _activity_data(activity, start_date="2025-05-01", end_date="2025-04-01"), headers={"HX-Request": "true"},
    )
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()
    activity.refresh_from_db()
    assert activity.version == 1


def test_an_inline_edit_of_another_boards_activity_is_refused(client, town, program):
    activity = ActivityFactory(action_plan=ActionPlanFactory(area=AreaFactory(program=program)),
                               responsible=town.other_board)
    response = _login(client, town, Role.RESPONDENT).get(
        reverse("steering:activity_edit", args=[activity.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 403


def test_a_logged_in_user_downloads_the_attached_file(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _login(client, town, Role.COORDINATOR).post(
        reverse("steering:document_create"),
        _document_data(file=SimpleUploadedFile("program.pdf", PDF, content_type="application/pdf")),
    )
    document = SteeringDocument.objects.get()
    client.force_login(town.users[Role.POLITICIAN])
    response = client.get(reverse("steering:document_file", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("value", ["9" * 25, "²", "abc"])
def test_a_malformed_organisation_in_the_document_list_address_is_not_found(client, town, value):
    response = _login(client, town, Role.AUDITOR).get(reverse("steering:document_list"), {"organisation": value})

    assert response.status_code == 404


def test_a_document_uploaded_to_a_full_disk_shows_a_swedish_page_and_no_record(client, town, settings, tmp_path,
                                                                              monkeypatch):
    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    page = _login(client, town, Role.COORDINATOR).post(
        reverse("steering:document_create"), _document_data(file=SimpleUploadedFile("program.pdf", PDF))
    )

    assert page.status_code == 507
    assert "Lagringsutrymmet för filer är fullt, så varken filen eller något annat du skickade har sparats." in (
        page.content.decode())
    assert not SteeringDocument.objects.exists() and not SteeringDocument.history.exists()
