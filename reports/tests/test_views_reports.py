import pytest
from django.utils import timezone
from django.urls import reverse

from followup.tests.factories import CycleFactory, CycleOrganizationFactory
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory
from core.tests.factories import UserFactory
from reports.models import AreaAnalysis, DevelopmentArea, MissedTarget, Report, ReportVersion
from reports.services import missed_target_save, report_create, version_approve, version_submit
from reports.services.versions import NO_ANSWERS, UNEXPLAINED, VERSION_FROZEN
from reports.tests.factories import report_scenario

Role = Membership.Role
COLD_QUERIES = 30
WARM_QUERIES = 7
APPROVED_WARM_QUERIES = 7
# A submitted version's page also reads who may approve it, the program's owner; for one
# who is not its secretary, also the boards above it (one here).
SUBMITTED_WARM_QUERIES = {Role.SECRETARY: WARM_QUERIES + 1, Role.COORDINATOR: WARM_QUERIES + 1,
                          Role.POLITICIAN: WARM_QUERIES + 2}


@pytest.fixture
def coordinator(client, town):
    client.force_login(town.users[Role.COORDINATOR])
    return client


def _draft(town, **kwargs):
    scenario = report_scenario(town, **kwargs)
    return scenario, report_create(cycle=scenario["cycle"]).versions.get()


def _submitted(town):
    scenario, version = _draft(town)
    missed_target_save(version=version, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    return scenario, version_submit(version=version)


def test_the_cycle_page_offers_the_coordinator_to_create_the_report(coordinator, town):
    scenario = report_scenario(town)
    page = coordinator.get(scenario["cycle"].get_absolute_url()).content.decode()
    assert f'action="{reverse("reports:report_create", args=[scenario["cycle"].pk])}"' in page
    assert "Skapa rapport" in page


def test_the_cycle_page_links_to_its_report_once_there_is_one(client, town):
    scenario, version = _draft(town)
    client.force_login(town.users[Role.KS_OFFICIAL])
    page = client.get(scenario["cycle"].get_absolute_url()).content.decode()
    assert version.report.get_absolute_url() in page and "Skapa rapport" not in page


def test_creating_a_report_shows_its_draft(coordinator, town):
    scenario = report_scenario(town)
    response = coordinator.post(reverse("reports:report_create", args=[scenario["cycle"].pk]))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()


def test_a_cycle_without_answers_gets_no_report_and_says_why(coordinator, town):
    cycle = CycleFactory(questionnaire__program__municipality=town.municipality)
    CycleOrganizationFactory(cycle=cycle, organization=town.board)
    response = coordinator.post(reverse("reports:report_create", args=[cycle.pk]), follow=True)
    assert str(NO_ANSWERS) in response.content.decode()
    assert not Report.objects.exists()


def test_a_respondent_cannot_create_a_report(client, town):
    scenario = report_scenario(town)
    client.force_login(town.users[Role.RESPONDENT])
    assert client.post(reverse("reports:report_create", args=[scenario["cycle"].pk])).status_code == 403
    assert not Report.objects.exists()


def test_the_draft_page_shows_the_compiled_content_with_forms_beside_it(coordinator, town):
    _scenario, version = _draft(town)
    page = coordinator.get(version.report.get_absolute_url()).content.decode()
    for text in ["Arbete", "Boende", "Andel i arbete", "Ej uppfyllt", "Språkpraktik hos Arbetslivsnämnden",
                 "Har inte svarat", "Bostadsbolaget har erbjudit lägenheter.", 'role="img"', 'class="table-scroll"',
                 "Missade målvärden", "Lämna in för beslut"]:
        assert text in page, text
    assert page.count('hx-post="') >= 4  # assessment, two analyses, one missed target
    assert "<script" not in page.split("</header>", 1)[-1].split("<footer", 1)[0]
    assert "style=" not in page


def test_a_politician_reads_the_report_without_forms(client, town):
    _scenario, version = _draft(town)
    client.force_login(town.users[Role.POLITICIAN])
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Andel i arbete" in page and "hx-post" not in page and "Lämna in för beslut" not in page


@pytest.mark.parametrize("organizations", [3, 30])
def test_the_report_page_runs_a_fixed_number_of_queries(coordinator, town, django_assert_num_queries,
                                                          organizations):
    """As many queries for 3 as for 30 organisations: compiling and rendering when the
    page is not in the cache, and far fewer once it is."""
    _scenario, version = _draft(town, more_organizations=organizations)
    with django_assert_num_queries(COLD_QUERIES):
        assert coordinator.get(version.get_absolute_url()).status_code == 200
    with django_assert_num_queries(WARM_QUERIES):
        assert coordinator.get(version.get_absolute_url()).status_code == 200


def test_the_report_page_lists_the_owners_once_however_many_targets_were_missed(coordinator, town):
    """Each missed target has a form choosing its owner; the organisations are read once
    for all of them (the scale data's report missed 78 and ran a query for each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from steering.tests.factories import IndicatorFactory, IndicatorValueFactory, TargetFactory

    scenario, version = _draft(town)
    url = version.get_absolute_url()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get(url).status_code == 200
        return len(captured)

    queries()
    one_missed = queries()
    for n in range(5):
        indicator = IndicatorFactory(goal=scenario["missed"].goal, name=f"Missat {n}", baseline=45, unit="%")
        TargetFactory(indicator=indicator, year=2025, value=60)
        IndicatorValueFactory(indicator=indicator, year=2025, value=40)
    response = coordinator.get(url)
    assert response.content.decode().count('name="missat-') >= 6 * 3
    assert queries() == one_missed


def test_the_analysis_is_saved_by_a_plain_post(coordinator, town):
    scenario, version = _draft(town)
    analysis = version.analyses.get(area=scenario["work"])
    prefix = f"analys-{scenario['work'].pk}"
    response = coordinator.post(reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk]),
                                {f"{prefix}-text": "Arbetet går framåt.", f"{prefix}-seen_version": analysis.version})
    assert response.status_code == 302
    assert AreaAnalysis.objects.get(pk=analysis.pk).text == "Arbetet går framåt."


def test_the_analysis_is_saved_by_htmx_and_the_fragment_previews_it(coordinator, town):
    scenario, version = _draft(town)
    analysis = version.analyses.get(area=scenario["work"])
    prefix = f"analys-{scenario['work'].pk}"
    response = coordinator.post(reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk]),
                                {f"{prefix}-text": "Arbetet går framåt.", f"{prefix}-seen_version": analysis.version},
                                HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.startswith("\n  <form") or fragment.lstrip().startswith("<form")
    assert "Sparat." in fragment and "<p>Arbetet går framåt.</p>" in fragment
    assert f'name="{prefix}-seen_version" value="{analysis.version + 1}"' in fragment


def test_a_stale_analysis_is_refused_with_what_changed(coordinator, town):
    scenario, version = _draft(town)
    prefix = f"analys-{scenario['work'].pk}"
    url = reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk])
    coordinator.post(url, {f"{prefix}-text": "Först.", f"{prefix}-seen_version": 1})
    page = coordinator.post(url, {f"{prefix}-text": "Sen.", f"{prefix}-seen_version": 1}).content.decode()
    assert "Någon annan har sparat posten" in page
    assert version.analyses.get(area=scenario["work"]).text == "Först."


def test_an_approved_version_refuses_an_analysis_with_a_message(coordinator, town):
    scenario, version = _submitted(town)
    version_approve(version=version)
    prefix = f"analys-{scenario['work'].pk}"
    page = coordinator.post(reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk]),
                            {f"{prefix}-text": "Ändrat.", f"{prefix}-seen_version": 1}, follow=True).content.decode()
    assert str(VERSION_FROZEN) in page
    assert version.analyses.get(area=scenario["work"]).text == ""


def test_the_missed_target_is_explained_through_its_form(coordinator, town):
    scenario, version = _draft(town)
    prefix = f"missat-{scenario['missed'].pk}"
    coordinator.post(reverse("reports:version_missed_target_save", args=[version.pk, scenario["missed"].pk]), {
        f"{prefix}-cause": "Lågkonjunktur", f"{prefix}-action": "Fler platser", f"{prefix}-owner": town.board.pk})
    assert MissedTarget.objects.get().is_explained


def test_submitting_with_an_unexplained_missed_target_names_it(coordinator, town):
    _scenario, version = _draft(town)
    page = coordinator.post(reverse("reports:version_submit", args=[version.pk]), follow=True).content.decode()
    assert str(UNEXPLAINED % {"indicators": "Andel i arbete"}) in page
    assert ReportVersion.objects.get().status == ReportVersion.Status.DRAFT


def test_the_secretary_of_the_coordinating_board_records_the_approval(client, town):
    _scenario, version = _submitted(town)
    client.force_login(town.users[Role.SECRETARY])
    assert client.post(reverse("reports:version_approve", args=[version.pk])).status_code == 302
    assert ReportVersion.objects.get().status == ReportVersion.Status.APPROVED


def test_a_secretary_of_another_board_cannot_approve(client, town):
    _scenario, version = _submitted(town)
    secretary = UserFactory()
    MembershipFactory(user=secretary, organization=town.other_board, role=Role.SECRETARY)
    client.force_login(secretary)
    assert client.post(reverse("reports:version_approve", args=[version.pk])).status_code == 403
    assert ReportVersion.objects.get().status == ReportVersion.Status.SUBMITTED


def test_a_new_version_shows_what_differs_from_the_previous(coordinator, town):
    scenario, version = _submitted(town)
    version_approve(version=version)
    response = coordinator.post(reverse("reports:version_new", args=[version.report.pk]))
    new = ReportVersion.objects.get(number=2)
    assert response.url == new.get_absolute_url()
    prefix = f"analys-{scenario['work'].pk}"
    coordinator.post(reverse("reports:version_analysis_save", args=[new.pk, scenario["work"].pk]),
                     {f"{prefix}-text": "Ny analys.", f"{prefix}-seen_version": 1})
    page = coordinator.get(new.get_absolute_url()).content.decode()
    assert "Skillnader mot version 1" in page and "Analysen har ändrats." in page and "+Ny analys." in page


def test_a_development_area_is_added_edited_and_marked_done(coordinator, town):
    scenario, version = _draft(town)
    report = version.report
    data = {"title": "Gemensam rutin", "area": scenario["work"].pk, "owner": town.board.pk,
            "actions": "Skriv rutinen.", "description": "", "due_date": "2027-06-30"}
    assert coordinator.post(reverse("reports:development_area_create", args=[report.pk]), data).status_code == 302
    item = DevelopmentArea.objects.get()
    coordinator.post(reverse("reports:development_area_edit", args=[item.pk]),
                     {**data, "title": "Gemensam praktikrutin", "seen_version": item.version})
    assert DevelopmentArea.objects.get().title == "Gemensam praktikrutin"
    page = coordinator.get(report.get_absolute_url()).content.decode()
    assert "Gemensam praktikrutin" in page
    coordinator.post(reverse("reports:development_area_done", args=[item.pk]),
                     {"done_on": "2027-03-01", "outcome": "Rutinen antogs.", "seen_version": 2})
    assert DevelopmentArea.objects.get().outcome == "Rutinen antogs."


def test_the_menu_has_reports(client, town):
    client.force_login(town.users[Role.POLITICIAN])
    assert reverse("reports:report_list") in client.get(reverse("core:dashboard")).content.decode()


def test_next_years_page_offers_to_mark_last_years_development_areas_done(coordinator, town):
    from reports.tests.factories import DevelopmentAreaFactory, ReportVersionFactory

    scenario, version = _submitted(town)
    item = DevelopmentAreaFactory(report=version.report, owner=town.board, title="Gemensam rutin")
    version_approve(version=version)
    next_cycle = CycleFactory(questionnaire=scenario["cycle"].questionnaire, year=2027)
    next_version = ReportVersionFactory(report__cycle=next_cycle, number=1)
    page = coordinator.get(next_version.get_absolute_url()).content.decode()
    assert reverse("reports:development_area_done", args=[item.pk]) in page
    assert "Vad blev det av förra årets utvecklingsområden" in page and "Gemensam rutin" in page


def test_another_municipalitys_coordinator_does_not_find_the_report(client, town):
    from core.tests.factories import MunicipalityFactory
    from organizations.tests.factories import OrganizationFactory

    scenario, version = _draft(town)
    stranger = UserFactory()
    MembershipFactory(user=stranger, role=Role.COORDINATOR,
                      organization=OrganizationFactory(municipality=MunicipalityFactory()))
    client.force_login(stranger)
    assert client.get(version.get_absolute_url()).status_code == 404
    prefix = f"analys-{scenario['work'].pk}"
    response = client.post(reverse("reports:version_analysis_save", args=[version.pk, scenario["work"].pk]),
                           {f"{prefix}-text": "Intrång.", f"{prefix}-seen_version": 1})
    assert response.status_code == 404
    assert version.analyses.get(area=scenario["work"]).text == ""


def _dispatched(town):
    from reports.tests.factories_dispatch import DispatchFactory

    scenario, version = _submitted(town)
    version = version_approve(version=version)
    mine = DispatchFactory(version=version, organization=town.board)
    DispatchFactory(version=version, organization=town.other_board, acknowledged_at=timezone.now())
    return version, mine


def test_a_respondent_whose_organisation_got_the_dispatch_confirms_from_the_version_page(client, town):
    version, mine = _dispatched(town)
    client.force_login(town.users[Role.RESPONDENT])
    page = client.get(version.get_absolute_url()).content.decode()
    button = reverse("reports:dispatch_acknowledge", args=[mine.pk])
    assert f'href="{button}"' in page and "Bekräfta mottagande" in page
    assert client.get(button).status_code == 200


def test_the_button_is_gone_once_the_organisation_confirmed(client, town):
    version, mine = _dispatched(town)
    mine.acknowledged_at = timezone.now()
    mine.save()
    client.force_login(town.users[Role.SECRETARY])
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Bekräfta mottagande" not in page and "Arbetslivsnämnden bekräftade mottagandet" in page


def test_a_member_of_an_organisation_without_a_dispatch_gets_no_button(client, town):
    version, _mine = _dispatched(town)
    client.force_login(town.users[Role.POLITICIAN])
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Bekräfta mottagande" not in page and "Expedierad till" not in page


def test_the_coordinator_sees_the_dispatch_status_from_the_version_page(coordinator, town):
    version, _mine = _dispatched(town)
    page = coordinator.get(version.get_absolute_url()).content.decode()
    assert "Expedierad till 2 organisationer, 1 har bekräftat mottagandet." in page
    assert reverse("reports:dispatch_status", args=[version.pk]) in page


def test_the_dispatch_status_on_the_page_follows_each_acknowledgement_and_dispatch(coordinator, town):
    """The summary is kept in the cache beside the frozen body: an acknowledgement (an
    UPDATE, with no history) and a new dispatch show on the next load."""
    from reports.services.dispatch import dispatch_acknowledge
    from reports.tests.factories_dispatch import DispatchFactory
    from organizations.tests.factories import OrganizationFactory

    version, mine = _dispatched(town)
    url = version.get_absolute_url()
    assert "Expedierad till 2 organisationer, 1 har bekräftat mottagandet." in coordinator.get(url).content.decode()
    dispatch_acknowledge(dispatch=mine, actions={}, name="Sekreteraren")
    assert "Expedierad till 2 organisationer, 2 har bekräftat mottagandet." in coordinator.get(url).content.decode()
    DispatchFactory(version=version, organization=OrganizationFactory(municipality=town.municipality))
    assert "Expedierad till 3 organisationer, 2 har bekräftat mottagandet." in coordinator.get(url).content.decode()


@pytest.mark.parametrize("organizations", [3, 30])
def test_the_approved_versions_page_runs_a_fixed_number_of_queries(client, town, django_assert_num_queries,
                                                                     organizations):
    """Once in the cache, an approved version's page reads the versions and one
    fingerprint for its development areas and dispatch status; a reader who sees neither
    skips the fingerprint too."""
    scenario, version = _draft(town, more_organizations=organizations)
    missed_target_save(version=version, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    version = version_approve(version=version_submit(version=version))
    for role, warm in ((Role.COORDINATOR, APPROVED_WARM_QUERIES), (Role.POLITICIAN, APPROVED_WARM_QUERIES - 1)):
        client.force_login(town.users[role])
        assert client.get(version.get_absolute_url()).status_code == 200
        with django_assert_num_queries(warm):
            assert client.get(version.get_absolute_url()).status_code == 200


def test_a_submitted_versions_page_asks_the_coordinating_board_in_one_query(client, town, django_assert_num_queries):
    """Who may approve a submitted version is decided by the program's owner, read with
    its report and cycle in one query, whoever reads the page."""
    _scenario, version = _submitted(town)
    for role, approves in ((Role.SECRETARY, True), (Role.POLITICIAN, False), (Role.COORDINATOR, True)):
        client.force_login(town.users[role])
        page = client.get(version.get_absolute_url()).content.decode()
        assert ("Registrera godkännande" in page) is approves, role
        with django_assert_num_queries(SUBMITTED_WARM_QUERIES[role]):
            assert client.get(version.get_absolute_url()).status_code == 200


def test_a_new_version_shows_in_the_list_on_the_previous_versions_next_load(coordinator, town):
    """The page is kept with its report's versions: the approved version's page, once in
    the cache, lists the new draft and no longer offers a new version."""
    _scenario, version = _submitted(town)
    version = version_approve(version=version)
    page = coordinator.get(version.get_absolute_url()).content.decode()
    assert "Ny version" in page and "2 (Utkast)" not in page
    coordinator.post(reverse("reports:version_new", args=[version.report_id]))
    page = coordinator.get(version.get_absolute_url()).content.decode()
    assert "Ny version" not in page and "2 (Utkast)" in page


def test_the_confirm_button_is_gone_on_the_next_load_once_the_organisation_confirmed(client, town):
    """The page is kept with the reader's own dispatches as they stand."""
    from reports.services.dispatch import dispatch_acknowledge

    version, mine = _dispatched(town)
    client.force_login(town.users[Role.SECRETARY])
    assert "Bekräfta mottagande" in client.get(version.get_absolute_url()).content.decode()
    dispatch_acknowledge(dispatch=mine, actions={}, name="Sekreteraren")
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Bekräfta mottagande" not in page and "Arbetslivsnämnden bekräftade mottagandet" in page
